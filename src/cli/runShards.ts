/**
 * One run split by households into shards that merge exactly (`bansos run --shard i/n`, then
 * `bansos merge`): each shard simulates its households (`shardHouseholds`) and writes its raw
 * accumulators — exact integer sums — to `shard-<i>-of-<n>.json`; merging all n adds them
 * (`mergeShards`) and builds the result (`finishRun`), which is the unsharded run's. See
 * docs/scaling.md.
 */
import { createHash } from "node:crypto";
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { describeValue } from "../config/scenarioError.js";
import { shardHouseholds } from "../engine/run.js";
import type { ShardResult, TargetingCounts } from "../engine/run.js";
import { finishRun, mergeShards, runShard } from "../engine/simulate.js";
import type { SimulationResult } from "../outcomes/types.js";
import { createPopulation } from "../population/createPopulation.js";
import { VERSION } from "../foundation/version.js";
import { InputError } from "./errors.js";
import { isObject } from "./scenarioFiles.js";
import { decodeNumber, encodeNumber } from "./shards.js";
import type { ShardSpec } from "./shards.js";

/** Format tag of a run shard file. */
const RUN_SHARD_FORMAT = "bansos-run-shard";

/** The accumulator arrays of a shard, in the order they are stored. */
const ARRAYS = ["data", "cohorts", "windowConsumption", "localities"] as const;

/** The targeting counts of a shard, by name. */
const TARGETING_COUNTS = ["targeted", "targetedTrulyPoor", "trulyPoor", "poorestQuintile", "poorestQuintileTargeted"] as const;

/** Contents of a run shard file. */
export interface RunShardFile {
  /** Always {@link RUN_SHARD_FORMAT}. */
  readonly format: typeof RUN_SHARD_FORMAT;
  /** Library version that wrote it (merging needs the same). */
  readonly version: string;
  /** SHA-256 of the scenario as run (`input`, JSON): the shards of one run share it. */
  readonly run: string;
  /** Which shard: i of n (1-based). */
  readonly shard: ShardSpec;
  /** The scenario as run: the file's data with the seed in it. */
  readonly input: Readonly<Record<string, unknown>>;
  /** What `finishRun` needs of the population: persons at the start, localities, the means-test cut-off (a number or "Infinity"). */
  readonly population: { readonly personCount: number; readonly localityCount: number; readonly meansTestCutoff: number | string };
  /** The shard's accumulators: counts, and each Float64Array as base64 of its bytes (exact). */
  readonly result: {
    readonly moneyScale: number;
    readonly households: number;
    readonly targeted: number;
    readonly targetingCounts: TargetingCounts;
    readonly arrays: Readonly<Record<(typeof ARRAYS)[number], string>>;
  };
}

/** Fingerprint of a run's scenario data. */
function runFingerprint(input: Readonly<Record<string, unknown>>): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

function toBase64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function fromBase64(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * Simulate shard `shard.index` of `shard.count` of one run and return its file contents.
 * The shard builds the whole population (deterministic) and adopts it; memory is the whole
 * run's, time the shard's.
 * @param input the scenario data with its seed (validated here)
 * @param observe called at the end of every month (progress)
 */
export function simulateRunShard(input: Readonly<Record<string, unknown>>, shard: ShardSpec, observe?: (month: number) => void): RunShardFile {
  const scenario = parseScenario(input);
  const population = createPopulation(scenario);
  const households = shardHouseholds(scenario, population, shard.index - 1, shard.count);
  const result = runShard(scenario, population, households, observe ? (t) => observe(t) : undefined, { adoptPopulation: true });
  return {
    format: RUN_SHARD_FORMAT,
    version: VERSION,
    run: runFingerprint(input),
    shard,
    input,
    population: { personCount: population.personCount, localityCount: population.localityCount, meansTestCutoff: encodeNumber(population.meansTestCutoff) },
    result: {
      moneyScale: result.moneyScale,
      households: result.households,
      targeted: result.targeted,
      targetingCounts: result.targetingCounts,
      arrays: Object.fromEntries(ARRAYS.map((name) => [name, toBase64(result[name])])) as RunShardFile["result"]["arrays"],
    },
  };
}

/** Whether parsed JSON is a run shard file (by its format tag; checked fully by {@link checkRunShard}). */
export function isRunShard(data: unknown): boolean {
  return isObject(data) && data.format === RUN_SHARD_FORMAT;
}

/**
 * Check the shape of a parsed run shard file.
 * @throws InputError naming the file and what is wrong
 */
export function checkRunShard(data: unknown, file: string): RunShardFile {
  const bad = (what: string) => new InputError(`${file}: not a bansos run shard file (${what})`);
  if (!isObject(data) || data.format !== RUN_SHARD_FORMAT) throw bad(`no "format": "${RUN_SHARD_FORMAT}"`);
  if (typeof data.version !== "string" || typeof data.run !== "string") throw bad("no version or run fingerprint");
  const shard = data.shard;
  if (
    !isObject(shard) ||
    !Number.isInteger(shard.index) ||
    !Number.isInteger(shard.count) ||
    (shard.count as number) < 1 ||
    (shard.index as number) < 1 ||
    (shard.index as number) > (shard.count as number)
  ) {
    throw bad("bad shard index or count");
  }
  if (!isObject(data.input)) throw bad("no scenario");
  const pop = data.population;
  if (!isObject(pop) || !Number.isInteger(pop.personCount) || !Number.isInteger(pop.localityCount) || decodeNumber(pop.meansTestCutoff) === undefined)
    throw bad("no population facts");
  const result = data.result;
  if (
    !isObject(result) ||
    typeof result.moneyScale !== "number" ||
    !Number.isInteger(result.households) ||
    !Number.isInteger(result.targeted) ||
    !isObject(result.arrays) ||
    !isObject(result.targetingCounts)
  ) {
    throw bad("no accumulators");
  }
  for (const name of TARGETING_COUNTS) {
    const v = (result.targetingCounts as Record<string, unknown>)[name];
    if (!Number.isInteger(v) || (v as number) < 0) throw bad(`targeting count "${name}" is ${describeValue(v)}`);
  }
  for (const name of ARRAYS) {
    const v = (result.arrays as Record<string, unknown>)[name];
    if (typeof v !== "string") throw bad(`accumulator "${name}" is ${describeValue(v)}`);
  }
  return data as unknown as RunShardFile;
}

/**
 * Merge the shard files of one run into its result — exactly the unsharded run's. Refuses
 * (one line per problem) shards of other runs or bansos versions, shards split into different
 * counts, and a missing or duplicated shard.
 * @throws InputError
 */
export function mergeRunShards(shards: readonly { file: string; shard: RunShardFile }[]): {
  input: Readonly<Record<string, unknown>>;
  result: SimulationResult;
} {
  const problems: string[] = [];
  const first = shards[0];
  if (!first) throw new InputError("bansos merge needs the shard files of a run");
  for (const { file, shard } of shards) {
    if (shard.version !== VERSION) problems.push(`${file}: written by bansos ${shard.version}; this is ${VERSION}: re-run the shard with this version`);
    if (shard.run !== first.shard.run) problems.push(`${file}: a shard of another run (scenario or seed differs from ${first.file})`);
    if (shard.shard.count !== first.shard.shard.count)
      problems.push(`${file}: shard ${shard.shard.index} of ${shard.shard.count}, but ${first.file} is of ${first.shard.shard.count}`);
  }
  const n = first.shard.shard.count;
  const seen = new Map<number, string>();
  for (const { file, shard } of shards) {
    const other = seen.get(shard.shard.index);
    if (other !== undefined) problems.push(`${file}: shard ${shard.shard.index} of ${n} given twice (also ${other})`);
    seen.set(shard.shard.index, file);
  }
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) problems.push(`missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${n}: run them with bansos run --shard i/${n}`);
  if (problems.length > 0) throw new InputError(problems);

  const scenario: ResolvedScenario = parseScenario(first.shard.input);
  const results: ShardResult[] = shards.map(({ shard }) => {
    const arrays = Object.fromEntries(ARRAYS.map((name) => [name, fromBase64(shard.result.arrays[name])])) as Record<(typeof ARRAYS)[number], Float64Array>;
    return {
      scenario,
      moneyScale: shard.result.moneyScale,
      households: shard.result.households,
      targeted: shard.result.targeted,
      targetingCounts: shard.result.targetingCounts,
      ...arrays,
    };
  });
  // Shards in index order: the sums are exact integers, so the order does not matter — but keep it fixed anyway.
  const ordered = results
    .map((r, k) => ({ r, index: shards[k]!.shard.shard.index }))
    .sort((a, b) => a.index - b.index)
    .map((x) => x.r);
  const pop = first.shard.population;
  const result = finishRun(mergeShards(ordered), {
    personCount: pop.personCount,
    localityCount: pop.localityCount,
    meansTestCutoff: decodeNumber(pop.meansTestCutoff) as number,
  });
  return { input: first.shard.input, result };
}
