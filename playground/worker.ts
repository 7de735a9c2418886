/**
 * The playground's simulation worker: runs the three designs off the page's
 * main thread, so the sliders stay responsive while a run is in progress.
 */
import type { Population } from "../src/index.js";
import type { RunRequest, RunResponse } from "./protocol.js";
import { runPlayground } from "./simulation.js";

/** The few members of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunResponse): void;
}

const scope = self as unknown as WorkerScope;
const populations = new Map<string, Population>();

scope.onmessage = (event) => {
  const { id, params } = event.data;
  const started = performance.now();
  try {
    const run = runPlayground(params, populations);
    scope.postMessage({ id, ok: true, ...run, elapsedMs: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
