import { SCHULTZ_2004_TABLE_2 } from "../schultz2004Table2.js";
import type { InitialSchooling } from "../preset.js";

/**
 * Initial schooling of the Mexico preset from Schultz (2004) Table 2: for each
 * age 6–16 the observed grade distribution and each cell's enrolment rate; age
 * 17 (not in the table) reuses age 16, the closest observed cohort.
 */
export function mexicoInitialSchooling(): InitialSchooling {
  const byAge: (readonly [number, number, number])[][] = [];
  for (let age = 6; age <= 16; age++) {
    const cells = SCHULTZ_2004_TABLE_2.filter((row) => row[0] === age);
    const total = cells.reduce((sum, row) => sum + row[2], 0);
    byAge.push(cells.map((row) => [row[1], row[2] / total, row[3]] as const));
  }
  const age16 = byAge[byAge.length - 1] ?? [];
  byAge.push(age16.slice());
  return byAge;
}
