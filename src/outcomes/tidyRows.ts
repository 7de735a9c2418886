import { SEGMENTS } from "./layout.js";
import type { MonthRecord, TidyRow } from "./types.js";

/**
 * Tidy rows of monthly records: one row per month × segment × outcome × group
 * (programme, adult, interaction and demography rows have segment "all" and group "all";
 * spillover rows have the spillover group as segment, e.g. "ineligibleTreated"; the work of
 * adults has segment "work" and the cell as group, e.g. "women_25to34_grades6to8"). Null
 * values (undefined rates) are omitted. Ready for CSV, pandas, R or Polars.
 */
export function toTidyRows(months: readonly MonthRecord[]): TidyRow[] {
  const rows: TidyRow[] = [];
  for (const m of months) {
    const { month, date } = m;
    for (const segment of SEGMENTS) {
      const outcomes = m.segments[segment] as unknown as Record<string, number | null | Record<string, number | null>>;
      for (const [outcome, value] of Object.entries(outcomes)) {
        if (value === null) continue;
        if (typeof value === "number") {
          rows.push({ month, date, segment, outcome, group: "all", value });
        } else {
          for (const [group, v] of Object.entries(value)) {
            if (v !== null) rows.push({ month, date, segment, outcome, group, value: v });
          }
        }
      }
    }
    for (const [outcome, value] of Object.entries(m.programme)) {
      if (value !== null) rows.push({ month, date, segment: "all", outcome, group: "all", value });
    }
    for (const [segment, cell] of Object.entries(m.spillovers)) {
      for (const [outcome, value] of Object.entries(cell)) {
        if (value === null) continue;
        if (typeof value === "number") rows.push({ month, date, segment, outcome, group: "all", value });
        else
          for (const [group, v] of Object.entries(value as Record<string, number | null>))
            if (v !== null) rows.push({ month, date, segment, outcome, group, value: v });
      }
    }
    for (const [outcome, value] of Object.entries(m.interactions)) {
      if (value !== null) rows.push({ month, date, segment: "all", outcome, group: "all", value });
    }
    for (const [outcome, value] of Object.entries(m.adults)) {
      if (value !== null) rows.push({ month, date, segment: "all", outcome, group: "all", value });
    }
    for (const [group, cell] of Object.entries(m.work)) {
      for (const [outcome, value] of Object.entries(cell)) if (value !== null) rows.push({ month, date, segment: "work", outcome, group, value });
    }
    for (const [outcome, value] of Object.entries(m.demography)) {
      rows.push({ month, date, segment: "all", outcome, group: "all", value });
    }
  }
  return rows;
}
