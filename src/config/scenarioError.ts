import type { z } from "zod";
import { hasErrorKind, markErrorKind } from "../foundation/errorKinds.js";

/** One problem found in a scenario: where, what was expected, what was found. */
export interface ScenarioProblem {
  /** Dotted path of the field, e.g. "population.households" ("(root)" for the whole scenario). */
  readonly path: string;
  /** What the field should be. */
  readonly expected: string;
  /** What was given, rendered briefly. */
  readonly found: string;
}

/**
 * Thrown by `parseScenario` (and so by `simulate`) when a scenario is invalid.
 * The message lists every problem on its own line as
 * `path: expected …, found …`; the same data is in {@link ScenarioError.problems}.
 */
export class ScenarioError extends Error {
  /** Every problem found, in schema order. */
  readonly problems: readonly ScenarioProblem[];

  /** @param problems the problems to report (at least one) */
  constructor(problems: readonly ScenarioProblem[]) {
    const lines = problems.map((p) => `  - ${p.path}: expected ${p.expected}, found ${p.found}`);
    super(`Invalid scenario (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`);
    this.name = "ScenarioError";
    this.problems = problems;
    markErrorKind(this, "ScenarioError");
  }

  /** True for a ScenarioError made by any copy of bansos (the core, `bansos/node` and worker threads are bundled apart). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasErrorKind(value, "ScenarioError");
  }

  /** Build from zod issues (parsed with `reportInput: true`). */
  static fromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ScenarioError {
    return new ScenarioError(issues.flatMap((issue) => problemsOf(issue, prefix)));
  }
}

/** Render a path as "a.b[2].c". */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += String(key) === "" ? '[""]' : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Brief rendering of a found value: type and value, never a huge dump. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `${value}`;
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object") {
    const keys = Object.keys(value as object);
    return `an object {${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}}`;
  }
  return typeof value;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function bound(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

function problemsOf(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): ScenarioProblem[] {
  const path = formatPath([...prefix, ...issue.path]);
  const found = describeValue(issue.input);
  switch (issue.code) {
    case "invalid_type":
      return [{ path, expected: article(issue.expected === "int" ? "integer" : issue.expected), found }];
    case "too_small": {
      if (issue.message.includes(" x ")) return [{ path, expected: issue.message, found }]; // a range (foundation/ranges.ts)
      const what = issue.origin === "array" ? "length" : issue.origin === "string" ? "length" : "a value";
      return [{ path, expected: `${what} ${issue.inclusive ? "≥" : ">"} ${bound(issue.minimum)}`, found }];
    }
    case "too_big": {
      if (issue.message.includes(" x ")) return [{ path, expected: issue.message, found }];
      if (issue.origin === "string" && typeof issue.input === "string")
        return [{ path, expected: `at most ${bound(issue.maximum)} characters`, found: `${found} (${issue.input.length} characters)` }];
      const what = issue.origin === "array" ? "length" : "a value";
      return [{ path, expected: `${what} ${issue.inclusive ? "≤" : "<"} ${bound(issue.maximum)}`, found }];
    }
    case "invalid_value":
      return [{ path, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}`, found }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatPath([...prefix, ...issue.path, key]),
        expected: "no such field (unknown key; check the spelling)",
        found: describeValue((issue.input as Record<string, unknown> | undefined)?.[key]),
      }));
    case "invalid_union": {
      const discriminator = (issue as { options?: unknown[]; discriminator?: string }).options;
      if (discriminator) {
        return [
          {
            path,
            expected: `one of ${discriminator.map((v) => JSON.stringify(v)).join(" | ")}`,
            found: describeValue(
              (issue as { discriminator?: string }).discriminator !== undefined && typeof issue.input === "object" && issue.input !== null
                ? (issue.input as Record<string, unknown>)[(issue as { discriminator: string }).discriminator]
                : issue.input,
            ),
          },
        ];
      }
      // Every branch rejected the type itself (e.g. string | number given NaN): name all the types.
      const types = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0 ? branch[0].expected : null,
      );
      if (types.length > 1 && types.every((t) => t !== null)) {
        return [{ path, expected: types.map((t) => article(t === "int" ? "integer" : (t as string))).join(" or "), found }];
      }
      // Otherwise report the branch that got furthest: the one with the fewest problems.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (best && best.length > 0) return best.flatMap((inner) => problemsOf({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, prefix));
      return [{ path, expected: issue.message, found }];
    }
    case "invalid_format":
      return [{ path, expected: issue.message.replace(/^Invalid string: /, ""), found }];
    default:
      return [{ path, expected: issue.message, found }];
  }
}
