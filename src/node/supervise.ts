/**
 * Supervising a worker thread from the calling thread: its messages, its failure (an error
 * rebuilt with its class, see workerErrors.ts), its exit, and the deadline of the code rules it
 * runs (see ruleDeadline.ts).
 */
import type { Worker } from "node:worker_threads";
import { RuleWatch } from "./ruleDeadline.js";
import type { RuleNameMessage } from "./ruleDeadline.js";
import { rebuildError } from "./workerErrors.js";
import type { FailedMessage } from "./workerErrors.js";

/** How to supervise a worker (see {@link supervise}). */
export interface Supervision {
  /** The worker, in messages ("simulate worker 1"). */
  readonly label: string;
  /** Called with every message of the worker but its failure and its rule names. */
  readonly onMessage: (message: unknown) => void;
  /** The worker's monitor and the deadline of a call of a code rule, milliseconds; null for no deadline. */
  readonly deadline: { readonly monitor: Int32Array; readonly deadlineMs: number } | null;
}

/**
 * Resolves when the worker has ended normally; rejects with the error its task threw (rebuilt
 * with its class and fields), with an Error when it ended otherwise (a crash, an exit code ≠ 0),
 * or with a `RuleTimeoutError` after stopping it when a call of a code rule ran past the deadline.
 */
export function supervise(worker: Worker, supervision: Supervision): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearInterval(timer);
      if (error) reject(error);
      else resolve();
    };
    const deadline = supervision.deadline;
    const watch = deadline ? new RuleWatch(deadline.monitor, deadline.deadlineMs) : null;
    if (watch) {
      timer = setInterval(() => {
        const timeout = watch.check(performance.now());
        if (timeout === null) return;
        settle(timeout);
        void worker.terminate();
      }, watch.intervalMs);
      timer.unref();
    }
    worker.on("message", (message: unknown) => {
      const kind = (message as { kind?: unknown } | null)?.kind;
      if (kind === "failed") settle(rebuildError((message as FailedMessage).error));
      else if (kind === "rule") watch?.named(message as RuleNameMessage);
      else if (!settled) supervision.onMessage(message);
    });
    worker.once("error", (error) => settle(error instanceof Error ? error : new Error(`${supervision.label} failed: ${String(error)}`)));
    worker.once("exit", (code) => settle(code === 0 ? null : new Error(`${supervision.label} exited with code ${code}`)));
  });
}

/**
 * Wait for every worker's job; when one fails, stop the others (they would only waste time)
 * and reject with that failure.
 * @param jobs one promise per worker (see {@link supervise})
 * @param workers the workers running them
 */
export async function allOrStop(jobs: readonly Promise<unknown>[], workers: readonly { terminate(): Promise<number> }[]): Promise<void> {
  try {
    await Promise.all(jobs);
  } catch (error) {
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
    throw error;
  }
}
