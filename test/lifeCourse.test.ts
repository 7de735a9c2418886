/**
 * Life course I (docs/model.md, L1–L4, R1): earnings that are people's, from the grades they
 * complete; income conserved from members to households; grades and earnings rising together over
 * decades; and returns from simulated lives that do not depend on the run's length.
 */
import { describe, expect, it } from "vitest";
import { compare, parseScenario, simulate, socialReturn } from "../src/index.js";
import { olsClustered } from "../src/experiment/estimators.js";
import { collectSurvey } from "../src/experiment/surveyRows.js";
import type { SurveyRow } from "../src/experiment/surveyRows.js";
import { treatedLocalities } from "../src/programme/rollout.js";
import { potentialExperience } from "../src/population/earnings.js";

/** Rows of adults 18–64 surveyed at the end of month `t` of a run without a programme. */
function adults(
  preset: string,
  households: number,
  t: number,
  seed: string,
): { rows: SurveyRow[]; p: ReturnType<typeof parseScenario>["population"]["parameters"] } {
  const scenario = parseScenario({ seed, months: t + 1, population: { preset, households } });
  const survey = collectSurvey({ months: [t], start: scenario.start, treatedLocality: treatedLocalities(scenario), minAge: 18, maxAge: 64 });
  simulate(scenario, { observe: survey.observe });
  return { rows: survey.rows, p: scenario.population.parameters };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

describe("earnings are people's (L1)", () => {
  for (const preset of ["mexico-rural-1997", "indonesia-2020"]) {
    it(`the simulated cross-section recovers ${preset}'s return to schooling within 0.015, by sex`, () => {
      const { rows, p } = adults(preset, 3000, 1, `mincer ${preset}`);
      for (const [k, male] of [
        [0, true],
        [1, false],
      ] as const) {
        const workers = rows.filter((r) => r.male === male && (r.earningsLcuPerMonth ?? 0) > 0);
        expect(workers.length).toBeGreaterThan(500);
        const x = workers.map((r) => {
          const e = potentialExperience(r.age, r.gradesCompleted!);
          return [1, r.gradesCompleted!, e, e * e];
        });
        const fit = olsClustered(
          x,
          workers.map((r) => Math.log(r.earningsLcuPerMonth!)),
          workers.map((r) => r.locality),
        );
        // Expected slope: the return r, plus the move out of agriculture that grades bring
        // (premium π times ∂P(non-agricultural)/∂g = b₁ P(1 − P), averaged over the workers).
        // Height, the persistent effect, hours and shocks do not depend on grades.
        const [b0, b1] = p.nonAgriculturalLogit;
        const sector =
          workers.reduce((s, r) => {
            const q = logistic(b0 + b1 * (r.gradesCompleted! - p.headSchooling[0]));
            return s + q * (1 - q);
          }, 0) *
          ((p.nonAgriculturalPremium * b1) / workers.length);
        const expected = p.schoolingReturn[k] + sector;
        expect(sector).toBeGreaterThan(0);
        expect(sector).toBeLessThan(0.015);
        expect(Math.abs(fit.coefficients[1]! - expected), `${male ? "men" : "women"}: ${fit.coefficients[1]} vs ${expected}`).toBeLessThan(0.015);
      }
    });
  }
});

describe("income is conserved (L1–L2)", () => {
  it("members' labour earnings sum to the households' every month", () => {
    const scenario = parseScenario({ seed: "conserved", months: 14, population: { households: 800 }, programme: { rule: { kind: "progresa" } } });
    const sums: number[] = [];
    const r = simulate(scenario, {
      observe: (t, st) => {
        let s = 0;
        for (let i = 0; i < st.earnings.length; i++) s += st.alive[i] === 1 ? (st.earnings[i] as number) : 0;
        sums[t] = s;
      },
    });
    r.months.forEach((m, t) => {
      const household = m.segments.all.labourEarningsLcu;
      expect(household).toBeGreaterThan(0);
      // Float32 per person against whole centavos per household: relative error below 1e-5.
      expect(Math.abs(sums[t]! - household) / household).toBeLessThan(1e-5);
      // Household income adds other income and asset returns to the labour earnings.
      expect(m.segments.all.adultEarningsLcu).toBeGreaterThan(household);
    });
  });
});

describe("over decades (20 years, no programme)", () => {
  it("grades and earnings rise together, by about the return per grade", () => {
    const start = adults("mexico-rural-1997", 1500, 0, "decades");
    const end = adults("mexico-rural-1997", 1500, 239, "decades");
    const men = (rows: SurveyRow[]) => rows.filter((r) => r.male && r.age >= 25 && r.age <= 44 && (r.earningsLcuPerMonth ?? 0) > 0);
    const mean = (rows: SurveyRow[], f: (r: SurveyRow) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    const [a, b] = [men(start.rows), men(end.rows)];
    const grades = mean(b, (r) => r.gradesCompleted!) - mean(a, (r) => r.gradesCompleted!);
    const logEarnings = mean(b, (r) => Math.log(r.earningsLcuPerMonth!)) - mean(a, (r) => Math.log(r.earningsLcuPerMonth!));
    // Younger cohorts went to school longer (the initial schooling by age), so the men of 25–44 in
    // 20 years have more grades, and earn more for them: about r + the sector channel per grade,
    // less the experience they gave up (a broad band, 0.01–0.12 log points per grade).
    expect(grades).toBeGreaterThan(0.5);
    expect(logEarnings).toBeGreaterThan(0);
    expect(logEarnings / grades).toBeGreaterThan(0.01);
    expect(logEarnings / grades).toBeLessThan(0.12);
  });
});

describe("returns from simulated lives (R1)", () => {
  it("give the same benefit-cost ratio for a 6-year programme at 12, 20 and 30 years (within Monte Carlo error)", () => {
    const ratios = [12, 20, 30].map((years) => {
      const base = { months: years * 12, start: "1997-09", population: { households: 1500, localities: 30 } };
      const cmp = compare(
        [
          { ...base, name: "none", programme: null },
          { ...base, name: "progresa", programme: { rule: { kind: "progresa" }, endMonth: 72 } },
        ],
        { replications: 3, seed: "horizon" },
      );
      return socialReturn(cmp, "progresa");
    });
    for (const view of ["fiscal", "social"] as const) {
      const bcr = ratios.map((r) => r[view].benefitCostRatio!);
      for (const b of bcr) expect(b.mean).toBeGreaterThan(0);
      for (let k = 1; k < 3; k++) {
        // Within the interval of the mean across replications…
        expect(Math.abs(bcr[k]!.mean - bcr[0]!.mean), view).toBeLessThan(Math.max(bcr[0]!.halfWidth, bcr[k]!.halfWidth));
        // …and, paired on the same replications (the first 12 years are the same runs), within 15%.
        expect(Math.abs(bcr[k]!.mean / bcr[0]!.mean - 1), view).toBeLessThan(0.15);
      }
    }
    // The longer the run, the more of the return is simulated rather than projected.
    const inRun = ratios.map((r) => r.pvAdultEarningsInRun.mean);
    expect(inRun[2]!).toBeGreaterThan(inRun[0]!);
    const projected = ratios.map((r) => r.pvProjectedEarnings.mean);
    expect(projected[2]!).toBeLessThan(projected[0]!);
    // Costs are the same six years of payments whatever the run's length.
    expect(ratios[2]!.fiscal.pvCosts.mean).toBeCloseTo(ratios[0]!.fiscal.pvCosts.mean, 6);
  });
});
