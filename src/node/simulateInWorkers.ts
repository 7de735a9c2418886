import { availableParallelism } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { Worker } from "node:worker_threads";
import { interactionFlags } from "../config/interactions.js";
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { checkMemory } from "../engine/capacity.js";
import { serialisableScenario } from "../config/scenario.js";
import type { ShardResult } from "../engine/run.js";
import { finishRun, mergeShards } from "../engine/simulate.js";
import type { SimulationResult } from "../outcomes/types.js";
import { newMonitor, ruleDeadlineOf } from "./ruleDeadline.js";
import type { SimulateWorkerReply, SimulateWorkerTask } from "./simulateWorker.js";
import { supervise } from "./supervise.js";

/**
 * Where workers find a scenario that holds code (a `TransferRule` object): a module
 * exporting a function `(params) => scenario`. Every worker and the calling thread
 * import it and call the function, which must return the same scenario each time.
 */
export interface ScenarioSource {
  /** URL or absolute path of the module (e.g. `new URL("./myScenario.js", import.meta.url)`). */
  readonly module: string | URL;
  /** Name of the exported function (default "scenario"). */
  readonly exportName?: string;
  /** JSON-serialisable parameters passed to the function. */
  readonly params?: unknown;
}

/** How long the parts of a {@link simulateInWorkers} run took, in seconds of wall-clock time. */
export interface WorkerRunTimings {
  /** From the call to the result. */
  readonly totalSeconds: number;
  /** Per shard (in shard order). */
  readonly shards: readonly {
    /** Households the shard simulated. */
    readonly households: number;
    /** From the call until the worker's code ran (thread start, module loading). */
    readonly startSeconds: number;
    /** Building the population (every worker builds all of it: it is deterministic). */
    readonly populationSeconds: number;
    /** Running the shard's households through every month (`runShard`). */
    readonly simulationSeconds: number;
    /** From the end of the shard's run until the main thread had its accumulators. */
    readonly transferSeconds: number;
  }[];
  /** Waiting for the last shard after the first one arrived (load imbalance, in wall time). */
  readonly waitSeconds: number;
  /** Merging the shards and building the result (`mergeShards`, `finishRun`) in the calling thread. */
  readonly mergeSeconds: number;
}

/** Options of {@link simulateInWorkers}. */
export interface SimulateInWorkersOptions {
  /**
   * Worker threads, one shard of households each (default: available cores). At most one per
   * household, and with interactions on, one per locality.
   */
  readonly workers?: number;
  /** Add `result.households` (household-level outcomes over the final window), as `simulate`'s option. */
  readonly householdOutcomes?: boolean;
  /** Called after each month of each shard: `done` shard-months of `total` (months × workers). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Called once at the end with the wall-clock time of every part of the run. */
  readonly onTimings?: (timings: WorkerRunTimings) => void;
  /**
   * Deadline of one call of a code rule (`offers()`, a `defineRule` rule's `write`,
   * `capForMonth()`), milliseconds; default `DEFAULT_RULE_DEADLINE_MS` (10 s); 0 for none. A
   * call that has not returned by then is stopped — its worker thread is terminated — and the run rejects with a
   * `RuleTimeoutError` naming the rule, the household and the month. A rule is called once per
   * household and month, so no rule that can finish a run comes near 10 s a call; raise it (or
   * turn it off) only for a rule that really needs longer, or while stepping through a rule in a
   * debugger. Built-in rules (specs) cannot hang and are not watched. See docs/reliability.md.
   */
  readonly ruleDeadlineMs?: number;
}

const isSource = import.meta.url.endsWith(".ts");

function isScenarioSource(value: unknown): value is ScenarioSource {
  if (typeof value !== "object" || value === null || !("module" in value)) return false;
  const module = (value as { module: unknown }).module;
  return typeof module === "string" || module instanceof URL;
}

function hasCodeRule(scenario: ResolvedScenario): boolean {
  const rule = scenario.programme?.rule as unknown;
  return typeof rule === "object" && rule !== null && typeof (rule as { offers?: unknown }).offers === "function";
}

function startWorker(task: SimulateWorkerTask): Worker {
  return isSource
    ? // From TypeScript sources (tests, tsx scripts) the worker registers the tsx loader first.
      new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./simulateWorker.ts", import.meta.url).href)}); });`,
        { eval: true, workerData: task },
      )
    : new Worker(new URL("./simulateWorker.js", import.meta.url), { workerData: task });
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * {@link bansos!simulate} on several cores: the households are split into one shard per
 * worker thread (whole localities when interactions are on, contiguous blocks otherwise),
 * each worker builds the population (deterministic, so every worker has the same one) and
 * runs its shard with `runShard`, and the calling thread merges the shards' exact integer
 * sums (`mergeShards`, `finishRun`). The result is identical — deep-equal — to
 * `simulate(scenario)` for any number of workers.
 *
 * Scenarios are sent to the workers as data. A scenario with a code rule (a `TransferRule`
 * object) cannot cross threads: give a {@link ScenarioSource} instead, a module every worker
 * imports. Each worker holds a whole population and a whole run state (it simulates only its
 * own households), so memory grows with the number of workers: see docs/performance.md.
 *
 * @param scenario a scenario as data (validated here), or a module that builds it
 * @param options workers, household outcomes, progress and timing callbacks
 * @throws {ScenarioError} when the scenario is invalid
 * @throws {CapacityError} when one worker's run would not fit in `limits.memoryBytes`
 * @throws {RuleError} when a code rule misbehaves in a worker (with its class and fields, as `simulate` throws it)
 * @throws {RuleTimeoutError} when a call of a code rule does not return within `ruleDeadlineMs`
 * @example
 * const result = await simulateInWorkers(
 *   { seed: 1, months: 36, population: { households: 100_000 }, programme: { rule: { kind: "progresa" } } },
 *   { workers: 2 },
 * );
 * // With a code rule: export function scenario(params) { return { …, programme: { rule: myRule } }; }
 * const custom = await simulateInWorkers({ module: new URL("./myScenario.js", import.meta.url), params: { households: 50_000 } });
 */
export async function simulateInWorkers(scenario: unknown, options: SimulateInWorkersOptions = {}): Promise<SimulationResult> {
  const called = now();
  const source = isScenarioSource(scenario) ? scenario : null;
  const moduleUrl = source ? (source.module instanceof URL ? source.module.href : new URL(source.module, "file://").href) : null;
  const exportName = source?.exportName ?? "scenario";
  let input: unknown = scenario;
  if (source && moduleUrl !== null) {
    const mod = (await import(moduleUrl)) as Record<string, unknown>;
    const factory = mod[exportName];
    if (typeof factory !== "function") throw new Error(`${moduleUrl} does not export a function "${exportName}"`);
    input = (factory as (params: unknown) => unknown)(source.params);
  }
  const resolved = parseScenario(input);
  checkMemory(resolved, { adoptPopulation: true }); // each worker holds a whole population and a run state that adopts it: refuse here, before starting any
  if (!source && hasCodeRule(resolved)) {
    throw new TypeError(
      `simulateInWorkers: the scenario's rule "${(resolved.programme?.rule as { name?: unknown } | undefined)?.name}" is code, which cannot be sent to worker threads; ` +
        "pass a module that builds the scenario instead ({ module, exportName, params }), or use a rule spec such as { kind: … }",
    );
  }
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${requested}`);
  const deadline = ruleDeadlineOf(options.ruleDeadlineMs);
  const deadlineMs = source ? deadline : 0; // a scenario given as data has a built-in rule: nothing to watch
  const units = interactionFlags(resolved.interactions).any ? resolved.population.localities : resolved.population.households;
  const workers = Math.min(requested, units);
  const expectedJson = JSON.stringify(serialisableScenario(resolved));

  const total = workers * resolved.months;
  let done = 0;
  const replies: SimulateWorkerReply[] = [];
  const arrived: number[] = [];
  const running: Worker[] = [];
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const monitor = newMonitor(deadlineMs);
    const worker = startWorker({
      scenario: source ? null : resolved,
      module: moduleUrl,
      exportName,
      params: source?.params,
      shard: w,
      shards: workers,
      progress: options.onProgress !== undefined,
      monitor,
    });
    running.push(worker);
    jobs.push(
      supervise(worker, {
        label: `simulate worker ${w}`,
        deadline: monitor ? { monitor, deadlineMs } : null,
        onMessage: (message) => {
          const m = message as { kind: "month" } | SimulateWorkerReply;
          if (m.kind === "month") {
            options.onProgress?.(++done, total);
          } else {
            replies[m.shard] = m;
            arrived[m.shard] = now();
          }
        },
      }),
    );
  }
  try {
    await Promise.all(jobs);
  } catch (error) {
    // One worker failed: stop the others (they would only waste time), then report the failure.
    await Promise.allSettled(running.map((worker) => worker.terminate()));
    throw error;
  }

  const merging = now();
  const shards: ShardResult[] = [];
  for (let w = 0; w < workers; w++) {
    const reply = replies[w];
    if (!reply) throw new Error(`simulate worker ${w} ended without sending its shard`);
    // Compared as values: parsing a resolved scenario again may order some keys differently.
    if (reply.scenarioJson !== expectedJson && !isDeepStrictEqual(JSON.parse(reply.scenarioJson), JSON.parse(expectedJson))) {
      throw new Error(
        `simulateInWorkers: worker ${w} built a different scenario than the calling thread (does the scenario module return the same scenario on every call?)`,
      );
    }
    shards.push({
      scenario: resolved,
      moneyScale: reply.moneyScale,
      data: reply.data,
      households: reply.households,
      targeted: reply.targeted,
      cohorts: reply.cohorts,
      windowConsumption: reply.windowConsumption,
      targetingCounts: reply.targetingCounts,
      localities: reply.localities,
    });
  }
  const facts = (replies[0] as SimulateWorkerReply).population;
  const result = finishRun(mergeShards(shards), facts, { householdOutcomes: options.householdOutcomes ?? false });
  const finished = now();
  if (options.onTimings) {
    const firstArrival = Math.min(...arrived);
    options.onTimings({
      totalSeconds: (finished - called) / 1000,
      shards: replies.map((reply, w) => ({
        households: reply.households,
        startSeconds: (reply.marks.started - called) / 1000,
        populationSeconds: (reply.marks.populationDone - reply.marks.started) / 1000,
        simulationSeconds: (reply.marks.simulationDone - reply.marks.populationDone) / 1000,
        transferSeconds: ((arrived[w] as number) - reply.marks.simulationDone) / 1000,
      })),
      waitSeconds: (Math.max(...arrived) - firstArrival) / 1000,
      mergeSeconds: (finished - merging) / 1000,
    });
  }
  return result;
}
