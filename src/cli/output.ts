/**
 * What the commands write and print: tidy tables as CSV, JSON and Arrow files
 * (atomically, via `writeResult` of bansos/node), and a summary table of a
 * comparison for the terminal.
 */
import { mkdir } from "node:fs/promises";
import { relative } from "node:path";
import type { Comparison } from "../experiment/compare.js";
import type { ExportSource, ExportTableKind } from "../io/tables.js";
import { writeResult } from "../node/files.js";
import type { Format } from "./args.js";
import { InputError } from "./errors.js";

/**
 * Create the output directory (with parents) before any work starts, so a bad
 * `--out` fails at once: a path under a regular file, no permission or a
 * read-only file system is an InputError (exit code 2).
 */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOTDIR: "a part of the path is a file, not a directory",
      EEXIST: "it exists and is not a directory",
      EACCES: "permission denied",
      EPERM: "operation not permitted",
      EROFS: "read-only file system",
    };
    const reason = code === undefined ? undefined : reasons[code];
    if (reason === undefined) throw error;
    throw new InputError(`cannot write to --out "${dir}": ${reason}`);
  }
}

/**
 * Write `tables` of `source` into `dir` (created if missing), each as
 * `<table>.<format>` for every format, atomically (temporary file + rename).
 * @returns the paths written
 */
export async function writeTables(dir: string, source: ExportSource, tables: readonly ExportTableKind[], formats: readonly Format[]): Promise<string[]> {
  const written: string[] = [];
  for (const table of tables) written.push(...(await writeResult(dir, source, { formats, name: table, table })));
  return written;
}

/** "Wrote a, b, c." with paths relative to the working directory where shorter. */
export function wroteLine(paths: readonly string[]): string {
  return `Wrote ${paths.map((p) => (relative(process.cwd(), p).length < p.length ? relative(process.cwd(), p) : p)).join(", ")}.`;
}

/** A row of the comparison summary: label, metric and how to print it. */
interface SummaryRow {
  readonly label: string;
  readonly metric: string;
  readonly kind: "rate" | "money" | "count";
}

/** The outcomes of the printed summary (all metrics are in the files). */
const SUMMARY_ROWS: readonly SummaryRow[] = [
  { label: "Enrolment, 6–11 (poor)", metric: "poor/enrolment/age6to11", kind: "rate" },
  { label: "Enrolment, 12–14 (poor)", metric: "poor/enrolment/age12to14", kind: "rate" },
  { label: "Enrolment, 15–17 (poor)", metric: "poor/enrolment/age15to17", kind: "rate" },
  { label: "Child work, 12–14 (poor)", metric: "poor/childWork/age12to14", kind: "rate" },
  { label: "Clinic visits per person-month (poor)", metric: "poor/clinicVisitsPerPerson", kind: "rate" },
  { label: "Stunting, ages 1–3 (poor)", metric: "poor/stuntingAge1to3", kind: "rate" },
  { label: "Consumption per adult eq. (poor, LCU/month)", metric: "poor/consumptionPerAeLcu", kind: "money" },
  { label: "Poverty gap (poor)", metric: "poor/povertyGap", kind: "rate" },
  { label: "Poverty headcount (all)", metric: "all/povertyHeadcount", kind: "rate" },
  { label: "Programme cost, whole run (LCU)", metric: "totals/costLcu", kind: "money" },
];

const MONEY = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function formatValue(v: number, kind: SummaryRow["kind"]): string {
  if (!Number.isFinite(v)) return "—";
  return kind === "rate" ? v.toFixed(3) : MONEY.format(v);
}

function cell(c: Comparison, row: SummaryRow, scenario: string, difference: boolean): string {
  const o = c.outcomes.get(row.metric)?.get(scenario);
  const e = difference ? o?.difference : o?.estimate;
  if (!e) return difference ? "" : "—";
  const sign = difference && e.mean >= 0 ? "+" : "";
  const interval =
    c.replications >= 2 && Number.isFinite(e.lower) && Number.isFinite(e.upper)
      ? ` [${formatValue(e.lower, row.kind)}, ${formatValue(e.upper, row.kind)}]`
      : "";
  return `${sign}${formatValue(e.mean, row.kind)}${interval}`;
}

/**
 * A plain-text table of key outcomes (averages over the last 12 months; cost
 * over the run): each scenario's mean with its interval across replications,
 * and the paired difference from the baseline ("Δ vs …").
 */
export function summaryTable(c: Comparison): string {
  const others = c.scenarios.filter((s) => s !== c.baseline);
  const header = ["Outcome", c.baseline, ...others.flatMap((s) => [s, `Δ vs ${c.baseline}`])];
  const rows = SUMMARY_ROWS.filter((r) => c.outcomes.has(r.metric)).map((r) => [
    r.label,
    cell(c, r, c.baseline, false),
    ...others.flatMap((s) => [cell(c, r, s, false), cell(c, r, s, true)]),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, k) => (k === 0 ? v.padEnd(widths[k]!) : v.padStart(widths[k]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
