import type { PanelRow } from "../progresaPanel.js";

/**
 * Calibration targets of the `mexico-rural-1997` enrolment equation, built from
 * PRE-PROGRAMME data only (docs/model.md, "Calibration"):
 *
 *  - enrolment by age 6–16: Schultz (2004) Table 2 (October 1997 / March 1998 rounds);
 *  - the boys − girls gap by age 10–16: the 1997 rows of the Progresa teen panel;
 *  - enrolment after exactly 6 and after 9 or more grades completed: Schultz (2004) Table 2;
 *  - the enrolment gap between children of non-poor and poor households aged 10–16:
 *    the 1997 rows of the teen panel, standardised to the panel's age mix (below).
 *
 * Pure: it reads the CSV text and parsed panel rows given to it, never a file.
 */

/** Survey year of the pre-programme (baseline) panel round; the only year read. */
const BASELINE_YEAR = 1997;
/** First and last age of the by-age targets (the behaviour arrays' ages). */
export const FIRST_AGE = 6;
export const LAST_AGE = 17;
/** Ages of the teen panel (in 1997) from which the sex and poverty gaps are taken. */
export const PANEL_MIN_AGE = 10;
export const PANEL_MAX_AGE = 16;

/** Sex gap at one age: enrolment of boys minus girls, and the boys' share of children. */
interface SexGap {
  readonly age: number;
  readonly gap: number;
  readonly boysShare: number;
  /** True when not observed but assumed (ages 6–9: no gap; age 17: the age-16 gap). */
  readonly assumed: boolean;
}

/** Enrolment of non-poor and poor children at one age (1997 panel rows). */
interface PovertyCell {
  readonly age: number;
  /** Children (rows) in non-poor / poor households. */
  readonly nonPoorCount: number;
  readonly poorCount: number;
  readonly nonPoorEnrolment: number;
  readonly poorEnrolment: number;
  /** Weight of the age in the standardised gap: its share of all 1997 rows aged 10–16. */
  readonly weight: number;
}

/** Everything the baseline fit aims at, with how each number was built. */
export interface BaselineTargets {
  /** Ages of the by-age arrays below: 6…17. */
  readonly ages: readonly number[];
  /** Enrolment level by age (teen panel 1997 rates at 10–16, Schultz 2004 Table 2 at 6–9; age 17 assumed). */
  readonly level: readonly number[];
  /** Sex gap by age (index as `ages`). */
  readonly sexGap: readonly SexGap[];
  /** Target enrolment of boys and girls by age (index as `ages`). */
  readonly boys: readonly number[];
  readonly girls: readonly number[];
  /** Enrolment of children with exactly 6 grades completed (Table 2). */
  readonly afterGrade6: number;
  /** Enrolment of children with 9 or more grades completed (Table 2). */
  readonly afterGrade9: number;
  /**
   * Enrolment of non-poor minus poor children aged 10–16 in 1997, standardised to
   * the panel's age mix: Σ_a w_a·(non-poor rate_a − poor rate_a), w_a = share of
   * the 1997 rows aged 10–16 that are aged a. The simulation is weighted the same way.
   */
  readonly povertyGap: number;
  /** The same gap without standardisation (pooled rates; depends on the panel's age mix by class). */
  readonly povertyGapPooled: number;
  /** Per-age enrolment by poverty status behind `povertyGap` (ages 10–16). */
  readonly povertyByAge: readonly PovertyCell[];
  /** Panel rows used: those of 1997 aged 10–16. */
  readonly panelRowsUsed: number;
  /** The assumptions built into these targets, in words. */
  readonly assumptions: readonly string[];
}

interface SchultzCell {
  readonly age: string;
  readonly grades: string;
  readonly rate: number;
}

function parseSchultz(text: string): SchultzCell[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = (lines[0] ?? "").split(",").map((c) => c.trim());
  const ageCol = header.indexOf("age");
  const gradeCol = header.indexOf("grades_completed");
  const rateCol = header.indexOf("enrolment_rate");
  if (ageCol < 0 || gradeCol < 0 || rateCol < 0) {
    throw new Error("Schultz (2004) Table 2: columns age, grades_completed and enrolment_rate are required");
  }
  return lines.slice(1).map((line) => {
    const cells = line.split(",").map((c) => c.trim());
    return { age: cells[ageCol] ?? "", grades: cells[gradeCol] ?? "", rate: Number(cells[rateCol]) };
  });
}

function required(map: Map<number, number>, key: number, what: string): number {
  const v = map.get(key);
  if (v === undefined || !Number.isFinite(v)) throw new Error(`calibration targets: ${what} ${key} is missing`);
  return v;
}

function rate(rows: readonly PanelRow[]): number {
  let e = 0;
  for (const r of rows) if (r.enrolled) e++;
  return e / rows.length;
}

/**
 * Build the baseline targets.
 * @param schultzCsvText content of data/progresa/schultz2004-table2.csv
 * @param panelRows rows of data/progresa/teen-panel.csv as parsed by `parseProgresaPanel`
 *   (all years may be passed: only rows with `year === 1997` are read)
 */
export function baselineTargets(schultzCsvText: string, panelRows: readonly PanelRow[]): BaselineTargets {
  // ---- Schultz (2004) Table 2: age totals and grade totals.
  const byAge = new Map<number, number>();
  const byGrade = new Map<number, number>();
  for (const c of parseSchultz(schultzCsvText)) {
    if (c.age !== "total" && c.grades === "all") byAge.set(Number(c.age), c.rate);
    if (c.age === "total" && c.grades !== "all") byGrade.set(Number(c.grades), c.rate);
  }

  // ---- Teen panel: baseline rows only. Nothing after 1997 is ever looked at.
  const baseline = panelRows.filter((r) => r.year === BASELINE_YEAR && r.age >= PANEL_MIN_AGE && r.age <= PANEL_MAX_AGE);
  const atAge = new Map<number, PanelRow[]>();
  for (const r of baseline) {
    const list = atAge.get(r.age);
    if (list) list.push(r);
    else atAge.set(r.age, [r]);
  }

  const observedGap = new Map<number, SexGap>();
  const povertyByAge: PovertyCell[] = [];
  for (let age = PANEL_MIN_AGE; age <= PANEL_MAX_AGE; age++) {
    const rows = atAge.get(age) ?? [];
    // PanelRow.male is a boolean: the few rows of unknown sex (5 in 1997) count as girls here,
    // where the old script left them out of both rates; rows without pov_HH are not in panelRows.
    const boys = rows.filter((r) => r.male);
    const girls = rows.filter((r) => !r.male);
    const nonPoor = rows.filter((r) => !r.poor);
    const poor = rows.filter((r) => r.poor);
    if (boys.length === 0 || girls.length === 0 || nonPoor.length === 0 || poor.length === 0) {
      throw new Error(`calibration targets: the ${BASELINE_YEAR} panel rows lack boys, girls, poor or non-poor children aged ${age}`);
    }
    observedGap.set(age, { age, gap: rate(boys) - rate(girls), boysShare: boys.length / rows.length, assumed: false });
    povertyByAge.push({
      age,
      nonPoorCount: nonPoor.length,
      poorCount: poor.length,
      nonPoorEnrolment: rate(nonPoor),
      poorEnrolment: rate(poor),
      weight: rows.length / baseline.length,
    });
  }

  const ages: number[] = [];
  const level: number[] = [];
  const sexGap: SexGap[] = [];
  const boys: number[] = [];
  const girls: number[] = [];
  // Levels: the panel's own 1997 rates where it observes them (ages 10–16: the sample the treatment
  // effects are validated on), Schultz (2004) Table 2 below (ages 6–9); age 17 is assumed to fall
  // from age 16 as Table 2's ages 15→16 do.
  const panelLevel = (age: number) => rate(atAge.get(age) ?? []);
  const level16 = panelLevel(PANEL_MAX_AGE);
  const fall = required(byAge, 16, "Schultz (2004) Table 2 enrolment at age") / required(byAge, 15, "Schultz (2004) Table 2 enrolment at age");
  for (let age = FIRST_AGE; age <= LAST_AGE; age++) {
    const l =
      age === LAST_AGE
        ? level16 * fall
        : age >= PANEL_MIN_AGE && age <= PANEL_MAX_AGE
          ? panelLevel(age)
          : required(byAge, age, "Schultz (2004) Table 2 enrolment at age");
    const observed = observedGap.get(age);
    const g: SexGap =
      observed ?? (age === LAST_AGE ? { ...(observedGap.get(PANEL_MAX_AGE) as SexGap), age, assumed: true } : { age, gap: 0, boysShare: 0.5, assumed: true });
    ages.push(age);
    level.push(l);
    sexGap.push(g);
    // Boys' and girls' targets average (weighted by the boys' share) to the level.
    boys.push(l + g.gap * (1 - g.boysShare));
    girls.push(l - g.gap * g.boysShare);
  }

  let povertyGap = 0;
  for (const c of povertyByAge) povertyGap += c.weight * (c.nonPoorEnrolment - c.poorEnrolment);

  return {
    ages,
    level,
    sexGap,
    boys,
    girls,
    afterGrade6: required(byGrade, 6, "Schultz (2004) Table 2 enrolment after grades"),
    afterGrade9: required(byGrade, 9, "Schultz (2004) Table 2 enrolment after grades"),
    povertyGap,
    povertyGapPooled: rate(baseline.filter((r) => !r.poor)) - rate(baseline.filter((r) => r.poor)),
    povertyByAge,
    panelRowsUsed: baseline.length,
    assumptions: [
      "age 17 is not observed: enrolment assumed to fall from the panel's age-16 rate by Table 2's ratio of ages 16 to 15, with the age-16 sex gap",
      "levels at ages 10–16 are the teen panel's 1997 rates; ages 6–9 come from Schultz (2004) Table 2",
      "no sex gap at ages 6–9 (not observed in the panel)",
      "the poverty gap is standardised to the age mix of the 1997 panel rows aged 10–16",
    ],
  };
}
