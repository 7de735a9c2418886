import { parentPort, workerData } from "node:worker_threads";
import { runReplication } from "../experiment/compare.js";
import type { TrajectorySelection } from "../experiment/metrics.js";
import type { Seed } from "../random/streams.js";

/** What a sweep worker is asked to do: scenarios are plain data, cloned into the worker. */
export interface SweepWorkerTask {
  /** Baseline first, then every grid point. */
  readonly scenarios: readonly unknown[];
  readonly seed: Seed;
  /** Replication indices this worker runs. */
  readonly replications: readonly number[];
  /** Monthly metrics to keep (absent: none). */
  readonly trajectories?: TrajectorySelection;
}

const task = workerData as SweepWorkerTask;
for (const r of task.replications) {
  const outcome = runReplication(task.scenarios, task.seed, r, () => parentPort?.postMessage({ kind: "run" }), { trajectories: task.trajectories });
  parentPort?.postMessage({ kind: "replication", outcome });
}
