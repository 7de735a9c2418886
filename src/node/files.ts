import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { toArrow, toCsv, toJson } from "../io/export.js";
import { exportTable } from "../io/tables.js";
import type { ExportOptions, ExportSource, ExportTable } from "../io/tables.js";
import { syncDirectory, writeData, writeOutputSet } from "./outputSet.js";
import type { FileData } from "./outputSet.js";

/**
 * Write a file atomically: the data goes to a temporary file in the same
 * directory (so the rename stays on one file system), which is flushed to disk
 * (fsync) and then renamed over `path`. Readers see the old file or the complete
 * new one, never a part; a crash leaves at most a stray `.<name>.*.tmp` file.
 * On any error the temporary file is removed, the target is left untouched and
 * the error is rethrown. The directory must exist. For several files that belong
 * together (a run's tables), use `writeOutputSet`: one file is atomic, a set of
 * files written one by one is not.
 *
 * @param path target file.
 * @param data text (written as UTF-8), bytes, or an (async) iterable of chunks.
 * @example await writeFileAtomic("out/result.csv", toCsv(result));
 */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o644);
  let closed = false;
  try {
    await writeData(handle, data);
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temp, path);
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable where the platform allows syncing a directory.
  await syncDirectory(dir);
}

/** A file format of {@link writeResult}. */
export type ResultFormat = "csv" | "json" | "arrow";

/** Options of {@link writeResult}. */
export interface WriteResultOptions extends ExportOptions {
  /** Formats to write (default all three: csv, json, arrow). */
  readonly formats?: readonly ResultFormat[];
  /** File name without extension (default "result"). */
  readonly name?: string;
}

const EXTENSIONS: { readonly [F in ResultFormat]: string } = { csv: ".csv", json: ".json", arrow: ".arrow" };

/** A tidy table in one format. */
export function formatTable(table: ExportTable, format: ResultFormat): string | Uint8Array {
  return format === "csv" ? toCsv(table) : format === "json" ? toJson(table) : toArrow(table);
}

/** The file name of a table in a format: `<name>.csv`, `<name>.json` or `<name>.arrow`. */
export function resultFileName(name: string, format: ResultFormat): string {
  return name + EXTENSIONS[format];
}

/**
 * Write a simulation, comparison or sweep as tidy-table files in `dir`:
 * `<name>.csv`, `<name>.json` (with the version, seed and resolved scenarios to
 * re-run it) and `<name>.arrow` (Arrow IPC file, readable by pandas, Polars and
 * R), as one output set (`writeOutputSet`): `dir` (parents created if missing)
 * then holds exactly these files and the manifest `.bansos-output.json`, and
 * replaces what an earlier `writeResult` wrote there as a whole, so readers
 * never see files of two results mixed. `dir` must be absent, empty, or hold
 * only an output set bansos wrote; anything else is refused with an
 * `OutputDirectoryError`. For several results, use several directories.
 *
 * @returns the paths written, in the order of `formats`.
 * @example await writeResult("out/comparison", comparison, { formats: ["csv", "arrow"], name: "comparison" });
 */
export async function writeResult(dir: string, source: ExportSource, options: WriteResultOptions = {}): Promise<string[]> {
  const formats = options.formats ?? ["csv", "json", "arrow"];
  const name = options.name ?? "result";
  let table: ExportTable | undefined;
  return writeOutputSet(
    dir,
    formats.map((format) => ({ name: resultFileName(name, format), data: () => formatTable((table ??= exportTable(source, options)), format) })),
  );
}
