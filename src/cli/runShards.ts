/**
 * One run split by households into shards that merge exactly (`bansos run --shard i/n`, then
 * `bansos merge`): each shard simulates its households (`shardHouseholds`) and writes its raw
 * accumulators — exact integer sums — to `shard-<i>-of-<n>.json`; merging all n adds them
 * (`mergeShards`) and builds the result (`finishRun`), which is the unsharded run's. See
 * docs/scaling.md.
 */
import { interactionFlags } from "../config/interactions.js";
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { describeValue, ScenarioError } from "../config/scenarioError.js";
import { shardHouseholds } from "../engine/run.js";
import type { ShardResult, TargetingCounts } from "../engine/run.js";
import { finishRun, mergeShards, runShard } from "../engine/simulate.js";
import { base64ToBytes, bytesToBase64 } from "../foundation/base64.js";
import { bytesPart, integrityOf, jsonPart } from "../foundation/integrity.js";
import type { FilePart, Integrity } from "../foundation/integrity.js";
import { Sha256 } from "../foundation/sha256.js";
import { VERSION } from "../foundation/version.js";
import { cohortLength } from "../outcomes/cohorts.js";
import { LOC_FIELDS, MONTH_LENGTH } from "../outcomes/layout.js";
import type { SimulationResult } from "../outcomes/types.js";
import { createPopulation } from "../population/createPopulation.js";
import { InputError, scenarioProblems } from "./errors.js";
import { isObject } from "./scenarioFiles.js";
import { decodeNumber, encodeNumber, fileNameProblem, integrityLines, isShardSpec, layoutProblem } from "./shards.js";
import type { ShardSpec } from "./shards.js";

/** Format tag of a run shard file (the layout's version after the slash). */
const RUN_SHARD_FORMAT = "bansos-run-shard/2";

/** The accumulator arrays of a shard, in the order they are stored. */
const ARRAYS = ["data", "cohorts", "windowConsumption", "localities"] as const;

/** The targeting counts of a shard, by name. */
const TARGETING_COUNTS = ["targeted", "targetedTrulyPoor", "trulyPoor", "poorestQuintile", "poorestQuintileTargeted"] as const;

/** The fields of a run shard file and of its result, in the order of the file. */
const FIELDS = ["format", "version", "run", "shard", "input", "population", "result", "integrity"] as const;
const RESULT_FIELDS = ["moneyScale", "households", "targeted", "targetingCounts", "arrays"] as const;

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
  /** SHA-256 of every field above and of them all (docs/reliability.md, section 6): merge checks it first. */
  readonly integrity: Integrity;
}

/** A run shard file checked and verified, with its accumulators decoded. */
export interface VerifiedRunShard {
  /** The file's contents. */
  readonly file: RunShardFile;
  /** The scenario of `input`, resolved. */
  readonly scenario: ResolvedScenario;
  /** The accumulators, decoded. */
  readonly arrays: Readonly<Record<(typeof ARRAYS)[number], Float64Array>>;
}

/** Fingerprint of a run's scenario data: SHA-256 of its JSON, hex. */
function runFingerprint(input: unknown): string {
  return new Sha256().update(new TextEncoder().encode(JSON.stringify(input))).hex();
}

/** The parts the digest covers: every field but the integrity record, the accumulators by their bytes. */
function runShardParts(data: Record<string, unknown>, arrays: Readonly<Record<(typeof ARRAYS)[number], Uint8Array>>): FilePart[] {
  const result = data.result as Record<string, unknown>;
  return [
    ...(["format", "version", "run", "shard", "input", "population"] as const).map((name) => jsonPart(name, data[name])),
    ...(["moneyScale", "households", "targeted", "targetingCounts"] as const).map((name) => jsonPart(`result.${name}`, result[name])),
    ...ARRAYS.map((name) => bytesPart(`result.arrays.${name}`, arrays[name])),
  ];
}

function bytesOf(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
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
  const bytes = Object.fromEntries(ARRAYS.map((name) => [name, bytesOf(result[name])])) as Record<(typeof ARRAYS)[number], Uint8Array>;
  const contents = {
    format: RUN_SHARD_FORMAT,
    version: VERSION,
    run: runFingerprint(input),
    shard: { index: shard.index, count: shard.count },
    input,
    population: { personCount: population.personCount, localityCount: population.localityCount, meansTestCutoff: encodeNumber(population.meansTestCutoff) },
    result: {
      moneyScale: result.moneyScale,
      households: result.households,
      targeted: result.targeted,
      targetingCounts: result.targetingCounts,
      arrays: Object.fromEntries(ARRAYS.map((name) => [name, bytesToBase64(bytes[name])])) as RunShardFile["result"]["arrays"],
    },
  } as const;
  return { ...contents, integrity: integrityOf(runShardParts(contents, bytes)) };
}

/** Whether parsed JSON is a run shard file, of this layout or an older one (by its format tag; checked fully by {@link checkRunShard}). */
export function isRunShard(data: unknown): boolean {
  return isObject(data) && typeof data.format === "string" && /^bansos-run-shard(\/\d+)?$/.test(data.format);
}

/** Unknown keys of an object, as problems. */
function unknownKeys(where: string, value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => `${where}${k}: not a field of a run shard file (expected ${known.join(", ")})`);
}

/**
 * Check a parsed run shard file and verify it: its structure (every field with its type, base64
 * that decodes), then its digest (the file as bansos wrote it), then what it says (the run
 * fingerprint of its input, the scenario, the lengths of the accumulators, the file name).
 * @throws InputError naming the file, with one line per problem
 */
export function checkRunShard(data: unknown, file: string): VerifiedRunShard {
  const refuse = (lines: readonly string[]): never => {
    throw new InputError(lines.map((line) => `${file}: ${line}`));
  };
  if (!isObject(data) || !isRunShard(data)) return refuse([`not a bansos run shard file (no "format": "${RUN_SHARD_FORMAT}")`]);
  if (data.format !== RUN_SHARD_FORMAT) refuse([`format: ${layoutProblem(String(data.format), RUN_SHARD_FORMAT)}`]);
  if (data.version !== VERSION)
    refuse([
      `written by bansos ${typeof data.version === "string" ? data.version : describeValue(data.version)}; this is ${VERSION}: re-run the shard with this version`,
    ]);
  const problems = unknownKeys("", data, FIELDS);
  if (typeof data.run !== "string") problems.push(`run: expected the run fingerprint (a SHA-256), found ${describeValue(data.run)}`);
  if (!isShardSpec(data.shard)) problems.push(`shard: expected { index, count } with 1 ≤ index ≤ count, found ${describeValue(data.shard)}`);
  if (!isObject(data.input)) problems.push(`input: expected the scenario as run (an object), found ${describeValue(data.input)}`);
  const pop = data.population;
  if (
    !isObject(pop) ||
    !Number.isSafeInteger(pop.personCount) ||
    !Number.isSafeInteger(pop.localityCount) ||
    decodeNumber(pop.meansTestCutoff) === undefined ||
    Object.keys(pop).length !== 3
  )
    problems.push(`population: expected { personCount, localityCount, meansTestCutoff }, found ${describeValue(pop)}`);
  const result = data.result;
  const arrays: Partial<Record<(typeof ARRAYS)[number], Uint8Array>> = {};
  if (!isObject(result)) {
    problems.push(`result: expected the shard's accumulators (an object), found ${describeValue(result)}`);
  } else {
    problems.push(...unknownKeys("result.", result, RESULT_FIELDS));
    if (typeof result.moneyScale !== "number" || !(result.moneyScale > 0))
      problems.push(`result.moneyScale: expected a number > 0, found ${describeValue(result.moneyScale)}`);
    for (const name of ["households", "targeted"] as const) {
      const v = result[name];
      if (!Number.isSafeInteger(v) || (v as number) < 0) problems.push(`result.${name}: expected an integer ≥ 0, found ${describeValue(v)}`);
    }
    const counts = result.targetingCounts;
    if (!isObject(counts)) problems.push(`result.targetingCounts: expected an object of counts, found ${describeValue(counts)}`);
    else {
      problems.push(...unknownKeys("result.targetingCounts.", counts, TARGETING_COUNTS));
      for (const name of TARGETING_COUNTS) {
        const v = counts[name];
        if (!Number.isSafeInteger(v) || (v as number) < 0) problems.push(`result.targetingCounts.${name}: expected an integer ≥ 0, found ${describeValue(v)}`);
      }
    }
    const stored = result.arrays;
    if (!isObject(stored)) problems.push(`result.arrays: expected the accumulators (name → base64), found ${describeValue(stored)}`);
    else {
      problems.push(...unknownKeys("result.arrays.", stored, ARRAYS));
      for (const name of ARRAYS) {
        const v = stored[name];
        if (typeof v !== "string") {
          problems.push(`result.arrays.${name}: expected base64 of a Float64Array, found ${describeValue(v)}`);
          continue;
        }
        try {
          const bytes = base64ToBytes(v);
          if (bytes.length % 8 === 0) arrays[name] = bytes;
          else problems.push(`result.arrays.${name}: ${bytes.length} bytes, not a whole number of 8-byte values (truncated?)`);
        } catch (error) {
          problems.push(`result.arrays.${name}: not valid base64 (${(error as Error).message.replace(/^base64: /, "")})`);
        }
      }
    }
  }
  if (problems.length > 0) refuse(problems);
  const bytes = arrays as Record<(typeof ARRAYS)[number], Uint8Array>;
  const mismatches = integrityLines(runShardParts(data, bytes), data.integrity);
  if (mismatches.length > 0) refuse(mismatches);

  const shard = data as unknown as RunShardFile;
  const name = fileNameProblem(file, shard.shard);
  if (name) problems.push(name);
  if (shard.run !== runFingerprint(shard.input)) problems.push(`run: ${shard.run.slice(0, 12)}… is not the SHA-256 of the file's input`);
  let scenario: ResolvedScenario | undefined;
  try {
    scenario = parseScenario(shard.input);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems.push(...scenarioProblems("", error, "input").map((line) => line.replace(/^: /, "")));
  }
  const decoded = Object.fromEntries(ARRAYS.map((k) => [k, new Float64Array(bytes[k].buffer, bytes[k].byteOffset, bytes[k].length / 8)])) as Record<
    (typeof ARRAYS)[number],
    Float64Array
  >;
  if (scenario) {
    const months = scenario.months;
    const localities = scenario.population.localities;
    const expected: Record<(typeof ARRAYS)[number], number> = {
      data: months * MONTH_LENGTH,
      cohorts: cohortLength(months),
      windowConsumption: scenario.population.households,
      localities: interactionFlags(scenario.interactions).any ? months * localities * LOC_FIELDS : 0,
    };
    for (const k of ARRAYS) {
      if (decoded[k].length !== expected[k]) problems.push(`result.arrays.${k}: ${decoded[k].length} values, but the scenario's run has ${expected[k]}`);
    }
    if (shard.population.localityCount !== localities)
      problems.push(`population.localityCount: ${shard.population.localityCount}, but the scenario has ${localities}`);
    if (shard.result.households > scenario.population.households)
      problems.push(`result.households: ${shard.result.households}, more than the scenario's ${scenario.population.households}`);
  }
  if (shard.result.targeted !== shard.result.targetingCounts.targeted)
    problems.push(`result.targeted: ${shard.result.targeted}, but result.targetingCounts.targeted is ${shard.result.targetingCounts.targeted}`);
  if (problems.length > 0 || !scenario) return refuse(problems);
  return { file: shard, scenario, arrays: decoded };
}

/**
 * Merge the verified shard files of one run into its result — exactly the unsharded run's.
 * Refuses (one line per problem) shards of other runs, shards split into different counts, a
 * missing or duplicated shard, and shards that disagree on the population or the money scale or
 * do not add up to the run's households.
 * @throws InputError
 */
export function mergeRunShards(shards: readonly { file: string; shard: VerifiedRunShard }[]): {
  input: Readonly<Record<string, unknown>>;
  result: SimulationResult;
} {
  const problems: string[] = [];
  const first = shards[0];
  if (!first) throw new InputError("bansos merge needs the shard files of a run");
  const head = first.shard.file;
  for (const { file, shard } of shards.slice(1)) {
    const f = shard.file;
    if (f.run !== head.run) problems.push(`${file}: a shard of another run (scenario or seed differs from ${first.file})`);
    else if (JSON.stringify(f.population) !== JSON.stringify(head.population) || f.result.moneyScale !== head.result.moneyScale)
      problems.push(`${file}: its population facts or money scale differ from ${first.file}'s, for the same run`);
    if (f.shard.count !== head.shard.count) problems.push(`${file}: shard ${f.shard.index} of ${f.shard.count}, but ${first.file} is of ${head.shard.count}`);
  }
  const n = head.shard.count;
  const seen = new Map<number, string>();
  for (const { file, shard } of shards) {
    const other = seen.get(shard.file.shard.index);
    if (other !== undefined) problems.push(`${file}: shard ${shard.file.shard.index} of ${n} given twice (also ${other})`);
    seen.set(shard.file.shard.index, file);
  }
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) problems.push(`missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${n}: run them with bansos run --shard i/${n}`);
  if (problems.length > 0) throw new InputError(problems);
  const scenario = first.shard.scenario;
  const households = shards.reduce((sum, { shard }) => sum + shard.file.result.households, 0);
  if (households !== scenario.population.households)
    throw new InputError(
      `the ${n} shards hold ${households} households, but the run has ${scenario.population.households} (${shards.map((s) => s.file).join(", ")})`,
    );

  const results: ShardResult[] = shards.map(({ shard }) => ({
    scenario,
    moneyScale: shard.file.result.moneyScale,
    households: shard.file.result.households,
    targeted: shard.file.result.targeted,
    targetingCounts: shard.file.result.targetingCounts,
    ...shard.arrays,
  }));
  // Shards in index order: the sums are exact integers, so the order does not matter — but keep it fixed anyway.
  const ordered = results
    .map((r, k) => ({ r, index: shards[k]!.shard.file.shard.index }))
    .sort((a, b) => a.index - b.index)
    .map((x) => x.r);
  const pop = head.population;
  const result = finishRun(mergeShards(ordered), {
    personCount: pop.personCount,
    localityCount: pop.localityCount,
    meansTestCutoff: decodeNumber(pop.meansTestCutoff) as number,
  });
  return { input: head.input, result };
}
