/** `bansos run`: simulate one scenario file (optionally over replications) and write its tidy tables. */
import { compare } from "../experiment/compare.js";
import type { Comparison } from "../experiment/compare.js";
import { simulate } from "../engine/simulate.js";
import type { ExportSource, ExportTableKind } from "../io/tables.js";
import { compareInWorkers } from "../node/compareInWorkers.js";
import type { Seed } from "../random/streams.js";
import { formatsOption, integerOption, parseCommandLine, Problems, requiredOut, seedOf, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { asInputError, InputError } from "./errors.js";
import { OUT_SET_HELP, prepareOutDir, prepareShardDir, summaryTable, writeShardFile, writeTables, wroteLine } from "./output.js";
import { createProgress } from "./progress.js";
import { checkScenarios, readScenarioFile } from "./scenarioFiles.js";
import { scenarios as comparedScenarios } from "./scenarioList.js";
import type { CliScenario } from "./scenarioList.js";
import { scenarioModuleUrl } from "./workers.js";
import { simulateRunShard } from "./runShards.js";
import { parseShard, shardFileName } from "./shards.js";

const HELP = `Usage: bansos run <scenario.json> --out <dir> [options]

Simulate one scenario and write its results as tidy tables into <dir>:
  trajectories.{csv,json,arrow}  monthly values: scenario, replication, month, date,
                                 segment, outcome, group, value
  replications.{csv,json,arrow}  summary metrics per replication (final-12-month
                                 averages and run totals): scenario, replication, metric, value
  estimates.{csv,json,arrow}     with --replications ≥ 2: mean and 95% interval of each metric
The JSON (and the Arrow metadata) carries the library version, the seed and the
resolved scenario(s), enough to re-run exactly.
${OUT_SET_HELP}

Options:
  --out, -o <dir>          directory to write to (required; see above)
  --replications, -r <N>   replications (default 1); replication 0 runs on the seed itself,
                           replication r on a seed derived from it
  --workers, -w <K>        worker threads for the replications (default 1; results are
                           identical for any K)
  --seed, -s <S>           seed (default: the file's "seed", else 1); "42" is the number 42
  --format, -f <list>      comma-separated formats: csv,json,arrow (default all three)
  --shard <i/n>            simulate only shard i of n of the households (one replication)
                           and write <dir>/shard-i-of-n.json with its raw sums; then
                             bansos merge <dirs or files of all n shards> --out <dir>
                           writes exactly the unsharded run's files (the shard files of one
                           run may share <dir>). Each shard builds the
                           whole population: it splits the time, not the memory.
  --quiet, -q              no progress bar (it is drawn only when stderr is a terminal)
  --help, -h               this help

Exit codes: 0 success, 2 bad input (missing file, malformed JSON, invalid field,
unknown option), 1 internal error.

Examples:
  bansos run examples/scenarios/progresa.json --out out/progresa --replications 4 --workers 2
  bansos run examples/scenarios/pkh-indonesia.json --out out/pkh --shard 1/2   # and --shard 2/2, then:
  bansos merge out/pkh --out out/pkh-all`;

/** Seed of a run: --seed, else the scenario file's seed, else 1 (the scenario default). */
export function seedFor(option: string | undefined, scenario: CliScenario): Seed {
  if (option !== undefined) return seedOf(option);
  const s = scenario.data?.seed;
  return typeof s === "string" || typeof s === "number" ? s : 1;
}

/**
 * Run the scenarios as a comparison (common random numbers) in this thread or,
 * with workers > 1, on worker threads (`compareInWorkers`): identical results.
 */
export async function runComparison(
  scenarios: readonly CliScenario[],
  options: { replications: number; workers: number; seed: Seed; quiet: boolean; label: string; trajectories: boolean },
): Promise<Comparison> {
  const progress = createProgress(options.label, options.quiet);
  const onProgress = (done: number, total: number) => progress.update(done, total);
  const common = { replications: options.replications, seed: options.seed, onProgress, ...(options.trajectories ? { trajectories: true } : {}) };
  try {
    if (options.workers > 1 && options.replications > 1) {
      return await compareInWorkers({ module: scenarioModuleUrl(), params: { scenarios } }, { ...common, workers: options.workers });
    }
    return compare(comparedScenarios({ scenarios }), common);
  } finally {
    progress.finish();
  }
}

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  summary: "simulate one scenario file and write its results (CSV, JSON, Arrow)",
  help: HELP,
  async run(argv) {
    const args = parseCommandLine("bansos run", argv, {
      out: { type: "string", short: "o" },
      replications: { type: "string", short: "r" },
      workers: { type: "string", short: "w" },
      seed: { type: "string", short: "s" },
      format: { type: "string", short: "f" },
      shard: { type: "string" },
    });
    if (args.values.help) {
      process.stdout.write(HELP + "\n");
      return;
    }
    const problems = new Problems(args.problems);
    if (args.positionals.length !== 1) {
      problems.list.push(
        args.positionals.length === 0
          ? "bansos run needs a scenario file"
          : `bansos run takes one scenario file, got ${args.positionals.length} (use bansos compare for several)`,
      );
    }
    const out = problems.take(() => requiredOut(args, "bansos run"));
    const replications = problems.take(() => integerOption(args, "replications", 1, 1));
    const workers = problems.take(() => integerOption(args, "workers", 1, 1, 256));
    const formats = problems.take(() => formatsOption(args));
    const shardText = stringOption(args, "shard");
    const shard = shardText === undefined ? undefined : problems.take(() => parseShard(shardText));
    if (shard && replications !== undefined && replications > 1)
      problems.list.push("--shard splits one run's households: use it with one replication (shard replications with bansos sweep --shard)");
    problems.throwIfAny("see bansos run --help");
    if (out === undefined || replications === undefined || workers === undefined || formats === undefined)
      throw new Error("option checks failed without a message");
    if (shard) await prepareShardDir(out);
    else await prepareOutDir(out);
    const file = args.positionals[0]!;
    const scenario = await readScenarioFile(file);
    if (scenario.budgetMatchedTo !== undefined) {
      throw new InputError(`${file}: budgetMatchedTo: a budget-matched scenario needs the run it matches; compare them: bansos compare <matched.json> ${file}`);
    }
    const [resolved] = checkScenarios([scenario], [file]);
    const seed = seedFor(stringOption(args, "seed"), scenario);
    const quiet = args.values.quiet === true;

    if (shard) {
      const started = performance.now();
      const progress = createProgress(`run ${scenario.name} ${shard.index}/${shard.count}`, quiet, "months");
      const months = resolved?.months ?? 0;
      let text: string;
      try {
        text = JSON.stringify(simulateRunShard({ ...scenario.data, seed }, shard, (t) => progress.update(t + 1, months)));
      } catch (error) {
        throw asInputError(error, file);
      } finally {
        progress.finish();
      }
      const path = await writeShardFile(out, shardFileName(shard), text + "\n");
      if (!quiet)
        process.stdout.write(
          `bansos run: "${scenario.name}", seed ${JSON.stringify(seed)}, shard ${shard.index} of ${shard.count} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
        );
      process.stdout.write(`wrote ${path}\n`);
      return;
    }

    let source: ExportSource;
    let tables: ExportTableKind[];
    const started = performance.now();
    try {
      if (replications === 1) {
        const progress = createProgress(`run ${scenario.name}`, quiet, "months");
        const months = resolved?.months ?? 0;
        try {
          source = simulate({ ...scenario.data, seed }, { observe: (t) => progress.update(t + 1, months) });
        } finally {
          progress.finish();
        }
        tables = ["trajectories", "replications"];
      } else {
        source = await runComparison([scenario], { replications, workers, seed, quiet, label: `run ${scenario.name}`, trajectories: true });
        tables = ["trajectories", "replications", "estimates"];
      }
    } catch (error) {
      throw asInputError(error, file);
    }
    const seconds = (performance.now() - started) / 1000;
    const written = await writeTables(out, source, tables, formats);
    if (!quiet) {
      process.stdout.write(
        `bansos run: "${scenario.name}", seed ${JSON.stringify(seed)}, ${replications} replication${replications === 1 ? "" : "s"} in ${seconds.toFixed(1)} s.\n`,
      );
      if ("scenarios" in source) process.stdout.write(summaryTable(source) + "\n");
    }
    process.stdout.write(wroteLine(written) + "\n");
  },
};
