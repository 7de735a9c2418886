/** `bansos sweep`: a grid of scenario variants, whole or as shard i of n (see docs/scaling.md). */
import { assembleSweep, sweepReplicationJobs, sweepShardUnits, sweepUnits } from "../experiment/sweep.js";
import type { SweepPlan, SweepUnitResult } from "../experiment/sweep.js";
import { formatsOption, integerOption, parseCommandLine, Problems, requiredOut, stringOption } from "./args.js";
import type { Format } from "./args.js";
import type { Command } from "./command.js";
import { asInputError } from "./errors.js";
import { OUT_SET_HELP, prepareOutDir, prepareShardDir, writeShardFile, writeTables, wroteLine } from "./output.js";
import { createProgress } from "./progress.js";
import { parseShard, readGridFile, runUnits, shardFile, shardFileName, shardFileText } from "./shards.js";
import type { GridDefinition } from "./shards.js";

const HELP = `Usage: bansos sweep <grid.json> --out <dir> [--shard i/n] [options]

Run every point of a grid of scenario variants against one baseline, on common
random numbers. The grid file (JSON):
  {
    "description": "optional text",
    "base": { …a scenario… } or "path/to/scenario.json" (relative to the grid file),
    "grid": { "programme.rule.grantsLcuPerMonth.lowerSecondary": [100, 200, 300],
              "behaviour.priceEffect": [0.5, 1] },
    "replications": 4,          optional, default 1
    "seed": "design-space",     optional, default 1
    "baseline": "none",         optional: "none" (base without programme) or "base"
    "level": 0.95               optional: level of the intervals
  }
Points are the cartesian product of the grid (first key varies slowest), each value
set at its dotted path of a copy of the base; a key's values are a list or an object
label → value. Example: examples/scenarios/sweep-grants.json.

Without --shard, writes into <dir>:
  estimates.{csv,json,arrow}     per point and metric: mean, interval, paired difference
                                 from the baseline
  replications.{csv,json,arrow}  every metric of every point and replication
With --shard i/n, runs only shard i of n (a contiguous block of the points ×
replications) and writes <dir>/shard-i-of-n.json with its raw metric values; then
  bansos merge <dirs or files of all n shards> --out <dir>
writes exactly the files of the unsharded sweep (byte for byte). See docs/scaling.md
for GNU parallel, Slurm job arrays and Kubernetes Indexed Jobs.
${OUT_SET_HELP}
With --shard, only the shard file is written, next to what <dir> holds.

Options:
  --out, -o <dir>        directory to write to (required; shards of one sweep may share it)
  --shard <i/n>          run only shard i of n (1 ≤ i ≤ n)
  --workers, -w <K>      worker threads (default 1; results identical for any K)
  --format, -f <list>    comma-separated formats: csv,json,arrow (default all three; unsharded only)
  --quiet, -q            no progress bar
  --help, -h             this help`;

/** Write the result files of a complete sweep (shared by `sweep` and `merge`, so their outputs are identical). */
export async function writeSweep(
  out: string,
  definition: GridDefinition,
  plan: SweepPlan,
  results: readonly SweepUnitResult[],
  formats: readonly Format[],
): Promise<string[]> {
  const sweep = assembleSweep(plan, definition.seed, definition.replications, results, definition.level);
  return writeTables(out, sweep, ["estimates", "replications"], formats);
}

/** The `sweep` command. */
export const sweepCommand: Command = {
  name: "sweep",
  summary: "run a grid of scenario variants, whole or as shard i of n (merge with bansos merge)",
  help: HELP,
  async run(argv) {
    const args = parseCommandLine("bansos sweep", argv, {
      out: { type: "string", short: "o" },
      shard: { type: "string" },
      workers: { type: "string", short: "w" },
      format: { type: "string", short: "f" },
    });
    if (args.values.help) {
      process.stdout.write(HELP + "\n");
      return;
    }
    const problems = new Problems(args.problems);
    if (args.positionals.length !== 1) problems.list.push(`bansos sweep needs exactly one grid file, got ${args.positionals.length}`);
    const out = problems.take(() => requiredOut(args, "bansos sweep"));
    const workers = problems.take(() => integerOption(args, "workers", 1, 1, 256));
    const formats = problems.take(() => formatsOption(args));
    const shardText = stringOption(args, "shard");
    const shard = shardText === undefined ? undefined : problems.take(() => parseShard(shardText));
    problems.throwIfAny("see bansos sweep --help");
    if (out === undefined || workers === undefined || formats === undefined) throw new Error("option checks failed without a message");
    if (shard) await prepareShardDir(out);
    else await prepareOutDir(out);
    const file = args.positionals[0]!;
    const { definition, plan } = await readGridFile(file);
    const quiet = args.values.quiet === true;
    const units = shard ? sweepShardUnits(plan, definition.replications, shard.index, shard.count) : sweepUnits(plan, definition.replications);
    const runs = sweepReplicationJobs(units).reduce((n, job) => n + job.scenarios.length, 0);
    const progress = createProgress(shard ? `sweep ${shard.index}/${shard.count}` : "sweep", quiet);
    const started = performance.now();
    let done = 0;
    let results: SweepUnitResult[];
    try {
      results = await runUnits(plan, definition.seed, units, workers, () => progress.update(++done, runs));
    } catch (error) {
      throw asInputError(error, file);
    } finally {
      progress.finish();
    }
    const seconds = (performance.now() - started) / 1000;
    const total = definition.replications * plan.scenarios.length;
    let written: string[];
    if (shard) {
      written = [await writeShardFile(out, shardFileName(shard), shardFileText(shardFile(definition, shard, total, results)))];
    } else {
      written = await writeSweep(out, definition, plan, results, formats);
    }
    if (!quiet) {
      const what = shard
        ? `shard ${shard.index}/${shard.count}: ${units.length} of ${total} units`
        : `${plan.points.length} points + baseline × ${definition.replications} replications`;
      process.stdout.write(`bansos sweep: ${what}, ${runs} simulations in ${seconds.toFixed(1)} s.\n`);
    }
    process.stdout.write(wroteLine(written) + "\n");
  },
};
