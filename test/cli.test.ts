/**
 * The `bansos` command, as users run it: the BUILT dist/cli/main.js in child
 * processes (`npm test` builds first; see test/helpers/cli.ts). Exit codes and
 * messages for every kind of bad input, a small run written as CSV, JSON and
 * Arrow and read back, compare (with a budget-matched scenario and worker
 * threads), validate, help, version, and the progress bar (only on a terminal).
 * Populations are tiny (300 households, 6 months): the file takes ~30 s.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lineAndColumn, parseJsonText } from "../src/cli/errors.js";
import { checkScenarios, readScenarioFile } from "../src/cli/scenarioFiles.js";
import { readGridFile } from "../src/cli/shards.js";
import { formatDuration, renderProgress } from "../src/cli/progress.js";
import { VERSION } from "../src/foundation/version.js";
import { assertCliBuilt, bansos, CLI, ROOT } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bansos-cli-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
};
const common = { months: 6, start: "1997-09", population: { preset: "mexico-rural-1997", households: 300, localities: 10 } };
const none = file("none.json", { ...common, name: "none", programme: null });
const cct = file("cct.json", { ...common, name: "cct", programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } } });
const uct = file("uct.json", { name: "uct", budgetMatchedTo: "cct" });

/** Minimal CSV reader for the files written here (fields quoted only when needed, CRLF lines). */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8")
    .split("\r\n")
    .filter((l) => l !== "");
  const split = (line: string) =>
    line
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
      .slice(0, -1)
      .map((f) =>
        f
          .replace(/,$/, "")
          .replace(/^"(.*)"$/s, "$1")
          .replace(/""/g, '"'),
      );
  const [head, ...rest] = lines;
  return { header: split(head!), rows: rest.map(split) };
}

beforeAll(() => assertCliBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bansos: help and version", () => {
  it("prints the version and the help of the tool and of every command (exit 0)", async () => {
    const version = await bansos(["--version"]);
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const help = await bansos(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["run", "compare", "validate", "sweep", "merge"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    const helps = await Promise.all(["run", "compare", "validate", "sweep", "merge"].map((c) => bansos([c, "--help"])));
    helps.forEach((h, k) => {
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`Usage: bansos ${["run", "compare", "validate", "sweep", "merge"][k]}`);
    });
  });

  it("is declared as the package's bin with a node shebang", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin?: Record<string, string> };
    expect(pkg.bin?.bansos).toBe("./dist/cli/main.js");
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("bansos: bad input exits 2 with one line per problem", () => {
  it("names a missing file", async () => {
    const r = await bansos(["run", join(dir, "nope.json"), "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bansos: cannot read scenario file "${join(dir, "nope.json")}": no such file\n`);
  });

  it("gives the line and column of malformed JSON", async () => {
    const bad = file("bad.json", '{\n  "name": "x",\n  "months": 6,\n  "population": { "households": 300 }\n  "programme": null\n}\n');
    const r = await bansos(["run", bad, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^bansos: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:3: malformed JSON: .+\n$`));
    const truncated = file("truncated.json", '{\n  "name": "x",\n  "months": ');
    const t = await bansos(["compare", none, truncated, "--out", join(dir, "x")]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(`${truncated}:3:13: malformed JSON`);
  });

  it("lists every invalid field with its path, what was expected and what was found", async () => {
    const invalid = file("invalid.json", { name: "x", months: -3, population: { households: "many", preset: "mars" }, programm: null });
    const r = await bansos(["run", invalid, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toContain(`bansos: ${invalid}: months: expected a value ≥ 1, found -3`);
    expect(lines).toContain(`bansos: ${invalid}: population.households: expected a number, found "many"`);
    expect(lines).toContain(`bansos: ${invalid}: population.preset: expected one of "mexico-rural-1997" | "indonesia-2020", found "mars"`);
    expect(lines).toContain(`bansos: ${invalid}: programm: expected no such field (unknown key; check the spelling), found null`);
    expect(lines).toHaveLength(4);
  });

  it("reports unknown commands, unknown options and bad option values, all at once", async () => {
    const unknown = await bansos(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('bansos: unknown command "frobnicate" (commands: run, compare, validate, sweep, merge)');
    const options = await bansos(["run", cct, "--out", join(dir, "x"), "--bogus", "--replications", "0", "--format", "csv,xls"]);
    expect(options.code).toBe(2);
    expect(options.stderr.split("\n").filter((l) => l.startsWith("bansos: "))).toEqual([
      'bansos: unknown option --bogus for "bansos run"',
      'bansos: --replications: expected an integer ≥ 1, found "0"',
      'bansos: --format: expected a comma-separated list of csv, json, arrow, found "csv,xls"',
    ]);
    expect(options.stderr).toContain("(see bansos run --help)");
    const noOut = await bansos(["compare", none, cct]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("bansos compare needs --out <dir>");
    expect((await bansos([])).code).toBe(2);
  });

  it("refuses a budget-matched scenario without the scenario it matches, and an --out under a file", async () => {
    const r = await bansos(["compare", uct, cct, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bansos: ${uct}: budgetMatchedTo: expected the name of a scenario given before this file, found "cct"`);
    const blocker = file("a-file", "not a directory");
    const out = await bansos(["run", cct, "--out", join(blocker, "sub")]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`cannot write to --out "${join(blocker, "sub")}"`);
  });
});

describe("bansos: a misbehaving rule exits 2, in this thread and in worker threads", () => {
  it("reports an offer above programme.maxOfferLcuPerMonth (a RuleError) as bad input from run, compare and sweep", async () => {
    const data = { ...common, name: "greedy", programme: { rule: { kind: "progresa" }, targeting: { kind: "all" }, maxOfferLcuPerMonth: 1 } };
    const greedy = file("greedy.json", data);
    const grid = file("greedy-grid.json", { base: data, grid: { "programme.startMonth": [0, 1] }, replications: 2 });
    const runs = [
      ["run", greedy], // in this thread
      ["run", greedy, "--replications", "2", "--workers", "2"], // compareInWorkers
      ["compare", none, greedy, "--replications", "2", "--workers", "2"],
      ["sweep", grid, "--workers", "2"], // the command's own sweep workers
    ];
    for (const args of runs) {
      const r = await bansos([...args, "--out", join(dir, "greedy"), "--quiet"]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(
        /^bansos: .*: Transfer rule "progresa" failed for household \d+ in month \d+: offer 0 \(\w+\) has amount [\d.]+, above the credible maximum of 1 a month/,
      );
      expect(r.stderr).not.toContain("internal error");
    }
  });
});

describe("the built package: errors of bansos/node are instanceof the classes of bansos", () => {
  it("holds for a ScenarioError of the calling thread and a RuleError sent by a worker (the two entries are bundled apart)", () => {
    const rules = file(
      "throwing-rule.mjs",
      [
        `export function scenarios() {`,
        `  const rule = { name: "thrower", offers() { throw new Error("boom"); } };`,
        `  return [${JSON.stringify({ ...common, name: "thrower" })}].map((s) => ({ ...s, programme: { rule } }));`,
        `}`,
      ].join("\n"),
    );
    const script = file(
      "instanceof.mjs",
      [
        `import { RuleError, ScenarioError } from ${JSON.stringify(join(ROOT, "dist", "index.js"))};`,
        `import { compareInWorkers, simulateInWorkers } from ${JSON.stringify(join(ROOT, "dist", "node", "index.js"))};`,
        `const caught = (p) => p.then(() => null, (e) => e);`,
        `const scenario = await caught(simulateInWorkers({ months: -1 }, { workers: 1 }));`,
        `const rule = await caught(compareInWorkers({ module: ${JSON.stringify(rules)} }, { replications: 1, seed: 1, workers: 1 }));`,
        `console.log(JSON.stringify({ scenario: scenario instanceof ScenarioError, rule: rule instanceof RuleError, household: rule?.household, cause: rule?.cause?.message }));`,
      ].join("\n"),
    );
    const out = execFileSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ scenario: true, rule: true, household: 0, cause: "boom" });
  });
});

describe("bansos: internal errors exit 1", () => {
  it("reports a failing disk as an internal error with a hint to report it, leaving no partial set", async () => {
    // A preload that makes every rename fail, as a broken disk would.
    const preload = file(
      "break-rename.mjs",
      [
        'import { createRequire, syncBuiltinESMExports } from "node:module";',
        'const promises = createRequire(import.meta.url)("fs/promises");',
        'promises.rename = async () => { throw Object.assign(new Error("EIO: i/o error, rename (simulated)"), { code: "EIO" }); };',
        "syncBuiltinESMExports();",
      ].join("\n"),
    );
    const out = join(dir, "broken-disk");
    const r = await bansos(["run", cct, "--out", out, "--format", "csv"], { nodeArgs: ["--import", preload] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bansos: internal error: EIO: i/o error, rename (simulated)");
    expect(r.stderr).toContain("Please report it");
    expect(existsSync(out)).toBe(false); // the set never appeared
    expect(readdirSync(dir).filter((n) => n.startsWith(".broken-disk."))).toEqual([]); // and its staging directory was removed
  });
});

describe("bansos run", () => {
  it("writes tidy CSV, JSON and Arrow files that read back to the same rows", async () => {
    const out = join(dir, "run");
    const r = await bansos(["run", cct, "--out", out, "--seed", "7"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(""); // no progress bar: stderr is not a terminal
    expect(readdirSync(out).sort()).toEqual([
      ".bansos-output.json",
      "replications.arrow",
      "replications.csv",
      "replications.json",
      "trajectories.arrow",
      "trajectories.csv",
      "trajectories.json",
    ]);
    const csv = readCsv(join(out, "trajectories.csv"));
    expect(csv.header).toEqual(["scenario", "replication", "month", "date", "segment", "outcome", "group", "value"]);
    expect(csv.rows.length).toBeGreaterThan(1000);
    const doc = JSON.parse(readFileSync(join(out, "trajectories.json"), "utf8")) as {
      version: string;
      seed: unknown;
      scenario: { name: string; seed: unknown; months: number };
      rows: Record<string, unknown>[];
    };
    expect(doc.version).toBe(VERSION);
    expect(doc.seed).toBe(7); // "--seed 7" is the number 7
    expect(doc.scenario).toMatchObject({ name: "cct", seed: 7, months: 6 });
    expect(doc.rows).toHaveLength(csv.rows.length);
    const arrow = tableFromIPC(readFileSync(join(out, "trajectories.arrow")));
    expect(arrow.numRows).toBe(csv.rows.length);
    expect(JSON.parse(arrow.schema.metadata.get("bansos")!)).toMatchObject({ version: VERSION, seed: 7 });
    const values = arrow.getChild("value")!.toArray() as Float64Array;
    for (let i = 0; i < csv.rows.length; i += 97) {
      expect(Number(csv.rows[i]![7])).toBe(values[i]);
      expect(doc.rows[i]!.value).toBe(values[i]);
      expect(String(arrow.getChild("outcome")!.get(i))).toBe(csv.rows[i]![5]);
    }
    const metrics = readCsv(join(out, "replications.csv"));
    expect(metrics.header).toEqual(["scenario", "replication", "metric", "value"]);
    expect(metrics.rows.find((row) => row[2] === "totals/costLcu")?.[3]).toMatch(/^[1-9]/);
  });

  it("runs replications on worker threads with the same files as in one thread", async () => {
    const [one, two] = await Promise.all(
      [1, 2].map(async (workers) => {
        const out = join(dir, `reps-${workers}`);
        const r = await bansos(["run", cct, "--out", out, "--replications", "2", "--workers", String(workers), "--format", "csv,arrow"]);
        expect(r.code, r.stderr).toBe(0);
        return out;
      }),
    );
    expect(readdirSync(one!).sort()).toEqual([
      ".bansos-output.json",
      "estimates.arrow",
      "estimates.csv",
      "replications.arrow",
      "replications.csv",
      "trajectories.arrow",
      "trajectories.csv",
    ]);
    for (const name of readdirSync(one!)) expect(readFileSync(join(two!, name)).equals(readFileSync(join(one!, name))), name).toBe(true);
    expect(new Set(readCsv(join(one!, "trajectories.csv")).rows.map((row) => row[1]))).toEqual(new Set(["0", "1"]));
  });
});

describe("bansos compare", () => {
  it("prints a summary table and writes the comparison; a budget-matched UCT costs what the CCT costs", async () => {
    const out = join(dir, "compare");
    const r = await bansos(["compare", none, cct, uct, "--out", out, "--replications", "2", "--workers", "2", "--seed", "cli"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Outcome +none +cct +Δ vs none +uct +Δ vs none$/m);
    expect(r.stdout).toMatch(/^Enrolment, 12–14 \(poor\) +\d\.\d{3} \[/m);
    expect(r.stdout).toContain("Wrote ");
    const estimates = readCsv(join(out, "estimates.csv"));
    expect(estimates.header).toEqual(["scenario", "metric", "n", "mean", "sd", "lower", "upper", "difference", "differenceLower", "differenceUpper"]);
    expect(new Set(estimates.rows.map((row) => row[0]))).toEqual(new Set(["none", "cct", "uct"]));
    const doc = JSON.parse(readFileSync(join(out, "estimates.json"), "utf8")) as { seed: unknown; scenarios: string[]; resolved: Record<string, unknown> };
    expect(doc).toMatchObject({ seed: "cli", scenarios: ["none", "cct", "uct"] });
    expect(Object.keys(doc.resolved)).toEqual(["none", "cct", "uct"]);
    const cost = (scenario: string) =>
      readCsv(join(out, "replications.csv"))
        .rows.filter((row) => row[0] === scenario && row[2] === "totals/costLcu")
        .map((row) => Number(row[3]));
    const [cctCost, uctCost] = [cost("cct"), cost("uct")];
    expect(cctCost).toHaveLength(2);
    cctCost.forEach((c, k) => expect(Math.abs(uctCost[k]! / c - 1)).toBeLessThan(0.01));
  });
});

describe("bansos validate", () => {
  it("runs the Progresa validation on a small population, prints pass/FAIL lines and exits 0", async () => {
    const out = join(dir, "validate");
    const r = await bansos([
      "validate",
      "--households",
      "600",
      "--localities",
      "20",
      "--replications",
      "2",
      "--long-households",
      "300",
      "--long-replications",
      "1",
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => /\s(pass|FAIL)$/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(r.stdout).toMatch(/^(PASS|FAIL): \d+ of \d+ lines pass/m);
    const csv = readCsv(join(out, "validation.csv"));
    expect(csv.rows).toHaveLength(lines.length);
    expect(csv.header.slice(0, 3)).toEqual(["target", "source", "observed"]);
    const missing = await bansos(["validate", "--panel", join(dir, "no-panel.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the panel "${join(dir, "no-panel.csv")}": no such file`);
  });
});

describe("progress bar", () => {
  it("renders runs done / total, elapsed time and ETA within the terminal width", () => {
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    const line = renderProgress("sweep", 5, 20, 10, 80);
    expect(line).toContain("5/20 runs");
    expect(line).toContain("0:10 elapsed");
    expect(line).toContain("ETA 0:30");
    expect(line.length).toBeLessThanOrEqual(80);
    expect(renderProgress("sweep", 0, 20, 1, 80)).toContain("ETA …");
  });

  const script = "/usr/bin/script";
  it.skipIf(!existsSync(script))("is drawn on a terminal (via script(1)) and not with --quiet", () => {
    const out = join(dir, "tty");
    mkdirSync(out, { recursive: true });
    const run = (extra: string) =>
      execFileSync(
        script,
        [
          "-qec",
          `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run ${JSON.stringify(cct)} --out ${JSON.stringify(out)} --format csv ${extra}`,
          "/dev/null",
        ],
        {
          cwd: ROOT,
          encoding: "utf8",
        },
      );
    expect(run("")).toMatch(/run cct \[#*-*\] \d+\/6 months {2}\d+:\d\d elapsed {2}ETA /);
    expect(run("--quiet")).not.toContain("elapsed");
  });
});

describe("JSON positions", () => {
  it("turns offsets into 1-based lines and columns", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(() => parseJsonText('{"a": 1,}', "f.json")).toThrow(/^f\.json:1:9: malformed JSON/);
  });
});

describe("examples/scenarios", () => {
  it("holds valid scenario files (a comparison in the README's order) and a valid grid file", async () => {
    const folder = join(ROOT, "examples", "scenarios");
    const names = readdirSync(folder).filter((f) => f.endsWith(".json"));
    expect(names).toEqual(expect.arrayContaining(["no-programme.json", "progresa.json", "uct-same-cost.json", "pkh-indonesia.json", "sweep-grants.json"]));
    const { plan } = await readGridFile(join(folder, "sweep-grants.json"));
    expect(plan.points).toHaveLength(6);
    const order = [
      "no-programme.json",
      "progresa.json",
      "uct-same-cost.json",
      ...names.filter((n) => !["no-programme.json", "progresa.json", "uct-same-cost.json", "sweep-grants.json"].includes(n)),
    ];
    const files = order.map((n) => join(folder, n));
    const scenarios = await Promise.all(files.map(readScenarioFile));
    expect(() => checkScenarios(scenarios, files)).not.toThrow();
  });
});

describe("the CLI stays out of the core", () => {
  it("is not imported by any module outside src/cli", () => {
    const srcFiles = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === "cli" ? [] : srcFiles(join(d, e.name))) : e.name.endsWith(".ts") ? [join(d, e.name)] : [],
      );
    const offenders = srcFiles(join(ROOT, "src")).filter((f) => /from\s+["'][./]*\/?cli\//.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
