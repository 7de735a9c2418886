import { describe, expect, it } from "vitest";
import { compare, createPopulation, parseScenario, simulate, treatedLocalities } from "../src/index.js";

const base = { seed: "evaluation", months: 14, start: "1997-09", population: { households: 800, localities: 40 } } as const;

describe("cluster-randomised roll-out", () => {
  const rct = { ...base, programme: { rule: { kind: "progresa" }, rollout: { kind: "clusterRandomised", treatedShare: 0.6 } } } as const;

  it("treats exactly round(share × localities) localities, reproducibly from the seed", () => {
    const s = parseScenario(rct);
    const treated = treatedLocalities(s);
    expect(treated.reduce((a, b) => a + b, 0)).toBe(24); // round(0.6 × 40)
    expect(treatedLocalities(parseScenario(rct))).toEqual(treated);
    expect(treatedLocalities(parseScenario({ ...rct, seed: "other" }))).not.toEqual(treated);
    expect(treatedLocalities(parseScenario({ ...base, programme: { rule: { kind: "progresa" } } })).every((v) => v === 1)).toBe(true);
  });

  it("pays only treated localities until the control group is phased in", () => {
    const phased = { ...rct, programme: { ...rct.programme, rollout: { kind: "clusterRandomised", treatedShare: 0.6, controlStartMonth: 8 } } } as const;
    const all = simulate({ ...base, programme: { rule: { kind: "progresa" } } });
    const r = simulate(phased);
    const beneficiaries = (x: typeof r, t: number) => x.months[t]!.programme.beneficiaries;
    for (let t = 0; t < 8; t++) {
      expect(beneficiaries(r, t)).toBeGreaterThan(0);
      expect(beneficiaries(r, t)).toBeLessThan(beneficiaries(all, t));
    }
    // From the phase-in month on, every enrolled household is offered benefits again.
    for (let t = 8; t < 14; t++) expect(beneficiaries(r, t)).toBe(beneficiaries(all, t));
  });
});

describe("administrative cost", () => {
  it("adds a share of transfers and a cost per beneficiary-month to the programme's cost", () => {
    const r = simulate({
      ...base,
      programme: { rule: { kind: "progresa" }, administrativeCost: { shareOfTransfers: 0.09, perBeneficiaryMonthLcu: 5 } },
    });
    const t = r.final.totals;
    // 9% of transfers (Progresa's administration was about 9% of cost [S15]) plus 5 per beneficiary-month;
    // each term is rounded to the cent per household and month.
    expect(Math.abs(t.administrativeCostLcu - (0.09 * t.paidLcu + 5 * t.beneficiaryMonths))).toBeLessThan(0.01 * t.beneficiaryMonths);
    expect(t.costLcu).toBeCloseTo(t.paidLcu + t.administrativeCostLcu, 6);
    for (const m of r.months) expect(m.programme.costLcu).toBeCloseTo(m.programme.paidLcu + m.programme.administrativeCostLcu, 6);
  });
});

describe("distribution and long horizon", () => {
  const none = simulate({ ...base, months: 24, programme: null });
  const uct = simulate({ ...base, months: 24, programme: { rule: { kind: "unconditional", lcuPerMonth: 300 } } });

  it("cuts households into ten baseline welfare deciles of about equal population, ordered by consumption", () => {
    const d = none.final.distribution.byBaselineDecile;
    expect(d).toHaveLength(10);
    const persons = d.map((c) => c.persons);
    const total = persons.reduce((a, b) => a + b, 0);
    for (const p of persons) (expect(p / total).toBeGreaterThan(0.07), expect(p / total).toBeLessThan(0.13));
    // Baseline deciles are of permanent income; consumption two years on still rises with them.
    expect(d[9]!.consumptionPerAeLcu!).toBeGreaterThan(2 * d[0]!.consumptionPerAeLcu!);
    expect(none.final.distribution.byRemoteness).toHaveLength(3);
  });

  it("shows a transfer to the classified poor reaching the bottom deciles most", () => {
    const gain = (k: number) =>
      uct.final.distribution.byBaselineDecile[k]!.consumptionPerAeLcu! / none.final.distribution.byBaselineDecile[k]!.consumptionPerAeLcu! - 1;
    expect(gain(0)).toBeGreaterThan(gain(9));
    expect(uct.final.distribution.byBaselineDecile[0]!.transfersPerHouseholdLcu!).toBeGreaterThan(
      uct.final.distribution.byBaselineDecile[9]!.transfersPerHouseholdLcu!,
    );
  });

  it("reports completed schooling by birth cohort and sex at the end of a 10-year run", () => {
    const r = simulate({ ...base, months: 120, population: { households: 300, localities: 10 }, programme: null });
    const cohorts = r.final.schoolingByCohort;
    const of = (year: number, sex: "boys" | "girls") => cohorts.find((c) => c.birthYear === year && c.sex === sex);
    // Born 1985: 12 at the start, 22 at the end — done with school: several grades, at most 12.
    const c85 = of(1985, "girls");
    expect(c85 && c85.persons).toBeGreaterThan(0);
    expect(c85!.meanGradesCompleted).toBeGreaterThan(3);
    expect(c85!.meanGradesCompleted).toBeLessThanOrEqual(12);
    // Born during the run: too young for any grade.
    expect(of(2006, "boys")?.meanGradesCompleted ?? 0).toBe(0);
    // Persons in cohorts add up to the living people born from 1967 on.
    const counted = cohorts.reduce((s, c) => s + c.persons, 0);
    expect(counted).toBeLessThanOrEqual(r.months[119]!.segments.all.persons);
    expect(counted).toBeGreaterThan(0.5 * r.months[119]!.segments.all.persons);
  });

  it("counts who is better and worse off than without the programme (same households, same draws)", () => {
    const shares = (behaviour: object) => {
      const cmp = compare(
        [
          { ...base, name: "none", programme: null, behaviour },
          { ...base, name: "uct", programme: { rule: { kind: "unconditional", lcuPerMonth: 300 } }, behaviour },
        ],
        { replications: 2, seed: "shares" },
      );
      return { better: cmp.values.get("uct")!.get("households/betterOff")!, worse: cmp.values.get("uct")!.get("households/worseOff")! };
    };
    // Only classified-poor households (52%) are paid; without interactions the others are untouched.
    // Without the work response nobody paid consumes less.
    const still = shares({ workTransferEffect: 0 });
    for (const b of still.better) (expect(b).toBeGreaterThan(0.45), expect(b).toBeLessThanOrEqual(0.53));
    for (const w of still.worse) expect(w).toBe(0);
    // With it (L4), a few paid adults stop working and their households consume less — a small share.
    const { better, worse } = shares({});
    for (const [k, w] of worse.entries()) {
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThan(0.06);
      expect(better[k]! + w).toBeLessThanOrEqual(0.53);
    }
  });
});

describe("targeting accuracy", () => {
  const run = (targeting: object | null) =>
    simulate({ ...base, months: 1, programme: targeting ? { rule: { kind: "progresa" }, targeting } : null }).meta.targeting;

  it("measures inclusion and exclusion errors against true poverty and coverage of the poorest quintile", () => {
    const all = run({ kind: "all" });
    expect(all.exclusionError).toBe(0);
    expect(all.poorestQuintileCoverage).toBe(1);
    expect(all.inclusionError!).toBeGreaterThan(0); // the non-poor are enrolled too
    const none = run(null);
    expect(none.inclusionError).toBeNull();
    expect(none.exclusionError).toBe(1);
    expect(none.poorestQuintileCoverage).toBe(0);
    // A means test errs both ways, but less than enrolling everyone on inclusion.
    const poor = run({ kind: "poor" });
    expect(poor.inclusionError!).toBeGreaterThan(0);
    expect(poor.inclusionError!).toBeLessThan(all.inclusionError!);
    expect(poor.exclusionError!).toBeGreaterThan(0);
    expect(poor.exclusionError!).toBeLessThan(1);
    expect(poor.poorestQuintileCoverage!).toBeGreaterThan(0.6);
  });
});

describe("more targeting kinds", () => {
  const targeted = (targeting: object) => simulate({ ...base, months: 1, programme: { rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting } });

  it("universal enrols every household, like all", () => {
    expect(targeted({ kind: "universal" }).meta.targetedHouseholds).toBe(800);
  });

  it("categorical enrols exactly the households with a member in a listed category", () => {
    const population = createPopulation(parseScenario(base));
    const P = population.persons;
    let withChild = 0;
    for (let h = 0; h < population.householdCount; h++) {
      const first = population.households.firstSlot[h]!;
      let found = false;
      for (let m = 0; m < population.households.initialSize[h]!; m++) {
        const ageMonths = -P.birthMonth[first + m]!;
        if (ageMonths >= 72 && ageMonths < 216) found = true;
      }
      if (found) withChild++;
    }
    expect(targeted({ kind: "categorical", categories: ["schoolAgeChild"] }).meta.targetedHouseholds).toBe(withChild);
    const wider = targeted({ kind: "categorical", categories: ["schoolAgeChild", "under5", "elderly"] }).meta.targetedHouseholds;
    expect(wider).toBeGreaterThanOrEqual(withChild);
  });

  it("geographic enrols whole localities, poorest first", () => {
    let enrolled: Uint8Array | undefined;
    const population = createPopulation(parseScenario(base));
    const r = simulate(
      { ...base, months: 1, programme: { rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "geographic", localityShare: 0.25 } } },
      { population, observe: (_t, st) => (enrolled = st.beneficiary.slice()) },
    );
    // 10 of 40 localities; localities hold 20 households each here (800 / 40).
    expect(r.meta.targetedHouseholds).toBe(200);
    const hh = population.households;
    const meanScore = (l: number) => {
      let s = 0;
      for (let h = population.localities.firstHousehold[l]!; h < population.localities.firstHousehold[l + 1]!; h++) s += hh.meansTestScore[h]!;
      return s / 20;
    };
    const inLocality = new Map<number, number[]>();
    for (let h = 0; h < population.householdCount; h++) inLocality.set(hh.locality[h]!, [...(inLocality.get(hh.locality[h]!) ?? []), enrolled![h]!]);
    const chosen = [...inLocality].filter(([, v]) => v.every((x) => x === 1)).map(([l]) => l);
    const others = [...inLocality].filter(([, v]) => v.every((x) => x === 0)).map(([l]) => l);
    // Whole localities only, and every chosen locality is poorer (lower mean score) than every other.
    expect(chosen.length + others.length).toBe(40);
    expect(Math.max(...chosen.map(meanScore))).toBeLessThanOrEqual(Math.min(...others.map(meanScore)));
  });
});

describe("take-up", () => {
  const run = (takeUp: object) =>
    simulate({ ...base, months: 1, programme: { rule: { kind: "progresa" }, targeting: { kind: "all" }, takeUp } }).meta.targetedHouseholds;

  it("is full by default, and falls with information and with the cost of reaching the pay point", () => {
    expect(run({})).toBe(800);
    // Half the households informed: binomial(800, 0.5) lies within 400 ± 4 sd (sd ≈ 14) with near certainty.
    const informed = run({ informationRate: 0.5 });
    expect(Math.abs(informed - 400)).toBeLessThan(57);
    // Travel costs: households whose benefit over a payment period is below the round trip drop out,
    // more of them as the cost per km rises.
    const cheap = run({ travelCostLcuPerKm: 40 });
    const dear = run({ travelCostLcuPerKm: 150 });
    expect(cheap).toBeLessThan(800);
    expect(dear).toBeLessThan(cheap);
    expect(run({ informationRate: 0 })).toBe(0);
  });
});

describe("recertification", () => {
  const run = (recertification: object) =>
    simulate({ ...base, months: 24, programme: { rule: { kind: "unconditional", lcuPerMonth: 150 }, targeting: { kind: "all" }, recertification } });

  it("never recertifies by default", () => {
    const r = run({});
    expect(r.final.totals.beneficiaryMonths).toBeGreaterThan(0);
    expect(r.months.reduce((s, m) => s + m.programme.graduations, 0)).toBe(0);
  });

  it("graduates households above the exit threshold after the grace period, and lets them re-enter", () => {
    const r = run({ everyMonths: 6, exitThreshold: 1.0, graceMonths: 2, reentry: true });
    const grads = r.months.map((m) => m.programme.graduations);
    // Recertification in months 6, 12, 18; graduation two months later.
    expect(grads[8]).toBeGreaterThan(0);
    for (const t of [0, 1, 2, 3, 4, 5, 6, 7]) expect(grads[t]).toBe(0);
    expect(r.months[9]!.programme.beneficiaries).toBeLessThan(r.months[7]!.programme.beneficiaries);
    // Incomes move with shocks: some graduates are back below the threshold at a later recertification.
    expect(r.months.reduce((s, m) => s + m.programme.reentries, 0)).toBeGreaterThan(0);
    const noReentry = run({ everyMonths: 6, exitThreshold: 1.0, graceMonths: 2, reentry: false });
    expect(noReentry.months.reduce((s, m) => s + m.programme.reentries, 0)).toBe(0);
  });
});
