/**
 * Power of a cluster-randomised evaluation by simulation: how often would an
 * evaluation with G localities of m households detect the programme's effect,
 * and what is the smallest effect it could reliably detect?
 */
import { inverseNormalCdf } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { rct } from "./rct.js";
import type { SurveyMonths } from "./rct.js";

/** Options of {@link power}. */
export interface PowerOptions {
  /** Numbers of localities (clusters) to try, each ≥ 2. */
  readonly clusters: readonly number[];
  /** Households per locality to try (all households, poor or not; the survey keeps `filter`'s children). */
  readonly householdsPerCluster: readonly number[];
  /** Replications per cell (≥ 2). */
  readonly replications: number;
  /** Seed; every cell uses the same replication seeds (with its own population size). */
  readonly seed: Seed;
  /** Two-sided significance level of the test of "no effect" (default 0.05). */
  readonly alpha?: number;
  /** When to survey (month indices). */
  readonly surveyMonths: SurveyMonths;
  /** Ages surveyed, [min, max] completed years (default [6, 16]). */
  readonly ages?: readonly [number, number];
  /** Children analysed: "poor" households (default) or "all". */
  readonly filter?: "poor" | "all";
  /** Estimator tested: "did" (difference-in-differences vs baseline, default) or "itt" (difference at follow-up). */
  readonly estimator?: "did" | "itt";
  /** Called after each cell: done of total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** One design (clusters × households per cluster) at one follow-up. */
export interface PowerCell {
  /** Localities G. */
  readonly clusters: number;
  /** Households per locality m. */
  readonly householdsPerCluster: number;
  /** Month index and calendar year of the follow-up. */
  readonly followUpMonth: number;
  /** Calendar year of the follow-up. */
  readonly followUpYear: number;
  /** Mean number of children analysed per replication (both rounds for the DiD). */
  readonly meanChildren: number;
  /** Mean estimate across replications. */
  readonly meanEstimate: number;
  /** SD of the estimates across replications (the sampling SD). */
  readonly sdEstimate: number;
  /** Mean cluster-robust standard error. */
  readonly meanSe: number;
  /** Share of replications rejecting "effect = 0" at `alpha` (two-sided, t with G − 1 df). */
  readonly power: number;
  /** Minimum detectable effect at 80% power: (z_{1−α/2} + z_{0.8}) × sdEstimate. */
  readonly mde80: number;
  /** The same from the mean cluster-robust SE instead of the simulated SD (what an evaluator would compute). */
  readonly mde80FromSe: number;
}

/** Result of {@link power}. */
export interface PowerResult {
  /** Significance level of the two-sided test, e.g. 0.05. */
  readonly alpha: number;
  /** Estimator: difference-in-differences or difference of means at follow-up. */
  readonly estimator: "did" | "itt";
  /** Replications per cell. */
  readonly replications: number;
  /** z_{1−α/2} + z_{0.8}, the MDE multiplier. */
  readonly mdeMultiplier: number;
  /** Cells in the order clusters × householdsPerCluster × follow-ups. */
  readonly cells: readonly PowerCell[];
}

/**
 * Simulated power of a cluster-randomised evaluation over a grid of designs.
 * For each number of localities G and households per locality m, the
 * scenario's population is resized to G·m households in G localities and
 * {@link rct} is replicated (without the counterfactual runs). For each
 * follow-up the cell reports the mean and SD of the estimates, the power —
 * the share of replications whose test of "no effect" rejects at `alpha`
 * (cluster-robust CR1 errors, t with G − 1 df) — and the minimum detectable
 * effect at 80% power,
 *
 *     MDE ≈ (z_{1−α/2} + z_{0.8}) · SD(estimate)       (2.80 · SD at α = 0.05),
 *
 * the usual normal approximation (e.g. Duflo, Glennerster & Kremer 2007,
 * "Using randomization in development economics research: a toolkit", eq. 8).
 * With few clusters the t(G − 1) critical value exceeds z, so the MDE is an
 * understatement there; `power` itself uses t.
 *
 * @param input a scenario (data) with a programme; its population size and localities are replaced.
 * @param options the grid, replications, seed, alpha, survey months.
 * @throws RangeError on an empty grid, fewer than 2 clusters or replications, or as {@link rct}.
 *
 * @example
 * const p = power({ months: 14, programme: { rule: { kind: "progresa" } } },
 *   { clusters: [20, 40], householdsPerCluster: [15, 30], replications: 20, seed: 1,
 *     surveyMonths: { baseline: 1, followUps: [13] } });
 * p.cells.map((c) => [c.clusters, c.householdsPerCluster, c.power, c.mde80]);
 */
export function power(input: unknown, options: PowerOptions): PowerResult {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const { clusters, householdsPerCluster, replications } = options;
  if (clusters.length === 0 || householdsPerCluster.length === 0) throw new RangeError("power: clusters and householdsPerCluster need at least one value each");
  for (const g of clusters) if (!(Number.isInteger(g) && g >= 2)) throw new RangeError(`power: clusters must be integers ≥ 2, got ${g}`);
  for (const m of householdsPerCluster)
    if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`power: householdsPerCluster must be integers ≥ 1, got ${m}`);
  if (!Number.isInteger(replications) || replications < 2) throw new RangeError(`power: replications must be an integer ≥ 2, got ${replications}`);
  const estimator = options.estimator ?? "did";
  const multiplier = inverseNormalCdf(1 - alpha / 2) + inverseNormalCdf(0.8);
  const base = (input ?? {}) as Record<string, unknown>;
  const population = (base.population ?? {}) as Record<string, unknown>;
  const cells: PowerCell[] = [];
  const total = clusters.length * householdsPerCluster.length;
  let done = 0;
  for (const g of clusters) {
    for (const m of householdsPerCluster) {
      const scenario = { ...base, population: { ...population, households: g * m, localities: g } };
      const result = rct(scenario, {
        replications,
        seed: options.seed,
        surveyMonths: options.surveyMonths,
        ...(options.ages ? { ages: options.ages } : {}),
        ...(options.filter ? { filter: options.filter } : {}),
        level: 1 - alpha,
        truth: false,
      });
      for (const f of result.followUps) {
        const s = estimator === "did" ? f.did : f.itt;
        const children = f.replications.map((r) => (estimator === "did" ? r.did.n : r.itt.n));
        cells.push({
          clusters: g,
          householdsPerCluster: m,
          followUpMonth: f.month,
          followUpYear: f.year,
          meanChildren: children.reduce((a, b) => a + b, 0) / children.length,
          meanEstimate: s.mean,
          sdEstimate: s.sd,
          meanSe: s.meanSe,
          power: s.rejectionRate,
          mde80: multiplier * s.sd,
          mde80FromSe: multiplier * s.meanSe,
        });
      }
      options.onProgress?.(++done, total);
    }
  }
  return { alpha, estimator, replications, mdeMultiplier: multiplier, cells };
}
