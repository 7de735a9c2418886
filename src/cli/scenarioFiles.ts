/**
 * Reading scenario files for `bansos run` and `bansos compare`: JSON objects
 * validated with parseScenario before anything runs, every problem reported
 * with its file and field path.
 */
import { basename, extname } from "node:path";
import { parseScenario, scenarioSchema } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { describeValue, ScenarioError } from "../config/scenarioError.js";
import { InputError, readJsonFile, scenarioProblems } from "./errors.js";
import type { CliScenario } from "./scenarioList.js";

/** Key of a scenario file that makes it a budget-matched unconditional transfer (see `CliScenario.budgetMatchedTo`). */
const BUDGET_MATCHED_KEY = "budgetMatchedTo";

/** True for a plain JSON object (not an array or null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A file name without directory and extension ("examples/scenarios/uct.json" → "uct"). */
function stem(file: string): string {
  return basename(file, extname(file));
}

/**
 * Read one scenario file (not yet validated: see {@link checkScenarios}). The
 * scenario's name is its `name`, else the file name without extension.
 */
export async function readScenarioFile(file: string): Promise<CliScenario> {
  const data = await readJsonFile(file, "scenario file");
  if (!isObject(data)) throw new InputError(`${file}: (root): expected a scenario (a JSON object), found ${describeValue(data)}`);
  const name = typeof data.name === "string" && data.name !== "" ? data.name : stem(file);
  if (BUDGET_MATCHED_KEY in data) {
    const target = data[BUDGET_MATCHED_KEY];
    const problems: string[] = [];
    if (typeof target !== "string" || target === "")
      problems.push(`${file}: ${BUDGET_MATCHED_KEY}: expected the name of an earlier scenario, found ${describeValue(target)}`);
    for (const key of Object.keys(data)) {
      if (key !== "name" && key !== BUDGET_MATCHED_KEY) {
        problems.push(
          `${file}: ${key}: expected no such field (a budget-matched scenario takes everything but its name from the matched one), found ${describeValue(data[key])}`,
        );
      }
    }
    if (problems.length > 0) throw new InputError(problems);
    return { name, budgetMatchedTo: target as string };
  }
  return { name, data: { ...data, name } };
}

/**
 * Validate scenarios read from `files` (same order): each with parseScenario
 * (every problem as `file: path: expected …, found …`), names distinct, and a
 * budget-matched scenario's target an earlier scenario with a programme.
 * @returns the resolved scenario of each data scenario (undefined for budget-matched ones)
 * @throws InputError listing every problem of every file
 */
export function checkScenarios(list: readonly CliScenario[], files: readonly string[]): (ResolvedScenario | undefined)[] {
  const problems: string[] = [];
  const resolved: (ResolvedScenario | undefined)[] = [];
  const seen = new Map<string, string>();
  list.forEach((s, k) => {
    const file = files[k] ?? `scenario ${k + 1}`;
    const earlier = seen.get(s.name);
    if (earlier !== undefined)
      problems.push(`${file}: name: expected a name distinct from every other scenario's, found ${describeValue(s.name)} (also the name of ${earlier})`);
    seen.set(s.name, file);
    if (s.budgetMatchedTo !== undefined) {
      // Its name is checked as any scenario's (the rest comes from the matched scenario).
      const named = scenarioSchema.shape.name.safeParse(s.name, { reportInput: true });
      if (!named.success) problems.push(...scenarioProblems(file, ScenarioError.fromZod(named.error.issues, ["name"])));
      const j = list.findIndex((t) => t.name === s.budgetMatchedTo);
      if (j < 0 || j >= k)
        problems.push(`${file}: ${BUDGET_MATCHED_KEY}: expected the name of a scenario given before this file, found ${describeValue(s.budgetMatchedTo)}`);
      else if (resolved[j] !== undefined && resolved[j]!.programme === null)
        problems.push(
          `${file}: ${BUDGET_MATCHED_KEY}: expected a scenario with a programme to match, found ${describeValue(s.budgetMatchedTo)} (no programme)`,
        );
      resolved.push(undefined);
      return;
    }
    try {
      resolved.push(parseScenario(s.data));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...scenarioProblems(file, error));
      resolved.push(undefined);
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  return resolved;
}
