import { SEGMENTS } from "../outcomes/layout.js";
import { toTidyRows } from "../outcomes/tidyRows.js";
import type { SimulationResult, SpilloverCell } from "../outcomes/types.js";

/**
 * Flatten a result's final summary into named numbers, e.g.
 * "poor/enrolment/age12to14", "all/povertyHeadcount", "totals/costLcu",
 * "deciles/1/consumptionPerAeLcu" (1 = poorest baseline decile),
 * "remoteness/remote/enrolment", "cohorts/1990/girls/meanGradesCompleted",
 * "targeting/inclusionError" (with exclusionError, poorestQuintileCoverage, targetedHouseholds),
 * "spillovers/ineligibleTreated/enrolment/age12to14" (and "…/children/age12to14", per month),
 * "work/employmentRate/women_25to34_grades6to8", "cohortWork/1985/men/20to24/earningsLcuPerMonth",
 * and the ledger `socialReturn` reads: "ledger/<flow>/<month>" for each month's transfers paid,
 * administration, adult labour earnings and children's earnings (local currency), and
 * "ledger/projectedEarnings/<year>" (local currency per year after the end, docs/model.md R1).
 * Undefined outcomes (null) are left out.
 */
export function summaryMetrics(result: SimulationResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const segment of SEGMENTS) {
    const outcomes = result.final.segments[segment] as unknown as Record<string, number | null | Record<string, number | null>>;
    for (const [name, value] of Object.entries(outcomes)) {
      if (value === null) continue;
      if (typeof value === "number") out.set(`${segment}/${name}`, value);
      else for (const [group, v] of Object.entries(value)) if (v !== null) out.set(`${segment}/${name}/${group}`, v);
    }
  }
  const cellMetrics = (prefix: string, cell: Record<string, number | null>) => {
    for (const [name, v] of Object.entries(cell)) if (v !== null) out.set(`${prefix}/${name}`, v);
  };
  const { byBaselineDecile, byRemoteness } = result.final.distribution;
  byBaselineDecile.forEach((cell, k) => cellMetrics(`deciles/${k + 1}`, cell as unknown as Record<string, number | null>));
  const remoteness = ["near", "middle", "remote"];
  byRemoteness.forEach((cell, k) => cellMetrics(`remoteness/${remoteness[k]}`, cell as unknown as Record<string, number | null>));
  for (const c of result.final.schoolingByCohort) {
    out.set(`cohorts/${c.birthYear}/${c.sex}/persons`, c.persons);
    out.set(`cohorts/${c.birthYear}/${c.sex}/meanGradesCompleted`, c.meanGradesCompleted);
  }
  for (const [group, cell] of Object.entries(result.final.spillovers)) cellMetrics(`spillovers/${group}`, flatCell(cell));
  for (const [name, cell] of Object.entries(result.final.work)) {
    for (const [field, v] of Object.entries(cell)) if (v !== null) out.set(`work/${field}/${name}`, v);
  }
  for (const c of result.final.workByCohort) {
    const prefix = `cohortWork/${c.birthYear}/${c.sex}/${c.ages}`;
    out.set(`${prefix}/personMonths`, c.personMonths);
    out.set(`${prefix}/employmentRate`, c.employmentRate);
    if (c.nonAgriculturalShare !== null) out.set(`${prefix}/nonAgriculturalShare`, c.nonAgriculturalShare);
    out.set(`${prefix}/earningsLcuPerMonth`, c.earningsLcuPerMonth);
  }
  addLedger(out, result);
  for (const [name, v] of Object.entries(result.meta.targeting)) if (v !== null) out.set(`targeting/${name}`, v);
  out.set("targeting/targetedHouseholds", result.meta.targetedHouseholds);
  const totals = result.final.totals as unknown as Record<string, number | Record<string, number>>;
  for (const [name, value] of Object.entries(totals)) {
    if (typeof value === "number") out.set(`totals/${name}`, value);
    else for (const [segment, v] of Object.entries(value)) out.set(`totals/${name}/${segment}`, v);
  }
  return out;
}

/**
 * Which monthly outcome values to keep: `true` for every one, or a list of
 * metric names as {@link monthlyMetrics} gives them (e.g. "poor/enrolment/age12to14",
 * or "all/paidLcu" for a programme outcome); an entry ending in "/" keeps every
 * metric that starts with it (e.g. "poor/enrolment/"). `false` keeps none.
 */
export type TrajectorySelection = boolean | readonly string[];

/**
 * The full name of a monthly metric, "segment/outcome/group" as in tidy rows: a
 * two-part name "segment/outcome" means group "all" ("poor/povertyGap" →
 * "poor/povertyGap/all"); other names are returned as they are.
 */
export function monthlyMetricName(metric: string): string {
  return metric.split("/").length === 2 ? `${metric}/all` : metric;
}

/** Whether the monthly metric `metric` (full name) is selected by `selection`. */
export function selectsMetric(selection: TrajectorySelection, metric: string): boolean {
  if (typeof selection === "boolean") return selection;
  return selection.some((s) => (s.endsWith("/") ? metric.startsWith(s) : monthlyMetricName(s) === metric));
}

/**
 * A result's tidy rows (`toRows()`) as named series, one value per month
 * (index = month from the start; NaN where the value is undefined that month,
 * e.g. attendance in vacation). The name is "segment/outcome/group" of the
 * rows: "poor/enrolment/age12to14", "all/povertyHeadcount/all",
 * "all/paidLcu/all" (programme, demography and other run-wide outcomes have
 * segment "all" in tidy rows). Values are in each outcome's unit: rates and
 * shares 0..1, money in local currency per month, counts.
 *
 * @param selection the metrics to keep (default: all).
 */
export function monthlyMetrics(result: SimulationResult, selection: TrajectorySelection = true): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const skipped = new Set<string>();
  const n = result.months.length;
  const position = new Map(result.months.map((m, t) => [m.month, t]));
  for (const row of toTidyRows(result.months)) {
    const name = `${row.segment}/${row.outcome}/${row.group}`;
    let series = out.get(name);
    if (!series) {
      if (skipped.has(name)) continue;
      if (!selectsMetric(selection, name)) {
        skipped.add(name);
        continue;
      }
      out.set(name, (series = new Float64Array(n).fill(Number.NaN)));
    }
    series[position.get(row.month) ?? row.month] = row.value;
  }
  return out;
}

/** A spillover cell with its enrolment bands flattened to "enrolment/age12to14" keys. */
function flatCell(cell: SpilloverCell): Record<string, number | null> {
  const { enrolment, children, ...rest } = cell;
  const out: Record<string, number | null> = { ...rest };
  for (const [band, v] of Object.entries(enrolment)) out[`enrolment/${band}`] = v;
  for (const [band, v] of Object.entries(children)) out[`children/${band}`] = v;
  return out;
}

/** Flows of each month that `socialReturn` discounts, by ledger name. */
export const LEDGER_FLOWS = {
  transfers: (m: SimulationResult["months"][number]) => m.programme.paidLcu,
  administration: (m: SimulationResult["months"][number]) => m.programme.administrativeCostLcu,
  adultEarnings: (m: SimulationResult["months"][number]) => m.segments.all.labourEarningsLcu,
  childEarnings: (m: SimulationResult["months"][number]) => m.segments.all.childEarningsLcu,
} as const;

/** Name of a ledger flow: of `flow` in month `month`, or year `month` after the end for "projectedEarnings". */
export function ledgerMetric(flow: keyof typeof LEDGER_FLOWS | "projectedEarnings", index: number): string {
  return `ledger/${flow}/${index}`;
}

function addLedger(out: Map<string, number>, result: SimulationResult): void {
  for (const [flow, f] of Object.entries(LEDGER_FLOWS)) {
    result.months.forEach((m, t) => out.set(ledgerMetric(flow as keyof typeof LEDGER_FLOWS, t), f(m)));
  }
  result.final.projectedEarningsLcuPerYear.forEach((v, k) => out.set(ledgerMetric("projectedEarnings", k), v));
}
