import { describe, expect, it } from "vitest";
import type { ResolvedScenario } from "../src/config/scenario.js";
import type { Comparison } from "../src/experiment/compare.js";
import { costEffectiveness, fiellerInterval } from "../src/experiment/costEffectiveness.js";
import { meanInterval, studentTQuantile } from "../src/experiment/intervals.js";
import {
  DEFAULT_SOCIAL_RETURN_PARAMETERS,
  internalRateOfReturn,
  lifetimeEarningsGain,
  presentValue,
  PROGRESA_IRR_REFERENCE,
  signChanges,
  socialReturn,
  socialReturnParameterSources,
  socialReturnParametersSchema,
} from "../src/experiment/socialReturn.js";

/** A hand-built Comparison: per scenario, metric → values per replication. */
function fakeComparison(values: Record<string, Record<string, number[]>>, resolved: Record<string, Partial<ResolvedScenario>> = {}): Comparison {
  const scenarios = Object.keys(values);
  const replications = Object.values(Object.values(values)[0]!)[0]!.length;
  return {
    scenarios,
    baseline: scenarios[0]!,
    replications,
    level: 0.95,
    resolved: resolved as unknown as Record<string, ResolvedScenario>,
    outcomes: new Map(),
    values: new Map(Object.entries(values).map(([s, m]) => [s, new Map(Object.entries(m))])),
  };
}

/** A resolved scenario with only what socialReturn reads. */
function resolvedStub(start: string, months: number, preset = "mexico-rural-1997"): Partial<ResolvedScenario> {
  return {
    start,
    months,
    programme: { startMonth: 0 } as ResolvedScenario["programme"],
    population: { preset, parameters: { schoolYearStartMonth: 9 } } as unknown as ResolvedScenario["population"],
  };
}

// Annuity factor of 42 end-of-year payments at 5%: 1.05^42 = 7.761588, so
// (1 − 1/7.761588) / 0.05 = (1 − 0.128840) / 0.05 = 17.423208.
const ANNUITY_42_AT_5 = (1 - Math.pow(1.05, -42)) / 0.05;

describe("lifetimeEarningsGain", () => {
  it("is the annuity of β · years · w over 42 working years for a person aged 18", () => {
    // Gain per year: 0.09 × 1 year × 6,960 pesos × employment 1 = 626.4 pesos.
    // PV = 626.4 × 17.423208 = 10,913.90 pesos.
    expect(ANNUITY_42_AT_5).toBeCloseTo(17.423208, 6);
    expect(lifetimeEarningsGain(1, {}, 18)).toBeCloseTo(10_913.897, 2);
    expect(lifetimeEarningsGain(1, {}, 18)).toBeCloseTo(0.09 * 6960 * ANNUITY_42_AT_5, 8);
  });

  it("discounts a child's gain over the years before work: aged 10, × 1.05^−8", () => {
    // 10,913.90 × 1.05^−8 = 10,913.90 × 0.676839 = 7,386.96 pesos.
    expect(lifetimeEarningsGain(1, {}, 10)).toBeCloseTo(7386.955, 2);
  });

  it("scales linearly in years, and counts only the working life left", () => {
    expect(lifetimeEarningsGain(2.5, {}, 12)).toBeCloseTo(2.5 * lifetimeEarningsGain(1, {}, 12), 8);
    // Aged 59.5: half of the last working year, paid at 60, half a year away.
    expect(lifetimeEarningsGain(1, {}, 59.5)).toBeCloseTo(626.4 * 0.5 * Math.pow(1.05, -0.5), 8);
    expect(lifetimeEarningsGain(1, {}, 60)).toBe(0);
    expect(lifetimeEarningsGain(1, {}, 75)).toBe(0);
  });

  it("with growth equal to the discount rate, the PV is the undiscounted sum", () => {
    // ((1 + g) / (1 + r))^t = 1: 42 years × 626.4 = 26,308.8.
    expect(lifetimeEarningsGain(1, { earningsGrowth: 0.05 }, 18)).toBeCloseTo(42 * 626.4, 6);
    // Zero discount, zero growth, half employment: 42 × 626.4 × 0.5.
    expect(lifetimeEarningsGain(1, { discountRate: 0, employmentShare: 0.5 }, 5)).toBeCloseTo(21 * 626.4, 6);
  });
});

describe("present value and internal rate of return", () => {
  it("−100 now and +110 in a year: IRR 10%", () => {
    const flows = [
      { time: 0, amount: -100 },
      { time: 1, amount: 110 },
    ];
    expect(internalRateOfReturn(flows)).toBeCloseTo(0.1, 10);
    expect(presentValue(flows, 0.1)).toBeCloseTo(0, 10);
    expect(presentValue(flows, 0)).toBe(10);
  });

  it("−100 now, +60 in one and two years: IRR from the quadratic", () => {
    // 60x² + 60x − 100 = 0 with x = 1/(1 + ρ): x = (−60 + √(3600 + 24000)) / 120 = 0.884437, ρ = 0.130662.
    const x = (-60 + Math.sqrt(3600 + 24_000)) / 120;
    const irr = internalRateOfReturn([
      { time: 0, amount: -100 },
      { time: 1, amount: 60 },
      { time: 2, amount: 60 },
    ]);
    expect(irr).toBeCloseTo(1 / x - 1, 10);
    expect(irr).toBeCloseTo(0.130662, 6);
  });

  it("a loss has a negative IRR; costs only have none (null)", () => {
    expect(
      internalRateOfReturn([
        { time: 0, amount: -100 },
        { time: 1, amount: 90 },
      ]),
    ).toBeCloseTo(-0.1, 10);
    expect(internalRateOfReturn([{ time: 0, amount: -100 }])).toBeNull();
    expect(internalRateOfReturn([])).toBeNull();
  });

  it("counts sign changes in time order", () => {
    expect(
      signChanges([
        { time: 1, amount: 5 },
        { time: 0, amount: -1 },
      ]),
    ).toBe(1);
    expect(
      signChanges([
        { time: 0, amount: -1 },
        { time: 1, amount: 0 },
        { time: 2, amount: 3 },
        { time: 3, amount: -1 },
      ]),
    ).toBe(2);
  });
});

describe("cost-effectiveness", () => {
  // Three replications. Incremental costs 12,000, 15,000, 18,000 (baseline costs 0).
  const cmp = fakeComparison({
    none: {
      "totals/costLcu": [0, 0, 0],
      "totals/enrolledChildMonths/all": [1200, 1200, 1200],
      "all/stuntedChildren": [100, 100, 100],
      "all/poorPersons": [500, 500, 500],
    },
    cct: {
      "totals/costLcu": [12_000, 15_000, 18_000],
      "totals/enrolledChildMonths/all": [1392, 1440, 1488], // +16, +20, +24 child-years
      "all/stuntedChildren": [90, 100, 110], // averted 10, 0, −10
      "all/poorPersons": [450, 450, 450], // 50 fewer poor in each
    },
  });
  const ce = costEffectiveness(cmp, "cct");

  it("divides incremental cost by the paired increment in each replication", () => {
    expect(ce.baseline).toBe("none");
    expect(ce.costs).toEqual([12_000, 15_000, 18_000]);
    const e = ce.measures.enrolmentYears;
    expect(e.increments).toEqual([16, 20, 24]);
    // 12,000 / 16 = 15,000 / 20 = 18,000 / 24 = 750 pesos per child-year.
    expect(e.perReplication).toEqual([750, 750, 750]);
    expect(e.meanOfRatios).toMatchObject({ mean: 750, halfWidth: 0 });
    expect(e.ratioOfMeans.ratio).toBeCloseTo(750, 10); // 15,000 / 20
    // Cost proportional to the increment in every replication: the Fieller set is the single point 750.
    expect(e.ratioOfMeans.lower).toBeCloseTo(750, 6);
    expect(e.ratioOfMeans.upper).toBeCloseTo(750, 6);
    expect(e.nonPositiveReplications).toBe(0);
    expect(e.notes).toEqual([]);
  });

  it("says when the mean increment is not significant: the ratio of means stays, its interval goes", () => {
    // Increments 10, 20, 30: mean 20, sd 10, half-width 4.302653 × 10/√3 = 24.84 > 20.
    const noisy = fakeComparison({
      none: { "totals/costLcu": [0, 0, 0], "totals/enrolledChildMonths/all": [1200, 1200, 1200] },
      cct: { "totals/costLcu": [12_000, 15_000, 18_000], "totals/enrolledChildMonths/all": [1320, 1440, 1560] },
    });
    const e = costEffectiveness(noisy, "cct").measures.enrolmentYears;
    expect(e.perReplication).toEqual([1200, 750, 600]); // 12,000/10, 15,000/20, 18,000/30
    expect(e.meanOfRatios?.mean).toBeCloseTo(850, 10); // (1,200 + 750 + 600) / 3
    expect(e.ratioOfMeans).toEqual({ ratio: 750, lower: null, upper: null });
    expect(e.notes.join(" ")).toMatch(/not significantly above 0/);
  });

  it("reports null (never Infinity or NaN) where the increment is ≤ 0, and says so", () => {
    const s = ce.measures.stuntingAverted;
    expect(s.increments).toEqual([10, 0, -10]);
    expect(s.perReplication).toEqual([1200, null, null]);
    expect(s.nonPositiveReplications).toBe(2);
    expect(s.meanOfRatios).toBeNull();
    expect(s.ratioOfMeans).toEqual({ ratio: null, lower: null, upper: null }); // mean increment 0
    expect(s.notes.join(" ")).toMatch(/increment ≤ 0 in 2 of 3/);
    expect(JSON.stringify(ce)).not.toMatch(/Infinity|NaN/);
  });

  it("with a constant increment, the Fieller interval is the cost interval divided by it", () => {
    const p = ce.measures.povertyAverted;
    expect(p.perReplication).toEqual([240, 300, 360]);
    const costInterval = meanInterval([12_000, 15_000, 18_000]);
    expect(p.ratioOfMeans.ratio).toBeCloseTo(300, 10);
    expect(p.ratioOfMeans.lower).toBeCloseTo(costInterval.lower / 50, 8);
    expect(p.ratioOfMeans.upper).toBeCloseTo(costInterval.upper / 50, 8);
  });

  it("marks outcomes whose metric is missing as unavailable", () => {
    const v = ce.measures.clinicVisits;
    expect(v.available).toBe(false);
    expect(v.metric).toBe("totals/clinicVisits/all");
    expect(v.perReplication).toEqual([]);
    expect(v.ratioOfMeans.ratio).toBeNull();
  });

  it("with a constant cost, the Fieller interval is c / (ē ± h)", () => {
    // Increments 40, 50, 60: mean 50, sd 10, h = t(0.975, 2) · 10 / √3 = 4.302653 × 5.773503 = 24.8414.
    const h = (studentTQuantile(0.975, 2) * 10) / Math.sqrt(3);
    expect(h).toBeCloseTo(24.8414, 4);
    const r = fiellerInterval([1000, 1000, 1000], [40, 50, 60]);
    expect(r.ratio).toBeCloseTo(20, 12);
    expect(r.lower).toBeCloseTo(1000 / (50 + h), 8); // 13.41
    expect(r.upper).toBeCloseTo(1000 / (50 - h), 8); // 39.74
  });

  it("leaves the Fieller interval unbounded (null) when the increment is not significant", () => {
    const r = fiellerInterval([1000, 1000, 1000], [-10, 50, 110]);
    expect(r.ratio).toBeCloseTo(20, 12);
    expect(r.lower).toBeNull();
    expect(r.upper).toBeNull();
    expect(fiellerInterval([1000], [50])).toEqual({ ratio: 20, lower: 20, upper: 20 });
  });

  it("rejects unknown scenarios and a baseline equal to the scenario", () => {
    expect(() => costEffectiveness(cmp, "uct")).toThrow(/no scenario "uct"/);
    expect(() => costEffectiveness(cmp, "none")).toThrow(/both "none"/);
  });
});

describe("social return", () => {
  // Run of 6 months from 2000-01: it ends at 2000.5, so the cohort born in 1982 (mid-year) is
  // exactly 18 at the end. Under the CCT its 20 girls have 0.5 more grades: 10 extra years.
  const resolved = { none: resolvedStub("2000-01", 6), cct: resolvedStub("2000-01", 6) };
  const values = {
    none: {
      "totals/costLcu": [0, 0],
      "all/stuntedChildren": [100, 100],
      "cohorts/1982/girls/meanGradesCompleted": [6, 6],
      "cohorts/1982/girls/persons": [20, 20],
      "cohorts/1994/boys/meanGradesCompleted": [0, 0],
      "cohorts/1994/boys/persons": [30, 30],
    },
    cct: {
      "totals/costLcu": [60_000, 60_000],
      "all/stuntedChildren": [90, 90],
      "cohorts/1982/girls/meanGradesCompleted": [6.5, 6.25],
      "cohorts/1982/girls/persons": [20, 20],
      "cohorts/1994/boys/meanGradesCompleted": [0, 0],
      "cohorts/1994/boys/persons": [30, 30],
    },
  };
  const cmp = fakeComparison(values, resolved);
  const sr = socialReturn(cmp, "cct");
  const first = sr.perReplication[0]!;

  // Benefits: 0.09 × 10 years × 6,960 = 6,264 pesos a year, paid at 0.5 + 1 … 0.5 + 42 years
  // after the start: 6,264 × 17.423208 × 1.05^−0.5 = 106,508.6.
  const pvBenefits = 6264 * ANNUITY_42_AT_5 * Math.pow(1.05, -0.5);
  // Costs: 60,000 spread over 6 months, 10,000 at 0, 1/12, …, 5/12 years.
  const pvCosts = [0, 1, 2, 3, 4, 5].reduce((s, m) => s + 10_000 * Math.pow(1.05, -m / 12), 0);

  it("sums extra grades × persons over cohorts and values them over working life", () => {
    expect(sr.cohorts).toBe(2);
    expect(first.extraYearsOfSchooling).toBeCloseTo(10, 12);
    expect(first.pvSchoolingBenefits).toBeCloseTo(pvBenefits, 6);
    expect(first.pvBenefits).toBeCloseTo(106_508.6, 0);
    expect(first.pvHealthBenefits).toBe(0);
    expect(first.pvCosts).toBeCloseTo(pvCosts, 6);
    expect(first.benefitCostRatio).toBeCloseTo(pvBenefits / pvCosts, 10);
    expect(first.netPresentValue).toBeCloseTo(pvBenefits - pvCosts, 6);
    expect(first.signChanges).toBe(1);
  });

  it("finds the IRR where PV benefits = PV costs (checked with the closed-form annuity)", () => {
    const rho = first.internalRateOfReturn!;
    expect(rho).toBeGreaterThan(0.05);
    const benefitsAt = 6264 * ((1 - Math.pow(1 + rho, -42)) / rho) * Math.pow(1 + rho, -0.5);
    const costsAt = [0, 1, 2, 3, 4, 5].reduce((s, m) => s + 10_000 * Math.pow(1 + rho, -m / 12), 0);
    expect(benefitsAt / costsAt).toBeCloseTo(1, 9);
  });

  it("summarises across replications with intervals, and reports the Progresa reference", () => {
    // Replication 2: 0.25 × 20 = 5 extra years, half the benefits.
    expect(sr.perReplication[1]!.pvBenefits).toBeCloseTo(pvBenefits / 2, 6);
    expect(sr.extraYearsOfSchooling.mean).toBeCloseTo(7.5, 12);
    expect(sr.pvBenefits.mean).toBeCloseTo(0.75 * pvBenefits, 6);
    expect(sr.benefitCostRatioOfMeans).toBeCloseTo((0.75 * pvBenefits) / pvCosts, 10);
    expect(sr.benefitCostRatio?.n).toBe(2);
    expect(sr.internalRateOfReturn?.n).toBe(2);
    expect(sr.internalRateOfReturnOfMeans).not.toBeNull();
    expect(sr.reference.internalRateOfReturn).toBe(0.08);
    expect(sr.reference.source).toMatchObject({ kind: "evidence", ref: "S17" });
    expect(sr.notes.join(" ")).toMatch(/child health is excluded/);
    expect(sr.notes.join(" ")).toMatch(/credits 0 transition/);
  });

  it("adds health benefits only through a parameter that defaults to 0", () => {
    // 10 stunting cases averted × 5% × 6,960 = 3,480 pesos a year, from a child aged 2.5 at the end:
    // 3,480 × 17.423208 × 1.05^−(15.5 + 0.5).
    const withHealth = socialReturn(cmp, "cct", { parameters: { stuntingAvertedEarningsGain: 0.05 } });
    expect(withHealth.perReplication[0]!.stuntingAverted).toBe(10);
    expect(withHealth.perReplication[0]!.pvHealthBenefits).toBeCloseTo(3480 * ANNUITY_42_AT_5 * Math.pow(1.05, -16), 6);
  });

  it("needs local earnings outside mexico-rural-1997, and matching runs", () => {
    const indo = fakeComparison(values, { none: resolvedStub("2000-01", 6, "indonesia-2020"), cct: resolvedStub("2000-01", 6, "indonesia-2020") });
    expect(() => socialReturn(indo, "cct")).toThrow(/baseAnnualEarningsLcu/);
    expect(() => socialReturn(indo, "cct", { parameters: { baseAnnualEarningsLcu: 20_000_000 } })).not.toThrow();
    const mismatch = fakeComparison(values, { none: resolvedStub("2000-01", 6), cct: resolvedStub("2000-01", 12) });
    expect(() => socialReturn(mismatch, "cct")).toThrow(/same months/);
  });
});

describe("social-return parameters", () => {
  it("have the documented defaults", () => {
    expect(DEFAULT_SOCIAL_RETURN_PARAMETERS).toEqual({
      mincerReturn: 0.09,
      baseAnnualEarningsLcu: 6960, // 29 pesos/day × 20 days × 12 months
      workStartAge: 18,
      workEndAge: 60,
      discountRate: 0.05,
      earningsGrowth: 0,
      employmentShare: 1,
      stuntingAvertedEarningsGain: 0,
    });
    expect(29 * 20 * 12).toBe(6960);
  });

  it("carry a source for every parameter", () => {
    for (const key of Object.keys(DEFAULT_SOCIAL_RETURN_PARAMETERS)) {
      const s = socialReturnParameterSources[key as keyof typeof socialReturnParameterSources];
      expect(s, key).toBeDefined();
      expect(s.kind === "assumption" ? s.note : s.ref, key).not.toBe("");
    }
    expect(socialReturnParameterSources.baseAnnualEarningsLcu).toMatchObject({ kind: "evidence", ref: "S3" });
    // The Mincer return is from the literature, not the evidence file.
    expect(socialReturnParameterSources.mincerReturn.kind).toBe("literature");
    expect(JSON.stringify(socialReturnParameterSources.mincerReturn)).toMatch(/Psacharopoulos & Patrinos \(2018\)/);
    expect(PROGRESA_IRR_REFERENCE.internalRateOfReturn).toBe(0.08);
  });

  it("reject inconsistent values", () => {
    expect(() => socialReturnParametersSchema.parse({ workStartAge: 60, workEndAge: 18 })).toThrow();
    expect(() => socialReturnParametersSchema.parse({ mincerReturn: -0.1 })).toThrow();
    expect(() => socialReturnParametersSchema.parse({ unknown: 1 })).toThrow();
  });
});

describe("on a real comparison", () => {
  it("finds every metric it needs in compare's output", async () => {
    const { compare } = await import("../src/experiment/compare.js");
    const population = { preset: "mexico-rural-1997", households: 400 };
    const cmp = compare(
      [
        { name: "none", months: 13, population },
        { name: "cct", months: 13, population, programme: { rule: { kind: "progresa" }, administrativeCost: { shareOfTransfers: 0.09 } } },
      ],
      { replications: 2, seed: "economics" },
    );
    const ce = costEffectiveness(cmp, "cct");
    for (const m of Object.values(ce.measures)) expect(m.available, m.metric).toBe(true);
    expect(ce.cost.mean).toBeGreaterThan(0);
    const sr = socialReturn(cmp, "cct");
    expect(sr.cohorts).toBeGreaterThan(20);
    expect(sr.pvCosts.mean).toBeGreaterThan(0);
    expect(sr.notes.join(" ")).toMatch(/credits 1 transition/); // September 1998
    expect(JSON.stringify({ ce, sr })).not.toMatch(/Infinity|NaN/);
  });
});
