/**
 * Estimators of programme effects from survey rows, as an evaluator would
 * compute them on the real data: ordinary least squares with cluster-robust
 * standard errors, the intention-to-treat difference between treated and
 * control localities, and the 2×2 difference-in-differences.
 *
 * **Why cluster.** In a cluster-randomised evaluation the treatment varies
 * between localities, not between children, and children of one locality
 * share schools, prices and shocks: their outcomes are correlated. The
 * textbook (homoskedastic) standard error treats every child as independent
 * information and understates the uncertainty, by roughly the Moulton factor
 * √(1 + (m − 1)ρ) for clusters of m children with intra-cluster correlation ρ
 * of the regressor and of the errors. The cluster-robust ("sandwich") variance
 * lets errors be correlated arbitrarily within a cluster and independent
 * between clusters:
 *
 *     V̂ = c · (X'X)⁻¹ (Σ_g X_g' û_g û_g' X_g) (X'X)⁻¹,    c = G/(G − 1) · (N − 1)/(N − k)
 *
 * with G clusters, N observations, k regressors, X_g and û_g the rows and OLS
 * residuals of cluster g. The factor c is the "CR1" small-sample correction
 * used by Stata's `regress, vce(cluster id)`; inference uses Student's t with
 * G − 1 degrees of freedom, as Stata does, because the variance is estimated
 * from G cluster sums, not N observations. With few clusters (say G < 30–50)
 * even CR1 with t(G − 1) over-rejects somewhat; see A. C. Cameron and
 * D. L. Miller (2015), "A practitioner's guide to cluster-robust inference",
 * *Journal of Human Resources* 50(2):317–372 (§II.C for CR1, §VI on few
 * clusters).
 */
import { studentTCdf, studentTQuantile } from "./intervals.js";
import type { SurveyRow } from "./surveyRows.js";

/** Result of {@link olsClustered}. Vectors are in the order of the columns of X. */
export interface OlsResult {
  /** β̂ = (X'X)⁻¹ X'y. */
  readonly coefficients: number[];
  /** Homoskedastic standard errors, √diag(s² (X'X)⁻¹) with s² = Σû²/(N − k). */
  readonly naiveSe: number[];
  /** Cluster-robust (CR1) standard errors, √diag(V̂) (see the module comment). */
  readonly clusterSe: number[];
  /** s² (X'X)⁻¹, row-major k × k. */
  readonly naiveCovariance: number[][];
  /** The CR1 sandwich V̂, row-major k × k. */
  readonly clusterCovariance: number[][];
  /** Residual variance s² = Σû² / (N − k). */
  readonly residualVariance: number;
  /** Observations N. */
  readonly n: number;
  /** Regressors k (columns of X, including any constant). */
  readonly k: number;
  /** Distinct clusters G. */
  readonly clusters: number;
}

/** Options of {@link olsClustered}. */
export interface OlsOptions {
  /** Number of columns k when X is a flat row-major Float64Array (required then). */
  readonly columns?: number;
}

/**
 * Inverse of a symmetric positive definite matrix (row-major, k × k) by
 * Cholesky factorisation A = LL', then A⁻¹ = L⁻ᵀ L⁻¹.
 * @throws RangeError if A is not (numerically) positive definite: collinear regressors.
 */
function inverseSpd(a: Float64Array, k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let p = 0; p < j; p++) d -= (L[j * k + p] as number) ** 2;
    // Relative pivot test: a pivot that lost all but ~1e-10 of its diagonal is a linear dependence.
    if (!(d > 1e-10 * (a[j * k + j] as number)) || !(d > 0)) {
      throw new RangeError(`olsClustered: X'X is singular (column ${j} is a linear combination of earlier columns or all zero)`);
    }
    const ljj = Math.sqrt(d);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      for (let p = 0; p < j; p++) s -= (L[i * k + p] as number) * (L[j * k + p] as number);
      L[i * k + j] = s / ljj;
    }
  }
  // M = L⁻¹ (lower triangular), by forward substitution column by column.
  const M = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = c; i < k; i++) {
      let s = i === c ? 1 : 0;
      for (let p = c; p < i; p++) s -= (L[i * k + p] as number) * (M[p * k + c] as number);
      M[i * k + c] = s / (L[i * k + i] as number);
    }
  }
  // A⁻¹ = M'M.
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let p = j; p < k; p++) s += (M[p * k + i] as number) * (M[p * k + j] as number);
      inv[i * k + j] = s;
      inv[j * k + i] = s;
    }
  }
  return inv;
}

/** B·M·B for symmetric k × k matrices, row-major. */
function sandwich(bread: Float64Array, meat: Float64Array, k: number): Float64Array {
  const bm = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (bread[i * k + p] as number) * (meat[p * k + j] as number);
      bm[i * k + j] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (bm[i * k + p] as number) * (bread[p * k + j] as number);
      out[i * k + j] = s;
    }
  }
  return out;
}

function toRows(m: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from(m.subarray(i * k, (i + 1) * k)));
}

/**
 * Ordinary least squares with homoskedastic and cluster-robust (CR1) standard
 * errors — the numbers of Stata's `regress y x…` and `regress y x…,
 * vce(cluster id)`. Include a column of ones in X for an intercept.
 *
 * The cluster-robust variance is the sandwich
 * c · (X'X)⁻¹ (Σ_g s_g s_g') (X'X)⁻¹, where s_g = Σ_{i∈g} x_i û_i is cluster
 * g's score, and c = G/(G − 1) · (N − 1)/(N − k) (Cameron & Miller 2015,
 * *J. Human Resources* 50(2):317–372, eq. 11 with the CR1 factor of §II.C).
 * Cluster identifiers may be any numbers; only equality matters.
 *
 * @param X regressors: an array of N rows of k numbers, or a flat row-major
 *   Float64Array of N·k numbers with `options.columns = k`.
 * @param y outcome, N numbers.
 * @param clusters cluster identifier of each observation, N numbers.
 * @returns coefficients, naive and cluster-robust standard errors and covariances.
 * @throws RangeError on mismatched lengths, non-finite data, N ≤ k, fewer
 *   than two clusters, or collinear regressors.
 *
 * @example
 * // y on a constant and x; two clusters {0, 0, 1, 1}
 * const fit = olsClustered([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5], [0, 0, 1, 1]);
 * fit.coefficients; // => [1.1, 1.1]
 * fit.naiveSe[1];   // => 0.5196… (√(1.35 / 5))
 * fit.clusterSe[1]; // => 0.1224… (√0.015)
 */
export function olsClustered(
  X: readonly (readonly number[])[] | Float64Array,
  y: ArrayLike<number>,
  clusters: ArrayLike<number>,
  options: OlsOptions = {},
): OlsResult {
  let n: number;
  let k: number;
  let x: Float64Array;
  if (X instanceof Float64Array) {
    k = options.columns ?? NaN;
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError("olsClustered: a flat X needs options.columns = k ≥ 1");
    if (X.length % k !== 0) throw new RangeError(`olsClustered: flat X has ${X.length} numbers, not a multiple of ${k} columns`);
    n = X.length / k;
    x = X;
  } else {
    n = X.length;
    k = X[0]?.length ?? 0;
    if (options.columns !== undefined && options.columns !== k) {
      throw new RangeError(`olsClustered: options.columns = ${options.columns} but X has ${k} columns`);
    }
    if (k < 1) throw new RangeError("olsClustered: X needs at least one row and one column");
    x = new Float64Array(n * k);
    X.forEach((row, i) => {
      if (row.length !== k) throw new RangeError(`olsClustered: row ${i} of X has ${row.length} entries, expected ${k}`);
      x.set(row, i * k);
    });
  }
  if (y.length !== n) throw new RangeError(`olsClustered: y has ${y.length} entries for ${n} rows of X`);
  if (clusters.length !== n) throw new RangeError(`olsClustered: clusters has ${clusters.length} entries for ${n} rows of X`);
  if (n <= k) throw new RangeError(`olsClustered: needs more observations than regressors (N = ${n}, k = ${k})`);
  for (let i = 0; i < n * k; i++) if (!Number.isFinite(x[i])) throw new RangeError(`olsClustered: X has a non-finite entry at row ${Math.floor(i / k)}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) throw new RangeError(`olsClustered: y[${i}] is not finite`);

  // Normal equations: X'X and X'y.
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    const yi = y[i] as number;
    for (let a = 0; a < k; a++) {
      const xa = x[o + a] as number;
      if (xa === 0) continue;
      xty[a] = (xty[a] as number) + xa * yi;
      for (let b = a; b < k; b++) xtx[a * k + b] = (xtx[a * k + b] as number) + xa * (x[o + b] as number);
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtx[a * k + b] = xtx[b * k + a] as number;
  const bread = inverseSpd(xtx, k);
  const beta = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += (bread[a * k + b] as number) * (xty[b] as number);
    beta[a] = s;
  }

  // Residuals, their sum of squares, and each cluster's score s_g = Σ x_i û_i.
  let ssr = 0;
  const scores = new Map<number, Float64Array>();
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += (x[o + a] as number) * (beta[a] as number);
    const u = (y[i] as number) - fitted;
    ssr += u * u;
    const g = clusters[i] as number;
    let s = scores.get(g);
    if (!s) scores.set(g, (s = new Float64Array(k)));
    for (let a = 0; a < k; a++) s[a] = (s[a] as number) + (x[o + a] as number) * u;
  }
  const G = scores.size;
  if (G < 2) throw new RangeError(`olsClustered: cluster-robust errors need at least 2 clusters, got ${G}`);

  // Meat: Σ_g s_g s_g'.
  const meat = new Float64Array(k * k);
  for (const s of scores.values()) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] = (meat[a * k + b] as number) + (s[a] as number) * (s[b] as number);
  }
  const vCluster = sandwich(bread, meat, k);
  const c = (G / (G - 1)) * ((n - 1) / (n - k));
  for (let i = 0; i < k * k; i++) vCluster[i] = (vCluster[i] as number) * c;
  const s2 = ssr / (n - k);
  const vNaive = bread.map((v) => v * s2);
  const diag = (m: Float64Array) => Array.from({ length: k }, (_, a) => Math.sqrt(Math.max(0, m[a * k + a] as number)));
  return {
    coefficients: Array.from(beta),
    naiveSe: diag(vNaive),
    clusterSe: diag(vCluster),
    naiveCovariance: toRows(vNaive, k),
    clusterCovariance: toRows(vCluster, k),
    residualVariance: s2,
    n,
    k,
    clusters: G,
  };
}

/** Keys of a row whose values are numbers or booleans (usable as outcomes). */
export type NumericKey<R> = { [K in keyof R]: R[K] extends number | boolean ? K : never }[keyof R];

/** An outcome: a numeric or boolean field of the row (booleans count 1/0), or a function of the row. */
export type Outcome<R> = NumericKey<R> | ((row: R) => number);

/** An estimated programme effect with its cluster-robust inference. */
export interface EffectEstimate {
  /** The estimated effect (difference of means, or the DiD coefficient). */
  readonly estimate: number;
  /** Cluster-robust (CR1) standard error, clustered by locality. */
  readonly se: number;
  /** Homoskedastic standard error, for comparison (too small when outcomes correlate within localities). */
  readonly naiveSe: number;
  /** estimate / se (±Infinity if se = 0 and estimate ≠ 0; 0 if both are 0). */
  readonly t: number;
  /** Degrees of freedom of the t reference distribution: clusters − 1. */
  readonly df: number;
  /** Two-sided p-value of "effect = 0" from Student's t with `df` degrees of freedom. */
  readonly pValue: number;
  /** Confidence level of [lower, upper]. */
  readonly level: number;
  /** estimate − t_{(1+level)/2, G−1} · se. */
  readonly lower: number;
  /** estimate + t_{(1+level)/2, G−1} · se. */
  readonly upper: number;
  /** Observations (children) used. */
  readonly n: number;
  /** Clusters (localities) used, treated and control. */
  readonly clusters: number;
  /** Treated clusters used. */
  readonly treatedClusters: number;
  /** Control clusters used. */
  readonly controlClusters: number;
}

/** {@link ittDifference}'s estimate, with the two means it compares. */
export interface IttEstimate extends EffectEstimate {
  /** Mean outcome of each group at follow-up, in the outcome's unit. */
  readonly means: {
    /** Mean outcome of treated children. */
    readonly treated: number;
    /** Mean outcome of control children. */
    readonly control: number;
  };
}

/** {@link differenceInDifferences}'s estimate, with the four cell means. */
export interface DidEstimate extends EffectEstimate {
  /** Mean outcome in each cell (group × round), in the outcome's unit. */
  readonly means: {
    /** Treated, baseline round. */
    readonly treatedBaseline: number;
    /** Treated, follow-up round. */
    readonly treatedFollowUp: number;
    /** Control, baseline round. */
    readonly controlBaseline: number;
    /** Control, follow-up round. */
    readonly controlFollowUp: number;
  };
}

/** Options shared by the estimators. */
interface EstimatorOptions<R> {
  /** Outcome (default "enrolled"). */
  readonly outcome?: Outcome<R>;
  /** Keep only rows for which this is true (e.g. `(r) => r.poor`). */
  readonly filter?: (row: R) => boolean;
  /** Confidence level of the interval (default 0.95). */
  readonly level?: number;
}

/** Options of {@link ittDifference}. */
export interface IttOptions<R> extends EstimatorOptions<R> {
  /** Survey year of the follow-up. */
  readonly followUpYear: number;
}

/** Options of {@link differenceInDifferences}. */
export interface DidOptions<R> extends EstimatorOptions<R> {
  /** Survey year before the programme. */
  readonly baselineYear: number;
  /** Survey year after it started. */
  readonly followUpYear: number;
}

function outcomeOf<R>(outcome: Outcome<R> | undefined): (row: R) => number {
  if (typeof outcome === "function") return outcome;
  const key = (outcome ?? "enrolled") as keyof R;
  return (row) => {
    const v = row[key] as unknown;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    throw new RangeError(`outcome "${String(key)}" is not a number or boolean field of the row`);
  };
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/** Inference on coefficient `j` of a fit: t, p-value and interval with t(G − 1). */
function effect(fit: OlsResult, j: number, level: number, treatedClusters: number, controlClusters: number): EffectEstimate {
  const estimate = fit.coefficients[j] as number;
  const se = fit.clusterSe[j] as number;
  const df = fit.clusters - 1;
  const t = se > 0 ? estimate / se : estimate === 0 ? 0 : Math.sign(estimate) * Infinity;
  const pValue = 2 * studentTCdf(-Math.abs(t), df);
  const half = studentTQuantile((1 + level) / 2, df) * se;
  return {
    estimate,
    se,
    naiveSe: fit.naiveSe[j] as number,
    t,
    df,
    pValue,
    level,
    lower: estimate - half,
    upper: estimate + half,
    n: fit.n,
    clusters: fit.clusters,
    treatedClusters,
    controlClusters,
  };
}

function countClusters<R extends SurveyRow>(rows: readonly R[]): { treated: number; control: number } {
  const treated = new Set<number>();
  const control = new Set<number>();
  for (const r of rows) (r.treatedLocality ? treated : control).add(r.locality);
  return { treated: treated.size, control: control.size };
}

function requireArms(treated: number, control: number, what: string): void {
  if (treated === 0 || control === 0) {
    throw new RangeError(`${what}: needs rows from both arms, got ${treated} treated and ${control} control localities`);
  }
}

/**
 * The intention-to-treat difference at a follow-up already split off: the
 * engine of {@link ittDifference} (rows of one survey round, unfiltered).
 * Exposed so that two rounds in the same calendar year can be analysed.
 */
export function ittOfRound<R extends SurveyRow>(round: readonly R[], options: Omit<IttOptions<R>, "followUpYear"> = {}): IttEstimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const y = outcomeOf(options.outcome);
  const rows = options.filter ? round.filter(options.filter) : round;
  const arms = countClusters(rows);
  requireArms(arms.treated, arms.control, "ittDifference");
  const n = rows.length;
  const X = new Float64Array(2 * n);
  const Y = new Float64Array(n);
  const cl = new Float64Array(n);
  let sumT = 0,
    nT = 0,
    sumC = 0;
  rows.forEach((r, i) => {
    const d = r.treatedLocality ? 1 : 0;
    X[2 * i] = 1;
    X[2 * i + 1] = d;
    const v = y(r);
    Y[i] = v;
    cl[i] = r.locality;
    if (d) {
      sumT += v;
      nT++;
    } else sumC += v;
  });
  const fit = olsClustered(X, Y, cl, { columns: 2 });
  return { ...effect(fit, 1, level, arms.treated, arms.control), means: { treated: sumT / nT, control: sumC / (n - nT) } };
}

/**
 * Intention-to-treat effect at a follow-up survey: mean outcome of children in
 * treated localities minus that in control localities, i.e. the slope b of
 * y = a + b·treated + u, with standard errors clustered by locality (CR1) and a
 * confidence interval from **Student's t with G − 1 degrees of freedom** (G =
 * localities), as Stata's `regress y treated, vce(cluster locality)`.
 *
 * Randomisation makes the arms comparable in expectation, so this is unbiased
 * for the effect of offering the programme to a locality (eligible children
 * only if `filter` keeps the poor). In one draw the arms can differ at
 * baseline; {@link differenceInDifferences} removes such fixed differences.
 *
 * @param rows survey rows (any years; only `followUpYear` is used).
 * @param options `followUpYear`; `outcome` (default "enrolled"); `filter`; `level` (default 0.95).
 * @throws RangeError if the selected rows lack an arm, or as {@link olsClustered}.
 *
 * @example
 * // Four localities of two children: treated 1,1 | 1,0; control 0,0 | 1,0.
 * const itt = ittDifference(rows, { outcome: "enrolled", followUpYear: 1998 });
 * itt.estimate; // => 0.5 (0.75 − 0.25)
 * itt.se;       // => 0.3118 (√(0.0625 · 4/3 · 7/6))
 */
export function ittDifference<R extends SurveyRow>(rows: readonly R[], options: IttOptions<R>): IttEstimate {
  const round = rows.filter((r) => r.year === options.followUpYear);
  if (round.length === 0) throw new RangeError(`ittDifference: no rows in follow-up year ${options.followUpYear}`);
  return ittOfRound(round, options);
}

/**
 * The difference-in-differences on two survey rounds already split off: the
 * engine of {@link differenceInDifferences}. Exposed so that two rounds in the
 * same calendar year (e.g. March and October 1998) can be contrasted.
 */
export function didOfRounds<R extends SurveyRow>(
  baseline: readonly R[],
  followUp: readonly R[],
  options: Omit<DidOptions<R>, "baselineYear" | "followUpYear"> = {},
): DidEstimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const y = outcomeOf(options.outcome);
  const pre = options.filter ? baseline.filter(options.filter) : baseline;
  const post = options.filter ? followUp.filter(options.filter) : followUp;
  const arms = countClusters([...pre, ...post]);
  requireArms(arms.treated, arms.control, "differenceInDifferences");
  const n = pre.length + post.length;
  const X = new Float64Array(4 * n);
  const Y = new Float64Array(n);
  const cl = new Float64Array(n);
  // Cell sums and counts, index 2·treated + post.
  const sum = [0, 0, 0, 0];
  const count = [0, 0, 0, 0];
  let i = 0;
  for (const [rowsOfRound, p] of [
    [pre, 0],
    [post, 1],
  ] as const) {
    for (const r of rowsOfRound) {
      const d = r.treatedLocality ? 1 : 0;
      const o = 4 * i;
      X[o] = 1;
      X[o + 1] = d;
      X[o + 2] = p;
      X[o + 3] = d * p;
      const v = y(r);
      Y[i] = v;
      cl[i] = r.locality;
      sum[2 * d + p] = (sum[2 * d + p] as number) + v;
      count[2 * d + p] = (count[2 * d + p] as number) + 1;
      i++;
    }
  }
  for (let c = 0; c < 4; c++) {
    if (count[c] === 0) {
      const cell = `${c >= 2 ? "treated" : "control"} ${c % 2 === 1 ? "follow-up" : "baseline"}`;
      throw new RangeError(`differenceInDifferences: no rows in the ${cell} cell`);
    }
  }
  const fit = olsClustered(X, Y, cl, { columns: 4 });
  const mean = (c: number) => (sum[c] as number) / (count[c] as number);
  return {
    ...effect(fit, 3, level, arms.treated, arms.control),
    means: { controlBaseline: mean(0), controlFollowUp: mean(1), treatedBaseline: mean(2), treatedFollowUp: mean(3) },
  };
}

/**
 * Difference-in-differences between a baseline and a follow-up survey: the
 * coefficient d of
 *
 *     y = a + b·treated + c·post + d·treated·post + u
 *
 * on the rows of both rounds (a repeated cross-section: children need not be
 * the same in both), with standard errors clustered by locality (CR1; a
 * locality's children in both rounds form one cluster) and a confidence
 * interval from **Student's t with G − 1 degrees of freedom**. The model is
 * saturated, so d equals the difference of the four cell means,
 * (treated follow-up − treated baseline) − (control follow-up − control
 * baseline): a fixed difference between the arms (b) and a common trend (c)
 * drop out.
 *
 * @param rows survey rows (rows of other years are ignored).
 * @param options `baselineYear`, `followUpYear`; `outcome` (default "enrolled"); `filter`; `level` (default 0.95).
 * @throws RangeError if the years are equal, a cell is empty, or as {@link olsClustered}.
 *
 * @example
 * const did = differenceInDifferences(rows, { baselineYear: 1997, followUpYear: 1998, filter: (r) => r.poor });
 * did.estimate;             // (T98 − T97) − (C98 − C97)
 * [did.lower, did.upper];   // 95% interval, t with clusters − 1 df
 */
export function differenceInDifferences<R extends SurveyRow>(rows: readonly R[], options: DidOptions<R>): DidEstimate {
  if (options.baselineYear === options.followUpYear) {
    throw new RangeError(`differenceInDifferences: baseline and follow-up years are both ${options.baselineYear}; use didOfRounds for two rounds in one year`);
  }
  return didOfRounds(
    rows.filter((r) => r.year === options.baselineYear),
    rows.filter((r) => r.year === options.followUpYear),
    options,
  );
}
