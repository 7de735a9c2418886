import { SEGMENTS } from "../outcomes/layout.js";
import type { SimulationResult } from "../outcomes/types.js";

/**
 * Flatten a result's final summary into named numbers, e.g.
 * "poor/enrolment/age12to14", "all/povertyHeadcount", "totals/costLcu".
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
  const totals = result.final.totals as unknown as Record<string, number | Record<string, number>>;
  for (const [name, value] of Object.entries(totals)) {
    if (typeof value === "number") out.set(`totals/${name}`, value);
    else for (const [segment, v] of Object.entries(value)) out.set(`totals/${name}/${segment}`, v);
  }
  return out;
}
