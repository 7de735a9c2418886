/**
 * Parameter sweeps: the cartesian product of a grid of values set at dotted
 * paths of a base scenario, every point compared with one baseline on common
 * random numbers. (`bansos/node` has the same sweep on worker threads.)
 */
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { RandomStreams } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { assembleComparison, runReplication } from "./compare.js";
import type { Comparison, ReplicationOutcome } from "./compare.js";
import type { TrajectorySelection } from "./metrics.js";

/**
 * A grid: dotted path into the scenario (e.g. "behaviour.priceEffect",
 * "programme.rule.grantsLcuPerMonth.lowerSecondary", "programme.rule") →
 * the values it takes. Values are a list (labelled automatically) or an object
 * label → value (e.g. `{ "CCT 100": { kind: "schoolAttendance", … } }`).
 */
export type SweepGrid = Readonly<Record<string, readonly unknown[] | Readonly<Record<string, unknown>>>>;

/** One point of a sweep. */
export interface SweepPoint {
  /** Readable and unique, e.g. "priceEffect=2, rule=progresa"; also the scenario's name. */
  readonly name: string;
  /** Grid path → the value set there (as given in the grid). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The base scenario (deep copy) with the values set and `name` = the point's name. */
  readonly scenario: Record<string, unknown>;
}

/** Which scenario the points are compared with. */
export type SweepBaseline = "none" | "base";

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** Replications (≥ 1; ≥ 2 for intervals). */
  readonly replications: number;
  /** Seed of the sweep; replication r of every point runs on the same derived seed. */
  readonly seed: Seed;
  /**
   * The baseline, run first in every replication: "none" (default) is the base
   * with `programme: null`, named "no programme"; "base" is the base scenario as
   * given, named by its `name` (or "base").
   */
  readonly baseline?: SweepBaseline;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Called after each simulation: done of total (= replications × (points + 1)). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Also keep monthly outcome values (see `CompareOptions.trajectories`); default none. */
  readonly trajectories?: TrajectorySelection;
}

/** Result of {@link sweep}. */
export interface SweepResult {
  /** The grid points, in product order (the first grid key varies slowest). */
  readonly points: readonly SweepPoint[];
  /** Comparison of the baseline (first scenario) and every point, named as the points. */
  readonly comparison: Comparison;
}

/** Name of the default baseline (the base with no programme). */
export const SWEEP_NO_PROGRAMME = "no programme";

/** What a sweep runs: the points, and the scenarios (baseline first) as plain data. */
export interface SweepPlan {
  /** The grid points, in product order (the first grid key varies slowest). */
  readonly points: readonly SweepPoint[];
  /** Name of the baseline scenario. */
  readonly baseline: string;
  /** Baseline, then every point's scenario; each validated by parseScenario. */
  readonly scenarios: readonly Record<string, unknown>[];
}

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep copy of arrays and plain objects; anything else (functions, rule objects) is kept by reference. */
function copyData<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => copyData(x)) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copyData(x);
    return out as T;
  }
  return v;
}

function segmentsOf(path: string): string[] {
  const segments = path.split(".");
  if (path === "" || segments.some((s) => s === "")) throw new Error(`sweep: bad grid path "${path}" (expected dotted keys, e.g. "behaviour.priceEffect")`);
  const bad = segments.find((s) => FORBIDDEN_SEGMENTS.has(s));
  if (bad !== undefined) throw new Error(`sweep: grid path "${path}" uses the reserved key "${bad}"`);
  return segments;
}

/** Set `value` at `path` in `target` (a deep copy owned by the caller), creating missing or null intermediate objects. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = segmentsOf(path);
  let current: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(key))
        throw new Error(`sweep: cannot set "${path}": "${segments.slice(0, i).join(".")}" is an array, "${key}" is not an index`);
      const index = Number(key);
      if (last) {
        current[index] = value;
        return;
      }
      let next: unknown = current[index];
      if (next === undefined || next === null) current[index] = next = {};
      if (!Array.isArray(next) && !isPlainObject(next)) throw notAnObject(path, segments, i, next);
      current = next;
    } else {
      if (last) {
        current[key] = value;
        return;
      }
      let next: unknown = current[key];
      if (next === undefined || next === null) current[key] = next = {};
      if (!Array.isArray(next) && !isPlainObject(next)) throw notAnObject(path, segments, i, next);
      current = next;
    }
  }
}

function notAnObject(path: string, segments: readonly string[], i: number, found: unknown): Error {
  const what = typeof found === "object" ? "an object that is not plain data" : `a ${typeof found}`;
  return new Error(`sweep: cannot set "${path}": "${segments.slice(0, i + 1).join(".")}" is ${what}, not an object to set keys in`);
}

function json(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Short label of a grid value: strings as they are, numbers, an object's `name` or `kind`, else JSON. */
function valueLabel(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "function") return (v as { name?: string }).name || "function";
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = v as { name?: unknown; kind?: unknown };
    if (typeof o.name === "string" && o.name !== "") return o.name;
    if (typeof o.kind === "string" && o.kind !== "") return o.kind;
  }
  if (typeof v === "object" && v !== null) return json(v);
  return String(v);
}

/** A grid key's values with unique labels: given labels, or short labels with "#k" added where they collide. */
function labelledValues(path: string, values: SweepGrid[string]): { label: string; value: unknown }[] {
  let entries: { label: string; value: unknown }[];
  if (Array.isArray(values)) {
    const list = values as readonly unknown[];
    const labels = list.map(valueLabel);
    const count = new Map<string, number>();
    for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
    entries = list.map((value, k) => ({ label: count.get(labels[k]!)! > 1 ? `${labels[k]!}#${k + 1}` : labels[k]!, value }));
  } else if (isPlainObject(values)) {
    entries = Object.entries(values).map(([label, value]) => ({ label, value }));
  } else {
    throw new Error(`sweep: the values of "${path}" must be a list or an object label → value`);
  }
  if (entries.length === 0) throw new Error(`sweep: grid path "${path}" has no values`);
  return entries;
}

/**
 * The points of a sweep: the cartesian product of the grid (the first key
 * varies slowest), each value set at its dotted path on a deep copy of `base`
 * (intermediate objects are created where missing or null; keys are applied
 * in grid order, so a whole object such as "programme.rule" should come before
 * paths inside it). `base` is not modified. Each point's name lists its values
 * ("priceEffect=2, rule=progresa": the last segment of each path, or the whole
 * path where two keys share it; object values by their `name` or `kind`,
 * numbered "#k" where labels collide) and is also set as the scenario's name.
 *
 * @example
 * sweepPoints({ programme: { rule: { kind: "progresa" } } }, { "behaviour.priceEffect": [0, 1, 2] })
 *   .map((p) => p.name); // ["priceEffect=0", "priceEffect=1", "priceEffect=2"]
 */
export function sweepPoints(base: unknown, grid: SweepGrid): SweepPoint[] {
  if (base !== undefined && !isPlainObject(base)) throw new TypeError("sweep: the base scenario must be a plain object (scenario data)");
  const baseObject = (base ?? {}) as Record<string, unknown>;
  const paths = Object.keys(grid);
  for (const path of paths) {
    const first = segmentsOf(path)[0];
    if (first === "name" || first === "seed")
      throw new Error(`sweep: cannot sweep "${path}": points are named after their values and every replication sets the seed`);
  }
  const axes = paths.map((path) => labelledValues(path, grid[path]!));
  const lastSegment = paths.map((p) => p.slice(p.lastIndexOf(".") + 1));
  const keyLabels = paths.map((p, k) => (lastSegment.filter((s) => s === lastSegment[k]).length > 1 ? p : lastSegment[k]!));
  const baseName = typeof baseObject.name === "string" && baseObject.name !== "" && baseObject.name !== "scenario" ? baseObject.name : "base";

  const points: SweepPoint[] = [];
  const choice = axes.map(() => 0);
  for (;;) {
    const scenario = copyData(baseObject);
    const values: Record<string, unknown> = {};
    const parts: string[] = [];
    axes.forEach((axis, k) => {
      const entry = axis[choice[k]!]!;
      values[paths[k]!] = entry.value;
      setPath(scenario, paths[k]!, copyData(entry.value));
      parts.push(`${keyLabels[k]!}=${entry.label}`);
    });
    const name = parts.length > 0 ? parts.join(", ") : baseName;
    scenario.name = name;
    points.push({ name, values, scenario });
    // Next combination: the last key varies fastest.
    let k = axes.length - 1;
    while (k >= 0 && ++choice[k]! === axes[k]!.length) choice[k--] = 0;
    if (k < 0) break;
  }
  return points;
}

/**
 * The scenarios a sweep runs, baseline first, each validated with
 * parseScenario so a bad grid fails before anything runs. Used by
 * {@link sweep} and by the worker-thread sweep of `bansos/node`.
 */
export function sweepPlan(base: unknown, grid: SweepGrid, baseline: SweepBaseline = "none"): SweepPlan {
  if (baseline !== "none" && baseline !== "base") throw new Error(`sweep: baseline must be "none" or "base", got ${json(baseline)}`);
  const points = sweepPoints(base, grid);
  const baseObject = copyData((base ?? {}) as Record<string, unknown>);
  const baseName = typeof baseObject.name === "string" && baseObject.name !== "" && baseObject.name !== "scenario" ? baseObject.name : "base";
  const baselineScenario = baseline === "none" ? { ...baseObject, name: SWEEP_NO_PROGRAMME, programme: null } : { ...baseObject, name: baseName };
  const scenarios = [baselineScenario, ...points.map((p) => p.scenario)];
  const seen = new Set<string>();
  for (const s of scenarios) {
    const name = s.name as string;
    if (seen.has(name)) throw new Error(`sweep: two scenarios are named "${name}" (the baseline and a grid point?); rename the base or change the grid`);
    seen.add(name);
    try {
      parseScenario(s);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`sweep: scenario "${name}" is not valid: ${message}`, { cause: error });
    }
  }
  return { points, baseline: baselineScenario.name, scenarios };
}

/**
 * Sweep a grid of parameter values: every point of {@link sweepPoints} is
 * compared with one baseline (by default the base without a programme) on
 * common random numbers — in each replication the baseline and all points run
 * on the same seed, hence the same population and draws — so differences from
 * the baseline are paired. Single-threaded; `bansos/node` exports the same
 * sweep on worker threads, with identical results.
 *
 * @example
 * const { points, comparison } = sweep(
 *   { months: 24, population: { households: 5000 }, programme: { rule: { kind: "progresa" } } },
 *   { "behaviour.priceEffect": [0.5, 1, 2] },
 *   { replications: 4, seed: "s" },
 * );
 * comparison.outcomes.get("poor/enrolment/age12to14")?.get(points[0]!.name)?.difference;
 */
export function sweep(base: unknown, grid: SweepGrid, options: SweepOptions): SweepResult {
  const { replications, seed } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const plan = sweepPlan(base, grid, options.baseline);
  const total = replications * plan.scenarios.length;
  let done = 0;
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < replications; r++) {
    outcomes.push(runReplication(plan.scenarios, seed, r, () => options.onProgress?.(++done, total), { trajectories: options.trajectories }));
  }
  return { points: plan.points, comparison: assembleComparison(outcomes, plan.baseline, options.level ?? 0.95) };
}

// ---- Sweeps in pieces: units, shards and their exact reassembly (used by `bansos sweep --shard` and `bansos merge`).

/** One unit of a sweep's work: one scenario of the plan in one replication. */
export interface SweepUnit {
  /** Replication index (0-based). */
  readonly replication: number;
  /** Index into {@link SweepPlan.scenarios}: 0 is the baseline, k ≥ 1 the grid point k − 1. */
  readonly scenario: number;
}

/** What one {@link SweepUnit} produced. */
export interface SweepUnitResult extends SweepUnit {
  /** Summary metric → value, exactly as the full sweep records it for this scenario and replication (`Comparison.values`). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** One call of `runReplication` that computes some units of one replication. */
export interface SweepReplicationJob {
  /** Replication index (0-based). */
  readonly replication: number;
  /** Plan indices of the scenarios to run, in plan order, always starting with the baseline (0). */
  readonly scenarios: readonly number[];
  /** Plan indices of the units wanted from this run (a subset of `scenarios`; the baseline only if its unit is wanted). */
  readonly wanted: readonly number[];
}

/**
 * All units of a sweep in canonical order, replication-major: replication 0's
 * baseline and points, then replication 1's, … Unit u is (replication ⌊u / S⌋,
 * scenario u mod S) with S = `plan.scenarios.length`.
 */
export function sweepUnits(plan: SweepPlan, replications: number): SweepUnit[] {
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const units: SweepUnit[] = [];
  for (let r = 0; r < replications; r++) for (let s = 0; s < plan.scenarios.length; s++) units.push({ replication: r, scenario: s });
  return units;
}

/**
 * The units of shard `index` of `count` (1-based): the contiguous block
 * [⌊(index − 1)·U / count⌋, ⌊index·U / count⌋) of the canonical order
 * ({@link sweepUnits}, U units). Blocks differ in size by at most one unit and
 * together hold every unit exactly once; a shard is empty when count > U.
 */
export function sweepShardUnits(plan: SweepPlan, replications: number, index: number, count: number): SweepUnit[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be an integer ≥ 1, got ${count}`);
  if (!Number.isInteger(index) || index < 1 || index > count) throw new RangeError(`shard index must be an integer in 1…${count}, got ${index}`);
  const all = sweepUnits(plan, replications);
  return all.slice(Math.floor(((index - 1) * all.length) / count), Math.floor((index * all.length) / count));
}

/**
 * The `runReplication` calls that compute `units`: one per replication
 * touched, running the baseline first (every point's "households/betterOff"
 * and "households/worseOff" are measured against it) and then the wanted
 * points in plan order. Since a replication's population and draws depend only
 * on the seed, replication and population settings, each unit's metrics are
 * exactly those of the full sweep.
 */
export function sweepReplicationJobs(units: readonly SweepUnit[]): SweepReplicationJob[] {
  const byReplication = new Map<number, Set<number>>();
  for (const u of units) {
    let set = byReplication.get(u.replication);
    if (!set) byReplication.set(u.replication, (set = new Set()));
    set.add(u.scenario);
  }
  return [...byReplication]
    .sort((a, b) => a[0] - b[0])
    .map(([replication, set]) => {
      const wanted = [...set].sort((a, b) => a - b);
      return { replication, scenarios: wanted[0] === 0 ? wanted : [0, ...wanted], wanted };
    });
}

/**
 * Pick the units a job wanted out of the outcome of its `runReplication`
 * call (`outcome.names[k]` is the scenario `job.scenarios[k]`).
 */
export function sweepJobResults(job: SweepReplicationJob, outcome: ReplicationOutcome): SweepUnitResult[] {
  return job.wanted.map((scenario) => {
    const name = outcome.names[job.scenarios.indexOf(scenario)];
    const metrics = name === undefined ? undefined : outcome.metrics[name];
    if (!metrics) throw new Error(`sweep: replication ${job.replication} lacks the results of scenario ${scenario}`);
    return { replication: job.replication, scenario, metrics };
  });
}

/**
 * Run some units of a sweep in this thread (see {@link sweepReplicationJobs}:
 * the baseline of a replication runs once even when its own unit is not
 * wanted). Results come in job order (by replication, then plan order).
 * @param onRun called after each simulation
 */
export function runSweepUnits(plan: SweepPlan, seed: Seed, units: readonly SweepUnit[], onRun?: () => void): SweepUnitResult[] {
  return sweepReplicationJobs(units).flatMap((job) =>
    sweepJobResults(
      job,
      runReplication(
        job.scenarios.map((s) => plan.scenarios[s]),
        seed,
        job.replication,
        onRun,
      ),
    ),
  );
}

/**
 * A sweep's result from the results of all its units (in any order, each unit
 * exactly once): equal to what {@link sweep} returns for the same plan, seed
 * and replications, whichever processes or machines ran the units.
 * @throws Error if a unit is missing, duplicated or out of range.
 */
export function assembleSweep(plan: SweepPlan, seed: Seed, replications: number, results: readonly SweepUnitResult[], level = 0.95): SweepResult {
  const S = plan.scenarios.length;
  const names = plan.scenarios.map((s) => s.name as string);
  const cells: (Readonly<Record<string, number>> | undefined)[] = new Array<Readonly<Record<string, number>> | undefined>(S * replications).fill(undefined);
  for (const u of results) {
    if (
      !Number.isInteger(u.replication) ||
      u.replication < 0 ||
      u.replication >= replications ||
      !Number.isInteger(u.scenario) ||
      u.scenario < 0 ||
      u.scenario >= S
    ) {
      throw new Error(
        `sweep: unit (replication ${u.replication}, scenario ${u.scenario}) is outside the sweep (${replications} replications × ${S} scenarios)`,
      );
    }
    const k = u.replication * S + u.scenario;
    if (cells[k] !== undefined) throw new Error(`sweep: unit (replication ${u.replication}, scenario "${names[u.scenario]!}") is given twice`);
    cells[k] = u.metrics;
  }
  const missing = cells.findIndex((c) => c === undefined);
  if (missing >= 0) throw new Error(`sweep: unit (replication ${Math.floor(missing / S)}, scenario "${names[missing % S]!}") is missing`);
  // Only replication 0's resolved scenarios reach the comparison (as runReplication resolves them).
  const seed0 = RandomStreams.forReplication(seed, 0);
  const resolved0: Record<string, ResolvedScenario> = Object.fromEntries(plan.scenarios.map((s, k) => [names[k]!, parseScenario({ ...s, seed: seed0 })]));
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < replications; r++) {
    const metrics: Record<string, Readonly<Record<string, number>>> = {};
    names.forEach((name, s) => (metrics[name] = cells[r * S + s]!));
    outcomes.push({ replication: r, names, resolved: r === 0 ? resolved0 : {}, metrics });
  }
  return { points: plan.points, comparison: assembleComparison(outcomes, plan.baseline, level) };
}
