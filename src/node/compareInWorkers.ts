import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { assembleComparison } from "../experiment/compare.js";
import type { CompareOptions, Comparison, ReplicationOutcome } from "../experiment/compare.js";
import type { WorkerTask } from "./compareWorker.js";

/** Where workers find the scenarios: a module exporting a function `(params) => ComparedScenario[]`. */
export interface ScenarioModule {
  /** URL or absolute path of the module (e.g. `new URL("./scenarios.ts", import.meta.url)`). */
  readonly module: string | URL;
  /** Name of the exported function (default "scenarios"). */
  readonly exportName?: string;
  /** JSON-serialisable parameters passed to the function. */
  readonly params?: unknown;
}

/** Options of {@link compareInWorkers}. */
export interface WorkerCompareOptions extends CompareOptions {
  /** Worker threads (default: available cores, at most the number of replications). */
  readonly workers?: number;
}

const isSource = import.meta.url.endsWith(".ts");

/**
 * {@link bansos!compare} on several cores: replications are spread over worker
 * threads, each running whole replications (all scenarios, common random
 * numbers). The result is identical to `compare` for any number of workers.
 * Scenario factories (functions) cannot cross threads, so the scenarios come
 * from a module every worker imports.
 * @example
 * const cmp = await compareInWorkers({ module: new URL("./designs.js", import.meta.url), params: { households: 20000 } },
 *   { replications: 10, seed: "x", workers: 2 });
 */
export async function compareInWorkers(source: ScenarioModule, options: WorkerCompareOptions): Promise<Comparison> {
  const { replications } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), replications));
  const moduleUrl = source.module instanceof URL ? source.module.href : new URL(source.module, "file://").href;
  const outcomes: ReplicationOutcome[] = [];
  let done = 0;
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const mine: number[] = [];
    for (let r = w; r < replications; r += workers) mine.push(r);
    const task: WorkerTask = {
      module: moduleUrl,
      exportName: source.exportName ?? "scenarios",
      params: source.params,
      seed: options.seed,
      replications: mine,
      ...(options.trajectories !== undefined ? { trajectories: options.trajectories } : {}),
    };
    const worker = isSource
      ? // From TypeScript sources (tests, tsx scripts) the worker registers the tsx loader first.
        new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./compareWorker.ts", import.meta.url).href)}); });`,
          { eval: true, workerData: task },
        )
      : new Worker(new URL("./compareWorker.js", import.meta.url), { workerData: task });
    jobs.push(
      new Promise<void>((resolve, reject) => {
        worker.on("message", (message: { kind: "run"; scenarios: number } | { kind: "replication"; outcome: ReplicationOutcome }) => {
          if (message.kind === "run") {
            options.onProgress?.(++done, replications * message.scenarios);
          } else {
            outcomes.push(message.outcome);
          }
        });
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`compare worker ${w} exited with code ${code}`))));
      }),
    );
  }
  await Promise.all(jobs);
  return assembleComparison(outcomes, options.baseline, options.level ?? 0.95);
}
