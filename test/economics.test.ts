import { describe, expect, it } from "vitest";
import type { ResolvedScenario } from "../src/config/scenario.js";
import type { Comparison } from "../src/experiment/compare.js";
import { costEffectiveness, fiellerInterval } from "../src/experiment/costEffectiveness.js";
import { meanInterval, studentTQuantile } from "../src/experiment/intervals.js";
import { LIFETIME_YEARS } from "../src/outcomes/cohorts.js";
import {
  DEFAULT_SOCIAL_RETURN_PARAMETERS,
  internalRateOfReturn,
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
function resolvedStub(start: string, months: number, currency = "MXN"): Partial<ResolvedScenario> {
  return {
    start,
    months,
    programme: { startMonth: 0 } as ResolvedScenario["programme"],
    population: { preset: "mexico-rural-1997", parameters: { currency, schoolingReturn: [0.05, 0.06] } } as unknown as ResolvedScenario["population"],
  };
}

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
  // A 12-month run from 2000-01 (months at (t + ½)/12 years). Under the CCT: transfers 1,000 and
  // administration 100 a month in months 0–5; children earn 20 a month less then (forgone);
  // adults earn 50 a month more in months 6–11; after the run, 600 a year more in years 0 and 1
  // (at 1.5 and 2.5 years). Entitlements: 4,000 education, 1,500 food and health of 6,000.
  const months = 12;
  const ledger = (f: (flow: string, t: number) => number) => {
    const out: Record<string, number[]> = {};
    for (const flow of ["transfers", "administration", "adultEarnings", "childEarnings"]) {
      for (let t = 0; t < months; t++) out[`ledger/${flow}/${t}`] = [f(flow, t), f(flow, t)];
    }
    for (let k = 0; k < LIFETIME_YEARS; k++) out[`ledger/projectedEarnings/${k}`] = [f("projectedEarnings", k), f("projectedEarnings", k)];
    return out;
  };
  const none = ledger((flow, t) => (flow === "adultEarnings" ? 1000 : flow === "childEarnings" ? 100 : flow === "projectedEarnings" && t < 2 ? 12_000 : 0));
  const cct = ledger((flow, t) => {
    const early = t < 6;
    switch (flow) {
      case "transfers":
        return early ? 1000 : 0;
      case "administration":
        return early ? 100 : 0;
      case "adultEarnings":
        return early ? 1000 : 1050;
      case "childEarnings":
        return early ? 80 : 100;
      default:
        return t < 2 ? 12_600 : 0;
    }
  });
  const totals = { "totals/entitledLcu": [6000, 6000], "totals/entitledEducationLcu": [4000, 4000], "totals/entitledFoodHealthLcu": [1500, 1500] };
  const cohorts = {
    none: { "cohorts/1982/girls/meanGradesCompleted": [6, 6], "cohorts/1982/girls/persons": [20, 20] },
    cct: { "cohorts/1982/girls/meanGradesCompleted": [6.5, 6.25], "cohorts/1982/girls/persons": [20, 20] },
  };
  const resolved = { none: resolvedStub("2000-01", months), cct: resolvedStub("2000-01", months) };
  const cmp = fakeComparison({ none: { ...none, ...cohorts.none }, cct: { ...cct, ...totals, ...cohorts.cct } }, resolved);

  it("undiscounted, adds up the flows by hand: fiscal BCR 1,380 / 6,600, social 1,500 / 2,040", () => {
    const sr = socialReturn(cmp, "cct", { parameters: { discountRate: 0 } });
    const r = sr.perReplication[0]!;
    // In the run: adults +50 × 6 = 300; after it: +600 × 2 = 1,200. Children: −20 × 6 = −120.
    expect(r.pvAdultEarningsInRun).toBeCloseTo(300, 9);
    expect(r.pvProjectedEarnings).toBeCloseTo(1200, 9);
    // Costs: transfers 6,000 (4,000 education, 1,500 food and health, 500 other), administration 600,
    // deadweight 0.2 × 6,600 = 1,320, forgone child earnings 120.
    expect(r.costs.educationGrants).toBeCloseTo(4000, 9);
    expect(r.costs.foodHealthGrants).toBeCloseTo(1500, 9);
    expect(r.costs.otherTransfers).toBeCloseTo(500, 9);
    expect(r.costs.administration).toBeCloseTo(600, 9);
    expect(r.costs.deadweight).toBeCloseTo(1320, 9);
    expect(r.costs.forgoneChildEarnings).toBeCloseTo(120, 9);
    // Fiscal: (300 + 1,200 − 120) / (6,000 + 600). Social: (300 + 1,200) / (600 + 1,320 + 120).
    expect(r.fiscal.pvBenefits).toBeCloseTo(1380, 9);
    expect(r.fiscal.pvCosts).toBeCloseTo(6600, 9);
    expect(r.fiscal.benefitCostRatio).toBeCloseTo(1380 / 6600, 12);
    expect(r.fiscal.netPresentValue).toBeCloseTo(-5220, 9);
    expect(r.social.pvCosts).toBeCloseTo(2040, 9);
    expect(r.social.benefitCostRatio).toBeCloseTo(1500 / 2040, 12);
    expect(r.social.netPresentValue).toBeCloseTo(-540, 9);
    expect(r.extraYearsOfSchooling).toBeCloseTo(10, 12); // 0.5 grades × 20 girls
    // Without the projection only the run counts: social 300 / 2,040.
    const runOnly = socialReturn(cmp, "cct", { parameters: { discountRate: 0, projectBeyondRun: false } });
    expect(runOnly.perReplication[0]!.social.benefitCostRatio).toBeCloseTo(300 / 2040, 12);
    // No deadweight: social costs 720.
    const noDeadweight = socialReturn(cmp, "cct", { parameters: { discountRate: 0, marginalCostOfPublicFunds: 1 } });
    expect(noDeadweight.perReplication[0]!.social.pvCosts).toBeCloseTo(720, 9);
  });

  it("discounts each month at its middle and each projected year at its middle", () => {
    const sr = socialReturn(cmp, "cct");
    const r = sr.perReplication[0]!;
    const v = (time: number) => Math.pow(1.05, -time);
    let transfers = 0;
    let adult = 0;
    for (let t = 0; t < 6; t++) transfers += 1000 * v((t + 0.5) / 12);
    for (let t = 6; t < 12; t++) adult += 50 * v((t + 0.5) / 12);
    expect(r.costs.educationGrants + r.costs.foodHealthGrants + r.costs.otherTransfers).toBeCloseTo(transfers, 9);
    expect(r.costs.administration).toBeCloseTo(transfers / 10, 9);
    expect(r.pvAdultEarningsInRun).toBeCloseTo(adult, 9);
    expect(r.pvProjectedEarnings).toBeCloseTo(600 * (v(1.5) + v(2.5)), 9);
    // Growth of 5% a year cancels the 5% discount on earnings (not on costs).
    const grown = socialReturn(cmp, "cct", { parameters: { earningsGrowth: 0.05 } }).perReplication[0]!;
    expect(grown.pvProjectedEarnings).toBeCloseTo(1200, 9);
    expect(grown.costs.administration).toBeCloseTo(r.costs.administration, 12);
  });

  it("finds the IRR of each view's net stream", () => {
    const sr = socialReturn(cmp, "cct");
    const r = sr.perReplication[0]!;
    // Social net stream: −(100 + 0.2 × 1,100 + 20) = −340 in months 0–5, +50 in months 6–11, +600 at 1.5 and 2.5 years.
    const stream = [
      ...Array.from({ length: 6 }, (_, t) => ({ time: (t + 0.5) / 12, amount: -340 })),
      ...Array.from({ length: 6 }, (_, t) => ({ time: (t + 6.5) / 12, amount: 50 })),
      { time: 1.5, amount: 600 },
      { time: 2.5, amount: 600 },
    ];
    expect(r.social.internalRateOfReturn).toBeCloseTo(internalRateOfReturn(stream)!, 9);
    expect(presentValue(stream, r.social.internalRateOfReturn!)).toBeCloseTo(0, 6);
    expect(r.social.signChanges).toBe(1);
    // Fiscal: costs 1,100 + 20 a month against 1,500 of gains in all: no rate in [−90%, 1000%] makes it repay? It does, negative.
    expect(r.fiscal.internalRateOfReturn).not.toBeNull();
    expect(r.fiscal.internalRateOfReturn!).toBeLessThan(0);
    expect(sr.social.benefitCostRatio?.n).toBe(2);
    expect(sr.social.benefitCostRatioOfMeans).toBeCloseTo(r.social.benefitCostRatio!, 12); // equal replications
    expect(sr.reference.internalRateOfReturn).toBe(0.08);
    expect(sr.reference.source).toMatchObject({ kind: "evidence", ref: "S17" });
    // The assumption that grades become wages is stated, with the preset's return.
    expect(sr.notes[0]).toMatch(/5\.0% per grade for men, 6\.0% for women.*assumption/);
  });

  it("needs matching runs, one currency and the ledger", () => {
    const mismatch = fakeComparison({ none, cct }, { none: resolvedStub("2000-01", 12), cct: resolvedStub("2000-01", 24) });
    expect(() => socialReturn(mismatch, "cct")).toThrow(/same months/);
    const currencies = fakeComparison({ none, cct }, { none: resolvedStub("2000-01", 12), cct: resolvedStub("2000-01", 12, "IDR") });
    expect(() => socialReturn(currencies, "cct")).toThrow(/one currency/);
    const { ["ledger/transfers/3"]: _, ...holed } = cct;
    const old = fakeComparison({ none, cct: holed }, resolved);
    expect(() => socialReturn(old, "cct")).toThrow(/ledger\/transfers\/3 missing/);
    expect(() => socialReturn(cmp, "none")).toThrow(/both "none"/);
  });
});

describe("social-return parameters", () => {
  it("have the documented defaults", () => {
    expect(DEFAULT_SOCIAL_RETURN_PARAMETERS).toEqual({ discountRate: 0.05, earningsGrowth: 0, marginalCostOfPublicFunds: 1.2, projectBeyondRun: true });
  });

  it("carry a source for every parameter", () => {
    for (const key of Object.keys(DEFAULT_SOCIAL_RETURN_PARAMETERS)) {
      const s = socialReturnParameterSources[key as keyof typeof socialReturnParameterSources];
      expect(s, key).toBeDefined();
      expect(s.kind === "assumption" ? s.note : s.ref, key).not.toBe("");
    }
    expect(JSON.stringify(socialReturnParameterSources.marginalCostOfPublicFunds)).toMatch(/Dahlby \(2008\)/);
    expect(PROGRESA_IRR_REFERENCE.internalRateOfReturn).toBe(0.08);
  });

  it("reject inconsistent values", () => {
    expect(() => socialReturnParametersSchema.parse({ marginalCostOfPublicFunds: 0.9 })).toThrow();
    expect(() => socialReturnParametersSchema.parse({ discountRate: -1 })).toThrow();
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
    expect(sr.extraYearsOfSchooling).not.toBeNull();
    expect(sr.fiscal.pvCosts.mean).toBeGreaterThan(0);
    // The fiscal cost is the run's cost, discounted: between 1.05^−13/12 and 1 of it.
    expect(sr.fiscal.pvCosts.mean / ce.cost.mean).toBeLessThan(1);
    expect(sr.fiscal.pvCosts.mean / ce.cost.mean).toBeGreaterThan(Math.pow(1.05, -13 / 12));
    // Progresa's grants are education and food/health grants; nothing else is paid.
    expect(sr.costs.educationGrants.mean).toBeGreaterThan(sr.costs.foodHealthGrants.mean);
    expect(Math.abs(sr.costs.otherTransfers.mean)).toBeLessThan(1e-6 * sr.fiscal.pvCosts.mean);
    expect(JSON.stringify({ ce, sr })).not.toMatch(/Infinity|NaN/);
  });
});
