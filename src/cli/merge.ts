/** `bansos merge`: combine the shard files of a sweep into exactly the unsharded sweep's result files. */
import { formatsOption, parseCommandLine, Problems, requiredOut } from "./args.js";
import type { Command } from "./command.js";
import { InputError, readJsonFile } from "./errors.js";
import { OUT_SET_HELP, prepareOutDir, writeTables, wroteLine } from "./output.js";
import { checkRunShard, isRunShard, mergeRunShards } from "./runShards.js";
import type { VerifiedRunShard } from "./runShards.js";
import { checkShardSet, checkSweepShard, isSweepShard, shardFilesOf } from "./shards.js";
import type { ShardFile } from "./shards.js";
import { writeSweep } from "./sweep.js";

const HELP = `Usage: bansos merge <shard dir or file>… --out <dir> [options]

Combine the shards of one sweep (bansos sweep --shard i/n) into its result files,
exactly those the unsharded sweep writes (same numbers, byte-identical files):
estimates.{csv,json,arrow} and replications.{csv,json,arrow}. Or combine the shards
of one run (bansos run --shard i/n) into exactly the unsharded run's files:
trajectories.{csv,json,arrow} and replications.{csv,json,arrow}. A directory stands
for every shard-<i>-of-<n>.json in it. No simulation is run.
${OUT_SET_HELP}

Every shard file carries a SHA-256 digest of its contents, checked first: a file that was
damaged, truncated, edited or relabelled after bansos wrote it is refused, naming the file
and the field that does not match. Also refuses (exit code 2, one line per problem) shards
of different grids, runs or bansos versions, older shard layouts, sweep and run shards
together, shards split into different counts, a missing or duplicated shard, a file named
as another shard, and a sweep shard whose results do not cover exactly its block.

Options:
  --out, -o <dir>        directory to write to (required; not a shard directory)
  --format, -f <list>    comma-separated formats: csv,json,arrow (default all three)
  --quiet, -q            only the list of files written
  --help, -h             this help

Example:
  bansos merge out/shard-* --out out/all`;

/** Marks a file that could not be read (its problem is kept). */
const NOT_READ = Symbol("not read");

/** Read and parse a shard file; a missing file or malformed JSON (a truncated file) becomes a problem. */
async function readJsonFileOrProblem(file: string, problems: Problems): Promise<unknown> {
  try {
    return await readJsonFile(file, "shard file");
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.list.push(...error.problems);
    return NOT_READ;
  }
}

/** The `merge` command. */
export const mergeCommand: Command = {
  name: "merge",
  summary: "merge the shard files of a sweep or of a run into its result (exactly the unsharded result)",
  help: HELP,
  async run(argv) {
    const args = parseCommandLine("bansos merge", argv, {
      out: { type: "string", short: "o" },
      format: { type: "string", short: "f" },
    });
    if (args.values.help) {
      process.stdout.write(HELP + "\n");
      return;
    }
    const problems = new Problems(args.problems);
    if (args.positionals.length === 0) problems.list.push("bansos merge needs the shard files, or directories holding them");
    const out = problems.take(() => requiredOut(args, "bansos merge"));
    const formats = problems.take(() => formatsOption(args));
    problems.throwIfAny("see bansos merge --help");
    if (out === undefined || formats === undefined) throw new Error("option checks failed without a message");
    await prepareOutDir(out);
    const files = await shardFilesOf(args.positionals);
    // Every file is read once and verified (structure, digest, contents) before anything is merged.
    const parsed: { file: string; data: unknown }[] = [];
    for (const file of files) {
      const data = await readJsonFileOrProblem(file, problems);
      if (data !== NOT_READ) parsed.push({ file, data });
    }
    problems.throwIfAny();
    const runFiles = parsed.filter(({ data }) => isRunShard(data));
    if (runFiles.length > 0) {
      const sweeps = parsed.filter((p) => isSweepShard(p.data)).map((p) => p.file);
      if (sweeps.length > 0) {
        throw new InputError(
          `${sweeps.join(", ")}: not shards of a run (bansos run --shard), as ${runFiles[0]!.file} is: merge the shards of one run or of one sweep`,
        );
      }
      const runShards: { file: string; shard: VerifiedRunShard }[] = [];
      for (const { file, data } of parsed) {
        const shard = problems.take(() => checkRunShard(data, file));
        if (shard) runShards.push({ file, shard });
      }
      problems.throwIfAny();
      const { result } = mergeRunShards(runShards);
      const written = await writeTables(out, result, ["trajectories", "replications"], formats);
      if (args.values.quiet !== true) process.stdout.write(`bansos merge: ${runShards.length} shards of one run, ${result.meta.households} households.\n`);
      process.stdout.write(wroteLine(written) + "\n");
      return;
    }
    const shards: { file: string; shard: ShardFile }[] = [];
    for (const { file, data } of parsed) {
      const shard = problems.take(() => checkSweepShard(data, file));
      if (shard) shards.push({ file, shard });
    }
    problems.throwIfAny();
    const { definition, plan, results } = checkShardSet(shards);
    const written = await writeSweep(out, definition, plan, results, formats);
    if (args.values.quiet !== true) {
      process.stdout.write(
        `bansos merge: ${shards.length} shards, ${results.length} units (${plan.points.length} points + baseline × ${definition.replications} replications).\n`,
      );
    }
    process.stdout.write(wroteLine(written) + "\n");
  },
};
