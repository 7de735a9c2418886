/**
 * CSV, JSON and Arrow IPC exports of results, comparisons and sweeps (tidy
 * tables, see `exportTable`). Core code: no `node:` imports, so it runs in
 * browsers and Deno too; `bansos/node` has `writeResult` to put them in files.
 */
import { Dictionary, Float64, Int32, RecordBatch, Schema, Table, Utf8, makeVector, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { exportTable, tableRows } from "./tables.js";
import type { ExportHeader, ExportOptions, ExportRow, ExportSource, ExportTable } from "./tables.js";

/** Key of the Arrow schema metadata entry holding the JSON {@link ExportHeader}. */
export const ARROW_METADATA_KEY = "bansos";

/**
 * A number as CSV text that reads back as the same double: the shortest
 * round-trip form (`String`), "-0" for negative zero, "" for NaN (missing),
 * "Inf" / "-Inf" for infinities (read by pandas, R and Polars).
 */
export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return "";
  if (v === Number.POSITIVE_INFINITY) return "Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Object.is(v, -0)) return "-0";
  return String(v);
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"), and the single quote of the escape itself. */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * A text field as CSV: quoted as RFC 4180 requires — in double quotes, with
 * quotes doubled, when it holds a comma, quote, CR or LF — and defused against
 * formula injection as OWASP recommends: text beginning with `=`, `+`, `-`,
 * `@`, tab (0x09) or carriage return (0x0D), which Excel, LibreOffice and
 * Google Sheets would run as a formula, gets a single quote in front, inside a
 * quoted field (`=cmd|' /C calc'!A0` → `"'=cmd|' /C calc'!A0"`), and so does
 * text beginning with `'` itself, so the escape can be undone exactly: **a
 * reader recovers the original text by removing the first character of every
 * text field that begins with `'`** (after unquoting). Numbers are never text
 * fields (see {@link csvNumber}): `-0.5` stays `-0.5`.
 */
export function csvField(text: string): string {
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tableOf(source: ExportSource | ExportTable, options: ExportOptions): ExportTable {
  return "columns" in source && "rowCount" in source ? source : exportTable(source, options);
}

/**
 * A tidy table as CSV (RFC 4180): a header row of column names, one record per
 * row, CRLF line ends, fields quoted only where needed, numbers printed so they
 * read back exactly (see {@link csvNumber}; a missing value is an empty field).
 * Provenance (seed, scenario, version) is not in the CSV: keep the JSON or
 * Arrow export alongside for that.
 *
 * Text cells are defused against formula injection (OWASP): a text cell
 * beginning with `=`, `+`, `-`, `@`, tab or carriage return — a scenario named
 * `=cmd|' /C calc'!A0`, say — is written with a single quote in front, in a
 * quoted field (`"'=cmd|' /C calc'!A0"`), so a spreadsheet shows it as text
 * instead of running it; text beginning with `'` gets one too. To read the
 * original text back, remove the first character of every text cell that
 * begins with `'` (see {@link csvField}). Number cells are never changed
 * (`-0.5` stays `-0.5`), and the JSON and Arrow exports keep text as it is.
 *
 * @param source a simulation result, comparison, sweep, or a table from `exportTable`.
 * @example
 * const csv = toCsv(simulate({ months: 12 })); // "scenario,replication,month,date,segment,outcome,group,value\r\n…"
 */
export function toCsv(source: ExportSource | ExportTable, options: ExportOptions = {}): string {
  const table = tableOf(source, options);
  const cells: string[][] = table.columns.map((c) => {
    if (c.type === "string") {
      const quoted = new Map<string, string>(); // few distinct strings (scenario, outcome, group…): quote each once
      return c.values.map((s) => {
        let q = quoted.get(s);
        if (q === undefined) quoted.set(s, (q = csvField(s)));
        return q;
      });
    }
    if (c.type === "int") return Array.from(c.values, String);
    return Array.from(c.values, csvNumber);
  });
  const lines: string[] = [table.columns.map((c) => csvField(c.name)).join(",")];
  for (let i = 0; i < table.rowCount; i++) {
    let line = cells[0]![i]!;
    for (let k = 1; k < cells.length; k++) line += "," + cells[k]![i]!;
    lines.push(line);
  }
  return lines.join("\r\n") + "\r\n";
}

/** The JSON document of {@link toJson}: provenance, then the table's rows as objects. */
export interface ExportDocument extends ExportHeader {
  /** Column names in order. */
  readonly columns: readonly string[];
  /** One object per row (a missing float is null). */
  readonly rows: readonly ExportRow[];
}

/**
 * A tidy table as a JSON document ({@link ExportDocument}): the library version,
 * the seed and the resolved scenario(s) — so `simulate(doc.scenario)` re-runs a
 * simulation exactly — then the rows as objects (`pd.DataFrame(doc["rows"])`,
 * `jsonlite::fromJSON(…)$rows`). Numbers are written in round-trip form.
 *
 * @param options.space indentation passed to JSON.stringify (default none).
 * @example
 * const doc = JSON.parse(toJson(result));
 * simulate(doc.scenario); // the same result again
 */
export function toJson(source: ExportSource | ExportTable, options: ExportOptions & { readonly space?: number } = {}): string {
  const table = tableOf(source, options);
  const document: ExportDocument = { ...table.header, columns: table.columns.map((c) => c.name), rows: tableRows(table) };
  return JSON.stringify(document, null, options.space);
}

/**
 * A tidy table as Arrow IPC file bytes (the Feather v2 format): strings
 * dictionary-encoded, `replication`, `month` and `n` as 32-bit integers,
 * values as 64-bit floats (missing = null). The schema metadata key
 * {@link ARROW_METADATA_KEY} holds the JSON {@link ExportHeader} (version, seed,
 * resolved scenarios). Read with `pyarrow.feather.read_table`, `pandas.read_feather`,
 * `polars.read_ipc`, R `arrow::read_ipc_file`, or `tableFromIPC` of apache-arrow.
 */
export function toArrow(source: ExportSource | ExportTable, options: ExportOptions = {}): Uint8Array {
  const table = tableOf(source, options);
  const data: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (c.type === "string") data[c.name] = vectorFromArray(c.values, new Dictionary(new Utf8(), new Int32()));
    else if (c.type === "int") data[c.name] = makeVector(c.values);
    else
      data[c.name] = c.values.some(Number.isNaN)
        ? vectorFromArray(
            Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
            new Float64(),
          )
        : makeVector(c.values);
  }
  const plain = new Table(data);
  const schema = new Schema(plain.schema.fields, new Map([[ARROW_METADATA_KEY, JSON.stringify(table.header)]]));
  return tableToIPC(
    new Table(
      schema,
      plain.batches.map((b) => new RecordBatch(schema, b.data)),
    ),
    "file",
  );
}
