/**
 * The example scripts of examples/, each run as a user would run it (node
 * --import tsx, in a child process) at a small size, with assertions on what
 * it prints and writes. The signs asserted are the ones that held in every
 * replication over 20 seeds at the size used here (400 households); other
 * numbers are checked for structure and finiteness only.
 *
 * The last block is a guard: every script in examples/ must be run by some
 * test, listed in TESTED_BY below.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/** Runs `node --import tsx <script> …args` in the repository root and returns what it printed on stdout. */
async function runExample(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return stdout;
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bansos-examples-"));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A number as the examples print it: en-US grouping commas, optional sign. */
function num(text: string): number {
  const v = Number(text.replaceAll(",", ""));
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${JSON.stringify(text)}`);
  return v;
}

/** A printed estimate `mean [lower, upper]` (numbers may carry commas, signs). */
const ESTIMATE = /([+-]?\d[\d,]*(?:\.\d+)?) \[([+-]?\d[\d,]*(?:\.\d+)?), ([+-]?\d[\d,]*(?:\.\d+)?)\]/g;
interface Estimate {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}
function estimates(text: string): Estimate[] {
  return [...text.matchAll(ESTIMATE)].map((m) => ({ mean: num(m[1]!), lower: num(m[2]!), upper: num(m[3]!) }));
}

/** Lines of an RFC 4180 CSV (CRLF records; fields quoted when they hold a comma or quote) as string arrays. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith("\r\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\r\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"(.*)"$/s, "$1").replaceAll('""', '"')));
}

function expectSvg(text: string, labels: readonly string[]): void {
  expect(text.startsWith("<svg")).toBe(true);
  expect(text.trimEnd().endsWith("</svg>")).toBe(true);
  for (const label of labels) expect(text).toContain(label);
}

describe("example: compare-progresa-vs-unconditional (npm run compare)", () => {
  const DESIGNS = ["no programme", "Progresa CCT", "UCT, same cost"];
  // The rows of the example's table, by section, in order.
  const SECTIONS: [string, string[]][] = [
    [
      "Eligible (classified poor) households — averages over the last 12 months",
      [
        "Enrolment, 6–11",
        "Enrolment, 12–14",
        "Enrolment, 15–17",
        "Enrolment, boys 12–14",
        "Enrolment, girls 12–14",
        "Enrolment, boys 6–17",
        "Enrolment, girls 6–17",
        "Attendance (enrolled, school months)",
        "Child work, 6–17",
        "Child work, 12–14",
        "Child work, 15–17",
        "Clinic visits per person-month",
        "Illness (share ill in a month)",
        "Stunting, under 5",
        "Stunting, ages 1–3",
        "Consumption per adult eq. (MXN/month)",
        "Household consumption, all eligible (MXN/month)",
        "Poverty headcount",
        "Poverty gap",
        "Poverty severity",
      ],
    ],
    ["All households", ["Enrolment, 6–17", "Poverty headcount", "Gini of consumption per adult eq."]],
    [
      "Programme, whole run",
      ["Transfers paid (MXN)", "Beneficiary household-months", "Programme cost (MXN)", "Offered but not earned: conditions unmet (MXN)"],
    ],
  ];

  it("prints the outcome table for the three designs and writes the CSV, JSON and SVG files into --out", async () => {
    const out = tempDir();
    // 24 months: enrolment responds at the second school-year start (September 1998); 12 months show no enrolment effect at all.
    const stdout = await runExample("examples/compare-progresa-vs-unconditional.ts", [
      "--households",
      "400",
      "--replications",
      "2",
      "--months",
      "24",
      "--workers",
      "2",
      "--seed",
      "example-test",
      "--out",
      out,
    ]);
    expect(stdout).toContain('(mexico-rural-1997, 400 households, 24 months from 1997-09, 2 replications, seed "example-test")');
    expect(stdout).not.toMatch(/NaN|Infinity/);

    // ---- the table: every row, in its section, with five estimates (three designs, two differences) in order
    const lines = stdout.split("\n");
    const headerAt = lines.findIndex((l) => l.startsWith("Outcome "));
    expect(lines[headerAt]!.split(/ {2,}/).map((c) => c.trim())).toEqual([
      "Outcome",
      "no programme",
      "Progresa CCT",
      "Δ vs no programme",
      "UCT, same cost",
      "Δ vs no programme",
    ]);
    const body = lines.slice(headerAt + 2, lines.indexOf("", headerAt));
    const table = new Map<string, Estimate[]>();
    let section = "";
    const seen: [string, string[]][] = [];
    for (const line of body) {
      if (line.startsWith("— ")) {
        section = line.slice(2);
        seen.push([section, []]);
        continue;
      }
      const label = line.split(/ {2,}/)[0]!;
      seen.at(-1)![1].push(label);
      const cells = estimates(line.slice(label.length));
      expect(cells, line).toHaveLength(5);
      for (const c of cells) {
        expect(c.lower, line).toBeLessThanOrEqual(c.mean);
        expect(c.mean, line).toBeLessThanOrEqual(c.upper);
      }
      table.set(`${section}/${label}`, cells);
    }
    expect(seen).toEqual(SECTIONS);
    const row = (s: number, label: string) => table.get(`${SECTIONS[s]![0]}/${label}`)!;
    // The five estimates of a row: the three designs, each programme followed by its difference from no programme.
    const [none, cct, cctDelta, uct, uctDelta] = [0, 1, 2, 3, 4] as const;
    /** Budget-matched amounts: equal up to the rounding of money to centavos (a few centavos over the whole run). */
    const expectSameCost = (a: number, b: number) => expect(Math.abs(a - b) / b).toBeLessThan(1e-5);

    // Signs that held in every replication of 20 seeds at this size (common random numbers).
    expect(row(0, "Enrolment, 12–14")[cctDelta]!.mean).toBeGreaterThan(0);
    expect(row(0, "Clinic visits per person-month")[cctDelta]!.mean).toBeGreaterThan(0);
    for (const d of [cctDelta, uctDelta]) {
      expect(row(0, "Consumption per adult eq. (MXN/month)")[d]!.mean).toBeGreaterThan(0);
      expect(row(0, "Poverty headcount")[d]!.mean).toBeLessThan(0);
      expect(row(0, "Poverty gap")[d]!.mean).toBeLessThan(0);
      expect(row(0, "Child work, 6–17")[d]!.mean).toBeLessThan(0);
    }
    // The programme rows follow from the designs: nothing paid without a programme, same households and cost for CCT and UCT,
    // nothing withheld without conditions.
    expect(row(2, "Transfers paid (MXN)")[none]).toEqual({ mean: 0, lower: 0, upper: 0 });
    expect(row(2, "Transfers paid (MXN)")[cct]!.mean).toBeGreaterThan(0);
    expectSameCost(row(2, "Programme cost (MXN)")[uct]!.mean, row(2, "Programme cost (MXN)")[cct]!.mean);
    expect(row(2, "Beneficiary household-months")[uct]).toEqual(row(2, "Beneficiary household-months")[cct]);
    expect(row(2, "Offered but not earned: conditions unmet (MXN)")[cct]!.mean).toBeGreaterThan(0);
    expect(row(2, "Offered but not earned: conditions unmet (MXN)")[uct]).toEqual({ mean: 0, lower: 0, upper: 0 });

    // ---- cost per additional child-year: both designs add enrolment in every replication; the CCT, at the same cost, adds more
    const perChildYear = (design: string) => {
      const m = stdout.match(
        new RegExp(`^  ${design}: MXN ([\\d,]+) \\(replications range ([\\d,]+)–([\\d,]+)\\); ([\\d,]+) extra child-years for MXN ([\\d,]+)$`, "m"),
      );
      expect(m, `cost per child-year line of ${design}`).not.toBeNull();
      const [ratio, low, high] = [num(m![1]!), num(m![2]!), num(m![3]!)];
      expect(low).toBeLessThanOrEqual(high);
      expect(ratio).toBeGreaterThan(0);
      return { ratio, cost: num(m![5]!) };
    };
    const cctPerYear = perChildYear("Progresa CCT");
    const uctPerYear = perChildYear("UCT, same cost");
    expectSameCost(uctPerYear.cost, cctPerYear.cost);
    expect(cctPerYear.ratio).toBeLessThan(uctPerYear.ratio);
    // Matched month by month in whole centavos: equal to within a few millionths.
    const match = /Budget match: UCT cost \/ CCT cost = (\d\.\d{6}) \(matched within each replication\)\./.exec(stdout);
    expect(match).not.toBeNull();
    expect(Math.abs(Number(match![1]) - 1)).toBeLessThan(1e-5);

    // ---- the files
    const files = ["comparison.csv", "comparison.json", "trajectories.csv", "enrolment-12to14.svg", "consumption-by-decile.svg", "cost-vs-benefit.svg"];
    expect(stdout).toContain(`Wrote ${files.map((f) => join(out, f)).join(", ")}.`);
    expect(readdirSync(out).sort()).toEqual([".bansos-output.json", ...files].sort()); // one output set, with its manifest

    // Provenance: version, seed, the three resolved scenarios at the size asked for.
    const json = JSON.parse(readFileSync(join(out, "comparison.json"), "utf8"));
    expect(json).toMatchObject({
      format: "bansos-export",
      kind: "comparison",
      table: "estimates",
      seed: "example-test",
      baseline: "no programme",
      replications: 2,
    });
    expect(json.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.scenarios).toEqual(DESIGNS);
    for (const s of DESIGNS) expect(json.resolved[s]).toMatchObject({ name: s, months: 24, start: "1997-09", population: { households: 400 } });
    expect(json.resolved["no programme"].programme).toBeNull();
    expect(json.resolved["Progresa CCT"].programme.rule.kind).toBe("progresa");
    expect(json.resolved["UCT, same cost"].programme.rule.kind).toBe("unconditional");

    // comparison.csv: the same rows as the JSON, and the printed Δ of enrolment 12–14 is the exported one, rounded.
    const [csvHeader, ...csv] = parseCsv(readFileSync(join(out, "comparison.csv"), "utf8"));
    expect(csvHeader).toEqual(json.columns);
    expect(csv).toHaveLength(json.rows.length);
    const col = (name: string) => csvHeader!.indexOf(name);
    const enrolment = csv.find((r) => r[col("scenario")] === "Progresa CCT" && r[col("metric")] === "poor/enrolment/age12to14")!;
    expect(Number(enrolment[col("difference")])).toBeCloseTo(
      json.rows.find((r: Record<string, unknown>) => r.scenario === "Progresa CCT" && r.metric === "poor/enrolment/age12to14").difference,
      12,
    );
    expect(Number(enrolment[col("difference")]).toFixed(3)).toBe(row(0, "Enrolment, 12–14")[cctDelta]!.mean.toFixed(3));

    // trajectories.csv: every month of every replication of every design, for the five charted outcomes.
    const [trajHeader, ...traj] = parseCsv(readFileSync(join(out, "trajectories.csv"), "utf8"));
    expect(trajHeader).toEqual(["scenario", "replication", "month", "date", "segment", "outcome", "group", "value"]);
    const t = (name: string) => trajHeader!.indexOf(name);
    expect(new Set(traj.map((r) => `${r[t("segment")]}/${r[t("outcome")]}`))).toEqual(
      new Set(["poor/enrolment", "poor/childWork", "poor/consumptionPerAeLcu", "poor/povertyGap", "all/costLcu"]),
    );
    const runs = new Set(traj.map((r) => `${r[t("scenario")]}#${r[t("replication")]}#${r[t("month")]}`));
    expect(runs.size).toBe(DESIGNS.length * 2 * 24);
    for (const r of traj) expect(Number.isFinite(Number(r[t("value")])), r.join(",")).toBe(true);

    // The three charts, with the designs in their legends.
    expectSvg(readFileSync(join(out, "enrolment-12to14.svg"), "utf8"), DESIGNS);
    expectSvg(readFileSync(join(out, "consumption-by-decile.svg"), "utf8"), ["Progresa CCT", "UCT, same cost"]);
    expectSvg(readFileSync(join(out, "cost-vs-benefit.svg"), "utf8"), ["Progresa CCT", "UCT, same cost"]);
  });
});

describe("example: custom-rule", () => {
  it("prints the custom rule's differences from no programme", async () => {
    const stdout = await runExample("examples/custom-rule.ts", ["--households", "400", "--replications", "2", "--months", "24"]);
    const metrics = ["poor/enrolment/girls12to14", "poor/enrolment/boys12to14", "poor/enrolment/girls15to17", "totals/costLcu"];
    const lines = stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(metrics);
    const diff = new Map<string, Estimate>();
    for (const line of lines) {
      const cells = estimates(line);
      expect(cells, line).toHaveLength(1);
      expect(line).toMatch(/ Δ /);
      expect(cells[0]!.lower).toBeLessThanOrEqual(cells[0]!.mean);
      expect(cells[0]!.mean).toBeLessThanOrEqual(cells[0]!.upper);
      diff.set(line.split(" ")[0]!, cells[0]!);
    }
    // The girls' bonus raised girls' lower-secondary enrolment (mean difference positive for 20 of 20 seeds at this size); it costs money.
    expect(diff.get("poor/enrolment/girls12to14")!.mean).toBeGreaterThan(0);
    expect(diff.get("totals/costLcu")!.lower).toBeGreaterThan(0);
    // The size flags are honoured: no more than 400 households × 24 months of the base grant and three girls' bonuses each
    // (the default size, 5,000 households, costs about 13 times as much).
    expect(diff.get("totals/costLcu")!.mean).toBeLessThan(400 * 24 * (150 + 3 * 200));
  });
});

describe("example: design-space", () => {
  it("prints the grid of grant level × condition and writes the cost-vs-benefit chart into --out", async () => {
    const out = tempDir();
    const stdout = await runExample("examples/design-space.ts", [
      "--households",
      "400",
      "--replications",
      "2",
      "--workers",
      "2",
      "--seed",
      "example-test",
      "--out",
      out,
    ]);
    expect(stdout).toContain('(mexico-rural-1997, 400 households, 25 months from 1997-09, 2 replications, seed "example-test")');
    expect(stdout).not.toMatch(/NaN|Infinity/);

    const lines = stdout.split("\n");
    const headerAt = lines.findIndex((l) => l.startsWith("Lower-sec./primary grant"));
    expect(lines[headerAt]!.split(/ {2,}/)).toEqual([
      "Lower-sec./primary grant",
      "Design",
      "MXN/household-month",
      "Cost, MXN thousand",
      "Extra child-years",
      "MXN per extra child-year",
      "BCR, fiscal",
      "BCR, social",
    ]);
    const rows = lines.slice(headerAt + 2, lines.indexOf("", headerAt)).map((l) => l.split(/ {2,}/).map((c) => c.trim()));
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      "100/50 conditional",
      "100/50 unconditional",
      "200/100 conditional",
      "200/100 unconditional",
      "300/150 conditional",
      "300/150 unconditional",
    ]);
    const cells = rows.map(([, design, perHousehold, cost, extra, perYear, fiscal, social]) => {
      expect(num(perHousehold!)).toBeGreaterThan(0);
      const [c] = estimates(cost!);
      const [e] = estimates(extra!);
      expect(c, cost).toBeDefined();
      expect(e, extra).toBeDefined();
      expect(perYear).toMatch(/^[\d,]+ (\[unbounded\]|\[[\d,]+, [\d,]+\])$|^no extra enrolment$/);
      for (const bcr of [fiscal, social]) expect(bcr).toMatch(/^-?\d+\.\d\d (\[-?\d+\.\d\d, -?\d+\.\d\d\]|\(ratio of means\))$|^—$/);
      return { design, cost: c!, extra: e!, fiscal: estimates(fiscal!)[0], social: estimates(social!)[0] };
    });
    for (let level = 0; level < 3; level++) {
      const [conditional, unconditional] = [cells[2 * level]!, cells[2 * level + 1]!];
      // The conditional grant adds more child-years than the unconditional one of about the same cost (every level, every seed tried).
      expect(conditional.extra.mean).toBeGreaterThan(0);
      expect(conditional.extra.mean).toBeGreaterThan(unconditional.extra.mean);
      // A larger grant costs more, in either design.
      if (level > 0) {
        expect(conditional.cost.mean).toBeGreaterThan(cells[2 * level - 2]!.cost.mean);
        expect(unconditional.cost.mean).toBeGreaterThan(cells[2 * level - 1]!.cost.mean);
      }
    }
    // Transfers are transfers: the social view counts less cost than the fiscal one, so its ratio is higher where benefits are positive.
    for (const c of cells) if (c.fiscal && c.social && c.fiscal.mean > 0) expect(c.social.mean).toBeGreaterThan(c.fiscal.mean);
    // The assumption that grades become wages is stated next to the figures.
    expect(stdout).toMatch(/Assumption: the extra grades become wages/);
    expect(stdout).toContain("14 simulations plus 3 pilot runs");

    const svg = join(out, "design-space-cost-vs-benefit.svg");
    expect(stdout).toContain(`Wrote ${svg}.`);
    expect(readdirSync(out)).toEqual(["design-space-cost-vs-benefit.svg"]);
    expectSvg(readFileSync(svg, "utf8"), [
      "Design space: cost per extra child-year vs benefit-cost ratio",
      ...[100, 200, 300].flatMap((g) => [`rule=conditional ${g}`, `rule=unconditional ${g}`]),
    ]);
  });
});

describe("example: progresa-rct", () => {
  it("prints ITT and DiD at both follow-ups with the true effect, spread, standard errors, coverage and power", async () => {
    const stdout = await runExample("examples/progresa-rct.ts", ["--households", "400", "--localities", "20", "--replications", "2"]);
    expect(stdout).toContain("Simulated Progresa evaluation: 400 households in 20 localities, 2 replications; enrolment of poor children aged 10–16.");
    expect(stdout).not.toMatch(/NaN|Infinity/);

    const rows = stdout
      .split("\n")
      .filter((l) => /^Oct \d{4} /.test(l))
      .map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => r.slice(0, 3).join(" "))).toEqual(["Oct 1998 ITT", "Oct 1998 DiD", "Oct 1999 ITT", "Oct 1999 DiD"]);
    for (const r of rows) {
      // mean est., true eff., SD across reps, mean cluster SE, mean naive SE, coverage, power: all numbers, none missing ("—").
      expect(r, r.join(" ")).toHaveLength(10);
      const [, truth, sd, clusterSe, naiveSe, coverage, power] = r.slice(3).map(num);
      expect(truth, r.join(" ")).toBeGreaterThan(0); // the CCT raises enrolment: every replication of 15 seeds at this size
      expect(sd).toBeGreaterThanOrEqual(0);
      expect(clusterSe).toBeGreaterThan(0);
      expect(naiveSe).toBeGreaterThan(0);
      for (const share of [coverage, power]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
    }
    // Transfers start in March 1998, after the October 1997 baseline: the true baseline effect is 0, so DiD's truth is ITT's.
    expect(rows[1]![4]).toBe(rows[0]![4]);
    expect(rows[3]![4]).toBe(rows[2]![4]);

    // round(0.63 × 20) localities are treated.
    expect(stdout).toMatch(
      /^Replication 0, Oct 1998: DiD -?\d+\.\d{3} \(cluster-robust SE \d+\.\d{3}\), ITT -?\d+\.\d{3} \(SE \d+\.\d{3}\), 13 treated localities\.$/m,
    );
    expect(stdout).toMatch(/^Finished in \d+\.\d s\.$/m);
  });
});

/**
 * Every script in examples/ (not the *.designs.ts modules it imports) and the test file that runs it. Keys are file
 * names without the folder, so that this map itself does not count as a mention of examples/<name> in this file.
 */
const TESTED_BY: Record<string, string> = {
  "compare-progresa-vs-unconditional.ts": "test/examples.test.ts",
  "custom-rule.ts": "test/examples.test.ts",
  "design-space.ts": "test/examples.test.ts",
  "progresa-rct.ts": "test/examples.test.ts",
  "spillovers.ts": "test/interactions.test.ts",
  "targeting-pmt-vs-community.ts": "test/programmeOperations.test.ts",
};

describe("every example is run by a test", () => {
  const scripts = readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".designs.ts"))
    .sort();

  it("lists exactly the scripts of examples/", () => {
    const unlisted = scripts.filter((f) => !(f in TESTED_BY));
    const gone = Object.keys(TESTED_BY).filter((f) => !scripts.includes(f));
    expect(unlisted, `examples without a test (run each in a test and list it in TESTED_BY): ${unlisted.join(", ")}`).toEqual([]);
    expect(gone, `TESTED_BY lists scripts that are not in examples/: ${gone.join(", ")}`).toEqual([]);
  });

  it.each(Object.entries(TESTED_BY))("%s is run in %s", (script, testFile) => {
    const source = readFileSync(join(ROOT, testFile), "utf8");
    expect(source.includes(`"examples/${script}"`), `${testFile} does not mention "examples/${script}"`).toBe(true);
  });
});
