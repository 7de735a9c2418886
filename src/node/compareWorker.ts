import { parentPort, workerData } from "node:worker_threads";
import { runReplication } from "../experiment/compare.js";
import type { ComparedScenario } from "../experiment/compare.js";
import type { TrajectorySelection } from "../experiment/metrics.js";
import type { Seed } from "../random/streams.js";

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
}

const task = workerData as WorkerTask;
const mod = (await import(task.module)) as Record<string, unknown>;
const factory = mod[task.exportName];
if (typeof factory !== "function") throw new Error(`${task.module} does not export a function "${task.exportName}"`);
const scenarios = (factory as (params: unknown) => readonly ComparedScenario[])(task.params);
for (const r of task.replications) {
  const outcome = runReplication(scenarios, task.seed, r, () => parentPort?.postMessage({ kind: "run", scenarios: scenarios.length }), {
    trajectories: task.trajectories,
  });
  parentPort?.postMessage({ kind: "replication", outcome });
}
