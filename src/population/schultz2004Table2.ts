/**
 * Schultz (2004), "School subsidies for the poor: evaluating the Mexican Progresa
 * poverty program", Journal of Development Economics 74:199–250, Table 2:
 * children aged 6–16 in the two pre-programme rounds (October 1997, March 1998)
 * by age and years of schooling completed, with the share of each cell enrolled.
 * Transcribed in data/progresa/schultz2004-table2.csv (provenance in
 * data/progresa/README.md); this module holds the same cells so the library runs
 * without file access. A test checks that the two agree.
 *
 * Rows: [age in years, grades completed (9 = nine or more), children, enrolment rate].
 * One cell differs from the CSV transcription: see {@link SCHULTZ_2004_ERRATA}.
 */
export const SCHULTZ_2004_TABLE_2: readonly (readonly [number, number, number, number])[] = [
  [6, 0, 2979, 0.927],
  [6, 1, 758, 0.975],
  [6, 2, 51, 0.941],
  [6, 3, 1, 1.0],
  [6, 5, 2, 1.0],
  [6, 6, 1, 1.0],
  [6, 7, 1, 1.0],
  [7, 0, 1252, 0.908],
  [7, 1, 2434, 0.996],
  [7, 2, 492, 0.988],
  [7, 3, 40, 0.975],
  [7, 5, 1, 1.0],
  [7, 7, 1, 1.0],
  [8, 0, 386, 0.837],
  [8, 1, 1618, 0.989],
  [8, 2, 1986, 0.993],
  [8, 3, 479, 0.99],
  [8, 4, 32, 1.0],
  [8, 5, 1, 1.0],
  [8, 7, 1, 1.0],
  [9, 0, 131, 0.649],
  [9, 1, 552, 0.984],
  [9, 2, 1476, 0.984],
  [9, 3, 1659, 0.993],
  [9, 4, 331, 0.991],
  [9, 5, 38, 1.0],
  [9, 6, 2, 1.0],
  [9, 7, 1, 0.0],
  [10, 0, 106, 0.519],
  [10, 1, 228, 0.939],
  [10, 2, 657, 0.973],
  [10, 3, 1568, 0.984],
  [10, 4, 1602, 0.991],
  [10, 5, 389, 0.987],
  [10, 6, 28, 0.857],
  [10, 7, 1, 1.0],
  [10, 8, 1, 1.0],
  [10, 9, 1, 1.0],
  [11, 0, 73, 0.397],
  [11, 1, 73, 0.918],
  [11, 2, 295, 0.963],
  [11, 3, 692, 0.964],
  [11, 4, 1458, 0.986],
  [11, 5, 1451, 0.986],
  [11, 6, 281, 0.904],
  [11, 7, 19, 1.0],
  [11, 8, 1, 1.0],
  [12, 0, 74, 0.405],
  [12, 1, 64, 0.734],
  [12, 2, 168, 0.869],
  [12, 3, 401, 0.898],
  [12, 4, 851, 0.949],
  [12, 5, 1346, 0.969],
  [12, 6, 1284, 0.78],
  [12, 7, 230, 0.983],
  [12, 8, 14, 1.0],
  [13, 0, 64, 0.219],
  [13, 1, 75, 0.773],
  [13, 2, 101, 0.733],
  [13, 3, 169, 0.757],
  [13, 4, 349, 0.891],
  [13, 5, 723, 0.934],
  [13, 6, 1463, 0.586],
  [13, 7, 715, 0.969],
  [13, 8, 155, 0.974],
  [13, 9, 17, 0.647],
  [14, 0, 50, 0.16],
  [14, 1, 54, 0.722],
  [14, 2, 82, 0.354],
  [14, 3, 115, 0.626],
  [14, 4, 183, 0.754],
  [14, 5, 378, 0.836],
  [14, 6, 1128, 0.389],
  [14, 7, 601, 0.942],
  [14, 8, 567, 0.975],
  [14, 9, 104, 0.731],
  [15, 0, 18, 0.278],
  [15, 1, 25, 0.84], // erratum: the transcription reads 0.940, see SCHULTZ_2004_ERRATA
  [15, 2, 31, 0.548],
  [15, 3, 45, 0.444],
  [15, 4, 76, 0.553],
  [15, 5, 138, 0.739],
  [15, 6, 556, 0.318],
  [15, 7, 229, 0.934],
  [15, 8, 260, 0.954],
  [15, 9, 221, 0.588],
  [16, 0, 4, 0.0],
  [16, 1, 1, 1.0],
  [16, 2, 7, 0.571],
  [16, 3, 7, 0.0],
  [16, 4, 2, 0.0],
  [16, 5, 13, 0.462],
  [16, 6, 57, 0.228],
  [16, 7, 15, 0.8],
  [16, 8, 26, 0.923],
  [16, 9, 31, 0.581],
];

/**
 * Corrections applied to the transcription (data/progresa/schultz2004-table2.csv
 * is kept byte-for-byte as received). Cell (age 15, 1 grade completed) reads
 * 0.940 of 25 children, which is no whole number of children (23.5); 0.840 (21
 * children) is, and it makes both the age-15 row (0.610) and the grade-1 column
 * (0.978) add up to the table's own totals, so 0.940 is taken as a transcription
 * slip.
 */
export const SCHULTZ_2004_ERRATA: readonly { readonly age: number; readonly grades: number; readonly printed: number; readonly corrected: number }[] = [
  { age: 15, grades: 1, printed: 0.94, corrected: 0.84 },
];
