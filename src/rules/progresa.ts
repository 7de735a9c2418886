import { assertHealthVisitSchedule, DEFAULT_HEALTH_VISIT_SCHEDULE, requireHealthVisitsOfEveryone, type HealthVisitSchedule } from "./healthCheck.js";
import { caregiver, requireCaregiverAtMeeting } from "./adultConditions.js";
import { defineRule } from "./offerWriter.js";
import type { HouseholdView, MonthContext, PaymentSchedule, TransferRule } from "./types.js";

/** A Progresa amounts period: 1997, then half-years of 1998 and 1999 (indexed every 6 months). */
export type ProgresaPeriod = "1997" | "1998-I" | "1998-II" | "1999-I" | "1999-II";

/** All Progresa periods in calendar order. */
export const PROGRESA_PERIODS: readonly ProgresaPeriod[] = Object.freeze(["1997", "1998-I", "1998-II", "1999-I", "1999-II"]);

/** Progresa's amounts in one period, pesos per month. */
export interface ProgresaPeriodAmounts {
  /** Food grant per household, pesos per month (conditional on the health visits of the family). */
  readonly food: number;
  /** Education grant for primary grades 3, 4, 5, 6 (in that order), pesos per child per month. */
  readonly primary: readonly [number, number, number, number];
  /** Education grant for boys in secondary years 1, 2, 3 (grades 7–9), pesos per child per month. */
  readonly secondaryBoys: readonly [number, number, number];
  /** Education grant for girls in secondary years 1, 2, 3 (grades 7–9), pesos per child per month. */
  readonly secondaryGirls: readonly [number, number, number];
  /** Household maximum of grants + food, pesos per month. */
  readonly householdMaximum: number;
}

/**
 * Progresa's monthly amounts in pesos by period, verbatim from the table in evidence.md §1
 * (sources S1: cca.org.mx "monetarios_progresa"; S2: J-PAL evaluation summary; S3: Schultz
 * 2004, JDE 74:199–250). Periods: 1997; 1998-I = Jan–Jun 1998; 1998-II = Jul–Dec 1998;
 * 1999-I; 1999-II.
 *
 * Note: the figures Schultz (2004) quotes for Jul–Dec 1998 (evidence.md §3b) differ slightly
 * from the table's 1998-II column (primary grade 5: 105 vs 100; secondary year 3 boys: 225 vs
 * 220); the table is used as is.
 */
export const PROGRESA_AMOUNTS: Readonly<Record<ProgresaPeriod, ProgresaPeriodAmounts>> = Object.freeze({
  //           food  primary 3–6            secondary 1–3 boys  girls            maximum
  "1997": amounts(90, [60, 70, 90, 120], [175, 185, 195], [185, 205, 225], 550),
  "1998-I": amounts(95, [65, 75, 95, 130], [190, 200, 210], [200, 220, 240], 585),
  "1998-II": amounts(100, [70, 80, 100, 135], [200, 210, 220], [210, 235, 255], 625),
  "1999-I": amounts(115, [75, 90, 115, 150], [220, 235, 245], [235, 260, 285], 695),
  "1999-II": amounts(125, [80, 95, 125, 165], [240, 250, 265], [250, 280, 305], 750),
});

function amounts(
  food: number,
  primary: readonly [number, number, number, number],
  secondaryBoys: readonly [number, number, number],
  secondaryGirls: readonly [number, number, number],
  householdMaximum: number,
): ProgresaPeriodAmounts {
  return Object.freeze({
    food,
    primary: Object.freeze(primary),
    secondaryBoys: Object.freeze(secondaryBoys),
    secondaryGirls: Object.freeze(secondaryGirls),
    householdMaximum,
  });
}

/**
 * Progresa's school-materials transfer, pesos per child per year, paid as one lump in the
 * first month of the school year: 120 for primary pupils (grades 3–6), 240 for junior
 * secondary (grades 7–9). Source: Schultz (2004) [S3] via evidence.md §3b. Not indexed by period.
 */
export const PROGRESA_SCHOOL_MATERIALS_LCU_PER_YEAR = Object.freeze({
  /** Primary pupils (grades 3–6), pesos per child per year. */
  primary: 120,
  /** Junior-secondary pupils (grades 7–9), pesos per child per year. */
  secondary: 240,
});

/** Progresa's default payment: every two months (Jan, Mar, May, Jul, Sep, Nov), no lag. */
export const PROGRESA_PAYMENT: PaymentSchedule = Object.freeze({ everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 0 });

/** Component names of Progresa's offers. */
export const PROGRESA_COMPONENTS = Object.freeze({
  /** Education grants (per child, school months). */
  education: "education",
  /** Food grant (per household). */
  food: "food",
  /** School-materials lump (per child, school-year start). */
  schoolMaterials: "schoolMaterials",
});

/**
 * The amounts period a calendar month falls in: before 1998 → "1997"; Jan–Jun 1998 →
 * "1998-I"; Jul–Dec 1998 → "1998-II"; Jan–Jun 1999 → "1999-I"; from Jul 1999 on (also after
 * 1999) → "1999-II".
 */
export function progresaPeriod(month: Pick<MonthContext, "year" | "calendarMonth">): ProgresaPeriod {
  const firstHalf = month.calendarMonth <= 6;
  if (month.year < 1998) return "1997";
  if (month.year === 1998) return firstHalf ? "1998-I" : "1998-II";
  if (month.year === 1999 && firstHalf) return "1999-I";
  return "1999-II";
}

/**
 * Progresa's education grant for one child, pesos per month: by grade (3–6 primary, 7–9
 * secondary years 1–3) and, in secondary, by sex; 0 for grades outside 3–9.
 */
export function progresaEducationGrant(period: ProgresaPeriod, grade: number, isMale: boolean): number {
  return educationGrant(PROGRESA_AMOUNTS[period], grade, isMale);
}

/** {@link progresaEducationGrant} with the period's amounts already looked up. */
function educationGrant(a: ProgresaPeriodAmounts, grade: number, isMale: boolean): number {
  if (grade >= 3 && grade <= 6) return a.primary[grade - 3] ?? 0;
  if (grade >= 7 && grade <= 9) return (isMale ? a.secondaryBoys : a.secondaryGirls)[grade - 7] ?? 0;
  return 0;
}

/** Options of {@link progresa}. */
export interface ProgresaOptions {
  /**
   * Which amounts to use: "dated" (default) picks the period from the calendar month
   * ({@link progresaPeriod}); a period name fixes the amounts for the whole run.
   */
  readonly schedule?: "dated" | ProgresaPeriod;
  /** Offer the food grant, conditional on the family's health visits (default true). */
  readonly foodGrant?: boolean;
  /** Offer the education grants for grades 3–9 (default true). */
  readonly educationGrants?: boolean;
  /** Offer the school-materials lump at the start of the school year (default true). */
  readonly schoolMaterials?: boolean;
  /** Apply the household maximum (default true). */
  readonly cap?: boolean;
  /** Minimum share of school days attended, 0..1 (default 0.85 [S2, S3]). */
  readonly minAttendance?: number;
  /**
   * Grants are paid only while {@link HouseholdView.repeats} ≤ `maxRepeats` (default 1: a
   * child who has already repeated the grade twice gets nothing). Reading of "a grade may
   * not be repeated more than twice" [S2, S3]; see the note on {@link progresa}.
   */
  readonly maxRepeats?: number;
  /**
   * Oldest age in completed years with an education grant (default 17, i.e. under 18).
   * ASSUMPTION: no age limit is given in evidence.md.
   */
  readonly maxAge?: number;
  /** Clinic-visit windows for the food grant (default {@link DEFAULT_HEALTH_VISIT_SCHEDULE}, an assumption). */
  readonly healthSchedule?: HealthVisitSchedule;
  /**
   * Make the food grant also conditional on the caregiver's attendance of the month's health
   * talk (Progresa's pláticas [S2]; default false, so results match the calibrated baseline).
   */
  readonly healthTalks?: boolean;
  /** Payment schedule (default {@link PROGRESA_PAYMENT}: every two months, no lag). */
  readonly payment?: PaymentSchedule;
}

/**
 * Progresa (Mexico, 1997–2000) as in evidence.md §1, amounts in pesos per month:
 *
 * - **education** — per child in grades 3–9 aged ≤ `maxAge`, by grade and (secondary) sex
 *   ({@link PROGRESA_AMOUNTS}), conditional on attending ≥ 85% of school days, offered only
 *   in school months, and not when the child has repeated the grade more than `maxRepeats`
 *   times. Offered whether or not the child is enrolled (the grant is the incentive to enrol).
 * - **schoolMaterials** — in the school-year start month, a lump of 120 (primary) or 240
 *   (junior secondary) per grant-eligible child, with the same attendance condition.
 * - **food** — per household every month, conditional on the health visits of every living
 *   member ({@link DEFAULT_HEALTH_VISIT_SCHEDULE}).
 * - **cap** — the household maximum of the period (550 … 750) applies to the sum of all paid
 *   components. The school-materials lump is counted inside the capped sum (the interface has
 *   one cap per rule; the programme's own treatment of materials under the cap is not
 *   documented in evidence.md), so in the start month a large family may see it cut.
 *
 * The cap varies by period, so the rule exposes it through `capForMonth`; `capLcuPerMonth` is
 * set only when `schedule` fixes a period. Repetition: {@link HouseholdView.repeats} counts the
 * times the current grade has already been repeated; with the default `maxRepeats` 1 a child
 * with repeats ≥ 2 gets no grant (the evidence's "a grade may not be repeated more than twice"
 * is ambiguous by one — set `maxRepeats: 2` for the looser reading).
 *
 * @example
 * progresa();                                   // dated amounts, all components, capped
 * progresa({ schedule: "1998-II", foodGrant: false });
 */
export function progresa(options: ProgresaOptions = {}): TransferRule {
  const {
    schedule = "dated",
    foodGrant = true,
    educationGrants = true,
    schoolMaterials = true,
    cap = true,
    minAttendance = 0.85,
    maxRepeats = 1,
    maxAge = 17,
    healthSchedule = DEFAULT_HEALTH_VISIT_SCHEDULE,
    healthTalks = false,
    payment = PROGRESA_PAYMENT,
  } = options;
  if (schedule !== "dated" && !PROGRESA_PERIODS.includes(schedule)) throw new RangeError(`progresa: unknown schedule "${String(schedule)}"`);
  if (!(minAttendance >= 0 && minAttendance <= 1)) throw new RangeError(`progresa: minAttendance must be in 0..1, got ${minAttendance}`);
  if (!(maxRepeats >= 0)) throw new RangeError(`progresa: maxRepeats must be ≥ 0, got ${maxRepeats}`);
  if (!(maxAge >= 0)) throw new RangeError(`progresa: maxAge must be ≥ 0, got ${maxAge}`);
  assertHealthVisitSchedule(healthSchedule, "progresa healthSchedule");

  const periodOf = (month: MonthContext): ProgresaPeriod => (schedule === "dated" ? progresaPeriod(month) : schedule);
  const fixedCap = cap && schedule !== "dated" ? PROGRESA_AMOUNTS[schedule].householdMaximum : undefined;
  const { primary: materialsPrimary, secondary: materialsSecondary } = PROGRESA_SCHOOL_MATERIALS_LCU_PER_YEAR;

  return defineRule({
    name: schedule === "dated" ? "progresa" : `progresa ${schedule}`,
    payment,
    capLcuPerMonth: fixedCap,
    capForMonth: (month: MonthContext) => (cap ? PROGRESA_AMOUNTS[periodOf(month)].householdMaximum : undefined),
    write(household, month, out) {
      const amounts = PROGRESA_AMOUNTS[periodOf(month)];
      const payGrants = educationGrants && month.schoolMonth;
      const payMaterials = schoolMaterials && month.schoolYearStart;
      if (payGrants || payMaterials) {
        for (let m = 0; m < household.slots; m++) {
          if (!household.alive(m) || household.age(m) > maxAge) continue;
          const grade = household.schoolGrade(m);
          if (grade < 3 || grade > 9 || household.repeats(m) > maxRepeats) continue;
          if (payGrants) {
            const grant = educationGrant(amounts, grade, household.isMale(m));
            out.offer(PROGRESA_COMPONENTS.education, grant).forMember(m).requireSchoolAttendance(m, minAttendance);
          }
          if (payMaterials) {
            const lump = grade <= 6 ? materialsPrimary : materialsSecondary;
            out.offer(PROGRESA_COMPONENTS.schoolMaterials, lump).forMember(m).requireSchoolAttendance(m, minAttendance);
          }
        }
      }
      if (foodGrant && household.size > 0) {
        out.offer(PROGRESA_COMPONENTS.food, amounts.food);
        requireHealthVisitsOfEveryone(household, healthSchedule, out);
        if (healthTalks) requireCaregiverAtMeeting(caregiver(household), out);
      }
    },
  });
}
