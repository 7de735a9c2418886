/**
 * Command-line parsing on node:util parseArgs, reporting every unknown option,
 * missing value and malformed number as an {@link InputError} (exit code 2).
 */
import { parseArgs } from "node:util";
import type { Seed } from "../random/streams.js";
import { InputError } from "./errors.js";

/** An option of a command: a string (with a value) or a boolean flag. */
export interface OptionSpec {
  /** "string" takes a value (`--out dir` or `--out=dir`), "boolean" is a flag. */
  readonly type: "string" | "boolean";
  /** One-letter alias (e.g. "o" for -o). */
  readonly short?: string;
}

/** Parsed command line: option values by long name, and the positionals. */
export interface ParsedArgs {
  /** Option name → its value (string options) or true (flags); absent when not given. The last occurrence wins. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Positional arguments in order. */
  readonly positionals: readonly string[];
  /** Problems with the options (unknown option, missing value…), one line each; reported with the command's other problems. */
  readonly problems: readonly string[];
}

/** Options every command accepts. */
const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: "boolean", short: "h" },
  quiet: { type: "boolean", short: "q" },
};

/**
 * Parse `args` against `spec`; `command` names the command in messages
 * ("bansos run"). Every problem (unknown option, missing value, value given to
 * a flag) becomes one line of `problems`, for the command to report together
 * with its own checks (see {@link Problems}).
 */
export function parseCommandLine(command: string, args: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const options = { ...COMMON_OPTIONS, ...spec };
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const shortNames = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const name = options[token.name] ? token.name : shortNames.get(token.name);
    const o = name === undefined ? undefined : options[name];
    if (name === undefined || !o) {
      problems.push(`unknown option ${token.rawName} for "${command}"`);
      continue;
    }
    if (o.type === "string") {
      if (token.value === undefined) problems.push(`option --${name} of "${command}" needs a value`);
      else if (!token.inlineValue && token.value.startsWith("-") && token.value.length > 1 && !/^-\d/.test(token.value)) {
        problems.push(`option --${name} of "${command}" needs a value, found the option ${token.value} (write --${name}=${token.value} if you mean it)`);
      } else values[name] = token.value;
    } else if (token.inlineValue) {
      problems.push(`option --${name} of "${command}" is a flag and takes no value (got "${token.value ?? ""}")`);
    } else {
      values[name] = true;
    }
  }
  return { values, positionals, problems };
}

/** A string option's value, or `fallback` when absent. */
export function stringOption(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : fallback;
}

/**
 * An integer option: absent → `fallback`; otherwise a whole number within
 * [min, max], else an InputError naming the option and what was found.
 */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = args.values[name];
  if (typeof v !== "string") return fallback;
  const n = /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`--${name}: expected an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}…${max}`}, found "${v}"`);
  }
  return n;
}

/**
 * A seed given on the command line: an integer-looking value ("42") is the
 * number 42, anything else the string itself (so `--seed 42` runs like
 * `seed: 42` in code; the JSON output records which).
 */
export function seedOf(text: string): Seed {
  return /^-?(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : text;
}

/** File formats the commands write. */
const FORMATS = ["csv", "json", "arrow"] as const;

/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The `--format` option: a comma-separated subset of csv, json, arrow (default all three, in that order). */
export function formatsOption(args: ParsedArgs): Format[] {
  const v = stringOption(args, "format");
  if (v === undefined) return [...FORMATS];
  const list = v
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  const bad = list.filter((s) => !(FORMATS as readonly string[]).includes(s));
  if (bad.length > 0 || list.length === 0) {
    throw new InputError(`--format: expected a comma-separated list of ${FORMATS.join(", ")}, found "${v}"`);
  }
  return FORMATS.filter((f) => list.includes(f));
}

/** The `--out` option, required: an InputError when absent. */
export function requiredOut(args: ParsedArgs, command: string): string {
  const out = stringOption(args, "out");
  if (out === undefined || out === "") throw new InputError(`${command} needs --out <dir> (the directory to write the results to)`, `see ${command} --help`);
  return out;
}

/** Collects the problems of several checks, so one InputError reports them all. */
export class Problems {
  /** Problems found so far, one line each. */
  readonly list: string[];

  /** @param initial problems found already (e.g. `ParsedArgs.problems`) */
  constructor(initial: readonly string[] = []) {
    this.list = [...initial];
  }

  /** Run a check; if it throws an InputError, keep its problems and return undefined. */
  take<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.list.push(...error.problems);
      return undefined;
    }
  }

  /** Throw an InputError with every problem collected, if any. */
  throwIfAny(hint?: string): void {
    if (this.list.length > 0) throw new InputError(this.list, hint);
  }
}
