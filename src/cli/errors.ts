/**
 * Errors of the command-line tool and how they become exit codes: bad input
 * (missing file, malformed JSON, invalid field, unknown command or option, and
 * a file-system error caused by a path the user gave: no such file, a
 * directory where a file should be, permission denied, read-only or full file
 * system…) is an {@link InputError}, exit code 2, one line per problem naming
 * the file or field; anything else (a bug, an I/O error of the disk) is an
 * internal error, exit code 1.
 */
import { readFile } from "node:fs/promises";
import { CapacityError } from "../foundation/capacityError.js";
import { ScenarioError } from "../config/scenarioError.js";
import { RuleError } from "../engine/ruleError.js";
import { fileSystemErrorPath, fileSystemReason, OutputDirectoryError } from "../node/outputSet.js";

/** Exit code on success. */
export const EXIT_OK = 0;
/** Exit code on an internal error (a bug, or the system failing: an I/O error…). */
export const EXIT_INTERNAL = 1;
/** Exit code on bad input: the user can fix it. */
export const EXIT_INPUT = 2;

/** Bad input: every problem on its own line; the command exits with code 2. */
export class InputError extends Error {
  /** One line per problem, without the "bansos: " prefix. */
  readonly problems: readonly string[];
  /** A hint printed after the problems (e.g. "see bansos run --help"), if any. */
  readonly hint: string | undefined;

  /**
   * @param problems one line per problem (at least one)
   * @param hint printed after the problems
   */
  constructor(problems: string | readonly string[], hint?: string) {
    const list = typeof problems === "string" ? [problems] : [...problems];
    super(list.join("\n"));
    this.name = "InputError";
    this.problems = list;
    this.hint = hint;
  }
}

/** One line per problem of a {@link ScenarioError}, as `<where>: <path>: expected …, found …`. */
export function scenarioProblems(where: string, error: ScenarioError, pathPrefix = ""): string[] {
  return error.problems.map((p) => {
    const path = p.path === "(root)" ? (pathPrefix === "" ? "(root)" : pathPrefix) : pathPrefix === "" ? p.path : `${pathPrefix}.${p.path}`;
    return `${where}: ${path}: expected ${p.expected}, found ${p.found}`;
  });
}

/**
 * Convert errors that mean "bad input" into an {@link InputError}: a
 * ScenarioError (each problem with its path, prefixed by `where`), a
 * CapacityError (the scenario does not fit in memory) or a RuleError (the
 * scenario's rule made an offer it may not, e.g. above
 * `programme.maxOfferLcuPerMonth`) — in this thread or in a worker, which sends
 * them with their class. Anything else is returned unchanged.
 */
export function asInputError(error: unknown, where: string): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof ScenarioError) return new InputError(scenarioProblems(where, error));
  if (error instanceof CapacityError || error instanceof RuleError) return new InputError(`${where}: ${error.message.replace(/\s*\n\s*/g, " ")}`);
  return error;
}

/**
 * A file-system error caused by a path the user gave, as an {@link InputError}
 * (`what` names the path's role, e.g. `--out "out/run"` or `scenario file
 * "a.json"`): an {@link OutputDirectoryError}, or an error whose code says the
 * path is at fault — ENOENT, EISDIR, ENOTDIR, EACCES, EPERM, EEXIST, ENOTEMPTY,
 * EROFS, ENOSPC, EDQUOT, ENAMETOOLONG, ELOOP… (see `fileSystemReason`) — with
 * the path it concerns. Undefined for anything else (an I/O error, a bug),
 * which stays an internal error.
 * @param verb what was being done with the path: "write to", "read"…
 */
export function fileSystemInputError(error: unknown, verb: string, what: string): InputError | undefined {
  if (error instanceof OutputDirectoryError) return new InputError(`cannot ${verb} ${what}: ${error.reason}`);
  const reason = fileSystemReason(error);
  if (reason === undefined) return undefined;
  const path = fileSystemErrorPath(error);
  return new InputError(`cannot ${verb} ${what}: ${path === undefined || what.includes(`"${path}"`) ? "" : `"${path}": `}${reason}`);
}

/** Line and column (both 1-based) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1] ?? "").length + 1 };
}

/**
 * Parse JSON text, turning a syntax error into an {@link InputError}
 * `file:line:column: malformed JSON: …` (the position comes from the parser's
 * message; at the end of the text when it gives none).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const m = /at position (\d+)/.exec(message);
    const lc = /\(line (\d+) column (\d+)\)/.exec(message);
    const at = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineAndColumn(text, m ? Number(m[1]) : text.length);
    const what = message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/,?\s*(in JSON )?at position \d+/, "")
      .replace(/^Unexpected end of JSON input$/, "unexpected end of the file")
      .trim();
    throw new InputError(`${file}:${at.line}:${at.column}: malformed JSON: ${what}`);
  }
}

/** Why a file the user named cannot be read, in words: "no such file", "it is a directory", "permission denied", or the error's reason. */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return fileSystemReason(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Read and parse a JSON file; a missing or unreadable file or malformed JSON
 * becomes an {@link InputError} naming the file (`what` says what it should be,
 * e.g. "scenario file").
 */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${what} "${file}": ${readProblem(error)}`);
  }
  return parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
}
