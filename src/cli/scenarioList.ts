/**
 * The scenarios of a command-line comparison as a module worker threads can
 * import (`compareInWorkers` needs one): scenario files travel as plain data in
 * the parameters, and a budget-matched scenario becomes a function of the run
 * it matches. No node: imports.
 */
import { budgetMatchedUnconditional } from "../experiment/budgetMatch.js";
import type { ComparedScenario, ReplicationContext } from "../experiment/compare.js";

/** A scenario of a command-line run or comparison, as plain data. */
export interface CliScenario {
  /** Name of the scenario (from the file's `name`, else the file name without .json). */
  readonly name: string;
  /** The scenario data with `name` set; absent for a budget-matched scenario. */
  readonly data?: Readonly<Record<string, unknown>>;
  /**
   * For a budget-matched unconditional transfer: the name of an earlier
   * scenario with a programme. In each replication the scenario is that run's
   * scenario with an unconditional transfer of the same cost month by month,
   * paid to the same households (`budgetMatchedUnconditional`).
   */
  readonly budgetMatchedTo?: string;
}

/** Parameters of {@link scenarios}. */
export interface CliScenarioParams {
  /** The scenarios in order (the first is the baseline). */
  readonly scenarios: readonly CliScenario[];
}

/** The compared scenarios of command-line scenario files: data as it is, budget-matched ones as functions of the matched run. */
export function scenarios(params: CliScenarioParams): ComparedScenario[] {
  return params.scenarios.map((s) => {
    const target = s.budgetMatchedTo;
    if (target === undefined) return s.data;
    return ({ results }: ReplicationContext) => {
      const matched = results.get(target);
      if (!matched) throw new Error(`scenario "${s.name}" is budget-matched to "${target}", which has not run before it`);
      return budgetMatchedUnconditional(matched, s.name);
    };
  });
}
