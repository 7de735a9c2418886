/**
 * Where the command-line tool finds its worker modules: next to the built
 * dist/cli/main.js (tsup builds them as cli/*.js entries), or, when running
 * from the TypeScript sources (`node --import tsx src/cli/main.ts`), the
 * sources themselves.
 */
import { Worker } from "node:worker_threads";

/** True when this code runs from the TypeScript sources (tsx), not from dist. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/** URL of the module that turns command-line scenarios into compared scenarios (for `compareInWorkers`). */
export function scenarioModuleUrl(): URL {
  return new URL(FROM_SOURCE ? "./scenarioList.ts" : "./scenarioList.js", import.meta.url);
}

/** Start the sweep worker (src/node/sweepWorker.ts; dist/cli/sweepWorker.js when built) with `workerData`. */
export function startSweepWorker(workerData: unknown): Worker {
  return FROM_SOURCE
    ? // From TypeScript sources the worker registers the tsx loader first.
      new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("../node/sweepWorker.ts", import.meta.url).href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(new URL("./sweepWorker.js", import.meta.url), { workerData });
}
