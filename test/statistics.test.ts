/**
 * Tests for the statistics primitives: FGT poverty measures, Gini, quantiles,
 * and t-based confidence intervals.
 *
 * Provenance of expected values: each fixed number is either worked out by
 * hand in the comment next to it, or comes from a published table, closed form
 * or expansion cited there. Properties (invariances, agreement with slow
 * reference definitions) are checked with fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanInterval, pairedDifference, studentTCdf, studentTQuantile } from "../src/experiment/intervals.js";
import { gini, giniFromGroups } from "../src/outcomes/inequality.js";
import { fgt, fgtAll } from "../src/outcomes/poverty.js";
import { quantileFromGroups, weightedQuantile } from "../src/outcomes/quantile.js";

/** Repeat values[i] weights[i] times (integer weights): the data that integer weights stand for. */
function expand(values: readonly number[], weights: readonly number[]): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    for (let k = 0; k < weights[i]!; k++) out.push(v);
  });
  return out;
}

// Incomes in whole currency units (integers / 100 keeps cents, avoids subnormals).
const income = fc.integer({ min: 0, max: 100_000_000 }).map((c) => c / 100);
const incomes = fc.array(income, { minLength: 1, maxLength: 40 });
const weightedIncomes = fc
  .array(fc.tuple(income, fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 30 })
  .map((pairs) => ({ values: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1]) }));

describe("fgt / fgtAll (Foster, Greer & Thorbecke 1984)", () => {
  // Incomes 50, 100, 150, 200, 300 and line z = 120. Poor: 50 and 100.
  //   shortfalls (z − y)/z: 70/120 = 7/12 and 20/120 = 1/6
  //   P0 = 2/5                                   = 0.4
  //   P1 = (7/12 + 1/6)/5 = (9/12)/5             = 0.15
  //   P2 = (49/144 + 4/144)/5 = 53/720           = 0.073611…
  //   P3 = (343/1728 + 8/1728)/5 = 351/8640      = 0.040625
  const y = [50, 100, 150, 200, 300];

  it("matches the hand computation for α = 0, 1, 2, 3", () => {
    expect(fgt(y, undefined, 120, 0)).toBeCloseTo(0.4, 15);
    expect(fgt(y, undefined, 120, 1)).toBeCloseTo(0.15, 15);
    expect(fgt(y, undefined, 120, 2)).toBeCloseTo(53 / 720, 15);
    expect(fgt(y, undefined, 120, 3)).toBeCloseTo(351 / 8640, 15);
    const all = fgtAll(y, undefined, 120);
    expect(all.headcount).toBeCloseTo(0.4, 15);
    expect(all.gap).toBeCloseTo(0.15, 15);
    expect(all.severity).toBeCloseTo(53 / 720, 15);
  });

  it("weights by persons per household", () => {
    // Same incomes, household sizes 4, 3, 2, 2, 1: W = 12, poor persons 4 + 3 = 7.
    //   P0 = 7/12
    //   P1 = (4·7/12 + 3·1/6)/12 = (28/12 + 6/12)/12 = 34/144 = 17/72
    //   P2 = (4·49/144 + 3·4/144)/12 = (208/144)/12 = 13/108
    const w = [4, 3, 2, 2, 1];
    expect(fgt(y, w, 120, 0)).toBeCloseTo(7 / 12, 15);
    expect(fgt(y, w, 120, 1)).toBeCloseTo(17 / 72, 15);
    expect(fgt(y, w, 120, 2)).toBeCloseTo(13 / 108, 15);
    expect(fgtAll(Float64Array.from(y), Float64Array.from(w), 120)).toEqual({
      headcount: fgt(y, w, 120, 0),
      gap: fgt(y, w, 120, 1),
      severity: fgt(y, w, 120, 2),
    });
  });

  it("counts an income exactly at the line as not poor", () => {
    expect(fgt([120], undefined, 120, 0)).toBe(0);
    expect(fgtAll([119.99, 120], undefined, 120).headcount).toBe(0.5);
  });

  it("lets a negative income give a shortfall above 1", () => {
    // (120 − (−60))/120 = 1.5
    expect(fgt([-60], undefined, 120, 1)).toBe(1.5);
  });

  it("returns 0 for no population, never NaN", () => {
    expect(fgt([], undefined, 120, 2)).toBe(0);
    expect(fgt([10, 20], [0, 0], 120, 0)).toBe(0);
    expect(fgtAll([], undefined, 1)).toEqual({ headcount: 0, gap: 0, severity: 0 });
  });

  it("rejects invalid input", () => {
    expect(() => fgt([1], undefined, 0, 0)).toThrow(RangeError);
    expect(() => fgt([1], undefined, Number.NaN, 0)).toThrow(RangeError);
    expect(() => fgt([1], undefined, 10, -1)).toThrow(RangeError);
    expect(() => fgt([Number.NaN], undefined, 10, 0)).toThrow(RangeError);
    expect(() => fgt([1, 2], [1], 10, 0)).toThrow(RangeError);
    expect(() => fgt([1], [-1], 10, 0)).toThrow(RangeError);
    expect(() => fgtAll([Infinity], undefined, 10)).toThrow(RangeError);
  });

  it("property: integer weights equal duplication; 0 ≤ P2 ≤ P1 ≤ P0 ≤ 1; fgtAll agrees with fgt", () => {
    fc.assert(
      fc.property(weightedIncomes, fc.integer({ min: 1, max: 2_000_000 }), ({ values, weights }, line) => {
        const z = line / 2;
        const expanded = expand(values, weights);
        for (const alpha of [0, 0.5, 1, 2, 3]) {
          expect(fgt(values, weights, z, alpha)).toBeCloseTo(fgt(expanded, undefined, z, alpha), 12);
        }
        const m = fgtAll(values, weights, z);
        expect(m.headcount).toBeLessThanOrEqual(1);
        expect(m.gap).toBeLessThanOrEqual(m.headcount);
        expect(m.severity).toBeLessThanOrEqual(m.gap);
        expect(m.severity).toBeGreaterThanOrEqual(0);
        expect(m.headcount).toBeCloseTo(fgt(values, weights, z, 0), 14);
        expect(m.gap).toBeCloseTo(fgt(values, weights, z, 1), 14);
        expect(m.severity).toBeCloseTo(fgt(values, weights, z, 2), 14);
      }),
    );
  });
});

describe("gini", () => {
  it("is 0 for equal incomes", () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([7, 7, 7], [1, 5, 2])).toBe(0);
  });

  it("is 0.75 for [0, 0, 0, 1] (population definition)", () => {
    // G = Σ_i Σ_j |y_i − y_j| / (2 n² μ). The ordered pairs (i, j) with one 0 and
    // the 1 number 2·3 = 6, each |difference| = 1, so the double sum is 6.
    // n = 4, μ = 1/4: 2 n² μ = 2 · 16 · 1/4 = 8. G = 6/8 = 0.75 = (n − 1)/n,
    // the maximum for n = 4. (The small-sample version n/(n − 1) · G would give 1.)
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 15);
  });

  it("is 4/15 for [1, 2, 3, 4, 5], in any order", () => {
    // Σ_{i<j} (j − i) = 4·1 + 3·2 + 2·3 + 1·4 = 20; ordered pairs: 40.
    // 2 n² μ = 2 · 25 · 3 = 150. G = 40/150 = 4/15.
    expect(gini([1, 2, 3, 4, 5])).toBeCloseTo(4 / 15, 15);
    expect(gini([5, 1, 4, 2, 3])).toBeCloseTo(4 / 15, 15);
  });

  it("is (n − 1)/(3n) for 1, 2, …, n, tending to the uniform distribution's 1/3", () => {
    // Σ_i Σ_j |i − j| = n(n² − 1)/3 and μ = (n + 1)/2, so
    // G = [n(n² − 1)/3] / [2 n² (n + 1)/2] = (n − 1)/(3n). The Gini of a
    // continuous uniform distribution on [0, b] is 1/3.
    const n = 1000;
    const v = Array.from({ length: n }, (_, i) => i + 1);
    expect(gini(v)).toBeCloseTo((n - 1) / (3 * n), 13);
  });

  it("treats weights as population weights", () => {
    // [1, 2] with weights [3, 1] is [1, 1, 1, 2]: ordered pairs with |diff| = 1:
    // 2·3 = 6; 2 n² μ = 2 · 16 · 5/4 = 40; G = 6/40 = 0.15.
    expect(gini([1, 2], [3, 1])).toBeCloseTo(0.15, 15);
    expect(gini([1, 1, 1, 2])).toBeCloseTo(0.15, 15);
    // A zero weight removes the value.
    expect(gini([1, 1000, 2], [3, 0, 1])).toBeCloseTo(0.15, 15);
  });

  it("returns 0 for empty or all-zero input, never NaN", () => {
    expect(gini([])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([1, 2], [0, 0])).toBe(0);
    expect(gini([5])).toBe(0);
  });

  it("rejects negative or non-finite values and bad weights", () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
    expect(() => gini([1, Number.NaN])).toThrow(RangeError);
    expect(() => gini([1, Infinity])).toThrow(RangeError);
    expect(() => gini([1, 2], [1])).toThrow(RangeError);
    expect(() => gini([1, 2], [1, -1])).toThrow(RangeError);
  });

  it("property: scale invariant and in [0, 1), at most (n − 1)/n", () => {
    fc.assert(
      fc.property(incomes, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (v, c) => {
        const g = gini(v);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
        expect(g).toBeLessThanOrEqual((v.length - 1) / v.length + 1e-12);
        expect(gini(v.map((x) => x * c))).toBeCloseTo(g, 12);
      }),
    );
  });

  it("property: integer weights equal duplication; scaling weights changes nothing", () => {
    fc.assert(
      fc.property(weightedIncomes, ({ values, weights }) => {
        const g = gini(values, weights);
        expect(g).toBeCloseTo(gini(expand(values, weights)), 12);
        expect(
          gini(
            values,
            weights.map((w) => w * 2.5),
          ),
        ).toBeCloseTo(g, 12);
      }),
    );
  });

  it("property: agrees with the O(n²) mean-difference definition", () => {
    fc.assert(
      fc.property(weightedIncomes, ({ values, weights }) => {
        let W = 0;
        let S = 0;
        let pairs = 0;
        values.forEach((yi, i) => {
          W += weights[i]!;
          S += weights[i]! * yi;
          values.forEach((yj, j) => {
            pairs += weights[i]! * weights[j]! * Math.abs(yi - yj);
          });
        });
        // Σ Σ w_i w_j |y_i − y_j| / (2 W² μ) with μ = S / W.
        const expected = S === 0 ? 0 : pairs / (2 * W * S);
        expect(gini(values, weights)).toBeCloseTo(expected, 12);
      }),
    );
  });
});

describe("giniFromGroups", () => {
  it("matches the hand computation for two groups", () => {
    // Groups {1, 1} and {3, 3}: counts [2, 2], sums [2, 6]. Lorenz points
    // (F, L) = (0, 0), (0.5, 0.25), (1, 1); trapezoid area
    // 0.5·(0 + 0.25)/2 + 0.5·(0.25 + 1)/2 = 0.0625 + 0.3125 = 0.375,
    // G = 1 − 2·0.375 = 0.25. Directly: 8 ordered pairs differ by 2,
    // 16 / (2 · 16 · 2) = 0.25.
    expect(giniFromGroups([2, 2], [2, 6])).toBeCloseTo(0.25, 15);
    expect(gini([1, 1, 3, 3])).toBeCloseTo(0.25, 15);
  });

  it("allows empty groups anywhere", () => {
    expect(giniFromGroups([0, 2, 0, 0, 2, 0], [0, 2, 0, 0, 6, 0])).toBeCloseTo(0.25, 15);
  });

  it("gives 0.38 for quintile shares 5, 10, 15, 25, 45 %", () => {
    // Equal population shares 0.2; cumulative income shares L = 0, .05, .15,
    // .30, .55, 1. Σ (L_{k−1} + L_k) = .05 + .20 + .45 + .85 + 1.55 = 3.10;
    // G = 1 − 0.2 · 3.10 = 0.38.
    expect(giniFromGroups([20, 20, 20, 20, 20], [5, 10, 15, 25, 45])).toBeCloseTo(0.38, 14);
  });

  it("returns 0 for no people or no income, never NaN", () => {
    expect(giniFromGroups([], [])).toBe(0);
    expect(giniFromGroups([0, 0], [0, 0])).toBe(0);
    expect(giniFromGroups([3, 4], [0, 0])).toBe(0);
  });

  it("rejects inconsistent groups", () => {
    expect(() => giniFromGroups([1, 2], [1])).toThrow(RangeError);
    expect(() => giniFromGroups([0, 1], [5, 1])).toThrow(/no people/);
    expect(() => giniFromGroups([1, 1], [5, 1])).toThrow(/increasing order/);
    expect(() => giniFromGroups([1, -1], [1, 1])).toThrow(RangeError);
    expect(() => giniFromGroups([1, 1], [1, Number.NaN])).toThrow(RangeError);
  });

  it("property: one person per group equals gini of the values", () => {
    fc.assert(
      fc.property(incomes, (v) => {
        const sorted = [...v].sort((a, b) => a - b);
        expect(
          giniFromGroups(
            sorted.map(() => 1),
            sorted,
          ),
        ).toBeCloseTo(gini(v), 12);
      }),
    );
  });

  it("property: equal-valued groups give the exact Gini of the expanded data", () => {
    fc.assert(
      fc.property(weightedIncomes, ({ values, weights }) => {
        const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
        const counts = order.map((i) => weights[i]!);
        const sums = order.map((i) => weights[i]! * values[i]!);
        expect(giniFromGroups(counts, sums)).toBeCloseTo(gini(expand(values, weights)), 12);
      }),
    );
  });
});

describe("weightedQuantile", () => {
  it("gives the textbook median for odd and even n", () => {
    expect(weightedQuantile([3, 1, 2], undefined, 0.5)).toBe(2);
    // n = 4: np = 2 is a jump of the ECDF, so average the 2nd and 3rd values.
    expect(weightedQuantile([4, 1, 3, 2], undefined, 0.5)).toBe(2.5);
  });

  it("inverts the weighted ECDF, averaging at jumps", () => {
    // Values 10, 20, 30 with weights 1, 1, 2: cumulative shares 0.25, 0.5, 1.
    //   p = 0.5:  share 0.5 hit exactly at 20  → (20 + 30)/2 = 25
    //   p = 0.25: share 0.25 hit exactly at 10 → (10 + 20)/2 = 15
    //   p = 0.3:  first share ≥ 0.3 is at 20   → 20
    //   p = 0.75: first share ≥ 0.75 is at 30  → 30
    // Same as for the data 10, 20, 30, 30.
    const v = [10, 20, 30];
    const w = [1, 1, 2];
    expect(weightedQuantile(v, w, 0.5)).toBe(25);
    expect(weightedQuantile(v, w, 0.25)).toBe(15);
    expect(weightedQuantile(v, w, 0.3)).toBe(20);
    expect(weightedQuantile(v, w, 0.75)).toBe(30);
    expect(weightedQuantile(v, w, 0)).toBe(10);
    expect(weightedQuantile(v, w, 1)).toBe(30);
    expect(weightedQuantile([10, 20, 30, 30], undefined, 0.5)).toBe(25);
  });

  it("ignores zero weights", () => {
    expect(weightedQuantile([100, 1, 2], [0, 1, 1], 0.5)).toBe(1.5);
    expect(weightedQuantile([100, 1, 2], [0, 1, 1], 1)).toBe(2);
  });

  it("detects a jump despite rounding in the cumulative weight", () => {
    // Weights 0.1, 0.2, 0.2 (total 0.5); p = 0.6 → target 0.3. In floating point
    // 0.1 + 0.2 = 0.30000000000000004, which must still count as hitting 0.3:
    // result (2 + 3)/2 = 2.5, as for the data 1, 2, 2, 3, 3 (np = 3).
    expect(weightedQuantile([1, 2, 3], [0.1, 0.2, 0.2], 0.6)).toBe(2.5);
    expect(weightedQuantile([1, 2, 2, 3, 3], undefined, 0.6)).toBe(2.5);
  });

  it("rejects invalid input", () => {
    expect(() => weightedQuantile([], undefined, 0.5)).toThrow(RangeError);
    expect(() => weightedQuantile([1, 2], [0, 0], 0.5)).toThrow(RangeError);
    expect(() => weightedQuantile([1], undefined, 1.5)).toThrow(RangeError);
    expect(() => weightedQuantile([1], undefined, Number.NaN)).toThrow(RangeError);
    expect(() => weightedQuantile([Number.NaN], undefined, 0.5)).toThrow(RangeError);
    expect(() => weightedQuantile([1, 2], [1], 0.5)).toThrow(RangeError);
    expect(() => weightedQuantile([1], [-1], 0.5)).toThrow(RangeError);
  });

  it("property: with unit weights, equals Hyndman–Fan definition 2 on the sorted data", () => {
    fc.assert(
      fc.property(incomes, fc.integer({ min: 0, max: 1000 }), (v, k) => {
        const p = k / 1000;
        const x = [...v].sort((a, b) => a - b);
        const n = x.length;
        const np = n * p;
        const j = Math.round(np);
        // Definition 2: average x_(np) and x_(np+1) when np is an integer in (0, n), else x_(⌈np⌉).
        const expected = Math.abs(np - j) <= 1e-12 * n && j > 0 && j < n ? (x[j - 1]! + x[j]!) / 2 : x[Math.max(0, Math.ceil(np - 1e-12 * n) - 1)]!;
        expect(weightedQuantile(v, undefined, p)).toBe(expected);
      }),
    );
  });

  it("property: integer weights equal duplication; result within range and monotone in p", () => {
    fc.assert(
      fc.property(
        weightedIncomes.filter(({ weights }) => weights.some((w) => w > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ values, weights }, p1, p2) => {
          const expanded = expand(values, weights);
          const total = expanded.length;
          // Both arbitrary p and p on the jumps k / total.
          for (const p of [p1, Math.round(p1 * total) / total]) {
            expect(weightedQuantile(values, weights, p)).toBe(weightedQuantile(expanded, undefined, p));
          }
          const [a, b] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const qa = weightedQuantile(values, weights, a);
          expect(qa).toBeLessThanOrEqual(weightedQuantile(values, weights, b));
          expect(qa).toBeGreaterThanOrEqual(Math.min(...expanded));
          expect(qa).toBeLessThanOrEqual(Math.max(...expanded));
        },
      ),
    );
  });
});

describe("quantileFromGroups", () => {
  // 5 people in [0, 10), 10 in [10, 20), 5 in [20, 30); N = 20.
  const counts = [5, 10, 5];
  const lower = [0, 10, 20];
  const upper = [10, 20, 30];

  it("interpolates linearly inside the group (grouped-median formula)", () => {
    // Median: pN = 10; 5 people below group 2, f = 10, h = 10:
    // 10 + (10 − 5)/10 · 10 = 15.
    expect(quantileFromGroups(counts, lower, upper, 0.5)).toBe(15);
    // p = 0.9: pN = 18; 15 below group 3, f = 5: 20 + (18 − 15)/5 · 10 = 26.
    expect(quantileFromGroups(counts, lower, upper, 0.9)).toBeCloseTo(26, 12);
    // p = 0.25: pN = 5 = end of group 1 → its upper edge, 0 + 5/5 · 10 = 10.
    expect(quantileFromGroups(counts, lower, upper, 0.25)).toBe(10);
    expect(quantileFromGroups(counts, lower, upper, 0)).toBe(0);
    expect(quantileFromGroups(counts, lower, upper, 1)).toBe(30);
  });

  it("skips empty groups and handles gaps and point groups", () => {
    // 2 people in [0, 5], none in [5, 10], 2 in [20, 30].
    //   p = 0.5:  pN = 2, the end of the first group → 5 (upper edge before the gap)
    //   p = 0.75: pN = 3, 2 below the last group: 20 + (3 − 2)/2 · 10 = 25
    const c = [2, 0, 2];
    const lo = [0, 5, 20];
    const hi = [5, 10, 30];
    expect(quantileFromGroups(c, lo, hi, 0.5)).toBe(5);
    expect(quantileFromGroups(c, lo, hi, 0.75)).toBe(25);
    expect(quantileFromGroups([0, 4], [0, 10], [10, 20], 0)).toBe(10);
    // A point group: 1 person at 0, 3 people at exactly 10.
    expect(quantileFromGroups([1, 3], [0, 10], [0, 10], 0.5)).toBe(10);
  });

  it("accepts typed arrays", () => {
    expect(quantileFromGroups(Float64Array.from(counts), Float64Array.from(lower), Float64Array.from(upper), 0.5)).toBe(15);
  });

  it("rejects invalid groups", () => {
    expect(() => quantileFromGroups([0, 0], [0, 1], [1, 2], 0.5)).toThrow(RangeError);
    expect(() => quantileFromGroups([1, 1], [0, 1], [1], 0.5)).toThrow(RangeError);
    expect(() => quantileFromGroups([1, 1], [0, 5], [10, 20], 0.5)).toThrow(/below the end/);
    expect(() => quantileFromGroups([1], [2], [1], 0.5)).toThrow(RangeError);
    expect(() => quantileFromGroups([-1], [0], [1], 0.5)).toThrow(RangeError);
    expect(() => quantileFromGroups([1], [0], [1], 2)).toThrow(RangeError);
  });

  it("property: monotone in p, stays within the occupied range, inverts the grouped CDF", () => {
    const groups = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
        minLength: 1,
        maxLength: 12,
      })
      .filter((g) => g.some(([c]) => c > 0))
      .map((g) => {
        // Build consecutive groups from (count, gap before, width).
        let edge = 0;
        const c: number[] = [];
        const lo: number[] = [];
        const hi: number[] = [];
        for (const [count, gap, width] of g) {
          edge += gap;
          c.push(count);
          lo.push(edge);
          edge += width;
          hi.push(edge);
        }
        return { c, lo, hi };
      });
    fc.assert(
      fc.property(groups, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ c, lo, hi }, p1, p2) => {
        const [a, b] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const qa = quantileFromGroups(c, lo, hi, a);
        expect(qa).toBeLessThanOrEqual(quantileFromGroups(c, lo, hi, b));
        const first = c.findIndex((x) => x > 0);
        const last = c.length - 1 - [...c].reverse().findIndex((x) => x > 0);
        expect(qa).toBeGreaterThanOrEqual(lo[first]!);
        expect(qa).toBeLessThanOrEqual(hi[last]!);
        // The grouped CDF at qa (people below qa, uniform within groups) is a·N
        // whenever qa is strictly inside a non-degenerate group.
        const N = c.reduce((s, x) => s + x, 0);
        let below = 0;
        let inside = false;
        for (let k = 0; k < c.length; k++) {
          if (qa >= hi[k]!) below += c[k]!;
          else if (qa > lo[k]!) {
            below += (c[k]! * (qa - lo[k]!)) / (hi[k]! - lo[k]!);
            inside = c[k]! > 0;
          }
        }
        if (inside) expect(below).toBeCloseTo(a * N, 9);
      }),
    );
  });
});

describe("studentTQuantile", () => {
  it("matches published table values to 1e-6", () => {
    // Upper percentage points of Student's t to 6 decimals. The first four are
    // the published values quoted in this module's specification; the rest were
    // read off SciPy 1.17 (scipy.stats.t.ppf) and confirmed with 50-digit mpmath.
    // Where the 3-decimal NIST/SEMATECH e-Handbook table (§1.3.6.7.2) has the
    // entry (p ≤ 0.995 with ν ≤ 100) they agree with it after rounding.
    const table: readonly [p: number, df: number, t: number][] = [
      [0.975, 9, 2.262157],
      [0.975, 1, 12.706205],
      [0.975, 30, 2.042272],
      [0.995, 5, 4.032143],
      [0.975, 2, 4.302653],
      [0.975, 4, 2.776445],
      [0.95, 4, 2.131847],
      [0.95, 10, 1.812461],
      [0.99, 20, 2.527977],
      [0.9, 3, 1.637744],
      [0.975, 120, 1.97993],
      [0.9995, 1, 636.619249],
      [0.9995, 10, 4.586894],
    ];
    for (const [p, df, t] of table) {
      expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-6);
      expect(Math.abs(studentTQuantile(1 - p, df) + t)).toBeLessThan(1e-6);
    }
  });

  it("matches the closed form for df = 4 (Shaw 2006) through the general solver", () => {
    // α = 4p(1 − p), q = cos(arccos(√α)/3)/√α, t = sign(p − ½) · 2 √(q − 1).
    const t4 = (p: number): number => {
      const a = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a);
      return Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1);
    };
    for (const p of [1e-8, 0.001, 0.01, 0.1, 0.3, 0.6, 0.9, 0.975, 0.999]) {
      const expected = t4(p);
      expect(Math.abs(studentTQuantile(p, 4) - expected)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected)));
    }
  });

  it("approaches the normal quantile as A&S 26.7.5 predicts for large df", () => {
    // Cornish–Fisher expansion t ≈ z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²),
    // with z = Φ⁻¹(0.975) = 1.959963984540054; the omitted terms are O(ν⁻³).
    // df = 1e9 exercises the normal-approximation branch (ν > 1e7).
    const z = 1.959963984540054;
    for (const nu of [1e4, 1e6, 1e9]) {
      const expected = z + (z ** 3 + z) / (4 * nu) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * nu * nu);
      expect(Math.abs(studentTQuantile(0.975, nu) - expected)).toBeLessThan(1e-9);
    }
  });

  it("handles the ends, the centre and extreme tails", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    // df = 1 is the Cauchy distribution: t = tan(π(p − ½)); p = 0.75 → tan(π/4) = 1.
    expect(studentTQuantile(0.75, 1)).toBeCloseTo(1, 14);
    const far = studentTQuantile(1e-300, 3);
    expect(Number.isFinite(far)).toBe(true);
    expect(studentTCdf(far, 3) / 1e-300).toBeCloseTo(1, 9);
    // Beyond the largest double (df < 1, tiny p): −Infinity rather than NaN.
    expect(studentTQuantile(1e-300, 0.3)).toBe(-Infinity);
  });

  it("rejects invalid arguments", () => {
    expect(() => studentTQuantile(-0.1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(1.1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, Infinity)).toThrow(RangeError);
  });

  it("property: inverts studentTCdf, is odd in p − ½ and decreasing in df", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-200, max: 0.5, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), (p, df) => {
        const t = studentTQuantile(p, df);
        // Relative to p: the tail itself is reproduced, not just 1 − p.
        expect(Math.abs(studentTCdf(t, df) - p) / p).toBeLessThan(1e-10);
        // Symmetry, for the p whose complement 1 − p is exactly representable.
        const upperP = 1 - p;
        expect(studentTQuantile(upperP, df) === -studentTQuantile(1 - upperP, df)).toBe(true);
        if (p < 0.49) expect(studentTQuantile(p, df * 2)).toBeGreaterThan(t);
      }),
    );
  });
});

describe("studentTCdf", () => {
  it("matches the closed forms for df = 1, 2, 3 (A&S 26.7.3–26.7.4)", () => {
    // ν = 1: ½ + atan(t)/π;  ν = 2: ½ + t / (2 √(2 + t²));
    // ν = 3: ½ + [atan(t/√3) + (t/√3)/(1 + t²/3)]/π.
    const cdf1 = (t: number): number => 0.5 + Math.atan(t) / Math.PI;
    const cdf2 = (t: number): number => 0.5 + t / (2 * Math.sqrt(2 + t * t));
    const cdf3 = (t: number): number => {
      const u = t / Math.sqrt(3);
      return 0.5 + (Math.atan(u) + u / (1 + u * u)) / Math.PI;
    };
    for (const t of [-30, -4, -1.5, -0.2, 0, 1e-8, 0.7, 2, 12]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(cdf1(t), 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(cdf2(t), 14);
      expect(studentTCdf(t, 3)).toBeCloseTo(cdf3(t), 14);
    }
    expect(studentTCdf(-Infinity, 4)).toBe(0);
    expect(studentTCdf(Infinity, 4)).toBe(1);
    // Huge |t| must not overflow t² into a wrong answer, in either regime of df.
    expect(studentTCdf(-1e200, 5)).toBe(0);
    expect(studentTCdf(1e200, 1e9)).toBe(1);
    expect(studentTCdf(-1e200, 1e9)).toBe(0);
  });

  it("rejects NaN and bad df", () => {
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, -2)).toThrow(RangeError);
  });
});

describe("meanInterval", () => {
  it("matches the hand computation for 1, 2, 3, 4, 5", () => {
    // mean = 15/5 = 3; squared deviations 4, 1, 0, 1, 4 sum to 10;
    // variance = 10/4 = 2.5, sd = √2.5 = 1.5811388…; se = sd/√5 = √0.5 = 0.7071068…
    // t(0.975, 4) = 2.776445 (table) → halfWidth = 2.776445 · 0.7071068 = 1.963243,
    // interval [1.036757, 4.963243].
    // At level 0.90: t(0.95, 4) = 2.131847 → halfWidth = 1.507443.
    const r = meanInterval([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.n).toBe(5);
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 15);
    expect(r.halfWidth).toBeCloseTo(1.963243, 6);
    expect(r.lower).toBeCloseTo(1.036757, 6);
    expect(r.upper).toBeCloseTo(4.963243, 6);
    expect(meanInterval([1, 2, 3, 4, 5], 0.9).halfWidth).toBeCloseTo(1.507443, 6);
  });

  it("matches the hand computation for two values", () => {
    // [1, 3]: mean 2, squared deviations 1 + 1 = 2, variance 2/1 = 2, sd = √2,
    // se = √2/√2 = 1; t(0.975, 1) = 12.706205 → [−10.706205, 14.706205].
    const r = meanInterval([1, 3]);
    expect(r.halfWidth).toBeCloseTo(12.706205, 6);
    expect(r.lower).toBeCloseTo(-10.706205, 6);
    expect(r.upper).toBeCloseTo(14.706205, 6);
  });

  it("returns a degenerate interval, not NaN, for one replication", () => {
    expect(meanInterval([7])).toEqual({ mean: 7, lower: 7, upper: 7, sd: 0, n: 1, halfWidth: 0 });
  });

  it("is exact for constant data and stable under a large offset", () => {
    expect(meanInterval([5, 5, 5])).toEqual({ mean: 5, lower: 5, upper: 5, sd: 0, n: 3, halfWidth: 0 });
    // 1e9 + {1, 2, 3}: sd = 1 exactly (deviations −1, 0, 1; variance 2/2).
    expect(meanInterval([1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBe(1);
  });

  it("rejects empty input, non-finite values and bad levels", () => {
    expect(() => meanInterval([])).toThrow(RangeError);
    expect(() => meanInterval([1, Number.NaN])).toThrow(RangeError);
    expect(() => meanInterval([1, 2], 0)).toThrow(RangeError);
    expect(() => meanInterval([1, 2], 1)).toThrow(RangeError);
    expect(() => meanInterval([1, 2], 95)).toThrow(RangeError);
  });

  it("property: contains the mean, is translation equivariant and scales with |c|", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -5, max: 5 }).filter((c) => c !== 0),
        (v, shift, c) => {
          const r = meanInterval(v);
          expect(r.lower).toBeLessThanOrEqual(r.mean);
          expect(r.upper).toBeGreaterThanOrEqual(r.mean);
          const shifted = meanInterval(v.map((x) => x + shift));
          expect(shifted.mean).toBeCloseTo(r.mean + shift, 6);
          expect(shifted.halfWidth).toBeCloseTo(r.halfWidth, 6);
          expect(meanInterval(v.map((x) => x * c)).halfWidth).toBeCloseTo(r.halfWidth * Math.abs(c), 5);
        },
      ),
    );
  });
});

describe("pairedDifference", () => {
  it("matches the hand computation", () => {
    // a − b = [10 − 9, 12 − 10, 14 − 14] = [1, 2, 0]: mean 1; squared deviations
    // 0 + 1 + 1 = 2; variance 2/2 = 1, sd 1; se = 1/√3 = 0.5773503;
    // t(0.975, 2) = 4.302653 (table) → halfWidth = 2.484138, [−1.484138, 3.484138].
    const r = pairedDifference([10, 12, 14], [9, 10, 14]);
    expect(r.mean).toBe(1);
    expect(r.sd).toBe(1);
    expect(r.n).toBe(3);
    expect(r.halfWidth).toBeCloseTo(2.484138, 6);
    expect(r.lower).toBeCloseTo(-1.484138, 6);
    expect(r.upper).toBeCloseTo(3.484138, 6);
  });

  it("throws a clear Error when the arms have different lengths", () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(/3 and 2/);
  });

  it("property: removes noise common to both arms (common random numbers)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1e6, max: 1e6 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (rows) => {
          const a = rows.map(([x]) => x);
          const b = rows.map(([, y]) => y);
          const plain = pairedDifference(a, b);
          // Adding the same shock to both arms of replication i changes nothing.
          const shocked = pairedDifference(
            rows.map(([x, , e]) => x + e),
            rows.map(([, y, e]) => y + e),
          );
          expect(shocked.mean).toBeCloseTo(plain.mean, 6);
          expect(shocked.halfWidth).toBeCloseTo(plain.halfWidth, 6);
          expect(plain).toEqual(meanInterval(a.map((x, i) => x - b[i]!)));
          const reversed = pairedDifference(b, a);
          expect(reversed.mean).toBeCloseTo(-plain.mean, 12);
          expect(reversed.halfWidth).toBeCloseTo(plain.halfWidth, 12);
        },
      ),
    );
  });
});
