/** `bansos validate`: the Progresa validation (as `npm run validate`), pass/fail lines on stdout. */
import { longHorizonLines, validateProgresa } from "../experiment/validation.js";
import type { ValidationLine } from "../experiment/validation.js";
import { csvField, csvNumber } from "../io/export.js";
import { loadProgresaPanel } from "../node/progresaData.js";
import { VERSION } from "../foundation/version.js";
import { integerOption, parseCommandLine, Problems, seedOf, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { InputError, readProblem } from "./errors.js";
import { prepareOutDir, writeOutputFiles, wroteLine } from "./output.js";
import { validationTable } from "./validationTable.js";
import { createProgress } from "./progress.js";

const HELP = `Usage: bansos validate [options]

Hold the model against the real Progresa evaluation, as npm run validate does: the
same difference-in-differences estimator (cluster-robust by locality) on the real
teen panel and on simulated surveys, the long-horizon schooling effects and the
baseline moments. Prints one line per target with "pass" or "FAIL"; lines marked *
are the gated ones. Exits 0 whenever the validation ran (whatever passed), 2 on bad
input, 1 on an internal error (npm run validate exits 1 when a gated line fails).

Options:
  --panel <path>              the panel CSV (default: data/progresa/teen-panel.csv, shipped)
  --out, -o <dir>             also write validation.csv and validation.json there, as one
                              set (like bansos run: <dir> new, empty or a set bansos wrote)
  --replications, -r <N>      replications of the simulated evaluation (default 8)
  --households <N>            simulated households (default 24000)
  --localities <N>            simulated localities (default 506)
  --long-households <N>       households of the long-horizon runs (default 5000)
  --long-replications <N>     replications of the long-horizon runs (default 3)
  --seed, -s <S>              seed (default "validation")
  --quiet, -q                 no progress bar
  --help, -h                  this help

The defaults take a few minutes on two cores; small runs (e.g. --households 2000
--localities 40 --replications 2 --long-households 500 --long-replications 1) take
seconds but give wide intervals.`;

/** validation.csv: one row per line of the table. */
function validationCsv(lines: readonly ValidationLine[]): string {
  const columns = ["target", "source", "observed", "observedLower", "observedUpper", "simulated", "simulatedLower", "simulatedUpper", "pass", "gate"] as const;
  const cell = (v: string | number | boolean | null) =>
    v === null ? "" : typeof v === "number" ? csvNumber(v) : typeof v === "boolean" ? String(v) : csvField(v);
  return [columns.join(","), ...lines.map((l) => columns.map((c) => cell(l[c])).join(","))].join("\r\n") + "\r\n";
}

/** The `validate` command. */
export const validateCommand: Command = {
  name: "validate",
  summary: "validate the model against the real Progresa evaluation (pass/fail lines)",
  help: HELP,
  async run(argv) {
    const args = parseCommandLine("bansos validate", argv, {
      panel: { type: "string" },
      out: { type: "string", short: "o" },
      replications: { type: "string", short: "r" },
      households: { type: "string" },
      localities: { type: "string" },
      "long-households": { type: "string" },
      "long-replications": { type: "string" },
      seed: { type: "string", short: "s" },
    });
    if (args.values.help) {
      process.stdout.write(HELP + "\n");
      return;
    }
    const problems = new Problems(args.problems);
    if (args.positionals.length > 0)
      problems.list.push(`bansos validate takes no file arguments, got ${args.positionals.map((p) => `"${p}"`).join(" ")} (the panel is --panel <path>)`);
    const replications = problems.take(() => integerOption(args, "replications", 8, 2));
    const households = problems.take(() => integerOption(args, "households", 24_000, 100));
    const localities = problems.take(() => integerOption(args, "localities", 506, 2));
    const longHouseholds = problems.take(() => integerOption(args, "long-households", 5_000, 100));
    const longReplications = problems.take(() => integerOption(args, "long-replications", 3, 1));
    problems.throwIfAny("see bansos validate --help");
    if (replications === undefined || households === undefined || localities === undefined || longHouseholds === undefined || longReplications === undefined) {
      throw new Error("option checks failed without a message");
    }
    const seed = seedOf(stringOption(args, "seed") ?? "validation");
    const panel = stringOption(args, "panel");
    const quiet = args.values.quiet === true;
    const dir = stringOption(args, "out");
    if (dir !== undefined) await prepareOutDir(dir);

    const started = performance.now();
    let loaded;
    try {
      loaded = panel === undefined ? loadProgresaPanel() : loadProgresaPanel(panel);
    } catch (error) {
      if (panel === undefined) throw error; // the shipped panel: a failure is internal
      throw new InputError(`cannot read the panel "${panel}": ${readProblem(error)}`);
    }
    const { rows, report } = loaded;
    if (rows.length === 0) throw new InputError(`the panel "${panel ?? "data/progresa/teen-panel.csv"}" has no usable rows (${report.rows} read)`);
    const progress = createProgress("validate", quiet);
    let lines: ValidationLine[];
    try {
      lines = validateProgresa(rows, { replications, seed, households, localities, onProgress: (d, t) => progress.update(d, t) });
      progress.finish();
      lines.push(...longHorizonLines({ replications: longReplications, seed, households: longHouseholds, onProgress: (d, t) => progress.update(d, t) }));
    } finally {
      progress.finish();
    }
    const seconds = (performance.now() - started) / 1000;

    const out: string[] = [];
    out.push(
      `Validation of bansos ${VERSION} against the Progresa evaluation (real panel: ${report.kept} of ${report.rows} child-year rows used; ` +
        `${households} simulated households in ${localities} localities, ${replications} replications; seed ${JSON.stringify(seed)})`,
      "",
    );
    out.push(...validationTable(lines), "");
    const gated = lines.filter((l) => l.gate);
    const ok = gated.every((l) => l.pass);
    out.push(
      `${ok ? "PASS" : "FAIL"}: ${lines.filter((l) => l.pass).length} of ${lines.length} lines pass; gated lines (*) ${ok ? "all pass" : `${gated.filter((l) => !l.pass).length} of ${gated.length} fail`}. ${seconds.toFixed(1)} s.`,
    );
    process.stdout.write(out.join("\n") + "\n");

    if (dir !== undefined) {
      const document = {
        format: "bansos-validation",
        version: VERSION,
        seed,
        households,
        localities,
        replications,
        longHouseholds,
        longReplications,
        panel: { rows: report.rows, kept: report.kept },
        pass: ok,
        lines,
      };
      const written = await writeOutputFiles(dir, [
        { name: "validation.csv", data: validationCsv(lines) },
        { name: "validation.json", data: JSON.stringify(document, null, 2) + "\n" },
      ]);
      process.stdout.write(wroteLine(written) + "\n");
    }
  },
};
