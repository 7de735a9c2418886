/**
 * Output sets: the several files one command writes into one directory
 * (`bansos run --out dir`, `writeResult`, `npm run compare`), written so that
 * the directory holds either the whole old set or the whole new set, never a
 * mix of both — even when the process is killed (kill -9, power loss) while
 * writing.
 *
 * How: every file goes into a staging directory next to the target (same
 * parent, so the same file system), each file and the directory are flushed to
 * disk (fsync), a manifest (`.bansos-output.json`) is written last, and the
 * staging directory is then swapped in by two renames: the old directory
 * aside, the staging directory to the target; the old one is then removed.
 * Between the two renames the target is absent for a moment; a process killed
 * there leaves the old set complete in the aside directory, which the next
 * write to the same target moves back.
 *
 * Leftovers are recognised by name, in the target's parent directory:
 * `.<name>.bansos-staging-<pid>-<hex>` (a set being written) and
 * `.<name>.bansos-aside-<pid>-<hex>` (an old set being replaced), where
 * `<name>` is the target's name (or a hash of it when it is longer than 200
 * bytes) and `<pid>` the writing process. Before writing (and in
 * `prepareOutputDir`), leftovers of processes no longer running on this
 * machine are cleared: a staging directory is removed; an aside directory is
 * moved back to the target when the target is absent, else removed.
 *
 * The output directory belongs to its set: it is replaced as a whole, so it
 * must be absent, empty, or hold only a set bansos wrote (the files its
 * manifest lists). Anything else in it — a file of the user's, a
 * subdirectory, a directory where a listed file should be — is refused with an
 * {@link OutputDirectoryError}, and nothing is touched.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, rmdir, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { VERSION } from "../foundation/version.js";

/** What a file is written from: text (UTF-8), bytes, or chunks of either (sync or async, e.g. a generator). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** One file of an output set: its name in the directory and its contents, or a function giving them when the file is written. */
export interface OutputFile {
  /** File name (no directory part, not "." or "..", not `.bansos-output.json`). */
  readonly name: string;
  /** The contents, or a function returning them (called once, when this file is written, so large contents need not all be in memory at once). */
  readonly data: FileData | (() => FileData | Promise<FileData>);
}

/** Name of the manifest an output set's directory holds: JSON `{ format: "bansos-output", version, files: [{ name, bytes }] }`, written last. */
export const MANIFEST_NAME = ".bansos-output.json";

/** Why a file-system error happened, in words, for the error codes users cause with their paths (undefined for others, e.g. EIO). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EEXIST: "it already exists",
  ENOTEMPTY: "the directory is not empty",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  ENAMETOOLONG: "a name in the path is too long",
  ELOOP: "too many levels of symbolic links",
  EBUSY: "it is busy (in use, or a mount point)",
  EXDEV: "it is on another file system",
  ETXTBSY: "it is a running program",
  EMLINK: "too many links",
  ENXIO: "no such device",
  ENODEV: "no such device",
};

/** A node: file-system error: code, and the path(s) it concerns. */
interface ErrnoError extends Error {
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/**
 * The reason of a file-system error caused by a path (ENOENT, EISDIR, ENOTDIR,
 * EACCES, EPERM, EEXIST, ENOTEMPTY, EROFS, ENOSPC, EDQUOT, ENAMETOOLONG,
 * ELOOP…) as words with the code, e.g. "it is a directory (EISDIR)";
 * undefined for any other error (an I/O error, a bug).
 */
export function fileSystemReason(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as ErrnoError).code : undefined;
  const reason = code === undefined ? undefined : REASONS[code];
  return reason === undefined ? undefined : `${reason} (${code})`;
}

/** The path a file-system error concerns: a rename's destination (the user's file, not the temporary one), else its path. */
export function fileSystemErrorPath(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as ErrnoError;
  return e.syscall === "rename" && typeof e.dest === "string" ? e.dest : typeof e.path === "string" ? e.path : undefined;
}

/**
 * The output directory cannot take an output set: it holds files bansos did
 * not write, is not a directory, cannot be created… `path` is the directory,
 * `reason` says why in words (`code` is the file-system error code, when one
 * caused it). Nothing was changed.
 */
export class OutputDirectoryError extends Error {
  /** The output directory as given. */
  readonly path: string;
  /** Why it cannot be written, in words. */
  readonly reason: string;
  /** File-system error code behind it (ENOENT, EACCES…), if any. */
  readonly code: string | undefined;

  /**
   * @param path the output directory
   * @param reason why it cannot be written
   * @param code the file-system error code behind it, if any
   */
  constructor(path: string, reason: string, code?: string) {
    super(`cannot write an output set to "${path}": ${reason}`);
    this.name = "OutputDirectoryError";
    this.path = path;
    this.reason = reason;
    this.code = code;
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error ? (error as ErrnoError).code : undefined;
}

/** The error unchanged if it is an I/O error or a bug; an {@link OutputDirectoryError} of `dir` if a path caused it. */
function explained(dir: string, error: unknown, what: string): unknown {
  const reason = fileSystemReason(error);
  return reason === undefined ? error : new OutputDirectoryError(dir, `${what}: ${reason}`, codeOf(error));
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string {
  return s.isDirectory() ? "a directory" : s.isSymbolicLink() ? "a symbolic link" : s.isFile() ? "a file" : "a special file";
}

/**
 * Create a directory and its missing parents, one level at a time from the
 * root, checking each level: a level that exists and is not a directory is an
 * error naming it, and so is a level the file system refuses to create (Node's
 * recursive mkdir loops forever on /proc, which answers every mkdir with
 * ENOENT). At most one mkdir per level of the path.
 * @throws OutputDirectoryError naming `dir` and the level that failed
 */
export async function makeDirectories(dir: string): Promise<void> {
  const levels: string[] = [];
  for (let p = resolve(dir); ; p = dirname(p)) {
    levels.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const level of levels) {
    let existing;
    try {
      existing = await stat(level);
    } catch (error) {
      if (codeOf(error) !== "ENOENT") throw explained(dir, error, `cannot use "${level}"`);
    }
    if (existing) {
      if (!existing.isDirectory()) throw new OutputDirectoryError(dir, `"${level}" is ${kindOf(existing)}, not a directory`, "ENOTDIR");
      continue;
    }
    try {
      await mkdir(level);
    } catch (error) {
      if (codeOf(error) === "EEXIST" && (await stat(level).catch(() => undefined))?.isDirectory()) continue; // made meanwhile by someone else
      if (codeOf(error) === "ENOENT")
        throw new OutputDirectoryError(
          dir,
          `the file system does not allow creating "${level}" (mkdir answered ENOENT, though "${dirname(level)}" exists)`,
          "ENOENT",
        );
      throw explained(dir, error, `cannot create "${level}"`);
    }
  }
}

/** Where an output set goes: the directory (symbolic links resolved), its parent, and the name prefix of its leftovers. */
interface Target {
  /** The directory as the caller gave it (for messages). */
  readonly given: string;
  /** Absolute path of the directory (a symbolic link to a directory is followed). */
  readonly path: string;
  /** Its parent directory, where staging and aside directories go. */
  readonly parent: string;
  /** Prefix of the names of its leftovers: `.<name>.bansos-`. */
  readonly prefix: string;
}

async function targetOf(dir: string): Promise<Target> {
  if (dir === "") throw new OutputDirectoryError(dir, "no directory given");
  let path = resolve(dir);
  const link = await lstat(path).catch((error: unknown) => {
    if (codeOf(error) === "ENOENT" || codeOf(error) === "ENOTDIR") return undefined;
    throw explained(dir, error, "cannot look at it");
  });
  if (link?.isSymbolicLink()) {
    try {
      path = await realpath(path);
    } catch (error) {
      throw explained(dir, error, "it is a symbolic link that cannot be followed");
    }
  }
  const parent = dirname(path);
  if (parent === path) throw new OutputDirectoryError(dir, "it is the root directory; name a directory for the output set");
  const fromHere = relative(path, process.cwd());
  if (fromHere === "" || (!fromHere.startsWith("..") && !isAbsolute(fromHere)))
    throw new OutputDirectoryError(
      dir,
      "it is (or holds) the working directory, and an output directory is replaced as a whole; name a new directory, e.g. out/run",
    );
  const name = basename(path);
  const short = Buffer.byteLength(name) <= 200 ? name : createHash("sha256").update(name).digest("hex").slice(0, 32);
  return { given: dir, path, parent, prefix: `.${short}.bansos-` };
}

/** True while process `pid` runs on this machine. */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === "EPERM"; // exists, owned by someone else
  }
}

/** Clear the leftovers of interrupted writes to `target` by processes no longer running: staging removed; aside moved back when the target is absent, else removed. */
async function clearLeftovers(target: Target): Promise<void> {
  let names: string[];
  try {
    names = await readdir(target.parent);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return;
    throw explained(target.given, error, `cannot read "${target.parent}"`);
  }
  const leftovers = names
    .filter((n) => n.startsWith(target.prefix))
    .map((n) => ({ name: n, match: /^(staging|aside)-(\d+)-[0-9a-f]+$/.exec(n.slice(target.prefix.length)) }))
    .filter((l) => l.match !== null && !running(Number(l.match[2])));
  // Asides first: an old set goes back before any staging of the same interrupted write is removed.
  leftovers.sort((a, b) => (a.match![1] === b.match![1] ? 0 : a.match![1] === "aside" ? -1 : 1));
  for (const { name, match } of leftovers) {
    const path = join(target.parent, name);
    if (match![1] === "aside") {
      const present = await lstat(target.path).then(
        () => true,
        () => false,
      );
      if (!present) {
        try {
          await rename(path, target.path);
          continue;
        } catch (error) {
          if (codeOf(error) === "ENOENT") continue; // another process restored it
          throw explained(target.given, error, `cannot move the old set back from "${path}"`);
        }
      }
    }
    await rm(path, { recursive: true, force: true }).catch((error: unknown) => {
      throw explained(target.given, error, `cannot remove the leftover "${path}" of an interrupted write`);
    });
  }
}

/** The names of the files a manifest lists, or undefined when there is none or it is not one. */
async function manifestFiles(dir: string): Promise<Set<string> | undefined> {
  try {
    const data = JSON.parse(await readFile(join(dir, MANIFEST_NAME), "utf8")) as unknown;
    if (typeof data !== "object" || data === null || (data as { format?: unknown }).format !== "bansos-output") return undefined;
    const files = (data as { files?: unknown }).files;
    if (!Array.isArray(files)) return undefined;
    return new Set(
      files.flatMap((f: unknown) =>
        typeof f === "object" && f !== null && typeof (f as { name?: unknown }).name === "string" ? [(f as { name: string }).name] : [],
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * Check that the target may be replaced by an output set: absent, or a
 * directory on its parent's file system that is empty or holds only the set
 * bansos wrote there.
 * @returns the permission bits of the existing directory (kept for the new one), or undefined when it is absent
 * @throws OutputDirectoryError saying what is in the way
 */
async function replaceable(target: Target): Promise<number | undefined> {
  let existing;
  try {
    existing = await lstat(target.path);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return undefined;
    throw explained(target.given, error, "cannot look at it");
  }
  if (!existing.isDirectory()) throw new OutputDirectoryError(target.given, `it exists and is ${kindOf(existing)}, not a directory`, "ENOTDIR");
  const parent = await stat(target.parent);
  if (parent.dev !== existing.dev)
    throw new OutputDirectoryError(
      target.given,
      "it is a mount point; an output set is swapped in by renaming within one file system, so name a directory inside it",
      "EXDEV",
    );
  let names: string[];
  try {
    names = await readdir(target.path);
  } catch (error) {
    throw explained(target.given, error, "cannot read it");
  }
  const listed = names.includes(MANIFEST_NAME) ? await manifestFiles(target.path) : undefined;
  const foreign: string[] = [];
  for (const name of names.sort()) {
    if (listed !== undefined && (name === MANIFEST_NAME || listed.has(name))) {
      const s = await lstat(join(target.path, name));
      if (s.isFile()) continue;
      foreign.push(`"${name}" (${kindOf(s)}, where bansos wrote a file)`);
    } else {
      const s = await lstat(join(target.path, name)).catch(() => undefined);
      foreign.push(s === undefined || s.isFile() ? `"${name}"` : `"${name}" (${kindOf(s)})`);
    }
  }
  if (foreign.length > 0) {
    const shown = foreign.length > 3 ? `${foreign.slice(0, 3).join(", ")} and ${foreign.length - 3} more` : foreign.join(", ");
    throw new OutputDirectoryError(
      target.given,
      `it holds ${shown}, which bansos did not write as an output set there` +
        (listed === undefined && names.length > 0 ? ` (it has no ${MANIFEST_NAME})` : "") +
        "; an output directory is replaced as a whole, so move these away or name another directory",
      "ENOTEMPTY",
    );
  }
  return existing.mode & 0o7777;
}

/** A new directory for staging or aside, next to the target. */
function sibling(target: Target, kind: "staging" | "aside"): string {
  return join(target.parent, `${target.prefix}${kind}-${process.pid}-${randomBytes(6).toString("hex")}`);
}

/** mkdir of a staging directory, with the reason in words when the parent refuses. */
async function makeStaging(target: Target): Promise<string> {
  const staging = sibling(target, "staging");
  try {
    await mkdir(staging);
  } catch (error) {
    if (codeOf(error) === "ENOENT")
      throw new OutputDirectoryError(
        target.given,
        `the file system does not allow creating directories in "${target.parent}" (mkdir answered ENOENT)`,
        "ENOENT",
      );
    throw explained(target.given, error, `cannot create a directory in "${target.parent}"`);
  }
  return staging;
}

/**
 * Check, before any work, that an output set can be written to `dir`: clear
 * leftovers of interrupted writes, create the missing parent directories,
 * check that `dir` may be replaced (absent, empty or holding only a bansos
 * output set) and that a directory can be created next to it. `dir` itself is
 * not created: it appears, whole, when {@link writeOutputSet} swaps it in.
 * @throws OutputDirectoryError naming `dir` and why it cannot take an output set
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const target = await targetOf(dir);
  await makeDirectories(target.parent);
  await clearLeftovers(target);
  await replaceable(target);
  await rmdir(await makeStaging(target));
}

/** Write a file that must not exist yet, flush it to disk and close it; returns its size in bytes. */
async function writeNewFile(path: string, data: FileData): Promise<number> {
  const handle = await open(path, "wx", 0o644);
  try {
    const bytes = await writeData(handle, data);
    await handle.sync();
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Write `data` to an open file; returns the bytes written. */
export async function writeData(handle: FileHandle, data: FileData): Promise<number> {
  const one = async (chunk: string | Uint8Array) => {
    await handle.writeFile(chunk);
    return typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
  };
  if (typeof data === "string" || data instanceof Uint8Array) return one(data);
  let bytes = 0;
  for await (const chunk of data) bytes += await one(chunk);
  return bytes;
}

/** Flush a directory's entries to disk, where the platform allows it (not on Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const d = await open(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some platforms cannot open or sync a directory: the files themselves are on disk.
  }
}

function checkNames(files: readonly OutputFile[]): void {
  const seen = new Set<string>();
  for (const { name } of files) {
    if (name === "" || name === "." || name === ".." || /[/\\\0]/.test(name) || name === MANIFEST_NAME)
      throw new TypeError(`writeOutputSet: "${name}" is not a file name an output set can hold`);
    if (seen.has(name)) throw new TypeError(`writeOutputSet: "${name}" is given twice`);
    seen.add(name);
  }
}

/**
 * Write an output set: the files, each with its contents, as the only files of
 * directory `dir` (with the manifest `.bansos-output.json`), replacing a set
 * written there before as a whole. Readers of `dir` see the old set or the new
 * one, never a mix; a process killed at any moment leaves the old set, the new
 * one, or (between two renames) no directory and the old set aside, which the
 * next write to `dir` moves back (see the module comment). On an error
 * nothing of the new set remains and the old set is untouched.
 *
 * @param dir the output directory (its parents are created; it must be absent, empty, or hold only a set bansos wrote)
 * @param files the files, in the order they are written
 * @returns the paths written, in the order of `files`
 * @throws OutputDirectoryError when `dir` cannot take an output set (nothing changed)
 * @example await writeOutputSet("out/run", [{ name: "result.csv", data: () => toCsv(result) }, { name: "result.json", data: () => toJson(result) }]);
 */
export async function writeOutputSet(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  checkNames(files);
  const target = await targetOf(dir);
  await makeDirectories(target.parent);
  await clearLeftovers(target);
  await replaceable(target);
  const staging = await makeStaging(target);
  try {
    const listed: { name: string; bytes: number }[] = [];
    for (const file of files) {
      const data = typeof file.data === "function" ? await file.data() : file.data;
      listed.push({ name: file.name, bytes: await writeNewFile(join(staging, file.name), data) });
    }
    await writeNewFile(join(staging, MANIFEST_NAME), JSON.stringify({ format: "bansos-output", version: VERSION, files: listed }) + "\n");
    await syncDirectory(staging);
    // Check again: the directory may have changed while the files were made.
    const mode = await replaceable(target);
    if (mode === undefined) {
      await rename(staging, target.path);
    } else {
      await chmod(staging, mode);
      const aside = sibling(target, "aside");
      await rename(target.path, aside);
      try {
        await rename(staging, target.path);
      } catch (error) {
        await rename(aside, target.path).catch(() => undefined);
        throw error;
      }
      await syncDirectory(target.parent);
      await rm(aside, { recursive: true, force: true }).catch(() => undefined); // else cleared by the next write
    }
    await syncDirectory(target.parent);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw explained(dir, error, "cannot write the output set");
  }
  return files.map((f) => join(dir, f.name));
}
