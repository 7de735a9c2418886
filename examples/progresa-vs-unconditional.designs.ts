/**
 * The three designs of the main comparison, as a module worker threads can
 * import: no programme, a Progresa-style CCT for classified-poor households,
 * and an unconditional transfer to the same households with the same fiscal
 * cost month by month (computed from the CCT run of the same replication).
 */
import { budgetMatchedUnconditional } from "../src/index.js";
import type { ComparedScenario, ReplicationContext, SimulationResult } from "../src/index.js";

/** Parameters of the comparison. */
export interface DesignParams {
  readonly households: number;
  readonly months: number;
}

/** Names of the three designs, in order (the first is the baseline). */
export const DESIGN_NAMES = ["no programme", "Progresa CCT", "UCT, same cost"] as const;

/** The designs for given size and horizon. */
export function scenarios({ households, months }: DesignParams): ComparedScenario[] {
  const common = { months, start: "1997-09", population: { preset: "mexico-rural-1997", households } };
  return [
    { ...common, name: DESIGN_NAMES[0], programme: null },
    { ...common, name: DESIGN_NAMES[1], programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } } },
    ({ results }: ReplicationContext) => budgetMatchedUnconditional(results.get(DESIGN_NAMES[1]) as SimulationResult, DESIGN_NAMES[2]),
  ];
}
