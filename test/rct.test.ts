/**
 * Tests for simulated surveys (collectSurvey) and replicated cluster-randomised
 * evaluations (rct). Small: 600 households in 40 localities, 14 months from
 * September 1997 (month 1 = October 1997, month 13 = October 1998, Progresa's
 * baseline and first follow-up), 8 replications.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/config/scenario.js";
import { simulate } from "../src/engine/simulate.js";
import { rct } from "../src/experiment/rct.js";
import { collectSurvey, surveyYear } from "../src/experiment/surveyRows.js";
import type { SurveyRow } from "../src/experiment/surveyRows.js";
import { createPopulation } from "../src/population/createPopulation.js";
import { treatedLocalities } from "../src/programme/rollout.js";

const base = { months: 14, population: { households: 600, localities: 40 } };
const progresa = { ...base, programme: { rule: { kind: "progresa" } } };
/** Identical arms: a programme that pays nothing. */
const zero = { ...base, programme: { rule: { kind: "unconditional", lcuPerMonth: 0 } } };
const surveyMonths = { baseline: 1, followUps: [13] };

describe("collectSurvey", () => {
  it("records living children of the given ages with year, poverty class and arm", () => {
    const scenario = parseScenario({ ...progresa, seed: "survey", programme: { ...progresa.programme, rollout: { kind: "clusterRandomised" } } });
    const population = createPopulation(scenario);
    const treated = treatedLocalities(scenario);
    const survey = collectSurvey({ months: [1, 13], start: scenario.start, treatedLocality: treated });
    const teens = collectSurvey({ months: [13], start: scenario.start, treatedLocality: treated, minAge: 12, maxAge: 14 });
    simulate(scenario, { population, observe: (t, s, p) => (survey.observe(t, s, p), teens.observe(t, s, p)) });

    expect(surveyYear("1997-09", 1)).toBe(1997);
    expect(surveyYear("1997-09", 13)).toBe(1998);
    const r97 = survey.byMonth.get(1)!;
    const r98 = survey.byMonth.get(13)!;
    expect(r97.length).toBeGreaterThan(500);
    expect(survey.rows.length).toBe(r97.length + r98.length);
    expect(r97.every((r) => r.year === 1997)).toBe(true);
    expect(r98.every((r) => r.year === 1998)).toBe(true);
    for (const r of survey.rows) {
      expect(r.age).toBeGreaterThanOrEqual(6);
      expect(r.age).toBeLessThanOrEqual(16);
      expect(r.locality).toBe(population.households.locality[r.household]);
      expect(r.poor).toBe((population.households.meansTestScore[r.household] as number) < population.meansTestCutoff);
      expect(r.treatedLocality).toBe(treated[r.locality] === 1);
      expect(r.male).toBe(population.persons.male[r.person] === 1);
    }
    // One row per child per round; ages advance by a year between October 1997 and October 1998.
    expect(new Set(r98.map((r) => r.person)).size).toBe(r98.length);
    const age97 = new Map(r97.map((r) => [r.person, r.age]));
    for (const r of r98) if (age97.has(r.person)) expect(r.age).toBe(age97.get(r.person)! + 1);
    // Both arms, both classes are present.
    expect(new Set(r98.map((r) => r.treatedLocality)).size).toBe(2);
    expect(new Set(r98.map((r) => r.poor)).size).toBe(2);
    // A narrower age band is a subset.
    expect(teens.rows.length).toBe(r98.filter((r) => r.age >= 12 && r.age <= 14).length);
  });

  it("treated localities follow the programme-everywhere run and control localities the no-programme run", () => {
    // The basis of the "true effect" in rct: no interference between households, and
    // common random numbers, so each arm reproduces exactly its counterfactual run.
    const input = { ...progresa, seed: "consistency" };
    const scenario = parseScenario({ ...input, programme: { ...input.programme, rollout: { kind: "clusterRandomised" } } });
    const population = createPopulation(scenario);
    const treated = treatedLocalities(scenario);
    const run = (s: unknown): readonly SurveyRow[] => {
      const c = collectSurvey({ months: [13], start: scenario.start, treatedLocality: treated });
      simulate(s, { population, observe: c.observe });
      return c.rows;
    };
    const observed = run(scenario);
    const everywhere = new Map(run({ ...input, programme: { ...input.programme, rollout: { kind: "all" } } }).map((r) => [r.person, r.enrolled]));
    const nowhere = new Map(run({ ...input, programme: null }).map((r) => [r.person, r.enrolled]));
    expect(everywhere.size).toBe(observed.length);
    expect(nowhere.size).toBe(observed.length);
    let differs = 0;
    for (const r of observed) {
      expect(r.enrolled).toBe((r.treatedLocality ? everywhere : nowhere).get(r.person));
      if (everywhere.get(r.person) !== nowhere.get(r.person)) differs++;
    }
    expect(differs).toBeGreaterThan(0); // the programme does change some children's enrolment
  });
});

describe("rct", () => {
  it("with identical arms: true effect 0, intervals mostly contain 0, mean estimate near 0", () => {
    const res = rct(zero, { replications: 8, seed: "rct-zero", surveyMonths });
    expect(res.scenario.programme?.rollout).toEqual({ kind: "clusterRandomised", treatedShare: 0.5 });
    expect(res.baselineYear).toBe(1997);
    expect(res.followUps).toHaveLength(1);
    const f = res.followUps[0]!;
    expect(f.year).toBe(1998);
    expect(f.replications).toHaveLength(8);
    for (const r of f.replications) {
      expect(r.trueEffect).toBe(0); // a zero transfer changes nothing, child by child
      expect(r.trueBaselineEffect).toBe(0);
      expect(r.treatedLocalities).toBe(20); // round(0.5 × 40)
      // Localities of 15 households: now and then one has no poor child of school age.
      expect(r.did.clusters).toBeGreaterThanOrEqual(36);
      expect(r.did.clusters).toBeLessThanOrEqual(40);
      expect(r.did.df).toBe(r.did.clusters - 1);
    }
    // With correct 95% intervals, 3 or more misses of 8 has probability C(8,3)·0.05³·0.95⁵ + … ≈ 0.006.
    const containsZero = f.replications.filter((r) => r.did.lower <= 0 && r.did.upper >= 0).length;
    expect(containsZero).toBeGreaterThanOrEqual(5);
    expect(f.did.coverage).toBe(containsZero / 8); // the estimand is 0
    expect(f.did.rejectionRate).toBe(1 - containsZero / 8);
    expect(Math.abs(f.did.mean)).toBeLessThan(3 * (f.did.sd / Math.sqrt(8)) + 1e-9);
    expect(Math.abs(f.did.mean)).toBeLessThan(0.04);
    expect(f.did.truth).toBe(0);
    expect(f.trueEffect).toBe(0);
    // The summary is what the replications say.
    expect(f.did.estimates).toEqual(f.replications.map((r) => r.did.estimate));
    expect(f.itt.meanSe).toBeCloseTo(f.replications.reduce((s, r) => s + r.itt.se, 0) / 8, 12);
    for (const s of [f.itt, f.did]) {
      expect(s.sd).toBeGreaterThan(0);
      expect(s.coverage).toBeGreaterThanOrEqual(0);
      expect(s.coverage).toBeLessThanOrEqual(1);
    }
  });

  it("with Progresa: positive estimates and true effect, coverage in [0, 1]", () => {
    const res = rct(progresa, { replications: 6, seed: "rct-progresa", surveyMonths });
    const f = res.followUps[0]!;
    expect(f.trueEffect).toBeGreaterThan(0.02);
    expect(f.did.mean).toBeGreaterThan(0);
    expect(f.itt.mean).toBeGreaterThan(0);
    for (const s of [f.itt, f.did]) {
      expect(s.coverage).toBeGreaterThanOrEqual(0);
      expect(s.coverage).toBeLessThanOrEqual(1);
      expect(s.bias).toBeCloseTo(s.mean - (s.truth as number), 12);
    }
    for (const r of f.replications) {
      expect(r.trueEffect).toBeGreaterThan(0);
      // The ITT estimand is the follow-up effect; the DiD's nets out the (small) effect already present at baseline.
      expect(Math.abs(r.trueBaselineEffect as number)).toBeLessThan(0.02);
    }
    expect(f.did.truth).toBeCloseTo((f.trueEffect as number) - f.replications.reduce((s, r) => s + (r.trueBaselineEffect as number), 0) / 6, 12);
  });

  it("is reproducible and respects ages and filter", () => {
    const options = { replications: 2, seed: 5, surveyMonths, truth: false, ages: [10, 16] as const, filter: "all" as const };
    const a = rct(progresa, options);
    const b = rct(progresa, options);
    expect(a.followUps[0]!.did.estimates).toEqual(b.followUps[0]!.did.estimates);
    expect(a.followUps[0]!.did.coverage).toBeNull(); // no truth computed
    expect(a.ages).toEqual([10, 16]);
    expect(a.filter).toBe("all");
  });

  it("randomises a resolved scenario (whose roll-out parseScenario set to all) and keeps a given treated share", () => {
    const options = { replications: 1, seed: 3, surveyMonths, truth: false };
    const resolved = rct(parseScenario(progresa), options);
    expect(resolved.scenario.programme?.rollout).toEqual({ kind: "clusterRandomised", treatedShare: 0.5 });
    const raw = rct(progresa, options);
    expect(resolved.followUps[0]!.did.estimates).toEqual(raw.followUps[0]!.did.estimates);
    const third = rct({ ...progresa, programme: { ...progresa.programme, rollout: { kind: "clusterRandomised", treatedShare: 0.25 } } }, options);
    expect(third.followUps[0]!.replications[0]!.treatedLocalities).toBe(10); // round(0.25 × 40)
  });

  it("refuses what it cannot evaluate", () => {
    const options = { replications: 1, seed: 1, surveyMonths };
    expect(() => rct(base, options)).toThrow(/needs a programme/);
    expect(() => rct(progresa, { ...options, surveyMonths: { baseline: 1, followUps: [14] } })).toThrow(/beyond/);
    expect(() => rct(progresa, { ...options, surveyMonths: { baseline: 5, followUps: [5] } })).toThrow(/not after/);
    expect(() => rct(progresa, { ...options, replications: 0 })).toThrow(/replications/);
  });
});
