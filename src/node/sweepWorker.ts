import { parentPort, workerData } from "node:worker_threads";
import { runReplication } from "../experiment/compare.js";
import type { TrajectorySelection } from "../experiment/metrics.js";
import type { Seed } from "../random/streams.js";
import { reportingFailures } from "./workerErrors.js";

/**
 * What a sweep worker is asked to do: scenarios are plain data, cloned into the worker. Their
 * rules are built-in (specs), which cannot hang, so a sweep has no rule deadline.
 */
export interface SweepWorkerTask {
  /** Baseline first, then every grid point. */
  readonly scenarios: readonly unknown[];
  readonly seed: Seed;
  /** Replication indices this worker runs. */
  readonly replications: readonly number[];
  /** Monthly metrics to keep (absent: none). */
  readonly trajectories?: TrajectorySelection;
}

/** Run the task's replications and post each outcome. */
function main(task: SweepWorkerTask): void {
  for (const r of task.replications) {
    const outcome = runReplication(task.scenarios, task.seed, r, () => parentPort?.postMessage({ kind: "run" }), { trajectories: task.trajectories });
    parentPort?.postMessage({ kind: "replication", outcome });
  }
}

await reportingFailures(() => main(workerData as SweepWorkerTask));
