import { defineRule } from "./offerWriter.js";
import type { HouseholdView, TransferRule } from "./types.js";

/** School levels by grade: 1–6 primary, 7–9 lower secondary, 10–12 upper secondary. */
export type SchoolLevel = "primary" | "lowerSecondary" | "upperSecondary";

/** Grant per child per month by school level, local currency per month. */
export interface GrantsByLevel {
  /** Grades 1–6, local currency per child per month. */
  readonly primary: number;
  /** Grades 7–9, local currency per child per month. */
  readonly lowerSecondary: number;
  /** Grades 10–12, local currency per child per month. */
  readonly upperSecondary: number;
}

/** Options of {@link schoolAttendance}. */
export interface SchoolAttendanceOptions {
  /** Grant per child per month by level of the grade the child attends (or would attend), local currency per month. */
  readonly grantsLcuPerMonth: GrantsByLevel;
  /** Minimum share of school days attended, 0..1 (default 0.85, as Progresa and PKH). */
  readonly minRate?: number;
  /** Lowest grade (1..12) with a grant (default 1). */
  readonly minGrade?: number;
  /** Highest grade (1..12) with a grant (default 12). */
  readonly maxGrade?: number;
  /** Oldest age in completed years with a grant (default 17). */
  readonly maxAge?: number;
  /** Offer grants only in months when school is in session (default true). */
  readonly schoolMonthsOnly?: boolean;
}

/** Component name of the offers made by {@link schoolAttendance}. */
export const EDUCATION_COMPONENT = "education";

/** The school level of a grade 1..12: 1–6 primary, 7–9 lower secondary, 10–12 upper secondary. */
export function schoolLevel(grade: number): SchoolLevel {
  return grade <= 6 ? "primary" : grade <= 9 ? "lowerSecondary" : "upperSecondary";
}

/**
 * A generic conditional education grant: for every living child whose
 * {@link HouseholdView.schoolGrade} lies in `[minGrade, maxGrade]` and whose age is at most
 * `maxAge`, an offer of the level's grant conditional on attending at least `minRate` of
 * school days. The offer is made whether or not the child is enrolled — the grant is the
 * price incentive to enrol — and the condition decides whether it is paid.
 * Levels with a zero grant make no offers.
 *
 * @example
 * // 100 a month for primary pupils, 200 for secondary, attendance ≥ 85%
 * schoolAttendance({ grantsLcuPerMonth: { primary: 100, lowerSecondary: 200, upperSecondary: 200 } });
 */
export function schoolAttendance(options: SchoolAttendanceOptions): TransferRule {
  const { grantsLcuPerMonth: grants, minRate = 0.85, minGrade = 1, maxGrade = 12, maxAge = 17 } = options;
  const schoolMonthsOnly = options.schoolMonthsOnly ?? true;
  for (const level of ["primary", "lowerSecondary", "upperSecondary"] as const) {
    const v = grants[level];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`schoolAttendance: grantsLcuPerMonth.${level} must be a finite number ≥ 0, got ${v}`);
  }
  if (!(minRate >= 0 && minRate <= 1)) throw new RangeError(`schoolAttendance: minRate must be in 0..1, got ${minRate}`);
  if (!Number.isInteger(minGrade) || !Number.isInteger(maxGrade) || minGrade < 1 || maxGrade > 12 || minGrade > maxGrade)
    throw new RangeError(`schoolAttendance: need integers 1 ≤ minGrade ≤ maxGrade ≤ 12, got ${minGrade}..${maxGrade}`);
  if (!(maxAge >= 0)) throw new RangeError(`schoolAttendance: maxAge must be ≥ 0, got ${maxAge}`);

  // Grant by grade, index 0..12 (0 = outside school ages), computed once.
  const grantByGrade: readonly number[] = Array.from({ length: 13 }, (_, g) => (g >= minGrade && g <= maxGrade ? grants[schoolLevel(g)] : 0));

  return defineRule({
    name: "schoolAttendance",
    write(household, month, out) {
      if (schoolMonthsOnly && !month.schoolMonth) return;
      for (let m = 0; m < household.slots; m++) {
        if (!household.alive(m) || household.age(m) > maxAge) continue;
        const grant = grantByGrade[household.schoolGrade(m)] ?? 0;
        if (grant > 0) out.offer(EDUCATION_COMPONENT, grant).forMember(m).requireSchoolAttendance(m, minRate);
      }
    },
  });
}
