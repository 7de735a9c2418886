/**
 * What the commands write and print: tidy tables as CSV, JSON and Arrow files
 * — the files of one command as one output set (`writeOutputSet` of
 * bansos/node: the --out directory holds the whole old set or the whole new
 * one, never a mix) — and a summary table of a comparison for the terminal.
 * Every file-system problem caused by --out is an InputError (exit code 2)
 * naming the path.
 */
import { join, relative } from "node:path";
import type { Comparison } from "../experiment/compare.js";
import { exportTable } from "../io/tables.js";
import type { ExportSource, ExportTable, ExportTableKind } from "../io/tables.js";
import { formatTable, resultFileName, writeFileAtomic } from "../node/files.js";
import { makeDirectories, prepareOutputDir, writeOutputSet } from "../node/outputSet.js";
import type { OutputFile } from "../node/outputSet.js";
import type { Format } from "./args.js";
import { fileSystemInputError } from "./errors.js";

/** The help paragraph on how commands write --out (an output set). */
export const OUT_SET_HELP = `The files are written as one set: <dir> then holds exactly them and a manifest
(.bansos-output.json), replacing an earlier set as a whole, so readers never see
files of two runs mixed, even if bansos is killed while writing. <dir> must be new,
empty, or hold only a set bansos wrote; its parents are created.`;

/** An error about --out `dir` as an InputError when the path is at fault (see `fileSystemInputError`), else unchanged. */
function outError(error: unknown, dir: string): unknown {
  return fileSystemInputError(error, "write to", `--out "${dir}"`) ?? error;
}

/**
 * Check --out before any work starts, so a bad one fails at once: create its
 * missing parents (one level at a time: a level that is a file, or that the
 * file system refuses, such as /proc, is named), clear leftovers of earlier
 * interrupted runs, and check that it may take an output set (absent, empty,
 * or holding only a set bansos wrote). The directory itself appears, whole,
 * when the command writes its files.
 * @throws InputError naming the path and why (exit code 2)
 */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    await prepareOutputDir(dir);
  } catch (error) {
    throw outError(error, dir);
  }
}

/**
 * Create --out for a shard file (with its parents, one level at a time, like
 * {@link prepareOutDir}); shard files of one run or sweep may share it.
 * @throws InputError naming the path and why (exit code 2)
 */
export async function prepareShardDir(dir: string): Promise<void> {
  try {
    await makeDirectories(dir);
  } catch (error) {
    throw outError(error, dir);
  }
}

/**
 * Write one shard file into `dir` atomically (the other shards' files stay).
 * @returns its path
 */
export async function writeShardFile(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw outError(error, dir);
  }
  return path;
}

/**
 * Write the files of a command into `dir` as one output set (`writeOutputSet`).
 * @returns the paths written
 */
export async function writeOutputFiles(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  try {
    return await writeOutputSet(dir, files);
  } catch (error) {
    throw outError(error, dir);
  }
}

/**
 * Write `tables` of `source` into `dir` as one output set, each as
 * `<table>.<format>` for every format (see {@link writeOutputFiles}); each
 * table is made once and rendered in every format before the next is made.
 * @returns the paths written
 */
export async function writeTables(dir: string, source: ExportSource, tables: readonly ExportTableKind[], formats: readonly Format[]): Promise<string[]> {
  let current: { kind: ExportTableKind; table: ExportTable } | undefined;
  const tableOf = (kind: ExportTableKind) => (current?.kind === kind ? current : (current = { kind, table: exportTable(source, { table: kind }) })).table;
  return writeOutputFiles(
    dir,
    tables.flatMap((kind) => formats.map((format) => ({ name: resultFileName(kind, format), data: () => formatTable(tableOf(kind), format) }))),
  );
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
