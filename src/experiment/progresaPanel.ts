import type { SurveyRow } from "./surveyRows.js";

/** A row of the Progresa teen panel in the survey-row shape simulated surveys produce. */
export interface PanelRow extends SurveyRow {
  /** Age in completed years at the 1997 (baseline) survey; null when the child has no 1997 row. */
  readonly baselineAge: number | null;
  /** State (entidad) code. */
  readonly state: number;
}

/** What {@link parseProgresaPanel} dropped, and why. */
export interface PanelParseReport {
  /** Data rows read (children × years). */
  readonly rows: number;
  /** Rows kept. */
  readonly kept: number;
  /** Rows without an enrolment observation (empty enroll_child). */
  readonly missingEnrolment: number;
  /** Rows without a poverty classification (empty pov_HH). */
  readonly missingPoverty: number;
}

const REQUIRED = ["year", "villid", "entidad", "hogid", "iid", "sex", "age", "enroll_child", "pov_HH", "D_assig"] as const;

/**
 * Parse data/progresa/teen-panel.csv (the Progresa evaluation panel of children
 * aged 10–16 in 1997; provenance in data/progresa/README.md) into survey rows,
 * so the same estimators run on real and simulated surveys. Rows without an
 * enrolment observation or a poverty classification are dropped and counted.
 * `treatedLocality` is the random assignment (D_assig), `poor` the household's
 * classification as eligible (pov_HH), `enrolled` enroll_child.
 * @param text the CSV file's content
 */
export function parseProgresaPanel(text: string): {
  /** The rows kept. */
  rows: PanelRow[];
  /** What was dropped, and why. */
  report: PanelParseReport;
} {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split(",");
  const col = Object.fromEntries(header.map((name, k) => [name, k])) as Record<string, number>;
  for (const name of REQUIRED) if (col[name] === undefined) throw new Error(`Progresa panel: column "${name}" is missing`);
  const raw: { cells: string[] }[] = lines.slice(1).map((l) => ({ cells: l.split(",") }));
  const get = (cells: string[], name: (typeof REQUIRED)[number]) => cells[col[name] as number] ?? "";
  // Age at the 1997 survey, per child.
  const baseline = new Map<string, number>();
  for (const { cells } of raw) if (get(cells, "year") === "1997") baseline.set(get(cells, "iid"), Number(get(cells, "age")));
  const rows: PanelRow[] = [];
  let missingEnrolment = 0;
  let missingPoverty = 0;
  for (const { cells } of raw) {
    const enrol = get(cells, "enroll_child");
    const pov = get(cells, "pov_HH");
    if (enrol === "") {
      missingEnrolment++;
      continue;
    }
    if (pov === "") {
      missingPoverty++;
      continue;
    }
    const iid = get(cells, "iid");
    rows.push({
      year: Number(get(cells, "year")),
      locality: Number(get(cells, "villid")),
      household: Number(get(cells, "hogid")),
      person: Number(iid),
      male: get(cells, "sex") === "1",
      age: Number(get(cells, "age")),
      poor: pov === "1",
      treatedLocality: get(cells, "D_assig") === "1",
      enrolled: enrol === "1",
      baselineAge: baseline.get(iid) ?? null,
      state: Number(get(cells, "entidad")),
    });
  }
  return { rows, report: { rows: raw.length, kept: rows.length, missingEnrolment, missingPoverty } };
}
