import type { CohortSchooling, CohortWork } from "./types.js";

/** Birth cohorts tracked before the start year (people aged up to about 34 at the start, so that their work at 30–34 is seen). */
export const COHORT_YEARS_BEFORE_START = 34;

/** Age bands of the cohorts' work: lowest age of each, five years wide (20–24, 25–29, 30–34). */
const COHORT_WORK_BANDS = [20, 25, 30] as const;

/** Fields of a cohort's work in one age band: person-months, of them working, outside agriculture, and earnings (fixed-point money). */
export const CohortWorkField = { personMonths: 0, working: 1, nonAgricultural: 2, earnings: 3 } as const;
const WORK_FIELDS = 4;

/** Fields per (birth year, sex): persons and grades at the end, then the work of each age band. */
const ENTRY = 2 + COHORT_WORK_BANDS.length * WORK_FIELDS;

/**
 * Years after the end of a run covered by the projection of lifetime earnings, which follows
 * the cohort entries in the cohort block: entry k is the expected labour earnings, in year k
 * after the end, of the persons alive at the end (fixed-point money; docs/model.md, R1).
 */
export const LIFETIME_YEARS = 100;

/** Birth years with an entry in the cohort block of a run of `months` months. */
function cohortYears(months: number): number {
  return COHORT_YEARS_BEFORE_START + 1 + Math.ceil(months / 12);
}

/**
 * Layout of the cohort block: for each birth year and sex (girls 0, boys 1), [persons, grades,
 * then the work fields by age band]; then {@link LIFETIME_YEARS} years of projected earnings.
 */
export function cohortLength(months: number): number {
  return cohortYears(months) * 2 * ENTRY + LIFETIME_YEARS;
}

/** Offset of the projected lifetime earnings in the cohort block (see {@link LIFETIME_YEARS}). */
export function lifetimeOffset(block: Float64Array): number {
  return block.length - LIFETIME_YEARS;
}

/** Offset of (birth-year index, male) in the cohort block; grades are at offset + 1. */
export function cohortOffset(yearIndex: number, male: number): number {
  return (yearIndex * 2 + male) * ENTRY;
}

/** Offset of the work field of (birth-year index, male) at age band `band` (index into {@link COHORT_WORK_BANDS}). */
export function cohortWorkOffset(yearIndex: number, male: number, band: number, field: number): number {
  return cohortOffset(yearIndex, male) + 2 + band * WORK_FIELDS + field;
}

/** The age band of {@link COHORT_WORK_BANDS} of an age in years, or −1 outside 20–34. */
export function cohortWorkBand(age: number): number {
  return age < 20 || age > 34 ? -1 : age < 25 ? 0 : age < 30 ? 1 : 2;
}

/** Completed schooling by birth cohort and sex from a cohort block (cohorts with nobody left out). */
export function cohortSchooling(block: Float64Array, firstBirthYear: number): CohortSchooling[] {
  const out: CohortSchooling[] = [];
  for (let y = 0; (y + 1) * 2 * ENTRY <= lifetimeOffset(block); y++) {
    for (const male of [0, 1]) {
      const o = cohortOffset(y, male);
      const persons = block[o] as number;
      if (persons > 0) {
        out.push({ birthYear: firstBirthYear + y, sex: male ? "boys" : "girls", persons, meanGradesCompleted: (block[o + 1] as number) / persons });
      }
    }
  }
  return out;
}

/** Work by birth cohort, sex and age band over the run (bands the run saw the cohort in). */
export function cohortWork(block: Float64Array, firstBirthYear: number, moneyScale: number): CohortWork[] {
  const out: CohortWork[] = [];
  for (let y = 0; (y + 1) * 2 * ENTRY <= lifetimeOffset(block); y++) {
    for (const male of [0, 1]) {
      COHORT_WORK_BANDS.forEach((from, band) => {
        const f = (field: number) => block[cohortWorkOffset(y, male, band, field)] as number;
        const personMonths = f(CohortWorkField.personMonths);
        if (personMonths === 0) return;
        const working = f(CohortWorkField.working);
        out.push({
          birthYear: firstBirthYear + y,
          sex: male ? "men" : "women",
          ages: `${from}to${from + 4}`,
          personMonths,
          employmentRate: working / personMonths,
          nonAgriculturalShare: working > 0 ? f(CohortWorkField.nonAgricultural) / working : null,
          earningsLcuPerMonth: f(CohortWorkField.earnings) / moneyScale / personMonths,
        });
      });
    }
  }
  return out;
}

/** Projected labour earnings in each year after the end of the run, local currency per year (index = year after the end). */
export function projectedEarnings(block: Float64Array, moneyScale: number): number[] {
  return Array.from(block.subarray(lifetimeOffset(block)), (v) => v / moneyScale);
}
