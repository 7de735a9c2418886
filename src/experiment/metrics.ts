import { SEGMENTS } from "../outcomes/layout.js";
import type { SimulationResult } from "../outcomes/types.js";

/**
 * Flatten a result's final summary into named numbers, e.g.
 * "poor/enrolment/age12to14", "all/povertyHeadcount", "totals/costLcu",
 * "deciles/1/consumptionPerAeLcu" (1 = poorest baseline decile),
 * "remoteness/remote/enrolment", "cohorts/1990/girls/meanGradesCompleted",
 * "targeting/inclusionError" (with exclusionError, poorestQuintileCoverage, targetedHouseholds).
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
  for (const [name, v] of Object.entries(result.meta.targeting)) if (v !== null) out.set(`targeting/${name}`, v);
  out.set("targeting/targetedHouseholds", result.meta.targetedHouseholds);
  const totals = result.final.totals as unknown as Record<string, number | Record<string, number>>;
  for (const [name, value] of Object.entries(totals)) {
    if (typeof value === "number") out.set(`totals/${name}`, value);
    else for (const [segment, v] of Object.entries(value)) out.set(`totals/${name}/${segment}`, v);
  }
  return out;
}
