import type { Comparison } from "../experiment/compare.js";
import type { SweepResult } from "../experiment/sweep.js";
import type { DistributionCell } from "../outcomes/types.js";
import { axisTitle, metricLabel } from "./labels.js";
import { VEGA_LITE_SCHEMA } from "./types.js";
import type { ChartLayout, VegaLiteSpec } from "./types.js";

/** An outcome recorded by baseline welfare decile (see `DistributionCell`). */
export type DecileOutcome = Exclude<keyof DistributionCell, "households" | "persons">;

/** Options of {@link decileChart}. */
export interface DecileChartOptions extends ChartLayout {
  /** Outcome by decile (default "consumptionPerAeLcu", local currency per adult equivalent per month). */
  readonly outcome?: DecileOutcome;
  /**
   * "difference" (default): each scenario's paired difference from the baseline
   * (the impact), baseline left out; "level": every scenario's mean.
   */
  readonly show?: "difference" | "level";
  /** Scenarios to draw, in legend order (default: all, the baseline left out for differences). */
  readonly scenarios?: readonly string[];
  /** Title of the y axis (default: derived from the outcome). */
  readonly yTitle?: string;
}

/** One bar of a decile chart: a scenario in a baseline welfare decile. */
export interface DecilePoint {
  /** Scenario name. */
  readonly scenario: string;
  /** Baseline welfare decile, 1 = poorest. */
  readonly decile: number;
  /** Mean across replications (of the difference from the baseline, or of the level), in the outcome's unit. */
  readonly mean: number;
  /** Lower end of its interval at the comparison's level. */
  readonly lower: number;
  /** Upper end of its interval. */
  readonly upper: number;
}

/**
 * The data of {@link decileChart}: per scenario and baseline welfare decile
 * (households ranked by permanent consumption per adult equivalent at the start;
 * 1 = poorest), the final-window outcome's mean or paired difference from the
 * baseline across replications, with its interval. Deciles where the outcome is
 * undefined in some replication are left out.
 */
export function decilePoints(source: Comparison | SweepResult, options: DecileChartOptions = {}): DecilePoint[] {
  const comparison = "comparison" in source ? source.comparison : source;
  const outcome = options.outcome ?? "consumptionPerAeLcu";
  const show = options.show ?? "difference";
  const scenarios = options.scenarios ?? comparison.scenarios.filter((s) => show === "level" || s !== comparison.baseline);
  const points: DecilePoint[] = [];
  for (const scenario of scenarios) {
    if (!comparison.scenarios.includes(scenario))
      throw new Error(`decileChart: no scenario "${scenario}" in the comparison (${comparison.scenarios.join(", ")})`);
    for (let decile = 1; decile <= 10; decile++) {
      const o = comparison.outcomes.get(`deciles/${decile}/${outcome}`)?.get(scenario);
      const m = show === "difference" ? o?.difference : o?.estimate;
      if (m) points.push({ scenario, decile, mean: m.mean, lower: m.lower, upper: m.upper });
    }
  }
  return points;
}

/**
 * Impacts by baseline consumption decile: for each decile (1 = poorest) a bar
 * per scenario of the paired difference from the baseline in a final-window
 * outcome (by default consumption per adult equivalent), with its interval as
 * an error bar — a Vega-Lite layer of grouped bars and rules.
 *
 * @param source a comparison (or sweep) whose scenarios ran on populations with baseline deciles (every preset has them).
 * @example
 * const spec = decileChart(cmp, { outcome: "enrolment" }); // extra enrolment by decile, CCT and UCT side by side
 */
export function decileChart(source: Comparison | SweepResult, options: DecileChartOptions = {}): VegaLiteSpec {
  const comparison = "comparison" in source ? source.comparison : source;
  const values = decilePoints(source, options);
  const outcome = options.outcome ?? "consumptionPerAeLcu";
  const show = options.show ?? "difference";
  const currency = comparison.resolved[comparison.scenarios[0] ?? ""]?.population.parameters.currency;
  const scenarios = [...new Set(values.map((v) => v.scenario))];
  const label = metricLabel(`all/${outcome}`);
  const base = axisTitle(`all/${outcome}`, currency);
  const yTitle = options.yTitle ?? (show === "difference" ? `Δ ${base}` : base);
  const pct = Math.round(comparison.level * 100);
  const x = { field: "decile", type: "ordinal", title: "Baseline welfare decile (1 = poorest)", axis: { labelAngle: 0 } };
  const xOffset = { field: "scenario", type: "nominal", sort: scenarios };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      anchor: "start",
      text: options.title ?? (show === "difference" ? `Impact on ${label.outcome.toLowerCase()} by baseline decile` : `${label.outcome} by baseline decile`),
      subtitle:
        (show === "difference" ? `Paired difference from ${comparison.baseline}, ` : "") +
        `final-window average; mean of ${comparison.replications} replications, ${pct}% intervals`,
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    data: { values },
    encoding: { x, xOffset },
    layer: [
      {
        mark: { type: "bar", opacity: 0.85 },
        encoding: {
          // Colours by position among all the comparison's scenarios (as in trajectoryChart); the legend lists those shown.
          color: {
            field: "scenario",
            type: "nominal",
            title: "Scenario",
            sort: scenarios,
            scale: { domain: [...comparison.scenarios] },
            legend: { values: scenarios },
          },
          y: { field: "mean", type: "quantitative", title: yTitle },
          tooltip: [
            { field: "scenario", type: "nominal", title: "Scenario" },
            { field: "decile", type: "ordinal", title: "Decile" },
            { field: "mean", type: "quantitative", format: ".4~g", title: "Mean" },
            { field: "lower", type: "quantitative", format: ".4~g", title: "Lower" },
            { field: "upper", type: "quantitative", format: ".4~g", title: "Upper" },
          ],
        },
      },
      {
        mark: { type: "rule", color: "#333" },
        encoding: { y: { field: "lower", type: "quantitative" }, y2: { field: "upper" } },
      },
    ],
  };
}
