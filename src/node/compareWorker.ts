import { parentPort, workerData } from "node:worker_threads";
import { serialisableScenario } from "../config/scenario.js";
import { runReplication } from "../experiment/compare.js";
import type { ComparedScenario, ReplicationOutcome } from "../experiment/compare.js";
import type { TrajectorySelection } from "../experiment/metrics.js";
import type { Seed } from "../random/streams.js";
import { RuleGuard } from "./ruleDeadline.js";
import { reportingFailures } from "./workerErrors.js";

/** What a compare worker is asked to do. */
export interface WorkerTask {
  /** URL of the module defining the scenarios. */
  readonly module: string;
  /** Exported function `(params) => ComparedScenario[]`. */
  readonly exportName: string;
  readonly params: unknown;
  readonly seed: Seed;
  /** Replication indices this worker runs. */
  readonly replications: readonly number[];
  /** Monthly metrics to keep (absent: none). */
  readonly trajectories?: TrajectorySelection;
  /** Where the calls of code rules are marked for the deadline (see ruleDeadline.ts), or null for no deadline. */
  readonly monitor: Int32Array | null;
}

/** Run the task's replications and post each outcome (a function: no module-level mutable state). */
async function main(task: WorkerTask): Promise<void> {
  const mod = (await import(task.module)) as Record<string, unknown>;
  const factory = mod[task.exportName];
  if (typeof factory !== "function") throw new Error(`${task.module} does not export a function "${task.exportName}"`);
  let scenarios = (factory as (params: unknown) => readonly ComparedScenario[])(task.params);
  if (task.monitor !== null) {
    const guard = new RuleGuard(task.monitor, (message) => parentPort?.postMessage(message));
    scenarios = scenarios.map((entry) => guard.entry(entry));
  }
  for (const r of task.replications) {
    const outcome = runReplication(scenarios, task.seed, r, () => parentPort?.postMessage({ kind: "run", scenarios: scenarios.length }), {
      trajectories: task.trajectories,
    });
    // A code rule cannot be cloned to the calling thread: its resolved scenario records it as { kind: "custom", name }.
    const resolved = Object.fromEntries(Object.entries(outcome.resolved).map(([name, scenario]) => [name, serialisableScenario(scenario)]));
    const message: { kind: "replication"; outcome: ReplicationOutcome } = { kind: "replication", outcome: { ...outcome, resolved } };
    parentPort?.postMessage(message);
  }
}

await reportingFailures(() => main(workerData as WorkerTask));
