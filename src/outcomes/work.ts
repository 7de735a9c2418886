import { ADULT_AGE_BANDS, ADULT_CELLS, ADULT_SCHOOLING_BANDS, AdultField, adultOffset, MONTH_LENGTH } from "./layout.js";
import type { WorkCell } from "./types.js";

/** Name of adult cell `cell`: sex, age band and schooling band, e.g. "women/25to34/grades6to8". */
function workCellName(cell: number): string {
  const school = cell % 4;
  const band = Math.floor(cell / 4) % 4;
  const male = Math.floor(cell / 16);
  const ageTo = [24, 34, 44, 64][band] as number;
  const gradeTo = [5, 8, 11][school];
  const grades = gradeTo === undefined ? `grades${ADULT_SCHOOLING_BANDS[school]}plus` : `grades${ADULT_SCHOOLING_BANDS[school]}to${gradeTo}`;
  return `${male ? "men" : "women"}_${ADULT_AGE_BANDS[band]}to${ageTo}_${grades}`;
}

/**
 * Work of adults 18–64 by sex × age band × schooling over months `from…to` of a run's
 * accumulators (docs/model.md, L1–L3): ratios of sums over those months (persons averaged per month).
 */
export function workSummary(data: Float64Array, from: number, to: number, moneyScale: number): Readonly<Record<string, WorkCell>> {
  const months = to - from + 1;
  const out: Record<string, WorkCell> = {};
  for (let cell = 0; cell < ADULT_CELLS; cell++) {
    const sum = (field: number) => {
      let s = 0;
      for (let t = from; t <= to; t++) s += data[t * MONTH_LENGTH + adultOffset(cell, field)] as number;
      return s;
    };
    const persons = sum(AdultField.persons);
    const working = sum(AdultField.working);
    const earnings = sum(AdultField.earnings) / moneyScale;
    out[workCellName(cell)] = {
      persons: persons / months,
      enrolment: persons > 0 ? sum(AdultField.enrolled) / persons : null,
      employmentRate: persons > 0 ? working / persons : null,
      nonAgriculturalShare: working > 0 ? sum(AdultField.nonAgricultural) / working : null,
      wageWorkShare: working > 0 ? sum(AdultField.wageWork) / working : null,
      earningsPerPersonLcu: persons > 0 ? earnings / persons : null,
      earningsPerWorkerLcu: working > 0 ? earnings / working : null,
    };
  }
  return out;
}
