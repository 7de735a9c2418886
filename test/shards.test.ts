/**
 * Sweeps split into shards that merge exactly (issue 6, item 5; docs/scaling.md):
 * the unit split and reassembly in the library, then the BUILT `bansos sweep
 * --shard i/n` and `bansos merge` in child processes (see test/helpers/cli.ts):
 * shards 1/3, 2/3, 3/3 merged are byte for byte the unsharded sweep's files (and
 * the library's `sweep`), with worker threads too; merge refuses incomplete,
 * duplicated and mixed shard sets. The recipes of docs/scaling.md are run as
 * written where this machine can: GNU parallel (skipped when it is missing,
 * except in CI, where .ci/run installs it) and the Slurm batch script with the
 * array variables set by hand. The Kubernetes Job cannot run here.
 * Tiny populations (250 households, 6 months): the file takes ~30 s.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../src/io/export.js";
import { assembleSweep, runSweepUnits, sweep, sweepPlan, sweepReplicationJobs, sweepShardUnits, sweepUnits } from "../src/experiment/sweep.js";
import { assertCliBuilt, bansos, CLI, IN_CI, ROOT } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bansos-shards-"));
const base = {
  name: "grant",
  months: 6,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households: 250, localities: 10 },
  programme: {
    rule: { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 50, lowerSecondary: 100, upperSecondary: 0 }, maxGrade: 9 },
    targeting: { kind: "poor" },
  },
};
const grid = { "programme.rule.grantsLcuPerMonth.lowerSecondary": [100, 300], "behaviour.priceEffect": [0.5, 1] };
const definition = { description: "test grid", base, grid, replications: 2, seed: "shards" };
const gridFile = join(dir, "grid.json");
writeFileSync(gridFile, JSON.stringify(definition, null, 2));
// Units: 2 replications × (baseline + 4 points) = 10.

const OUTPUTS = [".bansos-output.json", "estimates.arrow", "estimates.csv", "estimates.json", "replications.arrow", "replications.csv", "replications.json"];

function expectSameFiles(a: string, b: string): void {
  expect(readdirSync(b).sort()).toEqual(readdirSync(a).sort());
  for (const name of readdirSync(a))
    expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), `${name} differs between ${a} and ${b}`).toBe(true);
}

function sh(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweep units and shards (library)", () => {
  const plan = sweepPlan(base, grid);

  it("split the units into contiguous blocks that cover each unit exactly once", () => {
    for (const replications of [1, 2, 5]) {
      const all = sweepUnits(plan, replications).map((u) => `${u.replication}:${u.scenario}`);
      expect(all).toHaveLength(replications * 5);
      for (const count of [1, 2, 3, 4, 7, 13]) {
        const shards = Array.from({ length: count }, (_, i) => sweepShardUnits(plan, replications, i + 1, count).map((u) => `${u.replication}:${u.scenario}`));
        expect(shards.flat()).toEqual(all);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
    expect(() => sweepShardUnits(plan, 2, 4, 3)).toThrow(RangeError);
  });

  it("run each replication's baseline once per job, even when its unit belongs to another shard", () => {
    // Shard 2/3 holds units 3…5: points 3 and 4 of replication 0 (whose baseline unit is in shard 1), then replication 1's baseline.
    expect(sweepReplicationJobs(sweepShardUnits(plan, 2, 2, 3))).toEqual([
      { replication: 0, scenarios: [0, 3, 4], wanted: [3, 4] },
      { replication: 1, scenarios: [0], wanted: [0] },
    ]);
  });

  it("reassemble exactly the result of sweep(), whatever the split", () => {
    const whole = sweep(base, grid, { replications: 2, seed: "shards" });
    const units = [3, 1, 2].flatMap((i) => runSweepUnits(plan, "shards", sweepShardUnits(plan, 2, i, 3)));
    const merged = assembleSweep(plan, "shards", 2, units);
    expect(merged.comparison).toEqual(whole.comparison);
    expect(toCsv(merged, { table: "estimates" })).toBe(toCsv(whole, { table: "estimates" }));
    expect(() => assembleSweep(plan, "shards", 2, units.slice(1))).toThrow(/missing/);
    expect(() => assembleSweep(plan, "shards", 2, [...units, units[0]!])).toThrow(/given twice/);
  });
});

describe("bansos sweep --shard and bansos merge", () => {
  const all = join(dir, "all");
  const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}`));

  beforeAll(async () => {
    assertCliBuilt();
    // The unsharded sweep, and the three shards as separate processes (as a scheduler would run them).
    const runs = await Promise.all([
      bansos(["sweep", gridFile, "--out", all]),
      ...shards.map((out, k) => bansos(["sweep", gridFile, "--shard", `${k + 1}/3`, "--out", out])),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  });

  it("writes one shard file per shard with its block of units", () => {
    shards.forEach((out, k) => {
      expect(readdirSync(out)).toEqual([`shard-${k + 1}-of-3.json`]);
      const shard = JSON.parse(readFileSync(join(out, `shard-${k + 1}-of-3.json`), "utf8")) as { shard: unknown; units: unknown; results: unknown[] };
      expect(shard.shard).toEqual({ index: k + 1, count: 3 });
      expect(shard.units).toEqual(
        [
          { from: 0, to: 3, total: 10 },
          { from: 3, to: 6, total: 10 },
          { from: 6, to: 10, total: 10 },
        ][k],
      );
      expect(shard.results).toHaveLength([3, 3, 4][k]!);
    });
  });

  it("merges shards 1/3, 2/3, 3/3 into byte-identical files to the unsharded sweep (and to the library's sweep)", async () => {
    const merged = join(dir, "merged");
    const r = await bansos(["merge", ...shards, "--out", merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("3 shards, 10 units");
    expect(readdirSync(all).sort()).toEqual(OUTPUTS);
    expectSameFiles(all, merged);
    // Shard files given directly, in another order: the same.
    const files = join(dir, "merged-files");
    expect((await bansos(["merge", join(shards[2]!, "shard-3-of-3.json"), join(shards[0]!, "shard-1-of-3.json"), shards[1]!, "--out", files])).code).toBe(0);
    expectSameFiles(all, files);
    const library = sweep(base, grid, { replications: 2, seed: "shards" });
    expect(readFileSync(join(all, "replications.csv"), "utf8")).toBe(toCsv(library, { table: "replications" }));
    expect(readFileSync(join(all, "estimates.csv"), "utf8")).toBe(toCsv(library, { table: "estimates" }));
  });

  it("gives the same shard file and sweep files on worker threads", async () => {
    const [shard, whole] = await Promise.all([
      bansos(["sweep", gridFile, "--shard", "3/3", "--workers", "2", "--out", join(dir, "w-shard")]),
      bansos(["sweep", gridFile, "--workers", "2", "--out", join(dir, "w-all")]),
    ]);
    expect(shard.code, shard.stderr).toBe(0);
    expect(whole.code, whole.stderr).toBe(0);
    expect(readFileSync(join(dir, "w-shard", "shard-3-of-3.json")).equals(readFileSync(join(shards[2]!, "shard-3-of-3.json")))).toBe(true);
    expectSameFiles(all, join(dir, "w-all"));
  });

  it("refuses a missing or duplicated shard, shards of another grid, count or version, and a truncated shard", async () => {
    const out = join(dir, "refused");
    const missing = await bansos(["merge", shards[0]!, shards[2]!, "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("bansos: shard 2/3 is missing (expected shard-2-of-3.json)\n");

    const copy = join(dir, "copy-of-2");
    cpSync(shards[1]!, copy, { recursive: true });
    const duplicated = await bansos(["merge", ...shards, copy, "--out", out]);
    expect(duplicated.code).toBe(2);
    expect(duplicated.stderr).toContain(`bansos: shard 2/3 is given 2 times: ${join(shards[1]!, "shard-2-of-3.json")}, ${join(copy, "shard-2-of-3.json")}`);

    const otherGrid = join(dir, "other-grid.json");
    writeFileSync(otherGrid, JSON.stringify({ ...definition, seed: "other" }));
    const other = join(dir, "other-2");
    expect((await bansos(["sweep", otherGrid, "--shard", "2/3", "--out", other])).code).toBe(0);
    const mixed = await bansos(["merge", shards[0]!, other, shards[2]!, "--out", out]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^bansos: the shards come from 2 different grids: grid [0-9a-f]{16} \(.*\) vs grid [0-9a-f]{16} \(.*other-2.*\)\n$/);

    const halves = join(dir, "half-1");
    expect((await bansos(["sweep", gridFile, "--shard", "1/2", "--out", halves])).code).toBe(0);
    const counts = await bansos(["merge", halves, shards[1]!, shards[2]!, "--out", out]);
    expect(counts.code).toBe(2);
    expect(counts.stderr).toContain("bansos: the shards split the sweep differently: into 2 (");

    const edit = (name: string, change: (text: string) => string) => {
      const target = join(dir, name);
      cpSync(shards[1]!, target, { recursive: true });
      const path = join(target, "shard-2-of-3.json");
      writeFileSync(path, change(readFileSync(path, "utf8")));
      return target;
    };
    const oldVersion = edit("old-version", (t) => t.replace(/"version":"[^"]*"/, '"version":"0.0.1"'));
    const version = await bansos(["merge", shards[0]!, oldVersion, shards[2]!, "--out", out]);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain("made by bansos 0.0.1, but this is bansos");

    // Drop the last result line (each unit is one line of the file).
    const truncated = edit("truncated", (t) => {
      const lines = t.split("\n");
      lines.splice(lines.length - 3, 1);
      return lines.join("\n").replace(/,\n\]/, "\n]");
    });
    const short = await bansos(["merge", shards[0]!, truncated, shards[2]!, "--out", out]);
    expect(short.code).toBe(2);
    // The digest records every unit's result: the file names the one that is gone (test/shardIntegrity.test.ts has the other hostile cases).
    expect(short.stderr).toContain(`bansos: ${join(truncated, "shard-2-of-3.json")}: results[2]: is missing, but the digest records it`);

    const notShard = await bansos(["merge", gridFile, "--out", out]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain(`bansos: ${gridFile}: not a bansos sweep shard file`);
    expect(existsSync(out)).toBe(false); // nothing written by a refused merge: the output set appears only when written whole
  });

  it("reports problems of the grid file with their paths (exit 2)", async () => {
    const bad = join(dir, "bad-grid.json");
    writeFileSync(bad, JSON.stringify({ base: { ...base, months: 0 }, grid: { "behaviour.priceEffect": [] }, replications: 0, extra: 1 }));
    const r = await bansos(["sweep", bad, "--out", join(dir, "x"), "--shard", "4/3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bansos: --shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), found "4/3"');
    const r2 = await bansos(["sweep", bad, "--out", join(dir, "x")]);
    expect(r2.code).toBe(2);
    const lines = r2.stderr.trimEnd().split("\n");
    expect(lines).toContain(
      `bansos: ${bad}: extra: expected no such field (a grid file has description, base, grid, replications, seed, baseline, level), found 1`,
    );
    expect(lines).toContain(`bansos: ${bad}: grid["behaviour.priceEffect"]: expected a non-empty list of values or object label → value, found an array of 0`);
    expect(lines).toContain(`bansos: ${bad}: replications: expected an integer ≥ 1, found 0`);
    expect(lines).toContain(`bansos: ${bad}: base.months: expected a value ≥ 1, found 0`);
    const point = join(dir, "bad-point.json");
    writeFileSync(point, JSON.stringify({ base, grid: { "population.households": [250, -1] } }));
    const r3 = await bansos(["sweep", point, "--out", join(dir, "x")]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain(`bansos: ${point}: grid point "households=-1": population.households: expected a value ≥ 1, found -1`);
  });
});

describe("bansos run --shard and bansos merge: one run split by households", () => {
  const RUN_OUTPUTS = [
    ".bansos-output.json",
    "replications.arrow",
    "replications.csv",
    "replications.json",
    "trajectories.arrow",
    "trajectories.csv",
    "trajectories.json",
  ];
  const plain = { ...base, name: "one run", seed: "run-shards", months: 8 };
  const withInteractions = { ...plain, name: "one run, interactions", interactions: { peerEffects: { strength: 1 }, riskSharing: { shareOfSurplus: 0.2 } } };

  beforeAll(() => assertCliBuilt());

  for (const [label, scenario] of [
    ["without interactions (blocks of households)", plain],
    ["with interactions (whole localities)", withInteractions],
  ] as const) {
    it(`merges shards 1/3, 2/3, 3/3 into byte-identical files to the unsharded run, ${label}`, async () => {
      const name = label.startsWith("with ") ? "int" : "plain";
      const file = join(dir, `run-${name}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      const whole = join(dir, `run-${name}-whole`);
      const shardDir = join(dir, `run-${name}-shards`);
      const runs = await Promise.all([
        bansos(["run", file, "--out", whole, "--quiet"]),
        ...[1, 2, 3].map((i) => bansos(["run", file, "--out", shardDir, "--shard", `${i}/3`, "--quiet"])),
      ]);
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(shardDir).sort()).toEqual(["shard-1-of-3.json", "shard-2-of-3.json", "shard-3-of-3.json"]);
      const shardHouseholds = [1, 2, 3].map(
        (i) => (JSON.parse(readFileSync(join(shardDir, `shard-${i}-of-3.json`), "utf8")) as { result: { households: number } }).result.households,
      );
      expect(shardHouseholds.reduce((a, b) => a + b, 0)).toBe(250);
      expect(Math.min(...shardHouseholds)).toBeGreaterThan(0);
      const merged = join(dir, `run-${name}-merged`);
      const m = await bansos(["merge", shardDir, "--out", merged]);
      expect(m.code, m.stderr).toBe(0);
      expect(m.stdout).toContain("3 shards of one run, 250 households");
      expect(readdirSync(whole).sort()).toEqual(RUN_OUTPUTS);
      expectSameFiles(whole, merged);
    });
  }

  it("refuses a missing or duplicated run shard, shards of another run, run and sweep shards together, and --shard with replications", async () => {
    const shardDir = join(dir, "run-plain-shards"); // written by the test above
    const out = join(dir, "run-refused");
    const one = join(shardDir, "shard-1-of-3.json");
    const three = join(shardDir, "shard-3-of-3.json");
    const missing = await bansos(["merge", one, three, "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing shard 2 of 3: run them with bansos run --shard i/3");
    const twice = await bansos(["merge", shardDir, one, "--out", out]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("shard 1 of 3 given twice");
    const otherFile = join(dir, "run-other.json");
    writeFileSync(otherFile, JSON.stringify({ ...plain, seed: "another" }));
    const other = join(dir, "run-other-shards");
    expect((await bansos(["run", otherFile, "--out", other, "--shard", "2/3", "--quiet"])).code).toBe(0);
    const mixed = await bansos(["merge", one, join(other, "shard-2-of-3.json"), three, "--out", out]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("a shard of another run");
    const withSweep = await bansos(["merge", shardDir, shards1(), "--out", out]);
    expect(withSweep.code).toBe(2);
    expect(withSweep.stderr).toContain("not shards of a run");
    const replicated = await bansos(["run", otherFile, "--out", other, "--shard", "1/2", "--replications", "2"]);
    expect(replicated.code).toBe(2);
    expect(replicated.stderr).toContain("--shard splits one run's households: use it with one replication");
    expect(existsSync(out)).toBe(false); // nothing written by a refused merge
  });
});

/** A sweep shard file written by the sweep tests above. */
function shards1(): string {
  return join(dir, "shard-1", "shard-1-of-3.json");
}

describe("docs/scaling.md recipes", () => {
  const all = join(dir, "all");
  const bansosCommand = `${process.execPath} ${CLI}`;

  const haveParallel = existsSync("/usr/bin/parallel") || existsSync("/usr/local/bin/parallel");
  if (!haveParallel && !IN_CI) console.warn("\n[shards] GNU parallel recipe SKIPPED: install it (apt-get install parallel) to run it; CI installs it.\n");
  it.skipIf(!haveParallel && !IN_CI)("GNU parallel: 4 shards on one machine, merged, equal the unsharded sweep", async () => {
    expect(haveParallel, "GNU parallel is missing: .ci/run installs it (apt-get install parallel)").toBe(true);
    const out = join(dir, "parallel");
    // As in docs/scaling.md, with `bansos` = node dist/cli/main.js.
    const r = await sh("parallel", [
      "-j",
      "2",
      "--halt",
      "now,fail=1",
      `${bansosCommand} sweep ${gridFile} --shard {}/4 --out ${out}/shard-{} --quiet`,
      ":::",
      "1",
      "2",
      "3",
      "4",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const merge = await bansos(["merge", ...[1, 2, 3, 4].map((i) => join(out, `shard-${i}`)), "--out", join(out, "all")]);
    expect(merge.code, merge.stderr).toBe(0);
    expectSameFiles(all, join(out, "all"));
  });

  it("Slurm: examples/cluster/sweep.sbatch run with the array variables set by hand, then merged", async () => {
    const out = join(dir, "slurm");
    const script = join(ROOT, "examples", "cluster", "sweep.sbatch");
    const runs = await Promise.all(
      [1, 2].map((i) => sh("bash", [script], { SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: "2", GRID: gridFile, OUT: out, BANSOS: bansosCommand })),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const merge = await bansos(["merge", join(out, "shard-1"), join(out, "shard-2"), "--out", join(out, "all")]);
    expect(merge.code, merge.stderr).toBe(0);
    expectSameFiles(all, join(out, "all"));
  });

  it("Kubernetes: the Indexed Job maps JOB_COMPLETION_INDEX k to shard k+1 of its completions", () => {
    const yaml = readFileSync(join(ROOT, "examples", "cluster", "sweep-indexed-job.yaml"), "utf8");
    expect(yaml).toContain("completionMode: Indexed");
    const completions = /completions: (\d+)/.exec(yaml)?.[1];
    expect(yaml).toContain("i=$((JOB_COMPLETION_INDEX + 1))");
    expect(yaml).toContain(`--shard "$i/${completions}"`);
    expect(yaml).toContain("bansos merge /results/shard-* --out /results/all");
  });
});
