import type { Comparison } from "../experiment/compare.js";
import { costEffectiveness } from "../experiment/costEffectiveness.js";
import type { CostEffectivenessOptions } from "../experiment/costEffectiveness.js";
import { socialReturn } from "../experiment/socialReturn.js";
import type { SocialReturnOptions } from "../experiment/socialReturn.js";
import type { SweepResult } from "../experiment/sweep.js";
import { VEGA_LITE_SCHEMA } from "./types.js";
import type { ChartLayout, VegaLiteSpec } from "./types.js";

/** One design of a cost-benefit chart. Money in the scenarios' local currency. */
export interface CostBenefitPoint {
  /** Design (scenario) name. */
  readonly design: string;
  /** Cost (transfers plus administration) per additional child-year of enrolment: ratio of means; null when the design adds no enrolment. */
  readonly costPerChildYear: number | null;
  /** Lower end of the Fieller interval of the cost per child-year (local currency); null when unbounded or undefined. */
  readonly costLower: number | null;
  /** Upper end of that interval (local currency); null when unbounded or undefined. */
  readonly costUpper: number | null;
  /** Benefit-cost ratio of the chosen view (`socialReturn`, present values; mean across replications, else ratio of means); null when undefined. */
  readonly benefitCostRatio: number | null;
  /** Lower end of the t interval of the mean benefit-cost ratio; null when it is a ratio of means or from one replication. */
  readonly bcrLower: number | null;
  /** Upper end of that interval; null likewise. */
  readonly bcrUpper: number | null;
}

/** Options of {@link costBenefitPoints} and {@link costBenefitChart}. */
export interface CostBenefitOptions extends ChartLayout {
  /** Designs to place (default: every scenario but the baseline). */
  readonly scenarios?: readonly string[];
  /** Scenario the increments are taken against (default: the comparison's baseline). */
  readonly baseline?: string;
  /** Households whose enrolment counts (default "all", see `costEffectiveness`). */
  readonly segment?: CostEffectivenessOptions["segment"];
  /** Parameters of the returns (discount rate, growth, marginal cost of public funds; see `socialReturn`). */
  readonly socialReturn?: Omit<SocialReturnOptions, "baseline">;
  /** Which benefit-cost ratio to place: "fiscal" (per unit of public money, the default) or "social". */
  readonly view?: "fiscal" | "social";
  /** Draw the break-even line at a benefit-cost ratio of 1 (default: when some design's ratio or its upper bound reaches 0.5, so it does not squash the points). */
  readonly breakEven?: boolean;
}

/**
 * The data of {@link costBenefitChart}: for each design, the cost per
 * additional child-year of enrolment (`costEffectiveness`, ratio of means with
 * its Fieller interval) and its benefit-cost ratio from simulated lives, fiscal or social view
 * (`socialReturn`, mean across replications with its t interval).
 */
export function costBenefitPoints(source: Comparison | SweepResult, options: CostBenefitOptions = {}): CostBenefitPoint[] {
  const comparison = "comparison" in source ? source.comparison : source;
  const baseline = options.baseline ?? comparison.baseline;
  const designs = options.scenarios ?? comparison.scenarios.filter((s) => s !== baseline);
  return designs.map((design) => {
    const ce = costEffectiveness(comparison, design, { baseline, ...(options.segment ? { segment: options.segment } : {}) }).measures.enrolmentYears
      .ratioOfMeans;
    const sr = socialReturn(comparison, design, { ...options.socialReturn, baseline });
    const view = sr[options.view ?? "fiscal"];
    const bcr = view.benefitCostRatio;
    return {
      design,
      costPerChildYear: ce.ratio,
      costLower: ce.lower,
      costUpper: ce.upper,
      benefitCostRatio: bcr ? bcr.mean : view.benefitCostRatioOfMeans,
      bcrLower: bcr && bcr.n > 1 ? bcr.lower : null,
      bcrUpper: bcr && bcr.n > 1 ? bcr.upper : null,
    };
  });
}

/**
 * Cost per additional enrolled child vs benefit-cost ratio across designs: a
 * scatter with one labelled point per design, x = cost per additional
 * child-year of enrolment (local currency), y = benefit-cost ratio (fiscal view unless
 * `view: "social"`), error bars for both intervals where bounded, and a dashed line at
 * a benefit-cost ratio of 1 (break-even). Better designs sit up and to the left.
 * Designs with no positive enrolment effect or no ratio are left out.
 *
 * @param source a comparison or sweep, or points from {@link costBenefitPoints}.
 * @example
 * const { comparison } = await sweep(base, grid, { replications: 4, seed: "s" });
 * const spec = costBenefitChart(comparison);
 */
export function costBenefitChart(source: Comparison | SweepResult | readonly CostBenefitPoint[], options: CostBenefitOptions = {}): VegaLiteSpec {
  const all = Array.isArray(source) ? (source as readonly CostBenefitPoint[]) : costBenefitPoints(source as Comparison | SweepResult, options);
  const values = all.filter((p) => p.costPerChildYear !== null && p.benefitCostRatio !== null);
  let currency = "LCU";
  let domain = values.map((p) => p.design);
  let level = 95; // percent

  if (!Array.isArray(source)) {
    const c = "comparison" in (source as SweepResult) ? (source as SweepResult).comparison : (source as Comparison);
    currency = c.resolved[c.scenarios[0] ?? ""]?.population.parameters.currency ?? currency;
    domain = [...c.scenarios]; // same colours as the other charts of the comparison
    level = Math.round(c.level * 100);
  }
  const breakEven = options.breakEven ?? values.some((p) => Math.max(p.benefitCostRatio ?? 0, p.bcrUpper ?? 0) >= 0.5);
  const x = { field: "costPerChildYear", type: "quantitative", title: `Cost per additional child-year of enrolment (${currency})`, scale: { zero: false } };
  const viewName = options.view === "social" ? "social" : "fiscal";
  const y = {
    field: "benefitCostRatio",
    type: "quantitative",
    title: `Benefit-cost ratio, ${viewName} view (earnings of simulated lives)`,
    scale: { zero: false },
  };
  const color = { field: "design", type: "nominal", title: "Design", legend: null, scale: { domain } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      anchor: "start",
      text: options.title ?? "Cost per additional enrolled child vs benefit-cost ratio",
      subtitle: `One point per design; bars: ${level}% intervals where bounded${breakEven ? "; dashed: break-even (ratio 1)" : ""}`,
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    data: { values },
    layer: [
      ...(breakEven
        ? [
            {
              mark: { type: "rule", strokeDash: [4, 4], color: "#888" },
              data: { values: [{ breakEven: 1 }] },
              encoding: { y: { field: "breakEven", type: "quantitative" } },
            },
          ]
        : []),
      {
        transform: [{ filter: "datum.costLower !== null && datum.costUpper !== null" }],
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: { x: { ...x, field: "costLower" }, x2: { field: "costUpper" }, y, color },
      },
      {
        transform: [{ filter: "datum.bcrLower !== null && datum.bcrUpper !== null" }],
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: { x, y: { ...y, field: "bcrLower" }, y2: { field: "bcrUpper" }, color },
      },
      {
        mark: { type: "point", filled: true, size: 90 },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: "design", type: "nominal", title: "Design" },
            { field: "costPerChildYear", type: "quantitative", format: ",.0f", title: `Cost per child-year (${currency})` },
            { field: "benefitCostRatio", type: "quantitative", format: ".2f", title: "Benefit-cost ratio" },
          ],
        },
      },
      { mark: { type: "text", align: "left", dx: 8, dy: -8, fontSize: 11 }, encoding: { x, y, text: { field: "design", type: "nominal" }, color } },
    ],
  };
}
