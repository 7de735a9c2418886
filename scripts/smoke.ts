import { simulate } from "../src/engine/simulate.js";
const t0 = performance.now();
for (const rule of [null, { kind: "progresa" }] as const) {
  const r = simulate({ seed: 1, months: 36, population: { households: 5000 }, programme: rule ? { rule } : null });
  const f = r.final.segments.poor;
  console.log(rule?.kind ?? "none", JSON.stringify({ enrol: f.enrolment, work: f.childWork.all, cons: f.consumptionPerAeLcu, pov: f.povertyHeadcount, gini: f.gini, stunt: f.stuntingUnder5, ill: f.illness, visits: f.clinicVisitsPerPerson, paid: r.final.totals.paidLcu, persons: r.meta.personsAtStart, births: r.final.totals.births, deaths: r.final.totals.deaths, lost: r.final.totals.birthsWithoutSlot }, (k, v) => typeof v === "number" ? Math.round(v * 1000) / 1000 : v));
  console.log("month0 enrol", JSON.stringify(r.months[0]!.segments.all.enrolment), "month12", JSON.stringify(r.months[12]!.segments.all.enrolment));
}
console.log("ms", performance.now() - t0);
