/**
 * Tidy tables of results, comparisons and sweeps: the common shape behind
 * `toCsv`, `toJson` and `toArrow`. Core code: no `node:` imports.
 */
import type { ResolvedScenario } from "../config/scenario.js";
import { serialisableScenario } from "../config/scenario.js";
import { NonFiniteResultError } from "../outcomes/finite.js";
import type { Comparison } from "../experiment/compare.js";
import { monthlyMetricName, summaryMetrics } from "../experiment/metrics.js";
import type { SweepResult } from "../experiment/sweep.js";
import { toTidyRows } from "../outcomes/tidyRows.js";
import type { SimulationResult } from "../outcomes/types.js";
import type { Seed } from "../random/streams.js";
import { VERSION } from "../foundation/version.js";

/** What can be exported: one simulation, a comparison, or a sweep (its comparison plus the grid points). */
export type ExportSource = SimulationResult | Comparison | SweepResult;

/**
 * Which table to export:
 * - `"trajectories"`: one row per scenario × replication × month × segment ×
 *   outcome × group, columns scenario, replication, month, date, segment,
 *   outcome, group, value (the monthly values, in each outcome's unit: rates
 *   0..1, money in local currency per month, counts). A simulation's own rows
 *   (replication 0); a comparison's need the `trajectories` option of `compare`.
 * - `"replications"`: one row per scenario × replication × summary metric
 *   (final-window averages and run totals, named as by `summaryMetrics`, e.g.
 *   "poor/enrolment/age12to14"), columns scenario, replication, metric, value.
 * - `"estimates"` (comparisons only): one row per scenario × metric, columns
 *   scenario, metric, n, mean, sd, lower, upper, difference, differenceLower,
 *   differenceUpper (mean and interval across replications, paired difference
 *   from the baseline; empty for the baseline itself).
 */
export type ExportTableKind = "trajectories" | "replications" | "estimates";

/** Options of `toCsv`, `toJson`, `toArrow` and {@link exportTable}. */
export interface ExportOptions {
  /**
   * The table (default: "trajectories" for a simulation and for a comparison
   * run with trajectories; "replications" for a comparison without them).
   */
  readonly table?: ExportTableKind;
}

/** A text column (scenario, date, segment, outcome, group, metric). */
export interface ExportStringColumn {
  /** Column name. */
  readonly name: string;
  /** Column type. */
  readonly type: "string";
  /** One value per row. */
  readonly values: readonly string[];
}

/** A 32-bit integer column (replication, month index, n). */
export interface ExportIntColumn {
  /** Column name. */
  readonly name: string;
  /** Column type. */
  readonly type: "int";
  /** One value per row. */
  readonly values: Int32Array;
}

/** A 64-bit float column (values, in their outcome's unit); NaN marks a missing value. */
export interface ExportFloatColumn {
  /** Column name. */
  readonly name: string;
  /** Column type. */
  readonly type: "float";
  /** One value per row (NaN = missing). */
  readonly values: Float64Array;
}

/** One column of an {@link ExportTable}. */
export type ExportColumn = ExportStringColumn | ExportIntColumn | ExportFloatColumn;

/** A tidy table in columns, with what is needed to re-run what produced it. */
export interface ExportTable {
  /** Which table this is. */
  readonly kind: ExportTableKind;
  /** Rows (every column has this length). */
  readonly rowCount: number;
  /** The columns, in order. */
  readonly columns: readonly ExportColumn[];
  /** Provenance: library version, seed, resolved scenarios. */
  readonly header: ExportHeader;
}

/** One row of an export as plain data (a missing float is null). */
export type ExportRow = Readonly<Record<string, string | number | null>>;

/**
 * Provenance of an export, enough to re-run it exactly: `simulate(header.scenario)`
 * for a simulation; for a comparison, `simulate(header.resolvedByReplication[name][r])`
 * per scenario and replication (when it ran with trajectories), or
 * `compare(header.scenarios.map((n) => header.resolved[n]), { seed: header.seed, replications })`
 * when every scenario is plain data (no factory).
 */
export interface ExportHeader {
  /** Always "bansos-export". */
  readonly format: "bansos-export";
  /** Library version that produced the data (`VERSION`). */
  readonly version: string;
  /** What was exported. */
  readonly kind: "simulation" | "comparison" | "sweep";
  /** Which table the rows form. */
  readonly table: ExportTableKind;
  /** Seed of the simulation, or of the comparison (replication r runs on `RandomStreams.forReplication(seed, r)`). */
  readonly seed: Seed;
  /** Simulation: its resolved scenario (a code rule appears as { kind: "custom", name }). */
  readonly scenario?: ResolvedScenario;
  /** Simulation: currency, poverty line, households and other facts about the run. */
  readonly meta?: SimulationResult["meta"];
  /** Comparison: scenario names in order. */
  readonly scenarios?: readonly string[];
  /** Comparison: the baseline's name. */
  readonly baseline?: string;
  /** Comparison: number of replications. */
  readonly replications?: number;
  /** Comparison: confidence level of the intervals (e.g. 0.95). */
  readonly level?: number;
  /** Comparison: resolved scenarios of replication 0, by name. */
  readonly resolved?: Readonly<Record<string, ResolvedScenario>>;
  /** Comparison with trajectories: resolved scenario of every replication, by name (index = replication). */
  readonly resolvedByReplication?: Readonly<Record<string, readonly ResolvedScenario[]>>;
  /** Sweep: every grid point's name and the values set at its grid paths. */
  readonly points?: readonly ExportedPoint[];
}

/** A sweep's grid point in an export. */
export interface ExportedPoint {
  /** The point's name (its scenario's name). */
  readonly name: string;
  /** Grid path → the value set there. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Where a monthly metric sits in the tidy table. */
export interface MetricParts {
  /** Segment of the tidy rows: "all", "poor", "nonPoor", a spillover group…; "all" for run-wide outcomes (programme, demography). */
  readonly segment: string;
  /** Outcome name, e.g. "enrolment", "paidLcu". */
  readonly outcome: string;
  /** Child group, e.g. "age12to14"; "all" for outcomes without groups. */
  readonly group: string;
}

function isSweep(source: ExportSource): source is SweepResult {
  return "points" in source && "comparison" in source;
}

function isComparison(source: ExportSource): source is Comparison {
  return "outcomes" in source && source.outcomes instanceof Map && "scenarios" in source;
}

/**
 * Segment, outcome and group of a monthly metric name (see `monthlyMetrics`):
 * "poor/enrolment/age12to14" → poor, enrolment, age12to14; a two-part name
 * "all/gini" → all, gini, all.
 */
export function splitMonthlyMetric(metric: string): MetricParts {
  const [segment = "", outcome = "", group = "all"] = monthlyMetricName(metric).split("/");
  return { segment, outcome, group };
}

/** Column builders with a growing row count. */
class Columns {
  readonly strings = new Map<string, string[]>();
  readonly ints = new Map<string, number[]>();
  readonly floats = new Map<string, number[]>();
  constructor(readonly spec: readonly (readonly [string, ExportColumn["type"]])[]) {
    for (const [name, type] of spec) {
      if (type === "string") this.strings.set(name, []);
      else if (type === "int") this.ints.set(name, []);
      else this.floats.set(name, []);
    }
  }
  finish(kind: ExportTableKind, header: ExportHeader): ExportTable {
    let rowCount = 0;
    const columns: ExportColumn[] = this.spec.map(([name, type]) => {
      if (type === "string") {
        const values = this.strings.get(name)!;
        rowCount = values.length;
        return { name, type, values };
      }
      const list = (type === "int" ? this.ints : this.floats).get(name)!;
      rowCount = list.length;
      // NaN marks a missing value; an infinite one would be a number that lies.
      const infinite = list.findIndex((v) => v === Infinity || v === -Infinity);
      if (infinite >= 0)
        throw new NonFiniteResultError(`the ${kind} table`, `row ${infinite} (${this.describeRow(infinite)}), column "${name}"`, list[infinite]!);
      return type === "int" ? { name, type, values: Int32Array.from(list) } : { name, type, values: Float64Array.from(list) };
    });
    return { kind, rowCount, columns, header };
  }

  /** The string cells of row `i` (scenario, metric, …), for messages. */
  private describeRow(i: number): string {
    return [...this.strings].map(([name, values]) => `${name} ${JSON.stringify(values[i])}`).join(", ");
  }
}

function headerOf(source: ExportSource, kind: ExportTableKind): ExportHeader {
  if (!isComparison(source) && !isSweep(source)) {
    return {
      format: "bansos-export",
      version: VERSION,
      kind: "simulation",
      table: kind,
      seed: source.scenario.seed,
      scenario: serialisableScenario(source.scenario),
      meta: source.meta,
    };
  }
  const c = isSweep(source) ? source.comparison : source;
  const resolved = Object.fromEntries(c.scenarios.map((name) => [name, serialisableScenario(c.resolved[name]!)]));
  const first = c.resolved[c.scenarios[0]!];
  if (!first) throw new Error("export: the comparison lacks its resolved scenarios");
  const byReplication = c.trajectories
    ? { resolvedByReplication: Object.fromEntries([...c.trajectories].map(([name, t]) => [name, t.resolved.map(serialisableScenario)])) }
    : {};
  const points = isSweep(source) ? { points: source.points.map((p) => ({ name: p.name, values: p.values })) } : {};
  return {
    format: "bansos-export",
    version: VERSION,
    kind: isSweep(source) ? "sweep" : "comparison",
    table: kind,
    // Replication 0 runs on the comparison's seed itself.
    seed: first.seed,
    scenarios: c.scenarios,
    baseline: c.baseline,
    replications: c.replications,
    level: c.level,
    resolved,
    ...byReplication,
    ...points,
  };
}

const TRAJECTORY_COLUMNS = [
  ["scenario", "string"],
  ["replication", "int"],
  ["month", "int"],
  ["date", "string"],
  ["segment", "string"],
  ["outcome", "string"],
  ["group", "string"],
  ["value", "float"],
] as const;

const REPLICATION_COLUMNS = [
  ["scenario", "string"],
  ["replication", "int"],
  ["metric", "string"],
  ["value", "float"],
] as const;

const ESTIMATE_COLUMNS = [
  ["scenario", "string"],
  ["metric", "string"],
  ["n", "int"],
  ["mean", "float"],
  ["sd", "float"],
  ["lower", "float"],
  ["upper", "float"],
  ["difference", "float"],
  ["differenceLower", "float"],
  ["differenceUpper", "float"],
] as const;

/**
 * The tidy table of a simulation, comparison or sweep, in columns (see
 * {@link ExportTableKind} for the tables and their columns). Rows with an
 * undefined value (e.g. attendance in vacation months) are left out of the
 * trajectories and replications tables; metrics defined in only some
 * replications are left out of a comparison's replications table.
 *
 * @throws Error if a comparison's trajectories are asked for but it ran without
 *   them, or estimates are asked of a single simulation.
 */
export function exportTable(source: ExportSource, options: ExportOptions = {}): ExportTable {
  const comparison = isSweep(source) ? source.comparison : isComparison(source) ? source : undefined;
  const kind: ExportTableKind = options.table ?? (comparison && !comparison.trajectories ? "replications" : "trajectories");
  const header = headerOf(source, kind);
  if (kind === "trajectories") {
    const cols = new Columns(TRAJECTORY_COLUMNS);
    const [scenarioC, dateC, segmentC, outcomeC, groupC] = ["scenario", "date", "segment", "outcome", "group"].map((n) => cols.strings.get(n)!) as [
      string[],
      string[],
      string[],
      string[],
      string[],
    ];
    const [replicationC, monthC] = ["replication", "month"].map((n) => cols.ints.get(n)!) as [number[], number[]];
    const valueC = cols.floats.get("value")!;
    const push = (scenario: string, replication: number, month: number, date: string, segment: string, outcome: string, group: string, value: number) => {
      scenarioC.push(scenario);
      replicationC.push(replication);
      monthC.push(month);
      dateC.push(date);
      segmentC.push(segment);
      outcomeC.push(outcome);
      groupC.push(group);
      valueC.push(value);
    };
    if (!comparison) {
      const result = source as SimulationResult;
      for (const row of toTidyRows(result.months)) push(result.scenario.name, 0, row.month, row.date, row.segment, row.outcome, row.group, row.value);
      return cols.finish(kind, header);
    }
    if (!comparison.trajectories) {
      throw new Error('export: this comparison has no trajectories; run compare with { trajectories: true } or export { table: "replications" }');
    }
    for (const name of comparison.scenarios) {
      const t = comparison.trajectories.get(name);
      if (!t) continue;
      const metrics = [...t.metrics].map(([metric, series]) => ({ ...splitMonthlyMetric(metric), series }));
      for (let r = 0; r < comparison.replications; r++) {
        for (let month = 0; month < t.dates.length; month++) {
          const date = t.dates[month]!;
          for (const m of metrics) {
            const value = m.series[r]?.[month];
            if (value === undefined || Number.isNaN(value)) continue;
            push(name, r, month, date, m.segment, m.outcome, m.group, value);
          }
        }
      }
    }
    return cols.finish(kind, header);
  }
  if (kind === "replications") {
    const cols = new Columns(REPLICATION_COLUMNS);
    const scenarioC = cols.strings.get("scenario")!;
    const metricC = cols.strings.get("metric")!;
    const replicationC = cols.ints.get("replication")!;
    const valueC = cols.floats.get("value")!;
    const push = (scenario: string, r: number, metric: string, value: number) => {
      scenarioC.push(scenario);
      replicationC.push(r);
      metricC.push(metric);
      valueC.push(value);
    };
    if (!comparison) {
      const result = source as SimulationResult;
      for (const [metric, value] of summaryMetrics(result)) push(result.scenario.name, 0, metric, value);
      return cols.finish(kind, header);
    }
    for (const name of comparison.scenarios) {
      // Only metrics defined in every replication: a shorter list cannot be matched to replications.
      const full = [...(comparison.values.get(name) ?? new Map<string, readonly number[]>())].filter(([, list]) => list.length === comparison.replications);
      for (let r = 0; r < comparison.replications; r++) for (const [metric, list] of full) push(name, r, metric, list[r]!);
    }
    return cols.finish(kind, header);
  }
  if (!comparison) throw new Error('export: the "estimates" table needs a comparison (a single simulation has no intervals)');
  const cols = new Columns(ESTIMATE_COLUMNS);
  for (const [metric, row] of comparison.outcomes) {
    for (const name of comparison.scenarios) {
      const o = row.get(name);
      if (!o) continue;
      cols.strings.get("scenario")!.push(name);
      cols.strings.get("metric")!.push(metric);
      cols.ints.get("n")!.push(o.estimate.n);
      const f = (column: string, v: number | undefined) => cols.floats.get(column)!.push(v ?? Number.NaN);
      f("mean", o.estimate.mean);
      f("sd", o.estimate.sd);
      f("lower", o.estimate.lower);
      f("upper", o.estimate.upper);
      f("difference", o.difference?.mean);
      f("differenceLower", o.difference?.lower);
      f("differenceUpper", o.difference?.upper);
    }
  }
  return cols.finish(kind, header);
}

/** The rows of an {@link ExportTable} as plain objects (column name → value; a missing float is null). */
export function tableRows(table: ExportTable): ExportRow[] {
  const rows: ExportRow[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const row: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const v = c.values[i]!;
      row[c.name] = typeof v === "number" && Number.isNaN(v) ? null : v;
    }
    rows.push(row);
  }
  return rows;
}
