import { parentPort, workerData } from "node:worker_threads";
import { parseScenario } from "../config/scenario.js";
import { serialisableScenario } from "../config/scenario.js";
import { shardHouseholds } from "../engine/run.js";
import type { TargetingCounts } from "../engine/run.js";
import { runShard } from "../engine/simulate.js";
import { createPopulation } from "../population/createPopulation.js";
import { RuleGuard } from "./ruleDeadline.js";
import { reportingFailures } from "./workerErrors.js";

/** What a simulate worker is asked to do: build the population, run one shard of its households. */
export interface SimulateWorkerTask {
  /** The resolved scenario as data, or null when it comes from `module`. */
  readonly scenario: unknown;
  /** URL of a module whose export `exportName(params)` returns the scenario (code rules), or null. */
  readonly module: string | null;
  /** Exported function returning the scenario. */
  readonly exportName: string;
  /** Parameters of that function. */
  readonly params: unknown;
  /** This worker's shard, 0-based. */
  readonly shard: number;
  /** Number of shards. */
  readonly shards: number;
  /** Post a message after every month. */
  readonly progress: boolean;
  /** Where the calls of a code rule are marked for the deadline (see ruleDeadline.ts), or null for no deadline. */
  readonly monitor: Int32Array | null;
}

/** The shard's results and timings, sent back with its typed arrays transferred. */
export interface SimulateWorkerReply {
  /** Message tag. */
  readonly kind: "shard";
  /** The shard, 0-based. */
  readonly shard: number;
  /** JSON of the serialisable resolved scenario the worker ran (checked against the main thread's). */
  readonly scenarioJson: string;
  /** Facts of the population `finishRun` needs. */
  readonly population: { readonly personCount: number; readonly localityCount: number; readonly meansTestCutoff: number };
  /** Fixed-point scale of money. */
  readonly moneyScale: number;
  /** Households this shard simulated. */
  readonly households: number;
  /** Of them, households enrolled by targeting. */
  readonly targeted: number;
  /** Accumulators (see `ShardResult`). */
  readonly data: Float64Array;
  /** Cohort sums. */
  readonly cohorts: Float64Array;
  /** Per household: consumption per adult equivalent summed over the final window. */
  readonly windowConsumption: Float64Array;
  /** Targeting accuracy counts. */
  readonly targetingCounts: TargetingCounts;
  /** Locality series (empty without interactions). */
  readonly localities: Float64Array;
  /** Wall-clock marks, ms since the epoch (`performance.timeOrigin + performance.now()`). */
  readonly marks: { readonly started: number; readonly populationDone: number; readonly simulationDone: number };
}

/** Run the task and post the shard back (a function: no module-level mutable state). */
async function main(task: SimulateWorkerTask): Promise<void> {
  const started = performance.timeOrigin + performance.now();
  let input = task.scenario;
  if (task.module !== null) {
    const mod = (await import(task.module)) as Record<string, unknown>;
    const factory = mod[task.exportName];
    if (typeof factory !== "function") throw new Error(`${task.module} does not export a function "${task.exportName}"`);
    input = (factory as (params: unknown) => unknown)(task.params);
  }
  if (task.monitor !== null) input = new RuleGuard(task.monitor, (message) => parentPort?.postMessage(message)).scenario(input);
  const scenario = parseScenario(input);
  const population = createPopulation(scenario);
  const populationDone = performance.timeOrigin + performance.now();

  // Households of this shard: whole localities when interactions are on (they work inside
  // localities), otherwise a contiguous block of households (the best for the caches).
  const households = shardHouseholds(scenario, population, task.shard, task.shards);

  const shard = runShard(
    scenario,
    population,
    households,
    task.progress ? (month) => parentPort?.postMessage({ kind: "month", shard: task.shard, month }) : undefined,
    { adoptPopulation: true }, // this worker's own population: no copy of its person arrays
  );
  const simulationDone = performance.timeOrigin + performance.now();

  const reply: SimulateWorkerReply = {
    kind: "shard",
    shard: task.shard,
    scenarioJson: JSON.stringify(serialisableScenario(scenario)),
    population: { personCount: population.personCount, localityCount: population.localityCount, meansTestCutoff: population.meansTestCutoff },
    moneyScale: shard.moneyScale,
    households: shard.households,
    targeted: shard.targeted,
    data: shard.data,
    cohorts: shard.cohorts,
    windowConsumption: shard.windowConsumption,
    targetingCounts: shard.targetingCounts,
    localities: shard.localities,
    marks: { started, populationDone, simulationDone },
  };
  // Move the accumulators instead of copying them (each buffer once; views may share one).
  const buffers = new Set<ArrayBuffer>();
  for (const array of [reply.data, reply.cohorts, reply.windowConsumption, reply.localities]) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  parentPort?.postMessage(reply, [...buffers]);
}

await reportingFailures(() => main(workerData as SimulateWorkerTask));
