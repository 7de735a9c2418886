/**
 * Sweeps split into shards that merge exactly: the grid file, the shard files
 * and the checks `bansos merge` makes before combining them. See docs/scaling.md.
 *
 * A sweep's work is R replications × S scenarios (the baseline and every grid
 * point) = U units in a fixed order (replication-major); shard i of n runs the
 * contiguous block [⌊(i−1)·U/n⌋, ⌊i·U/n⌋) and writes every unit's metric values
 * to `shard-<i>-of-<n>.json`. Merging all n shard files gives exactly the
 * result of the unsharded sweep (same numbers, byte-identical output files).
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import { parseScenario } from "../config/scenario.js";
import { describeValue, ScenarioError } from "../config/scenarioError.js";
import type { ReplicationOutcome } from "../experiment/compare.js";
import { runSweepUnits, sweepJobResults, sweepPlan, sweepReplicationJobs } from "../experiment/sweep.js";
import type { SweepBaseline, SweepGrid, SweepPlan, SweepUnit, SweepUnitResult } from "../experiment/sweep.js";
import type { Seed } from "../random/streams.js";
import { integrityOf, integrityProblems, jsonPart } from "../foundation/integrity.js";
import type { FilePart, Integrity } from "../foundation/integrity.js";
import { Sha256 } from "../foundation/sha256.js";
import { VERSION } from "../foundation/version.js";
import { InputError, readJsonFile, readProblem, scenarioProblems } from "./errors.js";
import { isObject } from "./scenarioFiles.js";
import { supervise } from "../node/supervise.js";
import { startSweepWorker } from "./workers.js";

/** A sweep as the grid file defines it, with the base scenario inlined: everything that determines the result. */
export interface GridDefinition {
  /** The base scenario (plain data). */
  readonly base: Readonly<Record<string, unknown>>;
  /** Dotted path → values (a list, or an object label → value), as `sweep` takes it. */
  readonly grid: SweepGrid;
  /** Replications (≥ 1). */
  readonly replications: number;
  /** Seed of the sweep. */
  readonly seed: Seed;
  /** "none" (the base without a programme) or "base" (the base as given). */
  readonly baseline: SweepBaseline;
  /** Confidence level of the intervals, in (0, 1). */
  readonly level: number;
}

/** Keys a grid file may have. */
const GRID_KEYS = ["description", "base", "grid", "replications", "seed", "baseline", "level"] as const;

/**
 * Read and check a grid file: `base` (a scenario object, or the path of a
 * scenario file relative to the grid file), `grid` (dotted path → list of
 * values or object label → value), and optional `replications` (default 1),
 * `seed` (default 1), `baseline` ("none" | "base", default "none"), `level`
 * (default 0.95) and `description` (ignored). The base and every point are
 * validated with parseScenario.
 * @throws InputError with one line per problem
 */
export async function readGridFile(file: string): Promise<{ definition: GridDefinition; plan: SweepPlan }> {
  const data = await readJsonFile(file, "grid file");
  if (!isObject(data))
    throw new InputError(`${file}: (root): expected a grid (a JSON object with base, grid, replications, seed), found ${describeValue(data)}`);
  const problems: string[] = [];
  for (const key of Object.keys(data)) {
    if (!(GRID_KEYS as readonly string[]).includes(key))
      problems.push(`${file}: ${key}: expected no such field (a grid file has ${GRID_KEYS.join(", ")}), found ${describeValue(data[key])}`);
  }
  let base: Record<string, unknown> | undefined;
  let baseFile: string | undefined;
  if (typeof data.base === "string") {
    baseFile = resolve(dirname(file), data.base);
    const loaded = await readJsonFile(baseFile, "base scenario file (the grid's base)");
    if (isObject(loaded)) base = loaded;
    else problems.push(`${baseFile}: (root): expected a scenario (a JSON object), found ${describeValue(loaded)}`);
  } else if (isObject(data.base)) {
    base = data.base;
  } else {
    problems.push(`${file}: base: expected a scenario object or the path of a scenario file, found ${describeValue(data.base)}`);
  }
  const grid = data.grid;
  if (!isObject(grid) || Object.keys(grid).length === 0) {
    problems.push(
      `${file}: grid: expected an object of dotted scenario paths → values (e.g. {"behaviour.priceEffect": [0.5, 1, 2]}), found ${describeValue(grid)}`,
    );
  } else {
    for (const [path, values] of Object.entries(grid)) {
      const ok = (Array.isArray(values) && values.length > 0) || (isObject(values) && Object.keys(values).length > 0);
      if (!ok) problems.push(`${file}: grid["${path}"]: expected a non-empty list of values or object label → value, found ${describeValue(values)}`);
    }
  }
  const replications = data.replications ?? 1;
  if (typeof replications !== "number" || !Number.isInteger(replications) || replications < 1) {
    problems.push(`${file}: replications: expected an integer ≥ 1, found ${describeValue(data.replications)}`);
  }
  const seed = data.seed ?? 1;
  if (typeof seed !== "string" && !(typeof seed === "number" && Number.isFinite(seed)))
    problems.push(`${file}: seed: expected a string or a number, found ${describeValue(data.seed)}`);
  const baseline = data.baseline ?? "none";
  if (baseline !== "none" && baseline !== "base") problems.push(`${file}: baseline: expected one of "none" | "base", found ${describeValue(data.baseline)}`);
  const level = data.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) problems.push(`${file}: level: expected a number in (0, 1), found ${describeValue(data.level)}`);
  if (base !== undefined) {
    try {
      parseScenario(base);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...(baseFile === undefined ? scenarioProblems(file, error, "base") : scenarioProblems(baseFile, error)));
    }
  }
  if (problems.length > 0 || base === undefined) throw new InputError(problems);
  // Through JSON once, so a sweep and a merge (which reads the definition back from shard files) start from identical data.
  const definition = JSON.parse(JSON.stringify({ base, grid, replications, seed, baseline, level })) as GridDefinition;
  return { definition, plan: planOf(definition, file) };
}

/** The sweep plan of a definition; an invalid grid or point becomes an InputError naming `where`. */
function planOf(definition: GridDefinition, where: string): SweepPlan {
  try {
    return sweepPlan(definition.base, definition.grid, definition.baseline);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (cause instanceof ScenarioError) {
      const point = /^sweep: scenario "(.*)" is not valid:/s.exec(message)?.[1] ?? "?";
      throw new InputError(scenarioProblems(`${where}: grid point "${point}"`, cause));
    }
    throw new InputError(`${where}: grid: ${message.replace(/^sweep: /, "")}`);
  }
}

/** Identity of a sweep: the first 16 hex digits of the SHA-256 of its definition as JSON. */
function gridFingerprint(definition: GridDefinition): string {
  return new Sha256()
    .update(new TextEncoder().encode(JSON.stringify(definition)))
    .hex()
    .slice(0, 16);
}

/** A shard given as `i/n` on the command line. */
export interface ShardSpec {
  /** 1-based index. */
  readonly index: number;
  /** Number of shards. */
  readonly count: number;
}

/** Parse `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), found "${text}"`);
  }
  return { index, count };
}

/** File name of shard i of n. */
export function shardFileName(shard: ShardSpec): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** Whether a parsed value is exactly a shard spec: { index, count }, integers, 1 ≤ index ≤ count. */
export function isShardSpec(value: unknown): value is ShardSpec {
  return (
    isObject(value) &&
    Object.keys(value).length === 2 &&
    Number.isSafeInteger(value.index) &&
    Number.isSafeInteger(value.count) &&
    (value.index as number) >= 1 &&
    (value.index as number) <= (value.count as number)
  );
}

/** A problem when a file is named as shard i of n (`shard-<i>-of-<n>.json`) but holds another shard; undefined otherwise. */
export function fileNameProblem(file: string, shard: ShardSpec): string | undefined {
  const m = /^shard-(\d+)-of-(\d+)\.json$/.exec(basename(file));
  if (!m || (Number(m[1]) === shard.index && Number(m[2]) === shard.count)) return undefined;
  return `shard: the file is named as shard ${m[1]} of ${m[2]} but holds shard ${shard.index} of ${shard.count} (renamed or swapped?)`;
}

/** The digest problems of a file's parts, one line each (`field: problem`). */
export function integrityLines(parts: readonly FilePart[], recorded: unknown): string[] {
  return integrityProblems(parts, recorded).map((p) => `${p.field}: ${p.problem}`);
}

/** Why a file's format tag is not `current`: an older layout of the same file (no digest), or another one. */
export function layoutProblem(found: string, current: string): string {
  const family = current.replace(/\/\d+$/, "");
  return found === family
    ? `${found} is the older layout of this file, without a digest; this bansos reads ${current} only: re-run the shard with this version`
    : `${found} is not a layout this bansos reads (${current}): re-run the shard with this version`;
}

/** Format tag of a sweep shard file (the layout's version after the slash). */
const SWEEP_SHARD_FORMAT = "bansos-sweep-shard/2";

/** The fields of a sweep shard file, in the order of the file. */
const SHARD_FIELDS = ["format", "version", "grid", "shard", "units", "definition", "integrity", "results"] as const;

/** Contents of a shard file. */
export interface ShardFile {
  /** Always {@link SWEEP_SHARD_FORMAT}. */
  readonly format: typeof SWEEP_SHARD_FORMAT;
  /** Library version that ran the shard. */
  readonly version: string;
  /** {@link gridFingerprint} of the definition. */
  readonly grid: string;
  /** Which shard this is. */
  readonly shard: ShardSpec;
  /** The block of units: [from, to) of total. */
  readonly units: { readonly from: number; readonly to: number; readonly total: number };
  /** The sweep's definition (base inlined), so merging needs no other file. */
  readonly definition: GridDefinition;
  /** SHA-256 of every other field and of them all (docs/reliability.md, section 6): merge checks it first. */
  readonly integrity: Integrity;
  /** One entry per unit of the block, in unit order; metric values encoded by {@link encodeNumber}. */
  readonly results: readonly { readonly replication: number; readonly scenario: number; readonly metrics: Readonly<Record<string, number | string>> }[];
}

/** The parts the digest of a sweep shard file covers: every field but the integrity record, each unit's result as its own part. */
function sweepShardParts(data: Readonly<Record<string, unknown>>): FilePart[] {
  return [
    ...SHARD_FIELDS.filter((name) => name !== "integrity" && name !== "results").map((name) => jsonPart(name, data[name])),
    ...(data.results as readonly unknown[]).map((r, k) => jsonPart(`results[${k}]`, r)),
  ];
}

/** A number as JSON keeps it exactly: finite numbers as they are (JSON round-trips doubles), "NaN", "Infinity", "-Infinity" and "-0" as strings. */
export function encodeNumber(v: number): number | string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(v, -0)) return "-0";
  return v;
}

/** Inverse of {@link encodeNumber}; undefined for anything else. */
export function decodeNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v === "NaN") return Number.NaN;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (v === "-0") return -0;
  return undefined;
}

/** The block of units of shard i of n among `total` units: [⌊(i−1)·total/n⌋, ⌊i·total/n⌋). */
function shardBlock(shard: ShardSpec, total: number): { from: number; to: number } {
  return { from: Math.floor(((shard.index - 1) * total) / shard.count), to: Math.floor((shard.index * total) / shard.count) };
}

/** The shard file of some unit results. */
export function shardFile(definition: GridDefinition, shard: ShardSpec, total: number, results: readonly SweepUnitResult[]): ShardFile {
  const sorted = [...results].sort((a, b) => a.replication - b.replication || a.scenario - b.scenario);
  const contents = {
    format: SWEEP_SHARD_FORMAT,
    version: VERSION,
    grid: gridFingerprint(definition),
    shard: { index: shard.index, count: shard.count },
    units: { ...shardBlock(shard, total), total },
    definition,
    results: sorted.map((u) => ({
      replication: u.replication,
      scenario: u.scenario,
      metrics: Object.fromEntries(Object.entries(u.metrics).map(([k, v]) => [k, encodeNumber(v)])),
    })),
  } as const;
  const { results: list, ...head } = contents;
  return { ...head, integrity: integrityOf(sweepShardParts(contents)), results: list };
}

/** A shard file as text: one line per unit, so files stay diffable. */
export function shardFileText(file: ShardFile): string {
  const { results, ...head } = file;
  return `${JSON.stringify(head).slice(0, -1)},"results":[\n${results.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Problems of a grid definition read back from a shard file (its scenarios are checked by {@link planOf}). */
function definitionProblems(definition: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const keys = ["base", "grid", "replications", "seed", "baseline", "level"];
  for (const key of Object.keys(definition))
    if (!keys.includes(key)) problems.push(`definition.${key}: not a field of a grid definition (expected ${keys.join(", ")})`);
  if (!isObject(definition.base)) problems.push(`definition.base: expected the base scenario (an object), found ${describeValue(definition.base)}`);
  if (!isObject(definition.grid)) problems.push(`definition.grid: expected dotted path → values, found ${describeValue(definition.grid)}`);
  const r = definition.replications;
  if (!Number.isSafeInteger(r) || (r as number) < 1) problems.push(`definition.replications: expected an integer ≥ 1, found ${describeValue(r)}`);
  const seed = definition.seed;
  if (typeof seed !== "string" && !(typeof seed === "number" && Number.isFinite(seed)))
    problems.push(`definition.seed: expected a string or a number, found ${describeValue(seed)}`);
  if (definition.baseline !== "none" && definition.baseline !== "base")
    problems.push(`definition.baseline: expected "none" or "base", found ${describeValue(definition.baseline)}`);
  const level = definition.level;
  if (typeof level !== "number" || !(level > 0 && level < 1)) problems.push(`definition.level: expected a number in (0, 1), found ${describeValue(level)}`);
  return problems;
}

/** Whether parsed JSON claims to be a sweep shard file, of this layout or an older one. */
export function isSweepShard(data: unknown): boolean {
  return isObject(data) && typeof data.format === "string" && /^bansos-sweep-shard(\/\d+)?$/.test(data.format);
}

/**
 * Check a parsed sweep shard file and verify it: its structure (every field with its type), then
 * its digest (the file as bansos wrote it), then what it says (the grid fingerprint of its
 * definition, the file name).
 * @throws InputError naming the file, with one line per problem
 */
export function checkSweepShard(data: unknown, file: string): ShardFile {
  const refuse = (lines: readonly string[]): never => {
    throw new InputError(lines.map((line) => `${file}: ${line}`));
  };
  if (!isObject(data) || !isSweepShard(data)) return refuse([`not a bansos sweep shard file (no "format": "${SWEEP_SHARD_FORMAT}")`]);
  if (data.format !== SWEEP_SHARD_FORMAT) refuse([`format: ${layoutProblem(String(data.format), SWEEP_SHARD_FORMAT)}`]);
  if (data.version !== VERSION)
    refuse([
      `made by bansos ${typeof data.version === "string" ? data.version : describeValue(data.version)}, but this is bansos ${VERSION}; re-run the shard with this version (results may differ between versions)`,
    ]);
  const problems: string[] = [];
  for (const key of Object.keys(data))
    if (!(SHARD_FIELDS as readonly string[]).includes(key)) problems.push(`${key}: not a field of a sweep shard file (expected ${SHARD_FIELDS.join(", ")})`);
  if (typeof data.grid !== "string") problems.push(`grid: expected the grid fingerprint, found ${describeValue(data.grid)}`);
  if (!isShardSpec(data.shard)) problems.push(`shard: expected { index, count } with 1 ≤ index ≤ count, found ${describeValue(data.shard)}`);
  const units = data.units;
  if (!isObject(units) || Object.keys(units).length !== 3 || ![units.from, units.to, units.total].every((v) => Number.isSafeInteger(v) && (v as number) >= 0))
    problems.push(`units: expected { from, to, total } (integers ≥ 0), found ${describeValue(units)}`);
  if (!isObject(data.definition)) problems.push(`definition: expected the sweep's definition (an object), found ${describeValue(data.definition)}`);
  else problems.push(...definitionProblems(data.definition));
  if (!Array.isArray(data.results)) problems.push(`results: expected one entry per unit (an array), found ${describeValue(data.results)}`);
  else {
    (data.results as unknown[]).forEach((r, k) => {
      if (!isObject(r) || !Number.isSafeInteger(r.replication) || !Number.isSafeInteger(r.scenario) || !isObject(r.metrics) || Object.keys(r).length !== 3) {
        problems.push(`results[${k}]: expected { replication, scenario, metrics }, found ${describeValue(r)}`);
        return;
      }
      for (const [name, v] of Object.entries(r.metrics))
        if (decodeNumber(v) === undefined)
          problems.push(`results[${k}].metrics["${name}"]: expected a number (or "NaN", "Infinity", "-Infinity", "-0"), found ${describeValue(v)}`);
    });
  }
  if (problems.length > 0) refuse(problems);
  const mismatches = integrityLines(sweepShardParts(data), data.integrity);
  if (mismatches.length > 0) refuse(mismatches);
  const shard = data as unknown as ShardFile;
  const name = fileNameProblem(file, shard.shard);
  if (name) problems.push(name);
  if (gridFingerprint(shard.definition) !== shard.grid) problems.push(`grid: the definition does not match its grid fingerprint ${shard.grid}`);
  if (problems.length > 0) refuse(problems);
  return shard;
}

/**
 * The shard files named on the command line: a directory stands for every
 * `shard-<i>-of-<n>.json` in it, a file for itself.
 * @throws InputError for a missing path or a directory without shard files
 */
export async function shardFilesOf(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      problems.push(`cannot read shard "${path}": ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : readProblem(error)}`);
      continue;
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(path)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n)).sort();
    } catch (error) {
      problems.push(`cannot read shard directory "${path}": ${readProblem(error)}`);
      continue;
    }
    if (names.length === 0) problems.push(`${path}: no shard files (shard-<i>-of-<n>.json) in this directory`);
    files.push(...names.map((n) => join(path, n)));
  }
  if (problems.length > 0) throw new InputError(problems);
  return files;
}

/**
 * Check that verified shard files ({@link checkSweepShard}: this library version, the
 * digest, each definition matching its fingerprint) form one complete set of one sweep and
 * return its definition and every unit's results: same grid fingerprint, same shard count,
 * each index 1…n exactly once, and every shard holding exactly its block of units.
 * @throws InputError with one line per problem
 */
export function checkShardSet(shards: readonly { file: string; shard: ShardFile }[]): {
  definition: GridDefinition;
  plan: SweepPlan;
  results: SweepUnitResult[];
} {
  const problems: string[] = [];
  const first = shards[0];
  if (!first) throw new InputError("bansos merge needs shard files or directories holding them");
  const grids = new Map<string, string[]>();
  for (const { file, shard } of shards) grids.set(shard.grid, [...(grids.get(shard.grid) ?? []), file]);
  if (grids.size > 1) {
    problems.push(`the shards come from ${grids.size} different grids: ${[...grids].map(([g, files]) => `grid ${g} (${files.join(", ")})`).join(" vs ")}`);
  }
  const counts = new Map<number, string[]>();
  for (const { file, shard } of shards) counts.set(shard.shard.count, [...(counts.get(shard.shard.count) ?? []), file]);
  if (counts.size > 1) {
    problems.push(`the shards split the sweep differently: ${[...counts].map(([n, files]) => `into ${n} (${files.join(", ")})`).join(" vs ")}`);
  }
  if (problems.length > 0) throw new InputError(problems);

  // Each shard's definition matches its fingerprint (checkSweepShard), and the fingerprints agree: one definition.
  const definition = first.shard.definition;
  const plan = planOf(definition, first.file);
  const count = first.shard.shard.count;
  const total = definition.replications * plan.scenarios.length;
  const byIndex = new Map<number, string[]>();
  for (const { file, shard } of shards) byIndex.set(shard.shard.index, [...(byIndex.get(shard.shard.index) ?? []), file]);
  for (const [index, files] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    if (files.length > 1) problems.push(`shard ${index}/${count} is given ${files.length} times: ${files.join(", ")}`);
  }
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) problems.push(`shard ${i}/${count} is missing (expected ${shardFileName({ index: i, count })})`);
  const results: SweepUnitResult[] = [];
  for (const { file, shard } of shards) {
    const block = shardBlock(shard.shard, total);
    const expected: string[] = [];
    for (let u = block.from; u < block.to; u++) expected.push(`${Math.floor(u / plan.scenarios.length)}:${u % plan.scenarios.length}`);
    const got = shard.results.map((r) => `${r.replication}:${r.scenario}`);
    if (shard.units.total !== total || expected.join(",") !== got.join(",")) {
      problems.push(
        `${file}: shard ${shard.shard.index}/${count} should hold units ${block.from}…${block.to - 1} of ${total}, but holds ${got.length} other or incomplete results (truncated or edited?)`,
      );
      continue;
    }
    for (const r of shard.results) {
      results.push({
        replication: r.replication,
        scenario: r.scenario,
        metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, decodeNumber(v)!])),
      });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { definition, plan, results };
}

/**
 * Run sweep units, in this thread (workers ≤ 1) or on up to `workers` worker
 * threads; the results are the same either way. Each replication touched runs
 * its baseline plus the wanted points (see `sweepReplicationJobs`).
 * @param onRun called after each simulation
 * @returns the unit results, sorted by replication and scenario
 */
export async function runUnits(plan: SweepPlan, seed: Seed, units: readonly SweepUnit[], workers: number, onRun: () => void): Promise<SweepUnitResult[]> {
  const sortResults = (list: SweepUnitResult[]) => list.sort((a, b) => a.replication - b.replication || a.scenario - b.scenario);
  const jobs = sweepReplicationJobs(units);
  if (workers <= 1 || jobs.length <= 1) return sortResults(runSweepUnits(plan, seed, units, onRun));
  // Jobs running the same scenarios share a worker task; each group's replications are dealt round-robin.
  const groups = new Map<string, typeof jobs>();
  for (const job of jobs) {
    const key = job.scenarios.join(",");
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  const tasks: { scenarios: readonly number[]; replications: number[] }[] = [];
  for (const group of groups.values()) {
    const n = Math.min(workers, group.length);
    for (let w = 0; w < n; w++) tasks.push({ scenarios: group[0]!.scenarios, replications: group.filter((_, k) => k % n === w).map((j) => j.replication) });
  }
  const jobOf = new Map(jobs.map((j) => [j.replication, j]));
  const results: SweepUnitResult[] = [];
  const running = new Set<Worker>();
  const queue = [...tasks];
  const runTask = async (task: (typeof tasks)[number]) => {
    const worker = startSweepWorker({ scenarios: task.scenarios.map((s) => plan.scenarios[s]), seed, replications: task.replications });
    running.add(worker);
    try {
      await supervise(worker, {
        label: "sweep worker",
        deadline: null, // grid points are data: built-in rules, which cannot hang
        onMessage: (message) => {
          const m = message as { kind: "run" } | { kind: "replication"; outcome: ReplicationOutcome };
          if (m.kind === "run") onRun();
          else results.push(...sweepJobResults(jobOf.get(m.outcome.replication)!, m.outcome));
        },
      });
    } finally {
      running.delete(worker);
    }
  };
  const lane = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await runTask(task);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, lane));
  } catch (error) {
    queue.length = 0;
    await Promise.allSettled([...running].map((w) => w.terminate()));
    throw error;
  }
  return sortResults(results);
}
