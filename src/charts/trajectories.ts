import type { Comparison } from "../experiment/compare.js";
import { meanInterval } from "../experiment/intervals.js";
import { monthlyMetricName, monthlyMetrics } from "../experiment/metrics.js";
import type { SimulationResult } from "../outcomes/types.js";
import { axisTitle, metricLabel } from "./labels.js";
import { VEGA_LITE_SCHEMA } from "./types.js";
import type { ChartLayout, VegaLiteSpec } from "./types.js";

/** Options of {@link trajectoryChart}. */
export interface TrajectoryChartOptions extends ChartLayout {
  /** Monthly metric, named as by `monthlyMetrics` (e.g. "poor/enrolment/age12to14", "all/povertyHeadcount", "all/paidLcu"; a two-part name means group "all"). */
  readonly metric: string;
  /** Scenarios to draw, in legend order (default: all). */
  readonly scenarios?: readonly string[];
  /**
   * The band around each line: "confidence" (default) — Student t interval of
   * the mean across replications at `level`; "spread" — the central `level`
   * range of the replications themselves (linear-interpolation quantiles);
   * "none". A single replication has no band.
   */
  readonly band?: "confidence" | "spread" | "none";
  /** Level of the band (default: the comparison's, else 0.95). */
  readonly level?: number;
  /** Title of the y axis (default: the metric's label and unit). */
  readonly yTitle?: string;
}

/** One point of a trajectory chart's data: a scenario in a month, across replications. */
export interface TrajectoryPoint {
  /** Scenario name. */
  readonly scenario: string;
  /** Month index from the start. */
  readonly month: number;
  /** Calendar month "YYYY-MM". */
  readonly date: string;
  /** Mean across the replications where the value is defined, in the metric's unit. */
  readonly mean: number;
  /** Lower end of the band (= mean without a band). */
  readonly lower: number;
  /** Upper end of the band (= mean without a band). */
  readonly upper: number;
  /** Replications with a defined value. */
  readonly n: number;
}

/** Quantile p of sorted values by linear interpolation (type 7). */
function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/** Series of one scenario: dates and one array per replication. */
interface Series {
  readonly name: string;
  readonly dates: readonly string[];
  readonly replications: readonly Float64Array[];
}

function seriesOf(source: Comparison | readonly SimulationResult[], name: string): Series[] {
  const metric = monthlyMetricName(name);
  if (Array.isArray(source)) {
    return (source as readonly SimulationResult[]).map((result) => {
      const series = monthlyMetrics(result, [metric]).get(metric);
      if (!series) throw new Error(`trajectoryChart: no monthly metric "${name}" (names as in monthlyMetrics, e.g. "poor/enrolment/age12to14")`);
      return { name: result.scenario.name, dates: result.months.map((m) => m.date), replications: [series] };
    });
  }
  const comparison = source as Comparison;
  if (!comparison.trajectories)
    throw new Error("trajectoryChart: the comparison has no trajectories; run compare with { trajectories: true } (or a list of metrics)");
  return comparison.scenarios.map((scenario) => {
    const t = comparison.trajectories!.get(scenario);
    const replications = t?.metrics.get(metric);
    if (!t || !replications) throw new Error(`trajectoryChart: the comparison kept no monthly metric "${metric}" for "${scenario}"`);
    return { name: scenario, dates: t.dates, replications };
  });
}

/**
 * The data of {@link trajectoryChart}: per scenario and month, the mean of the
 * metric across replications with its band. Months where no replication
 * defines the value (e.g. attendance in vacation) are left out.
 */
export function trajectoryPoints(source: Comparison | readonly SimulationResult[], options: TrajectoryChartOptions): TrajectoryPoint[] {
  const band = options.band ?? "confidence";
  const level = options.level ?? (Array.isArray(source) ? 0.95 : (source as Comparison).level);
  const wanted = options.scenarios;
  const points: TrajectoryPoint[] = [];
  for (const s of seriesOf(source, options.metric)) {
    if (wanted && !wanted.includes(s.name)) continue;
    s.dates.forEach((date, month) => {
      const values = s.replications.map((r) => r[month]!).filter((v) => Number.isFinite(v));
      if (values.length === 0) return;
      const interval = meanInterval(values, level);
      let lower = interval.mean;
      let upper = interval.mean;
      if (band === "confidence") ({ lower, upper } = interval);
      else if (band === "spread") {
        const sorted = [...values].sort((a, b) => a - b);
        lower = quantileSorted(sorted, (1 - level) / 2);
        upper = quantileSorted(sorted, (1 + level) / 2);
      }
      points.push({ scenario: s.name, month, date, mean: interval.mean, lower, upper, n: values.length });
    });
  }
  return points;
}

/** Every scenario of the source, in order. */
function allScenarios(source: Comparison | readonly SimulationResult[]): string[] {
  return Array.isArray(source) ? (source as readonly SimulationResult[]).map((r) => r.scenario.name) : [...(source as Comparison).scenarios];
}

function currencyOf(source: Comparison | readonly SimulationResult[]): string | undefined {
  if (Array.isArray(source)) return (source as readonly SimulationResult[])[0]?.meta.currency;
  const c = source as Comparison;
  return c.resolved[c.scenarios[0] ?? ""]?.population.parameters.currency;
}

/**
 * Outcome trajectories per scenario: a line of the monthly mean across
 * replications for each scenario, with a shaded band (by default the 95%
 * confidence interval of the mean) — a Vega-Lite layer of an area (band) and a
 * line per scenario, x = calendar month, colour = scenario.
 *
 * @param source a comparison run with `trajectories` (all metrics or at least
 *   `options.metric`), or simulation results (one line each, no band).
 * @example
 * const cmp = compare(designs, { replications: 10, seed: 1, trajectories: ["poor/enrolment/"] });
 * const spec = trajectoryChart(cmp, { metric: "poor/enrolment/age12to14" });
 */
export function trajectoryChart(source: Comparison | readonly SimulationResult[], options: TrajectoryChartOptions): VegaLiteSpec {
  const values = trajectoryPoints(source, options);
  const scenarios = [...new Set(values.map((v) => v.scenario))];
  const label = metricLabel(options.metric);
  const yTitle = options.yTitle ?? axisTitle(options.metric, currencyOf(source));
  const band = options.band ?? "confidence";
  const level = options.level ?? (Array.isArray(source) ? 0.95 : (source as Comparison).level);
  const bandNote =
    band === "none"
      ? ""
      : band === "confidence"
        ? `; bands: ${Math.round(level * 100)}% interval of the mean`
        : `; bands: central ${Math.round(level * 100)}% of replications`;
  const replications = Math.max(0, ...values.map((v) => v.n));
  const y = { type: "quantitative", title: yTitle, scale: { zero: false } };
  const layers: unknown[] = [];
  if (band !== "none") {
    layers.push({
      mark: { type: "area", opacity: 0.22, interpolate: "linear" },
      encoding: { y: { ...y, field: "lower" }, y2: { field: "upper" } },
    });
  }
  layers.push({
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      y: { ...y, field: "mean" },
      tooltip: [
        { field: "scenario", type: "nominal", title: "Scenario" },
        { field: "date", type: "temporal", timeUnit: "utcyearmonth", title: "Month" },
        { field: "mean", type: "quantitative", format: ".4~g", title: "Mean" },
        { field: "lower", type: "quantitative", format: ".4~g", title: "Lower" },
        { field: "upper", type: "quantitative", format: ".4~g", title: "Upper" },
      ],
    },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      anchor: "start",
      text: options.title ?? `${label.outcome} — ${label.segment}`,
      subtitle: `Mean across ${replications} replication${replications === 1 ? "" : "s"} by month${replications > 1 ? bandNote : ""}`,
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    data: { values },
    encoding: {
      x: { field: "date", type: "temporal", timeUnit: "utcyearmonth", title: "Month", axis: { format: "%b %Y", labelAngle: 0 } },
      // Colours by position among all the comparison's scenarios, so a scenario has the same colour in every chart.
      color: { field: "scenario", type: "nominal", title: "Scenario", sort: scenarios, scale: { domain: allScenarios(source) } },
    },
    layer: layers,
  };
}
