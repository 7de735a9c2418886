/**
 * Cost-effectiveness of a scenario against a baseline, from a {@link Comparison}:
 * programme cost (transfers paid plus administrative cost) per unit of extra
 * outcome, per replication (paired through common random numbers) and across
 * replications. See docs/evaluation.md.
 */
import type { Segment } from "../outcomes/layout.js";
import type { Comparison } from "./compare.js";
import { meanInterval, studentTQuantile } from "./intervals.js";
import type { MeanInterval } from "./intervals.js";

/** The outcomes cost-effectiveness is computed for. */
export const COST_EFFECTIVENESS_EFFECTS = ["enrolmentYears", "stuntingAverted", "povertyAverted", "clinicVisits"] as const;
/** One of {@link COST_EFFECTIVENESS_EFFECTS}. */
export type CostEffectivenessEffect = (typeof COST_EFFECTIVENESS_EFFECTS)[number];

/** How an effect is read from a comparison's metrics. */
interface EffectDefinition {
  readonly label: string;
  /** Unit the cost is expressed per. */
  readonly unit: string;
  /** Metric name for a segment. */
  readonly metric: (segment: Segment) => string;
  /** Increment of one replication from the scenario's and the baseline's metric values (positive = good). */
  readonly increment: (scenario: number, baseline: number) => number;
}

const EFFECTS: { readonly [E in CostEffectivenessEffect]: EffectDefinition } = {
  enrolmentYears: {
    label: "Cost per additional child-year of enrolment",
    unit: "child-year of enrolment (children 6–17, whole run)",
    metric: (s) => `totals/enrolledChildMonths/${s}`,
    increment: (s, b) => (s - b) / 12,
  },
  stuntingAverted: {
    label: "Cost per stunting case averted",
    unit: "stunted child under 5 fewer (average over the final window)",
    metric: (s) => `${s}/stuntedChildren`,
    increment: (s, b) => b - s,
  },
  povertyAverted: {
    label: "Cost per person lifted out of poverty",
    unit: "person fewer below the poverty line (average over the final window)",
    metric: (s) => `${s}/poorPersons`,
    increment: (s, b) => b - s,
  },
  clinicVisits: {
    label: "Cost per additional clinic visit",
    unit: "clinic visit (whole run)",
    metric: (s) => `totals/clinicVisits/${s}`,
    increment: (s, b) => s - b,
  },
};

/** Metric holding the cost (transfers paid plus administrative cost, whole run). */
export const COST_METRIC = "totals/costLcu";

/** Options of {@link costEffectiveness}. */
export interface CostEffectivenessOptions {
  /** Scenario the increments are taken against (default: the comparison's baseline). */
  readonly baseline?: string;
  /** Households whose outcomes count (default "all": the cost is the whole programme's, spill-overs included). */
  readonly segment?: Segment;
  /** Confidence level of the intervals (default: the comparison's). */
  readonly level?: number;
}

/** A ratio of means with its Fieller interval. */
export interface RatioEstimate {
  /** mean(incremental cost) / mean(increment); null when mean(increment) ≤ 0. */
  readonly ratio: number | null;
  /**
   * Fieller (1954) interval of the ratio at the given level, from the paired
   * per-replication (cost, increment) pairs; null when the ratio is null or the
   * mean increment is not significantly above 0 at that level (the set is then
   * unbounded). With one replication it is degenerate (lower = upper = ratio).
   */
  readonly lower: number | null;
  /** Upper end of the Fieller interval (null as for `lower`). */
  readonly upper: number | null;
}

/** Cost-effectiveness for one outcome. */
export interface CostEffectivenessMeasure {
  /** Which effect this is (see {@link COST_EFFECTIVENESS_EFFECTS}). */
  readonly effect: CostEffectivenessEffect;
  /** Label for reports, e.g. "Cost per additional child-year of enrolment". */
  readonly label: string;
  /** What one unit of the increment is. */
  readonly unit: string;
  /** Metric the increment is computed from. */
  readonly metric: string;
  /** False when the comparison lacks the metric for the scenario or the baseline (every figure is then null/empty). */
  readonly available: boolean;
  /** Increment per replication (scenario vs baseline, positive = improvement), in units. */
  readonly increments: readonly number[];
  /** Mean increment with its interval; null when not available. */
  readonly increment: MeanInterval | null;
  /** Cost per unit in each replication; null where the increment is ≤ 0 (the ratio means nothing there). */
  readonly perReplication: readonly (number | null)[];
  /** Replications with an increment ≤ 0. */
  readonly nonPositiveReplications: number;
  /**
   * Mean of the per-replication ratios with its t interval; null unless every
   * replication has a positive increment (dropping the others would bias it
   * downwards).
   */
  readonly meanOfRatios: MeanInterval | null;
  /** mean cost / mean increment with its Fieller interval: the more stable estimate. */
  readonly ratioOfMeans: RatioEstimate;
  /** Plain-language caveats (non-positive increments, missing metric, cost savings). */
  readonly notes: readonly string[];
}

/** Result of {@link costEffectiveness}. Money in the scenarios' local currency. */
export interface CostEffectiveness {
  /** Name of the scenario evaluated. */
  readonly scenario: string;
  /** Name of the baseline it is compared with. */
  readonly baseline: string;
  /** Households whose outcomes count. */
  readonly segment: Segment;
  /** Confidence level of the intervals, e.g. 0.95. */
  readonly level: number;
  /** Number of replications. */
  readonly replications: number;
  /** Incremental cost per replication: totals/costLcu of the scenario − of the baseline. */
  readonly costs: readonly number[];
  /** Mean incremental cost with its interval. */
  readonly cost: MeanInterval;
  /** Cost-effectiveness per effect. */
  readonly measures: { readonly [E in CostEffectivenessEffect]: CostEffectivenessMeasure };
}

/** The values of a metric across replications, or undefined if absent. */
function metricValues(comparison: Comparison, scenario: string, metric: string): readonly number[] | undefined {
  const values = comparison.values.get(scenario)?.get(metric);
  return values && values.length === comparison.replications ? values : undefined;
}

/**
 * Fieller interval of mean(c)/mean(e) for paired observations: the set of R with
 * (c̄ − R ē)² ≤ t² · Var(c̄ − R ē), Var estimated from the pairs, i.e.
 * a R² − 2 b R + c ≤ 0 with a = ē² − t² v_ee, b = c̄ ē − t² v_ce, c = c̄² − t² v_cc
 * (v = sample (co)variance / n). Bounded iff a > 0 (ē significantly ≠ 0).
 */
export function fiellerInterval(costs: readonly number[], increments: readonly number[], level = 0.95): RatioEstimate {
  const n = costs.length;
  if (n === 0 || n !== increments.length) throw new RangeError("fiellerInterval needs one increment per cost, at least one pair");
  const mc = costs.reduce((a, b) => a + b, 0) / n;
  const me = increments.reduce((a, b) => a + b, 0) / n;
  if (!(me > 0)) return { ratio: null, lower: null, upper: null };
  const ratio = mc / me;
  if (n === 1) return { ratio, lower: ratio, upper: ratio };
  let scc = 0;
  let see = 0;
  let sce = 0;
  for (let i = 0; i < n; i++) {
    const dc = costs[i]! - mc;
    const de = increments[i]! - me;
    scc += dc * dc;
    see += de * de;
    sce += dc * de;
  }
  const t = studentTQuantile((1 + level) / 2, n - 1);
  const t2n = (t * t) / (n * (n - 1)); // t² × (sum of products / (n − 1)) / n
  const a = me * me - t2n * see;
  if (!(a > 0)) return { ratio, lower: null, upper: null };
  const b = mc * me - t2n * sce;
  const c = mc * mc - t2n * scc;
  const root = Math.sqrt(Math.max(0, b * b - a * c));
  return { ratio, lower: (b - root) / a, upper: (b + root) / a };
}

/**
 * Cost-effectiveness of `scenario` against a baseline: in each replication,
 * incremental cost (transfers paid plus administrative cost, `totals/costLcu`,
 * scenario minus baseline) divided by the increment of
 * - **enrolmentYears**: child-years of enrolment of children 6–17 over the run,
 *   (enrolled child-months of the scenario − of the baseline) / 12;
 * - **stuntingAverted**: stunted children under 5 fewer, averaged over the final
 *   window (a stock, not cases over the run);
 * - **povertyAverted**: persons fewer below the poverty line, averaged over the final window;
 * - **clinicVisits**: extra clinic visits over the run.
 *
 * Both runs of a replication share their random numbers, so the increments are
 * paired. Where an increment is ≤ 0 the ratio is `null` (reported, never
 * Infinity or NaN). Two summaries: the mean of the per-replication ratios with
 * its t interval (only when every replication has a positive increment), and
 * the ratio of means (mean cost / mean increment) with a Fieller interval,
 * which is more stable when increments are small and noisy.
 *
 * @param comparison result of `compare`, holding `scenario` and the baseline.
 * @param scenario name of the scenario evaluated.
 * @throws Error if a scenario is missing from the comparison or lacks `totals/costLcu`.
 * @example
 * const ce = costEffectiveness(cmp, "cct");
 * ce.measures.enrolmentYears.ratioOfMeans.ratio; // pesos per extra child-year of enrolment
 */
export function costEffectiveness(comparison: Comparison, scenario: string, options: CostEffectivenessOptions = {}): CostEffectiveness {
  const baseline = options.baseline ?? comparison.baseline;
  const segment = options.segment ?? "all";
  const level = options.level ?? comparison.level;
  for (const name of [scenario, baseline]) {
    if (!comparison.values.has(name)) throw new Error(`costEffectiveness: no scenario "${name}" in the comparison (${comparison.scenarios.join(", ")})`);
  }
  if (scenario === baseline) throw new Error(`costEffectiveness: scenario and baseline are both "${scenario}"`);
  const costS = metricValues(comparison, scenario, COST_METRIC);
  const costB = metricValues(comparison, baseline, COST_METRIC);
  if (!costS || !costB) throw new Error(`costEffectiveness: metric ${COST_METRIC} missing for "${costS ? baseline : scenario}"`);
  const costs = costS.map((c, r) => c - costB[r]!);

  const measures = {} as Record<CostEffectivenessEffect, CostEffectivenessMeasure>;
  for (const effect of COST_EFFECTIVENESS_EFFECTS) {
    const def = EFFECTS[effect];
    const metric = def.metric(segment);
    const vs = metricValues(comparison, scenario, metric);
    const vb = metricValues(comparison, baseline, metric);
    const base = { effect, label: def.label, unit: def.unit, metric };
    if (!vs || !vb) {
      measures[effect] = {
        ...base,
        available: false,
        increments: [],
        increment: null,
        perReplication: [],
        nonPositiveReplications: 0,
        meanOfRatios: null,
        ratioOfMeans: { ratio: null, lower: null, upper: null },
        notes: [`metric ${metric} is missing for ${vs ? baseline : scenario}: not computed`],
      };
      continue;
    }
    const increments = vs.map((v, r) => def.increment(v, vb[r]!));
    const perReplication = increments.map((e, r) => (e > 0 ? costs[r]! / e : null));
    const nonPositive = perReplication.filter((x) => x === null).length;
    const ratios = perReplication.filter((x): x is number => x !== null);
    const notes: string[] = [];
    if (nonPositive > 0) {
      notes.push(`increment ≤ 0 in ${nonPositive} of ${increments.length} replication(s): no cost per unit there (null); the mean of ratios is not reported`);
    }
    const ratioOfMeans = fiellerInterval(costs, increments, level);
    if (ratioOfMeans.ratio === null) notes.push("mean increment ≤ 0: the scenario does not improve this outcome on average; no ratio");
    else if (ratioOfMeans.lower === null)
      notes.push(`mean increment not significantly above 0 at level ${level}: the interval of the ratio of means is unbounded (null)`);
    const savings = costs.filter((c, r) => c <= 0 && increments[r]! > 0).length;
    if (savings > 0)
      notes.push(`incremental cost ≤ 0 with a positive increment in ${savings} replication(s): the scenario dominates the baseline there (ratio ≤ 0)`);
    measures[effect] = {
      ...base,
      available: true,
      increments,
      increment: meanInterval(increments, level),
      perReplication,
      nonPositiveReplications: nonPositive,
      meanOfRatios: nonPositive === 0 ? meanInterval(ratios, level) : null,
      ratioOfMeans,
      notes,
    };
  }
  return { scenario, baseline, segment, level, replications: comparison.replications, costs, cost: meanInterval(costs, level), measures };
}
