/**
 * Shard files that cannot lie (issue 15; docs/reliability.md, section 6): hostile reproductions
 * for run shards (`bansos run --shard`) and sweep shards (`bansos sweep --shard`). Every damaged,
 * edited, relabelled, swapped, truncated, older or incomplete shard file makes `bansos merge` exit
 * with code 2, naming the file and the field that did not match, and write nothing; never exit 0
 * with different output, never "internal error". Most cases run the command in this process
 * (`runCli`, the code of dist/cli/main.js); a few run the BUILT command as a child process (see
 * test/helpers/cli.ts). The good path stays byte-identical to the unsharded run and sweep
 * (test/shards.test.ts checks that at more length). Each `refused(…)` is one hostile case; the
 * counts per class are printed at the end (and quoted in docs/reliability.md).
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/cli.js";
import { assertCliBuilt, bansos } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bansos-shard-integrity-"));
const scenario = {
  name: "integrity",
  seed: "integrity",
  months: 5,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households: 150, localities: 6 },
  programme: {
    rule: { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 50, lowerSecondary: 100, upperSecondary: 0 }, maxGrade: 9 },
    targeting: { kind: "poor" },
  },
};
const grid = {
  base: { ...scenario, months: 3, population: { ...scenario.population, households: 100 } },
  grid: { "behaviour.priceEffect": [0.5, 1] },
  replications: 2,
  seed: "g",
};

type Json = Record<string, any>;

/** Run the command in this process: exit code and what it printed. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

const counts = new Map<string, number>();
let cases = 0;

/** A directory holding copies of `files` (the shard set), after `change` edits the named copy. */
function variant(files: readonly string[], target: number, change: (data: Json, text: string) => Json | string): { dir: string; file: string } {
  const out = join(dir, `case-${++cases}`);
  mkdirSync(out);
  for (const f of files) cpSync(f, join(out, f.split("/").pop()!));
  const file = join(out, files[target]!.split("/").pop()!);
  const text = readFileSync(file, "utf8");
  const changed = change(JSON.parse(text) as Json, text);
  writeFileSync(file, typeof changed === "string" ? changed : JSON.stringify(changed));
  return { dir: out, file };
}

/** `bansos merge <dir>` must exit 2, print only `bansos: ` lines, name `file` and match `what`, and write nothing. */
async function refused(kind: string, where: string, file: string, what: RegExp): Promise<void> {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const out = join(dir, `out-${++cases}`);
  const r = await cli(["merge", where, "--out", out, "--quiet"]);
  expect(r.code, `${kind}: exit ${r.code}\n${r.stderr}${r.stdout}`).toBe(2);
  expect(r.stderr).not.toContain("internal error");
  expect(
    r.stderr
      .trimEnd()
      .split("\n")
      .every((line) => line.startsWith("bansos: ")),
    r.stderr,
  ).toBe(true);
  expect(
    r.stderr.split("\n").some((line) => line.startsWith("bansos: ") && line.includes(file)),
    `${kind}: no line names ${file}:\n${r.stderr}`,
  ).toBe(true);
  expect(r.stderr, kind).toMatch(what);
  // A refused merge writes nothing: the output set is whole or absent (docs/reliability.md §11).
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}

const mismatch = (field: string) =>
  new RegExp(`: ${field.replace(/[.[\]]/g, "\\$&")}: does not match its recorded SHA-256 \\(recorded [0-9a-f]{12}…, computed [0-9a-f]{12}…\\)`);

/** Base64 with one character changed to another of the alphabet, inside the data. */
function flipOne(b64: string, at: number): string {
  const end = b64.replace(/=+$/, "").length;
  const k = Math.min(end - 2, Math.max(0, Math.floor(end * at)));
  return `${b64.slice(0, k)}${b64[k] === "A" ? "B" : "A"}${b64.slice(k + 1)}`;
}

const sha = (...chunks: (string | Uint8Array)[]) => {
  const h = createHash("sha256");
  for (const c of chunks) h.update(c);
  return h.digest();
};
const jsonDigest = (v: unknown) => sha("J", JSON.stringify(v) ?? "null");
const bytesDigest = (b64: string) => sha("B", Buffer.from(b64, "base64"));

/** The integrity record per its documented definition (node:crypto): a forger's tool. */
function seal(data: Json, parts: [string, Buffer][]): Json {
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const digest = sha("bansos-integrity/1", Uint8Array.of(0), ...parts.flatMap(([n, d]) => [n, Uint8Array.of(0), d]));
  return {
    ...data,
    integrity: { algorithm: "sha256", digest: digest.toString("hex"), parts: Object.fromEntries(parts.map(([n, d]) => [n, d.toString("hex")])) },
  };
}
function resealRun(data: Json): Json {
  const { integrity: _, ...rest } = data;
  return seal(rest, [
    ...["format", "version", "run", "shard", "input", "population"].map((n): [string, Buffer] => [n, jsonDigest(data[n])]),
    ...["moneyScale", "households", "targeted", "targetingCounts"].map((n): [string, Buffer] => [`result.${n}`, jsonDigest(data.result[n])]),
    ...Object.entries(data.result.arrays as Record<string, string>).map(([n, b]): [string, Buffer] => [`result.arrays.${n}`, bytesDigest(b)]),
  ]);
}
function resealSweep(data: Json): Json {
  const { integrity: _, results, ...head } = data;
  const parts = [
    ...["format", "version", "grid", "shard", "units", "definition"].map((n): [string, Buffer] => [n, jsonDigest(data[n])]),
    ...(results as unknown[]).map((r, k): [string, Buffer] => [`results[${k}]`, jsonDigest(r)]),
  ];
  return { ...seal(head, parts), results };
}
const runFingerprint = (input: unknown) => createHash("sha256").update(JSON.stringify(input)).digest("hex");
const gridFingerprint = (definition: unknown) => createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 16);

const runWhole = join(dir, "run-whole");
const runShards = [1, 2, 3].map((i) => join(dir, "run-shards", `shard-${i}-of-3.json`));
const otherRun = join(dir, "run-other", "shard-2-of-3.json");
const sweepWhole = join(dir, "sweep-whole");
const sweepShards = [1, 2].map((i) => join(dir, `sweep-${i}`, `shard-${i}-of-2.json`));
const otherSweep = join(dir, "sweep-other", "shard-2-of-2.json");

beforeAll(async () => {
  const file = join(dir, "run.json");
  writeFileSync(file, JSON.stringify(scenario));
  const other = join(dir, "other.json");
  writeFileSync(other, JSON.stringify({ ...scenario, seed: "other" }));
  const gridFile = join(dir, "grid.json");
  writeFileSync(gridFile, JSON.stringify(grid));
  const otherGrid = join(dir, "other-grid.json");
  writeFileSync(otherGrid, JSON.stringify({ ...grid, seed: "h" }));
  const runs = [
    ["run", file, "--out", runWhole],
    ...[1, 2, 3].map((i) => ["run", file, "--shard", `${i}/3`, "--out", join(dir, "run-shards")]),
    ["run", other, "--shard", "2/3", "--out", join(dir, "run-other")],
    ["sweep", gridFile, "--out", sweepWhole],
    ...[1, 2].map((i) => ["sweep", gridFile, "--shard", `${i}/2`, "--out", join(dir, `sweep-${i}`)]),
    ["sweep", otherGrid, "--shard", "2/2", "--out", join(dir, "sweep-other")],
  ];
  for (const args of runs) {
    const r = await cli([...args, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[shard integrity] ${total} hostile cases refused with exit 2: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
});

describe("run shards (bansos run --shard, bansos merge)", () => {
  it("merge byte-identically to the unsharded run when untouched", async () => {
    const out = join(dir, "run-merged");
    const r = await cli(["merge", ...runShards, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    // Arrow files carry dictionary ids that apache-arrow numbers per process, so in one process only the CSV
    // and JSON files are compared (not the manifest, which lists the Arrow sizes); test/shards.test.ts compares all files of separate processes.
    for (const name of readdirSync(runWhole).filter((n) => !n.endsWith(".arrow") && n !== ".bansos-output.json"))
      expect(readFileSync(join(out, name)).equals(readFileSync(join(runWhole, name))), name).toBe(true);
    const shard = JSON.parse(readFileSync(runShards[0]!, "utf8")) as Json;
    expect(shard.format).toBe("bansos-run-shard/2");
    expect(resealRun(shard).integrity).toEqual(shard.integrity); // the digest is as docs/reliability.md defines it
  });

  it("refuse an edited accumulator byte (each array, three places) and edited counts", async () => {
    for (const name of ["data", "cohorts", "windowConsumption"]) {
      for (const at of [0, 0.5, 1]) {
        const v = variant(runShards, 1, (d) => ((d.result.arrays[name] = flipOne(d.result.arrays[name], at)), d));
        await refused("run shard: accumulator or count edited", v.dir, v.file, mismatch(`result.arrays.${name}`));
      }
    }
    const edits: [string, (d: Json) => void][] = [
      ["result.households", (d) => (d.result.households += 1)],
      ["result.targeted", (d) => (d.result.targeted -= 1)],
      ["result.targetingCounts", (d) => (d.result.targetingCounts.trulyPoor += 1)],
      ["result.moneyScale", (d) => (d.result.moneyScale = 1)],
      ["population", (d) => (d.population.personCount += 1)],
      ["population", (d) => (d.population.meansTestCutoff = "Infinity")],
    ];
    for (const [field, edit] of edits) {
      const v = variant(runShards, 2, (d) => (edit(d), d));
      await refused("run shard: accumulator or count edited", v.dir, v.file, mismatch(field));
    }
  });

  it("refuse input relabelled with a recomputed run fingerprint (in every shard), or without", async () => {
    const relabels: ((input: Json) => void)[] = [
      (i) => (i.name = "relabelled"),
      (i) => (i.programme.rule.grantsLcuPerMonth.primary = 500),
      (i) => (i.seed = "another"),
      (i) => (i.months = 4),
      (i) => delete i.programme,
    ];
    for (const relabel of relabels) {
      const out = join(dir, `case-${++cases}`);
      mkdirSync(out);
      for (const f of runShards) {
        const d = JSON.parse(readFileSync(f, "utf8")) as Json;
        relabel(d.input);
        d.run = runFingerprint(d.input);
        writeFileSync(join(out, f.split("/").pop()!), JSON.stringify(d), { flag: "w" });
      }
      await refused("run shard: input relabelled", out, join(out, "shard-1-of-3.json"), mismatch("input"));
      await refused("run shard: input relabelled", out, join(out, "shard-3-of-3.json"), mismatch("run"));
    }
    const v = variant(runShards, 0, (d) => ((d.input.name = "relabelled"), d));
    await refused("run shard: input relabelled", v.dir, v.file, mismatch("input"));
    const index = variant(runShards, 0, (d) => ((d.shard = { index: 2, count: 3 }), d));
    await refused("run shard: input relabelled", index.dir, index.file, mismatch("shard"));
  });

  it("refuse files swapped between runs: a shard of another run, its result or its integrity record transplanted, files renamed", async () => {
    const foreign = JSON.parse(readFileSync(otherRun, "utf8")) as Json;
    let v = variant(runShards, 1, () => foreign);
    await refused("run shard: swapped between runs", v.dir, v.file, /a shard of another run \(scenario or seed differs from/);
    v = variant(runShards, 1, (d) => ((d.result = foreign.result), d));
    await refused("run shard: swapped between runs", v.dir, v.file, mismatch("result.arrays.data"));
    v = variant(runShards, 1, (d) => ((d.integrity = foreign.integrity), d));
    await refused("run shard: swapped between runs", v.dir, v.file, mismatch("input"));
    v = variant(runShards, 1, () => JSON.parse(readFileSync(runShards[0]!, "utf8")));
    await refused("run shard: swapped between runs", v.dir, v.file, /shard: the file is named as shard 2 of 3 but holds shard 1 of 3 \(renamed or swapped\?\)/);
  });

  it("refuse truncated files and cut base64", async () => {
    const size = readFileSync(runShards[1]!, "utf8").length;
    for (const at of [1, Math.floor(size * 0.1), Math.floor(size * 0.5), Math.floor(size * 0.9), size - 2]) {
      const v = variant(runShards, 1, (_, text) => text.slice(0, at));
      await refused("run shard: truncated", v.dir, v.file, /:\d+:\d+: malformed JSON: /);
    }
    let v = variant(runShards, 1, (d) => ((d.result.arrays.data = d.result.arrays.data.slice(0, -4)), d));
    await refused("run shard: truncated", v.dir, v.file, /result\.arrays\.data: \d+ bytes, not a whole number of 8-byte values \(truncated\?\)/);
    v = variant(runShards, 1, (d) => ((d.result.arrays.cohorts = d.result.arrays.cohorts.slice(0, -1)), d));
    await refused("run shard: truncated", v.dir, v.file, /result\.arrays\.cohorts: not valid base64 \(length \d+ is not a multiple of 4\)/);
    v = variant(runShards, 1, (d) => ((d.result.arrays.data = `@${d.result.arrays.data.slice(1)}`), d));
    await refused("run shard: truncated", v.dir, v.file, /result\.arrays\.data: not valid base64 \(invalid character "@" at 0\)/);
  });

  it("refuse removed fields, wrong types and unknown fields, with their names", async () => {
    const removed: [string, (d: Json) => void, RegExp][] = [
      ["format", (d) => delete d.format, /not a bansos run shard file \(no "format": "bansos-run-shard\/2"\)/],
      ["version", (d) => delete d.version, /written by bansos nothing \(missing\)/],
      ["run", (d) => delete d.run, /run: expected the run fingerprint/],
      ["shard", (d) => delete d.shard, /shard: expected \{ index, count \}/],
      ["input", (d) => delete d.input, /input: expected the scenario as run \(an object\), found nothing \(missing\)/],
      ["population", (d) => delete d.population, /population: expected \{ personCount, localityCount, meansTestCutoff \}/],
      ["result", (d) => delete d.result, /result: expected the shard's accumulators/],
      ["integrity", (d) => delete d.integrity, /integrity: missing or not an object: the file carries no digest/],
      ["result.arrays.data", (d) => delete d.result.arrays.data, /result\.arrays\.data: expected base64 of a Float64Array, found nothing/],
      ["result.targetingCounts", (d) => delete d.result.targetingCounts, /result\.targetingCounts: expected an object of counts/],
      ["result.targetingCounts.trulyPoor", (d) => delete d.result.targetingCounts.trulyPoor, /result\.targetingCounts\.trulyPoor: expected an integer ≥ 0/],
      ["integrity.parts entry", (d) => delete d.integrity.parts.input, /input: has no recorded digest/],
      ["wrong type", (d) => (d.result.households = "75"), /result\.households: expected an integer ≥ 0, found "75"/],
      ["wrong type", (d) => (d.shard = { index: 4, count: 3 }), /shard: expected \{ index, count \} with 1 ≤ index ≤ count/],
      ["unknown field", (d) => (d.note = "hi"), /note: not a field of a run shard file/],
      ["unknown field", (d) => (d.result.extra = 1), /result\.extra: not a field of a run shard file/],
      [
        "older format",
        (d) => (d.format = "bansos-run-shard"),
        /format: bansos-run-shard is the older layout of this file, without a digest; this bansos reads bansos-run-shard\/2 only/,
      ],
      ["newer format", (d) => (d.format = "bansos-run-shard/9"), /format: bansos-run-shard\/9 is not a layout this bansos reads/],
      ["version", (d) => (d.version = "0.0.1"), /written by bansos 0\.0\.1; this is/],
    ];
    for (const [, change, what] of removed) {
      const v = variant(runShards, 1, (d) => (change(d), d));
      await refused("run shard: field removed, wrong or unknown", v.dir, v.file, what);
    }
  });

  it("refuse a forged shard (digest recomputed) whose contents do not fit its run", async () => {
    const forged: [(d: Json) => void, RegExp][] = [
      [
        (d) => (d.result.arrays.cohorts = Buffer.from(d.result.arrays.cohorts, "base64").subarray(0, -24).toString("base64")),
        /result\.arrays\.cohorts: \d+ values, but the scenario's run has \d+/,
      ],
      [(d) => (d.run = "0".repeat(64)), /run: 000000000000… is not the SHA-256 of the file's input/],
      [(d) => (d.input.population.households = -1), /input\.population\.households: expected a value ≥ 1, found -1/],
      [(d) => (d.result.targeted += 1), /result\.targeted: \d+, but result\.targetingCounts\.targeted is \d+/],
      [(d) => (d.population.localityCount = 99), /population\.localityCount: 99, but the scenario has 6/],
    ];
    for (const [change, what] of forged) {
      const v = variant(runShards, 1, (d) => (change(d), resealRun(d)));
      await refused("run shard: forged with a recomputed digest", v.dir, v.file, what);
    }
    const v = variant(runShards, 1, (d) => ((d.result.households -= 1), resealRun(d)));
    counts.set("run shard: forged with a recomputed digest", (counts.get("run shard: forged with a recomputed digest") ?? 0) + 1);
    const r = await cli(["merge", v.dir, "--out", join(dir, `out-${++cases}`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the 3 shards hold 149 households, but the run has 150/);
  });
});

describe("sweep shards (bansos sweep --shard, bansos merge)", () => {
  it("merge byte-identically to the unsharded sweep when untouched", async () => {
    const out = join(dir, "sweep-merged");
    const r = await cli(["merge", ...sweepShards, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    for (const name of readdirSync(sweepWhole).filter((n) => !n.endsWith(".arrow") && n !== ".bansos-output.json"))
      expect(readFileSync(join(out, name)).equals(readFileSync(join(sweepWhole, name))), name).toBe(true);
    const text = readFileSync(sweepShards[0]!, "utf8");
    const shard = JSON.parse(text) as Json;
    expect(shard.format).toBe("bansos-sweep-shard/2");
    expect(resealSweep(shard).integrity).toEqual(shard.integrity);
    expect(text.split("\n").length).toBe(shard.results.length + 3); // still one line per unit
  });

  it("refuse an edited metric value in each result line", async () => {
    const units = (JSON.parse(readFileSync(sweepShards[1]!, "utf8")) as Json).results.length as number;
    for (let k = 0; k < units; k++) {
      const v = variant(sweepShards, 1, (d) => {
        const metrics = d.results[k].metrics as Record<string, unknown>;
        const name = Object.keys(metrics).find((m) => typeof metrics[m] === "number" && metrics[m] !== 0)!;
        metrics[name] = (metrics[name] as number) * (1 + 1e-12);
        return d;
      });
      await refused("sweep shard: metric edited", v.dir, v.file, mismatch(`results[${k}]`));
    }
    const v = variant(sweepShards, 1, (d) => ((d.results[0].metrics.extra = 1), d));
    await refused("sweep shard: metric edited", v.dir, v.file, mismatch("results[0]"));
  });

  it("refuse the definition relabelled with a recomputed grid fingerprint (in every shard), or without", async () => {
    const relabels: ((definition: Json) => void)[] = [
      (d) => (d.level = 0.5),
      (d) => (d.seed = "other"),
      (d) => (d.base.name = "relabelled"),
      (d) => (d.grid["behaviour.priceEffect"] = [1, 0.5]),
    ];
    for (const relabel of relabels) {
      const out = join(dir, `case-${++cases}`);
      mkdirSync(out);
      for (const f of sweepShards) {
        const d = JSON.parse(readFileSync(f, "utf8")) as Json;
        relabel(d.definition);
        d.grid = gridFingerprint(d.definition);
        writeFileSync(join(out, f.split("/").pop()!), JSON.stringify(d));
      }
      await refused("sweep shard: definition relabelled", out, join(out, "shard-1-of-2.json"), mismatch("definition"));
      await refused("sweep shard: definition relabelled", out, join(out, "shard-2-of-2.json"), mismatch("grid"));
    }
    const v = variant(sweepShards, 1, (d) => ((d.definition.replications = 1), d));
    await refused("sweep shard: definition relabelled", v.dir, v.file, mismatch("definition"));
  });

  it("refuse files swapped between sweeps: a shard of another grid, its results transplanted, files renamed", async () => {
    const foreign = JSON.parse(readFileSync(otherSweep, "utf8")) as Json;
    let v = variant(sweepShards, 1, () => foreign);
    await refused("sweep shard: swapped between sweeps", v.dir, v.file, /the shards come from 2 different grids/);
    v = variant(sweepShards, 1, (d) => ((d.results = foreign.results), d));
    await refused("sweep shard: swapped between sweeps", v.dir, v.file, mismatch("results[0]"));
    v = variant(sweepShards, 1, (d) => ((d.integrity = foreign.integrity), d));
    await refused("sweep shard: swapped between sweeps", v.dir, v.file, mismatch("grid"));
    v = variant(sweepShards, 1, () => JSON.parse(readFileSync(sweepShards[0]!, "utf8")));
    await refused("sweep shard: swapped between sweeps", v.dir, v.file, /shard: the file is named as shard 2 of 2 but holds shard 1 of 2/);
  });

  it("refuse truncated files and a dropped result line", async () => {
    const size = readFileSync(sweepShards[1]!, "utf8").length;
    for (const at of [1, Math.floor(size * 0.1), Math.floor(size * 0.5), Math.floor(size * 0.9), size - 2]) {
      const v = variant(sweepShards, 1, (_, text) => text.slice(0, at));
      await refused("sweep shard: truncated", v.dir, v.file, /:\d+:\d+: malformed JSON: /);
    }
    const v = variant(sweepShards, 1, (_, text) => {
      const lines = text.split("\n");
      lines.splice(lines.length - 3, 1);
      return lines.join("\n").replace(/,\n\]/, "\n]");
    });
    await refused("sweep shard: truncated", v.dir, v.file, /results\[2\]: is missing, but the digest records it \(removed after the file was written\)/);
  });

  it("refuse removed fields, wrong types, unknown fields, older formats and versions", async () => {
    const changes: [(d: Json) => void, RegExp][] = [
      [(d) => delete d.format, /not a bansos sweep shard file/],
      [(d) => delete d.version, /made by bansos nothing \(missing\)/],
      [(d) => delete d.grid, /grid: expected the grid fingerprint/],
      [(d) => delete d.shard, /shard: expected \{ index, count \}/],
      [(d) => delete d.units, /units: expected \{ from, to, total \}/],
      [(d) => delete d.definition, /definition: expected the sweep's definition/],
      [(d) => delete d.results, /results: expected one entry per unit \(an array\)/],
      [(d) => delete d.integrity, /integrity: missing or not an object/],
      [(d) => delete d.definition.grid, /definition\.grid: expected dotted path → values, found nothing/],
      [(d) => delete d.results[1].metrics, /results\[1\]: expected \{ replication, scenario, metrics \}/],
      [(d) => (d.results[0].metrics["all/households"] = "many"), /results\[0\]\.metrics\["all\/households"\]: expected a number/],
      [(d) => (d.units.total = -1), /units: expected \{ from, to, total \}/],
      [(d) => (d.extra = true), /extra: not a field of a sweep shard file/],
      [(d) => (d.format = "bansos-sweep-shard"), /format: bansos-sweep-shard is the older layout of this file, without a digest/],
      [(d) => (d.version = "0.0.1"), /made by bansos 0\.0\.1, but this is bansos/],
    ];
    for (const [change, what] of changes) {
      const v = variant(sweepShards, 1, (d) => (change(d), d));
      await refused("sweep shard: field removed, wrong or unknown", v.dir, v.file, what);
    }
  });

  it("refuse a forged shard (digest recomputed) that does not hold its block of units", async () => {
    const v = variant(sweepShards, 1, (d) => ((d.results = d.results.slice(1)), resealSweep(d)));
    await refused(
      "sweep shard: forged with a recomputed digest",
      v.dir,
      v.file,
      /shard 2\/2 should hold units 3…5 of 6, but holds 2 other or incomplete results/,
    );
    const w = variant(sweepShards, 1, (d) => ((d.grid = "0123456789abcdef"), resealSweep(d)));
    await refused("sweep shard: forged with a recomputed digest", w.dir, w.file, /grid: the definition does not match its grid fingerprint 0123456789abcdef/);
  });
});

describe("the built command", () => {
  beforeAll(() => assertCliBuilt());

  it("exits 2 naming the file and the mismatch (edited accumulator, relabelled input, edited metric, truncated file)", async () => {
    const edited = variant(runShards, 1, (d) => ((d.result.arrays.data = flipOne(d.result.arrays.data, 0.5)), d));
    const relabelled = variant(runShards, 0, (d) => ((d.input.name = "x"), (d.run = runFingerprint(d.input)), d));
    const metric = variant(sweepShards, 1, (d) => ((d.results[0].metrics["all/households"] += 1), d));
    const truncated = variant(sweepShards, 0, (_, text) => text.slice(0, 500));
    const expected: [{ dir: string; file: string }, RegExp][] = [
      [edited, mismatch("result.arrays.data")],
      [relabelled, mismatch("input")],
      [metric, mismatch("results[0]")],
      [truncated, /malformed JSON/],
    ];
    for (const [v, what] of expected) {
      const r = await bansos(["merge", v.dir, "--out", join(dir, `out-${++cases}`)]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`bansos: ${v.file}:`);
      expect(r.stderr).toMatch(what);
    }
  });
});
