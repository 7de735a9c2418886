import { describe, expect, it } from "vitest";
import {
  VEGA_LITE_SCHEMA,
  budgetMatchedUnconditional,
  compare,
  costBenefitChart,
  costBenefitPoints,
  decileChart,
  decilePoints,
  metricLabel,
  simulate,
  trajectoryChart,
  trajectoryPoints,
} from "../src/index.js";
import type { ReplicationContext, SimulationResult, VegaLiteSpec } from "../src/index.js";
import { renderSvg } from "../src/node/index.js";

// 13 months from September 1997: one school-year transition (September 1998), so schooling gains count.
const common = { months: 13, start: "1997-09", population: { households: 400, localities: 16 } } as const;
const designs = [
  { ...common, name: "no programme", programme: null },
  { ...common, name: "Progresa CCT", programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } } },
  ({ results }: ReplicationContext) => budgetMatchedUnconditional(results.get("Progresa CCT") as SimulationResult, "UCT, same cost"),
];
const comparison = compare(designs, { replications: 3, seed: "charts", trajectories: ["poor/enrolment/", "all/povertyHeadcount"] });
const names = ["no programme", "Progresa CCT", "UCT, same cost"];

/** The `<g class="mark-… role-mark …">` groups of an SVG, by mark type. */
function markGroups(svg: string, mark: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<g class="mark-${mark} role-mark[^"]*"`, "g");
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    // The group's content up to its closing tag (mark groups do not nest groups).
    out.push(svg.slice(m.index, svg.indexOf("</g>", m.index)));
  }
  return out;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Every spec is plain JSON: it survives serialisation unchanged. */
function expectPlainJson(spec: VegaLiteSpec): void {
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
}

describe("trajectory chart", () => {
  const spec = trajectoryChart(comparison, { metric: "poor/enrolment/age12to14" });

  it("holds per scenario and month the mean across replications with its 95% band", () => {
    expectPlainJson(spec);
    const points = trajectoryPoints(comparison, { metric: "poor/enrolment/age12to14" });
    expect(points).toHaveLength(3 * 13);
    expect(new Set(points.map((p) => p.scenario))).toEqual(new Set(names));
    const series = comparison.trajectories!.get("Progresa CCT")!.metrics.get("poor/enrolment/age12to14")!;
    const p = points.find((q) => q.scenario === "Progresa CCT" && q.month === 5)!;
    expect(p.date).toBe("1998-02");
    expect(p.mean).toBeCloseTo((series[0]![5]! + series[1]![5]! + series[2]![5]!) / 3, 12);
    for (const q of points) {
      expect(q.lower).toBeLessThanOrEqual(q.mean);
      expect(q.upper).toBeGreaterThanOrEqual(q.mean);
      expect(q.n).toBe(3);
    }
    const spread = trajectoryPoints(comparison, { metric: "poor/enrolment/age12to14", band: "spread" });
    for (const [k, q] of spread.entries()) {
      // The spread of three replications lies within their range, and inside the t interval of their mean.
      expect(q.upper - q.lower).toBeLessThanOrEqual(points[k]!.upper - points[k]!.lower + 1e-12);
    }
  });

  it("renders to SVG with a band (area) and a line per scenario, axis titles and a legend", async () => {
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    const areas = markGroups(svg, "area");
    const lines = markGroups(svg, "line");
    expect(areas).toHaveLength(3);
    expect(lines).toHaveLength(3);
    for (const group of [...areas, ...lines]) expect(count(group, /<path /g)).toBe(1);
    for (const name of names) expect(lines.some((l) => l.includes(`Scenario: ${name}`))).toBe(true);
    expect(svg).toContain("X-axis titled 'Month'");
    expect(svg).toContain("Y-axis titled 'Enrolment, ages 12–14'");
    expect(svg).toContain("Symbol legend titled 'Scenario'");
    expect(svg).toContain("classified-poor households");
  });

  it("draws simulation results as lines without bands, and explains a missing metric", async () => {
    const results = [simulate({ ...common, months: 4, seed: 1, name: "a" }), simulate({ ...common, months: 4, seed: 2, name: "b" })];
    const points = trajectoryPoints(results, { metric: "all/povertyHeadcount" });
    expect(points).toHaveLength(8);
    expect(points.every((p) => p.lower === p.mean && p.upper === p.mean)).toBe(true);
    const svg = await renderSvg(trajectoryChart(results, { metric: "all/povertyHeadcount", band: "none" }));
    expect(markGroups(svg, "line")).toHaveLength(2);
    expect(markGroups(svg, "area")).toHaveLength(0);
    expect(() => trajectoryChart(comparison, { metric: "all/gini" })).toThrow(/no monthly metric "all\/gini\/all"/);
    const plain = compare(designs.slice(0, 2), { replications: 1, seed: "x" });
    expect(() => trajectoryChart(plain, { metric: "all/gini" })).toThrow(/trajectories: true/);
  });
});

describe("decile chart", () => {
  it("shows the paired impact by baseline welfare decile, per scenario, with intervals", async () => {
    const spec = decileChart(comparison);
    expectPlainJson(spec);
    const points = decilePoints(comparison);
    expect(points).toHaveLength(2 * 10); // the baseline has no difference
    const d1 = comparison.outcomes.get("deciles/1/consumptionPerAeLcu")!.get("Progresa CCT")!.difference!;
    expect(points[0]).toEqual({ scenario: "Progresa CCT", decile: 1, mean: d1.mean, lower: d1.lower, upper: d1.upper });
    expect(decilePoints(comparison, { show: "level", outcome: "enrolment" })).toHaveLength(3 * 10);

    const svg = await renderSvg(spec);
    const [bars] = markGroups(svg, "rect");
    const [rules] = markGroups(svg, "rule");
    expect(count(bars!, /<path /g)).toBe(20);
    expect(count(rules!, /<line /g)).toBe(20);
    expect(svg).toContain("X-axis titled 'Baseline welfare decile (1 = poorest)'");
    expect(svg).toContain("Δ Consumption per adult eq. (MXN/month)");
  });
});

describe("cost per additional enrolled child vs benefit-cost ratio", () => {
  it("places one labelled point per design, with the break-even line", async () => {
    const points = costBenefitPoints(comparison);
    expect(points.map((p) => p.design)).toEqual(["Progresa CCT", "UCT, same cost"]);
    for (const p of points) {
      expect(p.costPerChildYear).toBeGreaterThan(0);
      expect(Number.isFinite(p.benefitCostRatio)).toBe(true);
    }
    const spec = costBenefitChart(comparison);
    expectPlainJson(spec);
    const svg = await renderSvg(spec);
    const [symbols] = markGroups(svg, "symbol");
    const [labels] = markGroups(svg, "text");
    expect(count(symbols!, /<path /g)).toBe(2);
    expect(labels).toContain(">Progresa CCT</text>");
    expect(labels).toContain(">UCT, same cost</text>");
    expect(svg).toContain("X-axis titled 'Cost per additional child-year of enrolment (MXN)'");
    expect(svg).toContain("Y-axis titled 'Benefit-cost ratio, fiscal view (earnings of simulated lives)'");
    // Precomputed points work too (e.g. from several comparisons).
    expect(costBenefitChart(points).data).toEqual(spec.data);
  });
});

describe("metric labels", () => {
  it("read metric names with their units", () => {
    expect(metricLabel("poor/enrolment/girls15to17")).toEqual({ outcome: "Enrolment, girls 15–17", segment: "classified-poor households", unit: "share" });
    expect(metricLabel("all/consumptionPerAeLcu", "IDR").unit).toBe("IDR/month");
    expect(metricLabel("totals/costLcu", "MXN").unit).toBe("MXN");
  });
});
