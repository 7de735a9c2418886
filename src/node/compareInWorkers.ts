import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { assembleComparison } from "../experiment/compare.js";
import type { CompareOptions, Comparison, ReplicationOutcome } from "../experiment/compare.js";
import type { WorkerTask } from "./compareWorker.js";
import { newMonitor, ruleDeadlineOf } from "./ruleDeadline.js";
import { allOrStop, supervise } from "./supervise.js";

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
  /**
   * Deadline of one call of a code rule (`offers()`, a `defineRule` rule's `write`,
   * `capForMonth()`), milliseconds; default `DEFAULT_RULE_DEADLINE_MS` (10 s); 0 for none. A
   * call that has not returned by then is stopped — its worker thread is terminated, then the
   * others — and the comparison rejects with a `RuleTimeoutError` naming the rule, the household and the month.
   * A rule is called once per household and month, so no rule that can finish a run comes near
   * 10 s a call; raise it (or turn it off) only for a rule that really needs longer, or while
   * stepping through a rule in a debugger. Built-in rules (specs) are not watched: they cannot
   * hang. See docs/reliability.md.
   */
  readonly ruleDeadlineMs?: number;
}

const isSource = import.meta.url.endsWith(".ts");

/**
 * {@link bansos!compare} on several cores: replications are spread over worker
 * threads, each running whole replications (all scenarios, common random
 * numbers). The result is identical to `compare` for any number of workers.
 * Scenario factories (functions) cannot cross threads, so the scenarios come
 * from a module every worker imports. A code rule cannot come back either: in
 * `resolved` it is recorded as `{ kind: "custom", name }` (as `serialisableScenario`
 * does); every value is still exactly `compare`'s.
 *
 * An error thrown in a worker (a `RuleError`, `ScenarioError`, `CapacityError`) is
 * rethrown here with its class and fields, and the other workers are stopped.
 * @throws {RuleError} when a rule misbehaves in a worker
 * @throws {RuleTimeoutError} when a call of a code rule does not return within `ruleDeadlineMs`
 * @throws {ScenarioError} when a scenario of the module is invalid
 * @throws {CapacityError} when a run would not fit in `limits.memoryBytes`
 * @example
 * const cmp = await compareInWorkers({ module: new URL("./designs.js", import.meta.url), params: { households: 20000 } },
 *   { replications: 10, seed: "x", workers: 2 });
 */
export async function compareInWorkers(source: ScenarioModule, options: WorkerCompareOptions): Promise<Comparison> {
  const { replications } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), replications));
  const deadlineMs = ruleDeadlineOf(options.ruleDeadlineMs);
  const moduleUrl = source.module instanceof URL ? source.module.href : new URL(source.module, "file://").href;
  const outcomes: ReplicationOutcome[] = [];
  let done = 0;
  const running: Worker[] = [];
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const mine: number[] = [];
    for (let r = w; r < replications; r += workers) mine.push(r);
    const monitor = newMonitor(deadlineMs);
    const task: WorkerTask = {
      module: moduleUrl,
      exportName: source.exportName ?? "scenarios",
      params: source.params,
      seed: options.seed,
      replications: mine,
      ...(options.trajectories !== undefined ? { trajectories: options.trajectories } : {}),
      monitor,
    };
    const worker = isSource
      ? // From TypeScript sources (tests, tsx scripts) the worker registers the tsx loader first.
        new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./compareWorker.ts", import.meta.url).href)}); });`,
          { eval: true, workerData: task },
        )
      : new Worker(new URL("./compareWorker.js", import.meta.url), { workerData: task });
    running.push(worker);
    jobs.push(
      supervise(worker, {
        label: `compare worker ${w}`,
        deadline: monitor ? { monitor, deadlineMs } : null,
        onMessage: (message) => {
          const m = message as { kind: "run"; scenarios: number } | { kind: "replication"; outcome: ReplicationOutcome };
          if (m.kind === "run") options.onProgress?.(++done, replications * m.scenarios);
          else outcomes.push(m.outcome);
        },
      }),
    );
  }
  await allOrStop(jobs, running);
  return assembleComparison(outcomes, options.baseline, options.level ?? 0.95);
}
