/**
 * Tests for simulated power analysis (power): a small grid of designs on the
 * Progresa scenario, 14 months from September 1997, baseline October 1997
 * (month 1), follow-up October 1998 (month 13).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PowerResult } from "../src/experiment/power.js";
import { power } from "../src/experiment/power.js";

const progresa = { months: 14, programme: { rule: { kind: "progresa" } } };
const surveyMonths = { baseline: 1, followUps: [13] };

describe("power", () => {
  let result: PowerResult;
  beforeAll(() => {
    result = power(progresa, { clusters: [10, 40], householdsPerCluster: [10, 20], replications: 6, seed: "power", surveyMonths });
  });

  it("reports every cell of the grid in order", () => {
    expect(result.alpha).toBe(0.05);
    expect(result.estimator).toBe("did");
    // z_{0.975} + z_{0.8} = 1.959964 + 0.841621
    expect(result.mdeMultiplier).toBeCloseTo(2.801585, 5);
    expect(result.cells.map((c) => [c.clusters, c.householdsPerCluster])).toEqual([
      [10, 10],
      [10, 20],
      [40, 10],
      [40, 20],
    ]);
    for (const c of result.cells) {
      expect(c.followUpMonth).toBe(13);
      expect(c.followUpYear).toBe(1998);
      expect(c.power).toBeGreaterThanOrEqual(0);
      expect(c.power).toBeLessThanOrEqual(1);
      expect(Number.isInteger(c.power * 6)).toBe(true); // a share of 6 replications
      expect(c.sdEstimate).toBeGreaterThan(0);
      expect(c.mde80).toBeCloseTo(result.mdeMultiplier * c.sdEstimate, 12);
      expect(c.mde80FromSe).toBeCloseTo(result.mdeMultiplier * c.meanSe, 12);
    }
  });

  it("more localities and households: more children, less spread, smaller MDE", () => {
    const small = result.cells[0]!;
    const large = result.cells[3]!;
    // 800 households in 40 localities against 100 in 10: the sampling SD should fall by about
    // half (a 20-replication run gave 0.081 → 0.036); with 6 replications the SDs are noisy
    // (relative error ≈ 1/√10), the mean cluster-robust SEs much less so.
    expect(large.meanChildren).toBeGreaterThan(6 * small.meanChildren); // 8× the households
    expect(large.sdEstimate).toBeLessThan(small.sdEstimate);
    expect(large.meanSe).toBeLessThan(small.meanSe);
    expect(large.mde80).toBeLessThan(small.mde80);
    expect(large.meanEstimate).toBeGreaterThan(0); // Progresa raises enrolment
  });

  it("a larger alpha rejects at least as often on the same replications", () => {
    const options = { clusters: [40], householdsPerCluster: [10], replications: 6, seed: "power", surveyMonths };
    const strict = power(progresa, options).cells[0]!;
    const loose = power(progresa, { ...options, alpha: 0.5 }).cells[0]!;
    expect(loose.meanEstimate).toBe(strict.meanEstimate); // same seeds, same estimates
    expect(loose.power).toBeGreaterThanOrEqual(strict.power);
    expect(loose.mde80).toBeLessThan(strict.mde80);
    expect(strict.meanEstimate).toBe(result.cells[2]!.meanEstimate);
  });

  it("can test the follow-up difference instead and validates its grid", () => {
    const itt = power(progresa, { clusters: [10], householdsPerCluster: [10], replications: 2, seed: 1, surveyMonths, estimator: "itt" });
    expect(itt.estimator).toBe("itt");
    const opts = { householdsPerCluster: [10], replications: 2, seed: 1, surveyMonths };
    expect(() => power(progresa, { ...opts, clusters: [1] })).toThrow(/clusters/);
    expect(() => power(progresa, { ...opts, clusters: [] })).toThrow(/at least one/);
    expect(() => power(progresa, { ...opts, clusters: [4], replications: 1 })).toThrow(/replications/);
    expect(() => power(progresa, { ...opts, clusters: [4], alpha: 1 })).toThrow(/alpha/);
  });
});
