import { simulate, createPopulation } from "../src/index.js";
const base = { seed: 3, months: 26, start: "1997-09", population: { households: 20000 } } as const;
const pop = createPopulation(base);
const a = simulate({ ...base, programme: null }, { population: pop });
const b = simulate({ ...base, programme: { rule: { kind: "progresa" } } }, { population: pop });
for (const t of [1, 13, 25]) {
  const A = a.months[t]!.segments.poor.enrolment, B = b.months[t]!.segments.poor.enrolment;
  console.log(a.months[t]!.date, (["age6to11", "age12to14", "age15to17", "boys", "girls", "all"] as const).map((g) => `${g} ${(B[g]! - A[g]!).toFixed(3)}`).join("  "));
}
const paid = b.final.totals.paidLcu / b.final.totals.beneficiaryMonths;
const adult = b.months.reduce((s, m) => s + m.segments.poor.adultEarningsLcu, 0) / b.months.reduce((s, m) => s + m.segments.poor.households, 0);
console.log("paid per beneficiary-month", paid.toFixed(0), "adult earnings per poor hh-month", adult.toFixed(0), "ratio", (paid / adult).toFixed(3));
console.log("compliance", b.months[13]!.programme.complianceRate, "stunting all", a.final.segments.all.stuntingUnder5, "haz", a.final.segments.all.meanHazUnder5);
