/**
 * Tests for the evaluation estimators: OLS with naive and cluster-robust (CR1)
 * standard errors, the intention-to-treat difference and the 2×2
 * difference-in-differences.
 *
 * Provenance of expected values: every fixed number is worked out by hand in
 * the comment next to it (X'X, its inverse, residuals, cluster scores, the CR1
 * factor G/(G − 1)·(N − 1)/(N − k)). A seeded Monte Carlo checks that with a
 * cluster random effect the cluster-robust errors exceed the naive ones and
 * match the actual spread of the estimates; properties (invariances, the
 * singleton-cluster case) are checked with fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { differenceInDifferences, didOfRounds, ittDifference, olsClustered } from "../src/experiment/estimators.js";
import { studentTCdf, studentTQuantile } from "../src/experiment/intervals.js";
import type { SurveyRow } from "../src/experiment/surveyRows.js";
import { Purpose, RandomStreams } from "../src/random/streams.js";

/** A survey row with defaults for the fields a test does not care about. */
function row(locality: number, treated: boolean, year: number, enrolled: boolean, extra: Partial<SurveyRow> = {}): SurveyRow {
  return { year, locality, household: locality * 100, person: 0, male: false, age: 10, poor: true, treatedLocality: treated, enrolled, ...extra };
}

/** Rows of one locality: one child per outcome value. */
function locality(id: number, treated: boolean, year: number, outcomes: readonly number[]): SurveyRow[] {
  return outcomes.map((v, i) => row(id, treated, year, v === 1, { person: id * 100 + i + year }));
}

describe("olsClustered", () => {
  // y on a constant and x, clusters {0, 0, 1, 1}:
  //   x = 0 1 2 3, y = 1 3 2 5; x̄ = 1.5, ȳ = 2.75
  //   Sxy = (−1.5)(−1.75) + (−0.5)(0.25) + (0.5)(−0.75) + (1.5)(2.25) = 2.625 − 0.125 − 0.375 + 3.375 = 5.5
  //   Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5  ⇒ slope 1.1, intercept 2.75 − 1.1·1.5 = 1.1
  //   fitted 1.1 2.2 3.3 4.4, residuals −0.1 0.8 −1.3 0.6, Σû² = 0.01 + 0.64 + 1.69 + 0.36 = 2.7
  //   s² = 2.7 / (4 − 2) = 1.35
  //   X'X = [[4, 6], [6, 14]], det 20, (X'X)⁻¹ = [[0.7, −0.3], [−0.3, 0.2]]
  //   naive Var = s²(X'X)⁻¹: intercept 1.35·0.7 = 0.945, slope 1.35·0.2 = 0.27
  //   cluster scores s_g = Σ x_i û_i: g0 = (−0.1 + 0.8, 0·(−0.1) + 1·0.8) = (0.7, 0.8),
  //                                   g1 = (−1.3 + 0.6, 2·(−1.3) + 3·0.6) = (−0.7, −0.8)
  //   meat = 2·[[0.49, 0.56], [0.56, 0.64]] = [[0.98, 1.12], [1.12, 1.28]]
  //   (X'X)⁻¹·meat = [[0.35, 0.4], [−0.07, −0.08]];  ·(X'X)⁻¹ = [[0.125, −0.025], [−0.025, 0.005]]
  //   CR1 factor G/(G−1)·(N−1)/(N−k) = 2 · 3/2 = 3  ⇒ V = [[0.375, −0.075], [−0.075, 0.015]]
  const X = [
    [1, 0],
    [1, 1],
    [1, 2],
    [1, 3],
  ];
  const y = [1, 3, 2, 5];
  const clusters = [0, 0, 1, 1];

  it("reproduces slope, intercept, naive and CR1 errors computed by hand", () => {
    const fit = olsClustered(X, y, clusters);
    expect(fit.coefficients[0]).toBeCloseTo(1.1, 12);
    expect(fit.coefficients[1]).toBeCloseTo(1.1, 12);
    expect(fit.residualVariance).toBeCloseTo(1.35, 12);
    expect(fit.naiveSe[0]).toBeCloseTo(Math.sqrt(0.945), 12);
    expect(fit.naiveSe[1]).toBeCloseTo(Math.sqrt(0.27), 12);
    expect(fit.clusterCovariance[0]![0]).toBeCloseTo(0.375, 12);
    expect(fit.clusterCovariance[0]![1]).toBeCloseTo(-0.075, 12);
    expect(fit.clusterCovariance[1]![1]).toBeCloseTo(0.015, 12);
    expect(fit.clusterSe[1]).toBeCloseTo(Math.sqrt(0.015), 12); // 0.12247…
    expect(fit).toMatchObject({ n: 4, k: 2, clusters: 2 });
  });

  it("gives the same fit from a flat Float64Array", () => {
    const flat = olsClustered(Float64Array.from(X.flat()), y, clusters, { columns: 2 });
    const nested = olsClustered(X, y, clusters);
    expect(flat.coefficients).toEqual(nested.coefficients);
    expect(flat.clusterSe).toEqual(nested.clusterSe);
    expect(flat.naiveSe).toEqual(nested.naiveSe);
  });

  it("computes a three-cluster CR1 error of a mean by hand", () => {
    // Intercept only: y = 1 3 | 2 2 | 6 4 in clusters 1 | 2 | 3. Mean 18/6 = 3.
    //   residuals −2 0 | −1 −1 | 3 1, cluster sums −2, −2, 4; meat = 4 + 4 + 16 = 24
    //   (X'X)⁻¹ = 1/6 ⇒ sandwich 24/36 = 2/3; CR1 factor 3/2 · 5/5 = 1.5 ⇒ Var 1, SE 1
    //   naive: Σû² = 4 + 0 + 1 + 1 + 9 + 1 = 16, s² = 16/5 = 3.2, Var = 3.2/6 ⇒ SE 0.7303
    const fit = olsClustered([[1], [1], [1], [1], [1], [1]], [1, 3, 2, 2, 6, 4], [1, 1, 2, 2, 3, 3]);
    expect(fit.coefficients[0]).toBeCloseTo(3, 12);
    expect(fit.clusterSe[0]).toBeCloseTo(1, 12);
    expect(fit.naiveSe[0]).toBeCloseTo(Math.sqrt(3.2 / 6), 12);
  });

  it("rejects bad input with a clear message", () => {
    expect(() =>
      olsClustered(
        [
          [1, 2],
          [1, 2],
          [1, 2],
        ],
        [1, 2, 3],
        [0, 1, 2],
      ),
    ).toThrow(/singular/); // collinear
    expect(() => olsClustered([[1], [1], [1]], [1, 2, 3], [0, 0, 0])).toThrow(/at least 2 clusters/);
    expect(() => olsClustered(new Float64Array(6), [1, 2, 3], [0, 1, 2])).toThrow(/columns/);
    expect(() => olsClustered([[1], [1]], [1, 2, 3], [0, 1])).toThrow(/y has 3/);
    expect(() =>
      olsClustered(
        [
          [1, 0],
          [1, 1],
        ],
        [1, 2],
        [0, 1],
      ),
    ).toThrow(/more observations/);
    expect(() => olsClustered([[1], [1], [1]], [1, NaN, 3], [0, 1, 2])).toThrow(/not finite/);
  });

  it("with one observation per cluster, CR1 is White's HC1 (property)", () => {
    // G = N: G/(G−1)·(N−1)/(N−k) = N/(N−k), the HC1 factor; Σ_g s_g s_g' = Σ_i û_i² x_i x_i'.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 5, maxLength: 30 }),
        (pts) => {
          const xs = pts.map(([x]) => x);
          const spread = Math.max(...xs) - Math.min(...xs);
          fc.pre(spread > 0.5);
          const fit = olsClustered(
            pts.map(([x]) => [1, x]),
            pts.map(([, v]) => v),
            pts.map((_, i) => i),
          );
          const [a, b] = fit.coefficients as [number, number];
          const n = pts.length;
          const xbar = xs.reduce((s, v) => s + v, 0) / n;
          const sxx = xs.reduce((s, v) => s + (v - xbar) ** 2, 0);
          // HC for the slope of a simple regression: Σ (x_i − x̄)² û_i² / Sxx², times N/(N − 2).
          const hc = pts.reduce((s, [x, v]) => s + (x - xbar) ** 2 * (v - a - b * x) ** 2, 0) / sxx ** 2;
          const hc1 = Math.sqrt((hc * n) / (n - 2));
          expect(fit.clusterSe[1]).toBeCloseTo(hc1, 8);
        },
      ),
      { seed: 20250101, numRuns: 100 },
    );
  });

  it("does not depend on the order of rows or the labels of clusters (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 4 })), {
          minLength: 12,
          maxLength: 40,
        }),
        (pts) => {
          fc.pre(new Set(pts.map((p) => p[2])).size >= 2);
          fc.pre(Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0])) > 0.5);
          const a = olsClustered(
            pts.map(([x]) => [1, x]),
            pts.map((p) => p[1]),
            pts.map((p) => p[2]),
          );
          const rev = [...pts].reverse();
          const b = olsClustered(
            rev.map(([x]) => [1, x]),
            rev.map((p) => p[1]),
            rev.map((p) => 100 - 7 * p[2]),
          );
          expect(b.coefficients[1]).toBeCloseTo(a.coefficients[1]!, 9);
          expect(b.clusterSe[1]).toBeCloseTo(a.clusterSe[1]!, 9);
          expect(b.naiveSe[1]).toBeCloseTo(a.naiveSe[1]!, 9);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
});

describe("ittDifference", () => {
  // Four localities of two children at follow-up (1998):
  //   A treated 1, 1 | B treated 1, 0 | C control 0, 0 | D control 1, 0
  //   treated mean 3/4 = 0.75, control mean 1/4 = 0.25 ⇒ ITT 0.5
  //   residuals: A 0.25, 0.25 (sum 0.5) | B 0.25, −0.75 (−0.5) | C −0.25, −0.25 (−0.5) | D 0.75, −0.25 (0.5)
  //   difference of means: cluster variance = Σ_T S_g²/N_T² + Σ_C S_g²/N_C² = (0.25 + 0.25)/16 + (0.25 + 0.25)/16 = 0.0625
  //   (the same as the sandwich with X = [1, D]: (X'X)⁻¹ = [[0.25, −0.25], [−0.25, 0.5]], meat [[1, 0.5], [0.5, 0.5]])
  //   CR1 factor 4/3 · 7/6 = 14/9 ⇒ Var = 0.0625 · 14/9 = 0.097222…, SE = 0.311805
  //   naive: Σû² = 6·0.0625 + 2·0.5625 = 1.5, s² = 1.5/6 = 0.25, Var = 0.25 · 0.5 = 0.125, SE = 0.353553
  const rows = [
    ...locality(0, true, 1998, [1, 1]),
    ...locality(1, true, 1998, [1, 0]),
    ...locality(2, false, 1998, [0, 0]),
    ...locality(3, false, 1998, [1, 0]),
  ];

  it("is the difference of means with the hand-computed CR1 error and a t(G − 1) interval", () => {
    const itt = ittDifference(rows, { outcome: "enrolled", followUpYear: 1998 });
    expect(itt.estimate).toBeCloseTo(0.5, 12);
    expect(itt.means).toEqual({ treated: 0.75, control: 0.25 });
    expect(itt.se).toBeCloseTo(Math.sqrt((0.0625 * 14) / 9), 12);
    expect(itt.naiveSe).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(itt).toMatchObject({ n: 8, clusters: 4, treatedClusters: 2, controlClusters: 2, df: 3, level: 0.95 });
    const half = studentTQuantile(0.975, 3) * itt.se; // t_{0.975, 3} = 3.182446
    expect(itt.lower).toBeCloseTo(0.5 - half, 12);
    expect(itt.upper).toBeCloseTo(0.5 + half, 12);
    expect(itt.t).toBeCloseTo(0.5 / itt.se, 12);
    expect(itt.pValue).toBeCloseTo(2 * studentTCdf(-itt.t, 3), 12);
  });

  it("uses only the follow-up year and the rows the filter keeps", () => {
    const noise = [
      ...locality(0, true, 1997, [0, 0, 0]), // another year
      ...locality(2, false, 1998, [1, 1]).map((r) => ({ ...r, poor: false })), // filtered out
    ];
    const itt = ittDifference([...rows, ...noise], { outcome: "enrolled", followUpYear: 1998, filter: (r) => r.poor });
    expect(itt.estimate).toBeCloseTo(0.5, 12);
    expect(itt.n).toBe(8);
  });

  it("accepts an outcome function and a level", () => {
    const itt = ittDifference(rows, { outcome: (r) => (r.enrolled ? 10 : 0), followUpYear: 1998, level: 0.9 });
    expect(itt.estimate).toBeCloseTo(5, 12);
    expect(itt.upper - itt.estimate).toBeCloseTo(studentTQuantile(0.95, 3) * itt.se, 12);
  });

  it("needs both arms and the year", () => {
    expect(() =>
      ittDifference(
        rows.filter((r) => r.treatedLocality),
        { outcome: "enrolled", followUpYear: 1998 },
      ),
    ).toThrow(/both arms/);
    expect(() => ittDifference(rows, { outcome: "enrolled", followUpYear: 1999 })).toThrow(/no rows/);
  });
});

describe("differenceInDifferences", () => {
  // Two children per locality and year:
  //            1997   1998
  //   A (T)    0 0    1 1
  //   B (T)    1 0    1 0
  //   C (C)    1 1    1 0
  //   D (C)    0 0    1 0
  // Cell means: T97 = 1/4, T98 = 3/4, C97 = 2/4, C98 = 2/4
  //   DiD = (0.75 − 0.25) − (0.5 − 0.5) = 0.5
  // The model y = a + b·T + c·post + d·T·post is saturated, so d̂ = Σ w_i y_i with
  //   w = +1/4 (T98), −1/4 (T97), −1/4 (C98), +1/4 (C97), and Var is built from Σ_{i∈g} w_i û_i.
  //   residuals (y − cell mean): A97 −.25 −.25, A98 .25 .25, B97 .75 −.25, B98 .25 −.75,
  //                              C97 .5 .5, C98 .5 −.5, D97 −.5 −.5, D98 .5 −.5
  //   cluster scores: A = (0.5)/4 − (−0.5)/4 = 0.25; B = (−0.5)/4 − (0.5)/4 = −0.25;
  //                   C = −(0)/4 + (1)/4 = 0.25;    D = −(0)/4 + (−1)/4 = −0.25
  //   Σ s_g² = 0.25; CR1 factor 4/3 · 15/12 = 5/3 ⇒ Var = 0.416667, SE = 0.645497
  //   naive: Σû² = 0.125 + 0.125 + 0.625 + 0.625 + 0.5·4 = 3.5, s² = 3.5/12; Σ w_i² = 16/16 = 1 ⇒ SE = √(3.5/12) = 0.540062
  const rows = [
    ...locality(0, true, 1997, [0, 0]),
    ...locality(0, true, 1998, [1, 1]),
    ...locality(1, true, 1997, [1, 0]),
    ...locality(1, true, 1998, [1, 0]),
    ...locality(2, false, 1997, [1, 1]),
    ...locality(2, false, 1998, [1, 0]),
    ...locality(3, false, 1997, [0, 0]),
    ...locality(3, false, 1998, [1, 0]),
  ];

  it("is the difference of the four cell means with the hand-computed CR1 error", () => {
    const did = differenceInDifferences(rows, { baselineYear: 1997, followUpYear: 1998 });
    expect(did.means).toEqual({ treatedBaseline: 0.25, treatedFollowUp: 0.75, controlBaseline: 0.5, controlFollowUp: 0.5 });
    expect(did.estimate).toBeCloseTo(0.5, 12);
    expect(did.se).toBeCloseTo(Math.sqrt((0.25 * 5) / 3), 12);
    expect(did.naiveSe).toBeCloseTo(Math.sqrt(3.5 / 12), 12);
    expect(did).toMatchObject({ n: 16, clusters: 4, df: 3, treatedClusters: 2, controlClusters: 2 });
    expect(did.upper - did.estimate).toBeCloseTo(studentTQuantile(0.975, 3) * did.se, 12);
  });

  it("equals the cell-mean contrast on any data (property)", () => {
    const cell = fc.array(fc.boolean(), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 4, maxLength: 10 }), (locs) => {
        const data: SurveyRow[] = [];
        locs.forEach(([pre, post], l) => {
          const treated = l % 2 === 0;
          pre.forEach((e) => data.push(row(l, treated, 1997, e)));
          post.forEach((e) => data.push(row(l, treated, 1998, e)));
        });
        const mean = (t: boolean, y: number) => {
          const sel = data.filter((r) => r.treatedLocality === t && r.year === y);
          return sel.filter((r) => r.enrolled).length / sel.length;
        };
        const did = differenceInDifferences(data, { baselineYear: 1997, followUpYear: 1998 });
        expect(did.estimate).toBeCloseTo(mean(true, 1998) - mean(true, 1997) - (mean(false, 1998) - mean(false, 1997)), 10);
        // Split off by hand, the same rounds give the same answer.
        const same = didOfRounds(
          data.filter((r) => r.year === 1997),
          data.filter((r) => r.year === 1998),
        );
        expect(same.se).toBe(did.se);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it("needs distinct years and all four cells", () => {
    expect(() => differenceInDifferences(rows, { baselineYear: 1998, followUpYear: 1998 })).toThrow(/didOfRounds/);
    expect(() =>
      differenceInDifferences(
        rows.filter((r) => !(r.treatedLocality && r.year === 1997)),
        { baselineYear: 1997, followUpYear: 1998 },
      ),
    ).toThrow(/treated baseline/);
  });
});

describe("cluster-robust versus naive errors (seeded Monte Carlo)", () => {
  // G = 30 clusters of m = 20; a cluster-level treatment x_g (every other cluster);
  // y = 0.3·x_g + σ_a·a_g + e_i with a_g, e_i standard normal from RandomStreams.
  // With σ_a = 1 the intra-cluster correlation is ρ = 0.5, so the naive SE of the slope
  // is too small by about the Moulton factor √(1 + (m − 1)ρ) = √10.5 ≈ 3.2.
  const G = 30;
  const m = 20;
  function simulateMany(sigmaA: number, datasets: number) {
    const rng = new RandomStreams(`cluster-mc-${sigmaA}`);
    const estimates: number[] = [];
    const ratios: number[] = [];
    let coveredCluster = 0;
    let coveredNaive = 0;
    const tCrit = studentTQuantile(0.975, G - 1);
    const zCrit = 1.959964;
    for (let d = 0; d < datasets; d++) {
      const stream = rng.stream(Purpose.populationHousehold, d, 0);
      const X = new Float64Array(G * m * 2);
      const y = new Float64Array(G * m);
      const cl = new Float64Array(G * m);
      for (let g = 0; g < G; g++) {
        const a = sigmaA * rng.normalAt(stream, g);
        const x = g % 2;
        for (let j = 0; j < m; j++) {
          const i = g * m + j;
          X[2 * i] = 1;
          X[2 * i + 1] = x;
          y[i] = 0.3 * x + a + rng.normalAt(stream, G + i);
          cl[i] = g;
        }
      }
      const fit = olsClustered(X, y, cl, { columns: 2 });
      const b = fit.coefficients[1]!;
      estimates.push(b);
      ratios.push(fit.clusterSe[1]! / fit.naiveSe[1]!);
      if (Math.abs(b - 0.3) <= tCrit * fit.clusterSe[1]!) coveredCluster++;
      if (Math.abs(b - 0.3) <= zCrit * fit.naiveSe[1]!) coveredNaive++;
    }
    const mean = estimates.reduce((s, v) => s + v, 0) / datasets;
    const sd = Math.sqrt(estimates.reduce((s, v) => s + (v - mean) ** 2, 0) / (datasets - 1));
    return {
      mean,
      sd,
      meanRatio: ratios.reduce((s, v) => s + v, 0) / datasets,
      coverageCluster: coveredCluster / datasets,
      coverageNaive: coveredNaive / datasets,
    };
  }

  it("cluster-robust errors exceed naive ones and match the spread when outcomes correlate within clusters", () => {
    const r = simulateMany(1, 300);
    // True SD of the slope: √(2·(σ_a² + 1/m)/(G/2)) = √(2·1.05/15) = 0.374; naive SE ≈ √(2·s²/(G m/2)) ≈ 0.116.
    expect(r.meanRatio).toBeGreaterThan(2.5);
    expect(r.meanRatio).toBeLessThan(4);
    expect(r.sd).toBeGreaterThan(0.3);
    expect(r.sd).toBeLessThan(0.45);
    expect(r.coverageCluster).toBeGreaterThan(0.9); // nominal 0.95
    expect(r.coverageNaive).toBeLessThan(0.6); // badly too narrow
    expect(Math.abs(r.mean - 0.3)).toBeLessThan(3 * (r.sd / Math.sqrt(300)));
  });

  it("without a cluster effect the two agree", () => {
    const r = simulateMany(0, 200);
    expect(r.meanRatio).toBeGreaterThan(0.85);
    expect(r.meanRatio).toBeLessThan(1.1);
    expect(r.coverageCluster).toBeGreaterThan(0.9);
    expect(r.coverageNaive).toBeGreaterThan(0.9);
  });
});
