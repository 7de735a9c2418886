import type { CohortSchooling } from "./types.js";

/** Birth cohorts tracked before the start year (people aged up to about 30 at the start). */
export const COHORT_YEARS_BEFORE_START = 30;

/** Layout of the cohort block: for each birth year and sex (girls 0, boys 1), [persons, grades]. */
export function cohortLength(months: number): number {
  return (COHORT_YEARS_BEFORE_START + 1 + Math.ceil(months / 12)) * 2 * 2;
}

/** Offset of (birth-year index, male) in the cohort block; grades are at offset + 1. */
export function cohortOffset(yearIndex: number, male: number): number {
  return (yearIndex * 2 + male) * 2;
}

/** Completed schooling by birth cohort and sex from a cohort block (cohorts with nobody left out). */
export function cohortSchooling(block: Float64Array, firstBirthYear: number): CohortSchooling[] {
  const out: CohortSchooling[] = [];
  for (let y = 0; y * 4 < block.length; y++) {
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
