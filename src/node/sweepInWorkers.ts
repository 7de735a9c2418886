import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { assembleComparison } from "../experiment/compare.js";
import type { ReplicationOutcome } from "../experiment/compare.js";
import { sweepPlan } from "../experiment/sweep.js";
import type { SweepGrid, SweepOptions, SweepResult } from "../experiment/sweep.js";
import { allOrStop, supervise } from "./supervise.js";
import type { SweepWorkerTask } from "./sweepWorker.js";

/** Options of {@link sweepInWorkers}. */
export interface WorkerSweepOptions extends SweepOptions {
  /** Worker threads (default: available cores, at most the number of replications). */
  readonly workers?: number;
}

const isSource = import.meta.url.endsWith(".ts");

/** Throws unless `value` is plain data that can be cloned into a worker (no functions, rule objects or class instances). */
function assertPlainData(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, k) => assertPlainData(v, `${path}[${k}]`));
    return;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) {
      for (const [k, v] of Object.entries(value)) assertPlainData(v, path === "" ? k : `${path}.${k}`);
      return;
    }
  }
  throw new TypeError(
    `sweep in workers: ${path || "the scenario"} is ${typeof value === "function" ? "a function" : "not plain data"}; ` +
      "workers receive scenarios as data (use rule specs such as { kind: … }, or the single-threaded sweep for code rules)",
  );
}

function startWorker(task: SweepWorkerTask): Worker {
  return isSource
    ? // From TypeScript sources (tests, tsx scripts) the worker registers the tsx loader first.
      new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./sweepWorker.ts", import.meta.url).href)}); });`,
        { eval: true, workerData: task },
      )
    : new Worker(new URL("./sweepWorker.js", import.meta.url), { workerData: task });
}

/**
 * The sweep of `bansos` (`sweep`) on several cores: replications are spread
 * over worker threads, each running whole replications (baseline and every
 * grid point on one seed, common random numbers). The grid points are plain
 * data, so they travel to the workers as worker data; no scenario module is
 * needed. The result is identical to the single-threaded sweep for any number
 * of workers. At most `replications` workers are used. An error thrown in a
 * worker (a `RuleError` of a built-in rule, a `ScenarioError`, a `CapacityError`)
 * is rethrown here with its class and fields, and the other workers are stopped.
 * The points being data, their rules are built-in ones, which cannot hang: unlike
 * `simulateInWorkers` and `compareInWorkers` a sweep needs no rule deadline.
 *
 * @example
 * const { points, comparison } = await sweepInWorkers(base, { "programme.rule.grantsLcuPerMonth.lowerSecondary": [100, 200, 300] },
 *   { replications: 4, seed: "s", workers: 2 });
 */
export async function sweepInWorkers(base: unknown, grid: SweepGrid, options: WorkerSweepOptions): Promise<SweepResult> {
  const { replications } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${requested}`);
  const plan = sweepPlan(base, grid, options.baseline);
  plan.scenarios.forEach((s) => assertPlainData(s, `scenario "${String(s.name)}"`));
  const workers = Math.min(requested, replications);
  const total = replications * plan.scenarios.length;
  const outcomes: ReplicationOutcome[] = [];
  let done = 0;
  const running: Worker[] = [];
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const mine: number[] = [];
    for (let r = w; r < replications; r += workers) mine.push(r);
    const worker = startWorker({
      scenarios: plan.scenarios,
      seed: options.seed,
      replications: mine,
      ...(options.trajectories !== undefined ? { trajectories: options.trajectories } : {}),
    });
    running.push(worker);
    jobs.push(
      supervise(worker, {
        label: `sweep worker ${w}`,
        deadline: null, // the grid points are data: their rules are built-in and cannot hang
        onMessage: (message) => {
          const m = message as { kind: "run" } | { kind: "replication"; outcome: ReplicationOutcome };
          if (m.kind === "run") options.onProgress?.(++done, total);
          else outcomes.push(m.outcome);
        },
      }),
    );
  }
  await allOrStop(jobs, running);
  return { points: plan.points, comparison: assembleComparison(outcomes, plan.baseline, options.level ?? 0.95) };
}
