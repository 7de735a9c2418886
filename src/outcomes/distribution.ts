import { DIST_GROUPS, DIST_REMOTENESS, DistField, MONTH_LENGTH, distOffset } from "./layout.js";
import type { DistributionCell } from "./types.js";

/**
 * Outcomes by baseline welfare decile and by remoteness tercile over months
 * `from…to` of a run's accumulators: ratios of sums over those months (counts
 * are averaged per month).
 */
export function distributionSummary(
  data: Float64Array,
  from: number,
  to: number,
  moneyScale: number,
): { byBaselineDecile: DistributionCell[]; byRemoteness: DistributionCell[] } {
  const months = to - from + 1;
  const cells: DistributionCell[] = [];
  for (let g = 0; g < DIST_GROUPS; g++) {
    const sum = (field: number) => {
      let s = 0;
      for (let t = from; t <= to; t++) s += data[t * MONTH_LENGTH + distOffset(g, field)] as number;
      return s;
    };
    const households = sum(DistField.households);
    const persons = sum(DistField.persons);
    const children = sum(DistField.children);
    cells.push({
      households: households / months,
      persons: persons / months,
      consumptionPerAeLcu: persons > 0 ? sum(DistField.consumptionSum) / moneyScale / persons : null,
      povertyHeadcount: persons > 0 ? sum(DistField.poor) / persons : null,
      enrolment: children > 0 ? sum(DistField.enrolled) / children : null,
      transfersPerHouseholdLcu: households > 0 ? sum(DistField.transfersReceived) / moneyScale / households : null,
    });
  }
  return { byBaselineDecile: cells.slice(0, DIST_REMOTENESS), byRemoteness: cells.slice(DIST_REMOTENESS) };
}
