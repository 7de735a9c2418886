import type { MonthContext } from "../rules/types.js";

/** Parsed "YYYY-MM". */
export function parseYearMonth(start: string): { year: number; month: number } {
  const [y, m] = start.split("-");
  return { year: Number(y), month: Number(m) };
}

/** "YYYY-MM" of month index `t` from a start "YYYY-MM". */
export function dateOf(start: string, t: number): string {
  const s = parseYearMonth(start);
  const k = s.year * 12 + (s.month - 1) + t;
  const year = Math.floor(k / 12);
  const month = (k % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/**
 * Calendar facts of month `t`: calendar year and month, whether school is in
 * session, and whether this is the first month of a school year. (The engine
 * runs the school-year transition only for t > 0: the initial population
 * already describes the school year under way.)
 */
export function monthContext(start: string, t: number, schoolMonths: readonly number[], schoolYearStartMonth: number): MonthContext {
  const s = parseYearMonth(start);
  const k = s.year * 12 + (s.month - 1) + t;
  const calendarMonth = (k % 12) + 1;
  return {
    month: t,
    year: Math.floor(k / 12),
    calendarMonth,
    schoolMonth: schoolMonths.includes(calendarMonth),
    schoolYearStart: calendarMonth === schoolYearStartMonth,
  };
}

/** True when entitlements are paid in this calendar month under a schedule. */
export function isPaymentMonth(calendarMonth: number, everyMonths: number, anchorCalendarMonth: number): boolean {
  return (((calendarMonth - anchorCalendarMonth) % everyMonths) + everyMonths) % everyMonths === 0;
}
