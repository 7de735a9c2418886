/** `bansos compare`: several scenario files on common random numbers; a summary table and the tidy comparison files. */
import { formatsOption, integerOption, parseCommandLine, Problems, requiredOut, seedOf, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { asInputError, InputError } from "./errors.js";
import { OUT_SET_HELP, prepareOutDir, summaryTable, writeTables, wroteLine } from "./output.js";
import { runComparison, seedFor } from "./run.js";
import { checkScenarios, readScenarioFile } from "./scenarioFiles.js";
import type { CliScenario } from "./scenarioList.js";

const HELP = `Usage: bansos compare <a.json> <b.json> [more.json …] --out <dir> [options]

Compare scenarios over replications with common random numbers: in replication r
every scenario runs on the same seed, hence on the same population and random
draws, so differences from the baseline (the first file) are paired. Prints a
summary table (means with 95% intervals, Δ = paired difference from the baseline)
and writes into <dir>:
  estimates.{csv,json,arrow}     per scenario and metric: n, mean, sd, interval, and the
                                 paired difference from the baseline with its interval
  replications.{csv,json,arrow}  every metric of every scenario and replication
  trajectories.{csv,json,arrow}  with --trajectories: monthly values per replication
The JSON (and Arrow metadata) records the version, seed and resolved scenarios.
${OUT_SET_HELP}

A scenario file is a scenario object (see README, "Use it from code"); its name is
its "name", else the file name. A file {"name": "UCT, same cost", "budgetMatchedTo":
"Progresa CCT"} is an unconditional transfer with the same cost, month by month and
in every replication, as the earlier scenario named "Progresa CCT", paid to the same
households (examples/scenarios/uct-same-cost.json).

Options:
  --out, -o <dir>          directory to write to (required; see above)
  --replications, -r <N>   replications (default 10)
  --workers, -w <K>        worker threads (default 1; results identical for any K)
  --seed, -s <S>           seed (default: the first file's "seed", else 1); "42" is the number 42
  --format, -f <list>      comma-separated formats: csv,json,arrow (default all three)
  --trajectories           also write the monthly values (larger files)
  --quiet, -q              no progress bar and no table (only the files written)
  --help, -h               this help

Exit codes: 0 success, 2 bad input, 1 internal error.

Example:
  bansos compare examples/scenarios/no-programme.json examples/scenarios/progresa.json \\
    examples/scenarios/uct-same-cost.json --out out/compare --replications 10 --workers 2`;

/** The `compare` command. */
export const compareCommand: Command = {
  name: "compare",
  summary: "compare scenario files on common random numbers (table on stdout, files in --out)",
  help: HELP,
  async run(argv) {
    const args = parseCommandLine("bansos compare", argv, {
      out: { type: "string", short: "o" },
      replications: { type: "string", short: "r" },
      workers: { type: "string", short: "w" },
      seed: { type: "string", short: "s" },
      format: { type: "string", short: "f" },
      trajectories: { type: "boolean" },
    });
    if (args.values.help) {
      process.stdout.write(HELP + "\n");
      return;
    }
    const problems = new Problems(args.problems);
    if (args.positionals.length < 2)
      problems.list.push(`bansos compare needs at least two scenario files, got ${args.positionals.length} (bansos run simulates one)`);
    const out = problems.take(() => requiredOut(args, "bansos compare"));
    const replications = problems.take(() => integerOption(args, "replications", 10, 1));
    const workers = problems.take(() => integerOption(args, "workers", 1, 1, 256));
    const formats = problems.take(() => formatsOption(args));
    problems.throwIfAny("see bansos compare --help");
    if (out === undefined || replications === undefined || workers === undefined || formats === undefined)
      throw new Error("option checks failed without a message");
    await prepareOutDir(out);
    const files = args.positionals;
    // Read every file, reporting the problems of all of them at once.
    const scenarios: CliScenario[] = [];
    for (const file of files) {
      try {
        scenarios.push(await readScenarioFile(file));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.list.push(...error.problems);
      }
    }
    problems.throwIfAny();
    checkScenarios(scenarios, files);
    const seedOption = stringOption(args, "seed");
    const seed = seedOption !== undefined ? seedOf(seedOption) : seedFor(undefined, scenarios[0]!);
    const quiet = args.values.quiet === true;
    const trajectories = args.values.trajectories === true;
    const started = performance.now();
    let comparison;
    try {
      comparison = await runComparison(scenarios, { replications, workers, seed, quiet, label: "compare", trajectories });
    } catch (error) {
      throw asInputError(error, files.join(", "));
    }
    const seconds = (performance.now() - started) / 1000;
    const written = await writeTables(out, comparison, trajectories ? ["estimates", "replications", "trajectories"] : ["estimates", "replications"], formats);
    if (!quiet) {
      process.stdout.write(
        `bansos compare: ${comparison.scenarios.length} scenarios × ${replications} replication${replications === 1 ? "" : "s"}, seed ${JSON.stringify(seed)}, ` +
          `${seconds.toFixed(1)} s on ${Math.min(workers, replications)} thread${Math.min(workers, replications) === 1 ? "" : "s"}.\n` +
          `Means across replications${replications >= 2 ? " with 95% intervals" : ""}; Δ = paired difference from "${comparison.baseline}" (common random numbers).\n` +
          "Outcomes: averages over the last 12 months; cost: whole run.\n\n",
      );
      process.stdout.write(summaryTable(comparison) + "\n\n");
    }
    process.stdout.write(wroteLine(written) + "\n");
  },
};
