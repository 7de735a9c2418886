import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { toArrow, toCsv, toJson } from "../io/export.js";
import { exportTable } from "../io/tables.js";
import type { ExportOptions, ExportSource } from "../io/tables.js";

/** What {@link writeFileAtomic} writes: text (UTF-8), bytes, or chunks of either (sync or async, e.g. a generator). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Write a file atomically: the data goes to a temporary file in the same
 * directory (so the rename stays on one file system), which is flushed to disk
 * (fsync) and then renamed over `path`. Readers see the old file or the complete
 * new one, never a part; a crash leaves at most a stray `.<name>.*.tmp` file.
 * On any error the temporary file is removed, the target is left untouched and
 * the error is rethrown. The directory must exist.
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
    if (typeof data === "string" || data instanceof Uint8Array) {
      await handle.writeFile(data);
    } else {
      for await (const chunk of data) await handle.writeFile(chunk);
    }
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
  try {
    const d = await open(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or sync a directory: the file itself is complete.
  }
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

/**
 * Write a simulation, comparison or sweep as tidy-table files in `dir`
 * (created if missing): `<name>.csv`, `<name>.json` (with the version, seed and
 * resolved scenarios to re-run it) and `<name>.arrow` (Arrow IPC file, readable
 * by pandas, Polars and R), each written atomically ({@link writeFileAtomic}).
 *
 * @returns the paths written, in the order of `formats`.
 * @example await writeResult("out", comparison, { formats: ["csv", "arrow"], name: "comparison" });
 */
export async function writeResult(dir: string, source: ExportSource, options: WriteResultOptions = {}): Promise<string[]> {
  const formats = options.formats ?? ["csv", "json", "arrow"];
  const name = options.name ?? "result";
  await mkdir(dir, { recursive: true });
  const table = exportTable(source, options);
  const written: string[] = [];
  for (const format of formats) {
    const path = join(dir, name + EXTENSIONS[format]);
    await writeFileAtomic(path, format === "csv" ? toCsv(table) : format === "json" ? toJson(table) : toArrow(table));
    written.push(path);
  }
  return written;
}
