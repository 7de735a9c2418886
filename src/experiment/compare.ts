import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { simulate } from "../engine/simulate.js";
import type { SimulationResult } from "../outcomes/types.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { RandomStreams } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { meanInterval, pairedDifference } from "./intervals.js";
import type { MeanInterval } from "./intervals.js";
import { monthlyMetrics, summaryMetrics } from "./metrics.js";
import type { TrajectorySelection } from "./metrics.js";

/** What a scenario factory sees: the replication and the results of the scenarios listed before it. */
export interface ReplicationContext {
  /** Replication index (0-based). */
  readonly replication: number;
  /** Seed of this replication. */
  readonly seed: Seed;
  /** Results of earlier scenarios in this replication, by scenario name. */
  readonly results: ReadonlyMap<string, SimulationResult>;
}

/** A scenario in a comparison: data, or a function of the replication (e.g. budget-matched to an earlier scenario). */
export type ComparedScenario = unknown | ((context: ReplicationContext) => unknown);

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Replications (≥ 1; ≥ 2 for intervals). */
  readonly replications: number;
  /** Seed of the comparison; replication r runs on a seed derived from it (replication 0 on the seed itself). */
  readonly seed: Seed;
  /** Name of the baseline scenario differences are taken against (default: the first). */
  readonly baseline?: string;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Called after each run (for progress bars): done runs of total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Also keep monthly outcome values per scenario × replication
   * ({@link Comparison.trajectories}): `true` for every monthly metric, or a list of
   * metric names / "prefix/" entries (see `monthlyMetrics`). Default: none (the
   * comparison is then exactly as without the option).
   */
  readonly trajectories?: TrajectorySelection | undefined;
}

/** One outcome of one scenario across replications. */
export interface ComparedOutcome {
  /** Mean across replications with its interval. */
  readonly estimate: MeanInterval;
  /** Paired difference from the baseline (common random numbers); absent for the baseline itself. */
  readonly difference?: MeanInterval;
}

/** Result of {@link compare}. */
export interface Comparison {
  /** Scenario names in the order given. */
  readonly scenarios: readonly string[];
  /** Name of the baseline scenario (the first): differences are taken from it. */
  readonly baseline: string;
  /** Number of replications. */
  readonly replications: number;
  /** Confidence level of the intervals, e.g. 0.95. */
  readonly level: number;
  /** Resolved scenarios of replication 0, by name. */
  readonly resolved: Readonly<Record<string, ResolvedScenario>>;
  /** Per metric (e.g. "poor/enrolment/age12to14"), per scenario. */
  readonly outcomes: ReadonlyMap<string, ReadonlyMap<string, ComparedOutcome>>;
  /** Per scenario, the metric values of every replication (for custom statistics). */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
  /**
   * Per scenario, monthly outcome values of every replication; present only when
   * the comparison ran with the `trajectories` option.
   */
  readonly trajectories?: ReadonlyMap<string, ScenarioTrajectories>;
}

/** Monthly values of one scenario in one replication. */
export interface ReplicationTrajectory {
  /** Calendar month of each entry, "YYYY-MM" (index = month from the start). */
  readonly dates: readonly string[];
  /** Metric (as `monthlyMetrics` names it) → one value per month, in the metric's unit; NaN where undefined. */
  readonly metrics: Readonly<Record<string, Float64Array>>;
}

/** Monthly values of one scenario across the replications of a comparison. */
export interface ScenarioTrajectories {
  /** Calendar month of each entry, "YYYY-MM" (index = month from the start). */
  readonly dates: readonly string[];
  /** Metric → one series per replication (index = replication), one value per month, in the metric's unit; NaN where undefined. */
  readonly metrics: ReadonlyMap<string, readonly Float64Array[]>;
  /** Resolved scenario of every replication (index = replication): `simulate(resolved[r])` reproduces series r exactly. */
  readonly resolved: readonly ResolvedScenario[];
}

/** Options of {@link runReplication}. */
export interface ReplicationOptions {
  /** Monthly metrics to keep (see {@link CompareOptions.trajectories}); default none. */
  readonly trajectories?: TrajectorySelection | undefined;
}

/** What one replication produced: per scenario, its resolved scenario and summary metrics. */
export interface ReplicationOutcome {
  /** Replication index (0-based). */
  readonly replication: number;
  /** Scenario names in the order given. */
  readonly names: readonly string[];
  /** Per scenario name, the resolved scenario that ran. */
  readonly resolved: Readonly<Record<string, ResolvedScenario>>;
  /** Per scenario name, metric name → value. */
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per scenario name, its monthly values; only with the `trajectories` option. */
  readonly trajectories?: Readonly<Record<string, ReplicationTrajectory>>;
}

/**
 * Run replication `r` of a comparison: every scenario on the same seed, so on
 * the same population and random streams (common random numbers). Pure
 * function of (scenarios, seed, r): workers can run replications in any order.
 */
export function runReplication(
  scenarios: readonly ComparedScenario[],
  seed: Seed,
  r: number,
  onRun?: () => void,
  options: ReplicationOptions = {},
): ReplicationOutcome {
  const keep = options.trajectories ?? false;
  const trajectories: Record<string, ReplicationTrajectory> = {};
  const repSeed = RandomStreams.forReplication(seed, r);
  const results = new Map<string, SimulationResult>();
  const populations = new Map<string, Population>(); // scenarios with equal population settings share one
  const names: string[] = [];
  const resolved: Record<string, ResolvedScenario> = {};
  const metrics: Record<string, Record<string, number>> = {};
  scenarios.forEach((entry, k) => {
    const input = typeof entry === "function" ? (entry as (c: ReplicationContext) => unknown)({ replication: r, seed: repSeed, results }) : entry;
    const scenario = parseScenario({ ...(input as object), seed: repSeed });
    const name = scenario.name === "scenario" ? `scenario ${k + 1}` : scenario.name;
    if (names.includes(name)) throw new Error(`compare: two scenarios are named "${name}"; give each a distinct name`);
    names.push(name);
    resolved[name] = scenario;
    const key = JSON.stringify(scenario.population);
    let population = populations.get(key);
    if (!population) populations.set(key, (population = createPopulation(scenario)));
    const result = simulate(scenario, { population, householdOutcomes: true });
    results.set(name, result);
    const m = summaryMetrics(result);
    // Who is better or worse off than under the first scenario (same households, same draws).
    const reference = results.values().next().value as SimulationResult;
    if (reference !== result) for (const [k, v] of householdShares(result, reference)) m.set(k, v);
    metrics[name] = Object.fromEntries(m);
    if (keep !== false) trajectories[name] = { dates: result.months.map((month) => month.date), metrics: Object.fromEntries(monthlyMetrics(result, keep)) };
    onRun?.();
  });
  return keep === false ? { replication: r, names, resolved, metrics } : { replication: r, names, resolved, metrics, trajectories };
}

/**
 * Shares of households with higher ("households/betterOff") or lower
 * ("households/worseOff") mean consumption per adult equivalent over the final
 * window than under the reference run, among households alive in both.
 */
function householdShares(result: SimulationResult, reference: SimulationResult): Map<string, number> {
  const a = result.households?.finalConsumptionPerAeLcu;
  const b = reference.households?.finalConsumptionPerAeLcu;
  const out = new Map<string, number>();
  if (!a || !b || a.length !== b.length) return out;
  let n = 0;
  let better = 0;
  let worse = 0;
  for (let h = 0; h < a.length; h++) {
    const x = a[h] as number;
    const y = b[h] as number;
    if (x <= 0 || y <= 0) continue;
    n++;
    // A relative tolerance, so float noise is not read as a change.
    if (x > y * (1 + 1e-9)) better++;
    else if (x < y * (1 - 1e-9)) worse++;
  }
  if (n > 0) {
    out.set("households/betterOff", better / n);
    out.set("households/worseOff", worse / n);
  }
  return out;
}

/**
 * Assemble a {@link Comparison} from replication outcomes (in any order; they
 * are sorted by replication index, so the result does not depend on which
 * worker ran what).
 */
export function assembleComparison(outcomes: readonly ReplicationOutcome[], baseline?: string, level = 0.95): Comparison {
  const sorted = [...outcomes].sort((a, b) => a.replication - b.replication);
  const first = sorted[0];
  if (!first) throw new Error("assembleComparison needs at least one replication");
  const names = first.names;
  const replications = sorted.length;
  const values = new Map<string, Map<string, number[]>>();
  for (const rep of sorted) {
    for (const name of names) {
      let perScenario = values.get(name);
      if (!perScenario) values.set(name, (perScenario = new Map()));
      for (const [metric, v] of Object.entries(rep.metrics[name] ?? {})) {
        let list = perScenario.get(metric);
        if (!list) perScenario.set(metric, (list = []));
        list.push(v);
      }
    }
  }
  const base = baseline ?? names[0]!;
  if (!names.includes(base)) throw new Error(`compare: baseline "${base}" is not one of ${names.join(", ")}`);
  const result = new Map<string, Map<string, ComparedOutcome>>();
  const baseValues = values.get(base)!;
  for (const name of names) {
    for (const [metric, list] of values.get(name)!) {
      if (list.length !== replications) continue; // defined in only some replications
      let row = result.get(metric);
      if (!row) result.set(metric, (row = new Map()));
      const b = baseValues.get(metric);
      const difference = name !== base && b && b.length === replications ? pairedDifference(list, b, level) : undefined;
      row.set(name, difference ? { estimate: meanInterval(list, level), difference } : { estimate: meanInterval(list, level) });
    }
  }
  const comparison: Comparison = { scenarios: names, baseline: base, replications, level, resolved: first.resolved, outcomes: result, values };
  return sorted.every((rep) => rep.trajectories) ? { ...comparison, trajectories: collectTrajectories(sorted, names) } : comparison;
}

/** Per scenario, the replications' monthly series side by side (replications sorted by index). */
function collectTrajectories(sorted: readonly ReplicationOutcome[], names: readonly string[]): Map<string, ScenarioTrajectories> {
  const out = new Map<string, ScenarioTrajectories>();
  for (const name of names) {
    const metrics = new Map<string, Float64Array[]>();
    const resolved: ResolvedScenario[] = [];
    let dates: readonly string[] = [];
    sorted.forEach((rep, k) => {
      const t = rep.trajectories?.[name];
      const scenario = rep.resolved[name];
      if (!t || !scenario) throw new Error(`compare: replication ${rep.replication} lacks the trajectories of "${name}"`);
      if (resolved.length === 0) dates = t.dates;
      resolved.push(scenario);
      for (const [metric, series] of Object.entries(t.metrics)) {
        let list = metrics.get(metric);
        // A metric some replications never define (e.g. a work cell nobody is in) is NaN there: index = replication.
        if (!list) metrics.set(metric, (list = Array.from({ length: k }, () => new Float64Array(series.length).fill(Number.NaN))));
        list.push(series);
      }
      for (const list of metrics.values()) if (list.length === k) list.push(new Float64Array(dates.length).fill(Number.NaN));
    });
    out.set(name, { dates, metrics, resolved });
  }
  return out;
}

/**
 * Run several scenarios over the same replications and compare them. In
 * replication r every scenario runs on the same seed, hence on the same
 * population and the same random streams per household and purpose (common
 * random numbers): differences from the baseline are paired, so their
 * intervals are much tighter than those of the outcomes themselves.
 * (`bansos/node` has `compareInWorkers`, the same on several cores.)
 *
 * @example
 * const cmp = compare([{ name: "none", programme: null }, { name: "cct", programme: { rule: { kind: "progresa" } } }],
 *   { replications: 10, seed: 1 });
 * cmp.outcomes.get("poor/enrolment/age12to14")?.get("cct")?.difference; // effect with its 95% interval
 */
export function compare(scenarios: readonly ComparedScenario[], options: CompareOptions): Comparison {
  const { replications, seed } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const total = replications * scenarios.length;
  let done = 0;
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < replications; r++) {
    outcomes.push(runReplication(scenarios, seed, r, () => options.onProgress?.(++done, total), { trajectories: options.trajectories }));
  }
  return assembleComparison(outcomes, options.baseline, options.level ?? 0.95);
}
