/**
 * What bansos writes, attacked as a hostile user would (issue 15): CSV cells that a
 * spreadsheet would run as formulas, output sets killed (kill -9) while they are written,
 * an --out that Node's recursive mkdir never returns from (/proc), and paths or names that
 * used to be "internal errors". CLI cases run the BUILT command (`npm run build` first; see
 * test/helpers/cli.ts); the kill tests spawn real child processes and SIGKILL them.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { watch } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField, simulate, toCsv, toJson } from "../src/index.js";
import type { ExportTable } from "../src/index.js";
import { makeDirectories, MANIFEST_NAME, OutputDirectoryError, prepareOutputDir, writeOutputSet } from "../src/node/outputSet.js";
import type { OutputFile } from "../src/node/outputSet.js";
import { writeResult } from "../src/node/index.js";
import { parseScenario, ScenarioError } from "../src/index.js";
import { assertCliBuilt, bansos, CLI, ROOT } from "./helpers/cli.js";
import type { CliRun } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bansos-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const tiny = { months: 2, start: "1997-09", population: { preset: "mexico-rural-1997", households: 60, localities: 3 }, programme: null };

/** The first characters OWASP lists as starting a formula, and the single quote of the escape itself. */
const DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "'"] as const;
const PAYLOAD = "cmd|' /C calc'!A0";

/** A strict RFC 4180 reader (quoted fields may hold "", commas, CR and LF; CRLF between records), then the unescape rule of docs/reliability.md. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") (record.push(field), (field = ""));
    else if (c === "\r" && text[i + 1] === "\n") (record.push(field), records.push(record), (record = []), (field = ""), i++);
    else field += c;
  }
  expect(field === "" && record.length === 0, "the CSV ends with CRLF").toBe(true);
  // The rule: a text field that begins with ' had one put in front; remove it.
  return records.map((r) => r.map((f) => (f.startsWith("'") ? f.slice(1) : f)));
}

/** Run the built command with a time limit (SIGKILL after `ms`): for cases that used to hang. */
function bansosWithin(args: readonly string[], ms: number): Promise<CliRun & { seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: ms, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
describe("CSV formula injection", () => {
  it("escapes every text cell that begins with = + - @ TAB CR (and ') in any string column; numbers stay; a reader recovers the text", () => {
    const texts = [...DANGEROUS.map((c) => c + PAYLOAD), "plain", "a,b", 'say "hi"', "", "x=1", " =1", "line\nbreak", "'", "2+2"];
    const table: ExportTable = {
      kind: "replications",
      rowCount: texts.length,
      header: { format: "bansos-export", version: "test", kind: "simulation", table: "replications", seed: 1 },
      columns: [
        { name: "scenario", type: "string", values: texts },
        { name: "note", type: "string", values: [...texts].reverse() },
        { name: "n", type: "int", values: Int32Array.from(texts, (_, k) => -k) },
        { name: "value", type: "float", values: Float64Array.from(texts, (_, k) => [-0.5, Number.NEGATIVE_INFINITY, Number.NaN, -0][k % 4]!) },
      ],
    };
    const csv = toCsv(table);
    const lines = csv.split("\r\n");
    // The reproduction: the payload is the first cell of a row, now quoted with ' in front.
    expect(lines[1]).toBe(`"'=cmd|' /C calc'!A0",2+2,0,-0.5`);
    for (const c of DANGEROUS) {
      const cell = csvField(c + PAYLOAD);
      expect(cell, JSON.stringify(c)).toBe(`"'${c}${PAYLOAD}"`);
      expect(csv).toContain(cell);
    }
    expect(csvField("'")).toBe(`"''"`);
    // Harmless text is written as before (RFC 4180 quoting only where needed).
    expect(["plain", "a,b", 'say "hi"', "", "x=1", " =1", "2+2"].map(csvField)).toEqual(["plain", '"a,b"', '"say ""hi"""', "", "x=1", " =1", "2+2"]);
    // Numbers are never touched: negative values, −Inf, −0 and negative integers as they are.
    const records = readCsv(csv);
    expect(records[0]).toEqual(["scenario", "note", "n", "value"]);
    expect(records.slice(1).map((r) => r[2])).toEqual(texts.map((_, k) => String(-k)));
    expect(records.slice(1).map((r) => r[3])).toEqual(texts.map((_, k) => ["-0.5", "-Inf", "", "-0"][k % 4]));
    // The round trip: every text of both string columns comes back exactly.
    expect(records.slice(1).map((r) => r[0])).toEqual(texts);
    expect(records.slice(1).map((r) => r[1])).toEqual([...texts].reverse());
  });

  it("escapes a simulation's scenario name in every row; JSON keeps it as it is", () => {
    const name = `=${PAYLOAD}`;
    const result = simulate({ ...tiny, name });
    const csv = toCsv(result);
    const rows = csv.split("\r\n").slice(1, -1);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.startsWith(`"'=cmd|' /C calc'!A0",`))).toBe(true);
    expect(
      new Set(
        readCsv(csv)
          .slice(1)
          .map((r) => r[0]),
      ),
    ).toEqual(new Set([name]));
    expect((JSON.parse(toJson(result)) as { scenario: { name: string } }).scenario.name).toBe(name);
  });

  describe("through the command", () => {
    beforeAll(() => assertCliBuilt());

    it("bansos compare: scenarios named with every dangerous first character, in trajectories, replications and estimates", async () => {
      const names = DANGEROUS.map((c) => c + PAYLOAD);
      const files = names.map((name, k) => file(`danger-${k}.json`, { ...tiny, name }));
      const out = join(dir, "danger-compare");
      const r = await bansos(["compare", ...files, "--out", out, "--replications", "1", "--trajectories", "--format", "csv", "--quiet"]);
      expect(r.code, r.stderr).toBe(0);
      for (const table of ["trajectories", "replications", "estimates"]) {
        const text = readFileSync(join(out, `${table}.csv`), "utf8");
        const records = readCsv(text);
        expect(records[0]![0]).toBe("scenario");
        // Every record's first cell is escaped and reads back as one of the names.
        const raw = text.split("\r\n").filter((l) => l !== "" && !l.startsWith("scenario,"));
        expect(
          raw.filter((l) => !l.startsWith(`"'`)),
          table,
        ).toEqual([]);
        expect(records.length - 1).toBe(raw.length);
        expect(new Set(records.slice(1).map((rec) => rec[0]))).toEqual(new Set(names));
        for (const name of names) expect(text, `${table}: ${JSON.stringify(name)}`).toContain(`"'${name.replace(/"/g, '""')}"`);
      }
    });

    it("bansos run: a scenario file named =cmd|'calc'!A0.json (no name inside) gives escaped first cells in trajectories.csv and replications.csv", async () => {
      // A file name cannot hold the payload's "/": the same attack without it.
      const named = file("=cmd|'calc'!A0.json", tiny);
      const out = join(dir, "danger-run");
      const r = await bansos(["run", named, "--out", out, "--format", "csv,json"]);
      expect(r.code, r.stderr).toBe(0);
      for (const table of ["trajectories", "replications"]) {
        const text = readFileSync(join(out, `${table}.csv`), "utf8");
        const rows = text.split("\r\n").slice(1, -1);
        expect(rows.length).toBeGreaterThan(10);
        expect(
          rows.every((row) => row.startsWith(`"'=cmd|'calc'!A0",`)),
          table,
        ).toBe(true);
        expect(
          new Set(
            readCsv(text)
              .slice(1)
              .map((rec) => rec[0]),
          ),
        ).toEqual(new Set(["=cmd|'calc'!A0"]));
        expect((JSON.parse(readFileSync(join(out, `${table}.json`), "utf8")) as { rows: { scenario: string }[] }).rows[0]!.scenario).toBe("=cmd|'calc'!A0");
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
/** A directory's files (hidden ones too) with their bytes as hex digests of content, or null when it is absent. */
function snapshot(path: string): string[] | null {
  if (!existsSync(path)) return null;
  return readdirSync(path)
    .sort()
    .map((name) => {
      const p = join(path, name);
      return lstatSync(p).isFile() ? `${name}:${readFileSync(p).toString("base64")}` : `${name}:(not a file)`;
    });
}

/** Leftovers of interrupted writes next to `target`. */
function leftovers(parent: string, target = "set"): string[] {
  return readdirSync(parent).filter((n) => n.startsWith(`.${target}.bansos-`));
}

const OLD_NAMES = ["a.csv", "b.json", "c.arrow", "d.csv", "e.json", "f.arrow"];
const NEW_NAMES = ["a.csv", "b.json", "c.arrow", "d.csv", "e.json", "g.txt"]; // one file less, one more: a mix shows in the list too
const setFiles = (tag: string, names: readonly string[], size: number): OutputFile[] =>
  names.map((name) => ({ name, data: () => Buffer.alloc(size, `${tag}:${name}:`) }));

/**
 * src/node/outputSet.ts and the modules it imports, transpiled to plain JavaScript under `out`
 * (TypeScript's transpileModule), so a child process starts in plain node (0.2 s) instead of
 * through tsx (0.6 s): 25 children fit the time of the test.
 * @returns the path of the transpiled outputSet.js
 */
function transpileOutputSet(out: string): string {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "package.json"), '{ "type": "module" }');
  const src = join(ROOT, "src");
  const pending = ["node/outputSet.ts"];
  const done = new Set<string>();
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (done.has(path)) continue;
    done.add(path);
    const text = readFileSync(join(src, path), "utf8");
    for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)\.js"/g)) pending.push(relative(src, join(src, dirname(path), m[1]!)) + ".ts");
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    mkdirSync(join(out, dirname(path)), { recursive: true });
    writeFileSync(join(out, path.replace(/\.ts$/, ".js")), js);
  }
  return join(out, "node", "outputSet.js");
}

describe("output sets: whole or absent", () => {
  const CHILD = join(dir, "write-set-child.mjs");
  writeFileSync(
    CHILD,
    [
      `import { writeOutputSet } from ${JSON.stringify(pathToFileURL(transpileOutputSet(join(dir, "child-src"))).href)};`,
      `const [target, tag, size, names] = process.argv.slice(2);`,
      "const files = names.split(',').map((name) => ({ name, data: () => Buffer.alloc(Number(size), `${tag}:${name}:`) }));",
      `process.stdout.write("go\\n");`,
      `const started = performance.now();`,
      `await writeOutputSet(target, files);`,
      "process.stdout.write(`done ${performance.now() - started}\\n`);",
    ].join("\n"),
  );
  const SIZE = 500_000;

  /** Start the child writing the new set to `target`; SIGKILL it `delay` ms after it starts writing (never, for Infinity). */
  function writeAndKill(target: string, delay: number): Promise<{ killed: boolean; writeMs: number | undefined }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CHILD, target, "new", String(SIZE), NEW_NAMES.join(",")], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let stderr = "";
      let timer: NodeJS.Timeout | undefined;
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (timer === undefined && out.startsWith("go\n") && Number.isFinite(delay)) timer = setTimeout(() => child.kill("SIGKILL"), delay);
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        if (timer) clearTimeout(timer);
        if (signal === null && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
        const done = /done ([\d.]+)/.exec(out);
        resolve({ killed: signal === "SIGKILL", writeMs: done ? Number(done[1]) : undefined });
      });
    });
  }

  it("kill -9 at 24 moments of writeOutputSet leaves exactly the old set or exactly the new one (or, between the two renames, the old one aside, put back by the next write)", async () => {
    const started = performance.now();
    // The old and the new set, written whole, for comparison.
    const reference = join(dir, "kill-reference");
    await writeOutputSet(join(reference, "old"), setFiles("old", OLD_NAMES, SIZE));
    await writeOutputSet(join(reference, "new"), setFiles("new", NEW_NAMES, SIZE));
    const oldSet = snapshot(join(reference, "old"))!;
    const newSet = snapshot(join(reference, "new"))!;
    expect(oldSet).not.toEqual(newSet);
    // How long the child takes to write the new set over the old one, undisturbed.
    const timing = join(dir, "kill-timing", "set");
    cpSync(join(reference, "old"), timing, { recursive: true });
    const { writeMs } = await writeAndKill(timing, Number.POSITIVE_INFINITY);
    expect(snapshot(timing)).toEqual(newSet);
    expect(writeMs).toBeGreaterThan(0);
    // 24 delays from the start of the write to 1.5 × its length, two children at a time.
    const delays = Array.from({ length: 24 }, (_, k) => (k / 23) * 1.5 * writeMs!);
    const outcomes: string[] = [];
    const runOne = async (k: number) => {
      const parent = join(dir, `kill-${k}`);
      const target = join(parent, "set");
      cpSync(join(reference, "old"), target, { recursive: true });
      const { killed } = await writeAndKill(target, delays[k]!);
      // What a reader finds right after the kill.
      const now = snapshot(target);
      const left = leftovers(parent);
      let outcome: string;
      if (now === null) {
        // Killed between the two renames: no directory for a moment, the old set complete aside.
        const aside = left.filter((n) => n.includes(".bansos-aside-"));
        expect(aside).toHaveLength(1);
        expect(snapshot(join(parent, aside[0]!))).toEqual(oldSet);
        outcome = "absent, old aside";
      } else {
        expect([oldSet, newSet], `kill ${k} at ${delays[k]!.toFixed(1)} ms left a mix: ${now.map((s) => s.split(":")[0]).join(", ")}`).toContainEqual(now);
        outcome = now === null ? "absent" : JSON.stringify(now) === JSON.stringify(oldSet) ? "old" : "new";
        if (left.some((n) => n.includes(".bansos-staging-"))) outcome += ", staging left";
      }
      outcomes[k] = `${killed ? "killed" : "finished"}: ${outcome}`;
      // The next write to the same directory (here: its check before work) clears the leftovers of the dead process.
      await prepareOutputDir(target);
      expect([oldSet, newSet]).toContainEqual(snapshot(target));
      expect(leftovers(parent)).toEqual([]);
    };
    for (let k = 0; k < delays.length; k += 2) await Promise.all([runOne(k), ...(k + 1 < delays.length ? [runOne(k + 1)] : [])]);
    // The delays cover the write: some kills left the old set (with a staging directory), some the new one.
    expect(outcomes.filter((o) => o.startsWith("killed") && o.includes("old, staging left")).length, outcomes.join("\n")).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.endsWith("new") || o.includes("new,")).length, outcomes.join("\n")).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("kill -9 of `bansos run --out dir` at 8 moments of its write leaves the old run's files or the new run's, never a mix", async () => {
    assertCliBuilt();
    const scenario = file("kill-run.json", { ...tiny, name: "kill", months: 24, population: { ...tiny.population, households: 200, localities: 8 } });
    const old = join(dir, "kill-run-old");
    const fresh = join(dir, "kill-run-new");
    const [a, b] = await Promise.all([bansos(["run", scenario, "--out", old, "--seed", "1"]), bansos(["run", scenario, "--out", fresh, "--seed", "2"])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const oldSet = snapshot(old)!;
    const newSet = snapshot(fresh)!;
    expect(oldSet.map((s) => s.split(":")[0])).toEqual([
      MANIFEST_NAME,
      ...["replications", "trajectories"].flatMap((t) => ["arrow", "csv", "json"].map((f) => `${t}.${f}`)),
    ]);
    expect(oldSet).not.toEqual(newSet);

    /** Run `bansos run --seed 2` over a copy of the old set; SIGKILL `delay` ms after it starts writing the set (its second staging directory appears). */
    const runAndKill = (parent: string, delay: number) =>
      new Promise<{ killed: boolean; writeMs: number }>((resolve, reject) => {
        const target = join(parent, "set");
        const seen = new Set<string>();
        let writeStart: number | undefined;
        let timer: NodeJS.Timeout | undefined;
        const watcher = watch(parent, (_event, name) => {
          if (typeof name !== "string" || !name.startsWith(".set.bansos-staging-") || seen.has(name)) return;
          seen.add(name);
          if (seen.size === 2) {
            // The first staging directory is the check at the start (made and removed at once); the second holds the new set.
            writeStart = performance.now();
            if (Number.isFinite(delay)) timer = setTimeout(() => child.kill("SIGKILL"), delay);
          }
        });
        const child = spawn(process.execPath, [CLI, "run", scenario, "--out", target, "--seed", "2", "--quiet"], { cwd: ROOT, stdio: "ignore" });
        child.on("error", reject);
        child.on("exit", (code, signal) => {
          watcher.close();
          if (timer) clearTimeout(timer);
          if (signal === null && code !== 0) reject(new Error(`bansos run failed with ${code}`));
          resolve({ killed: signal === "SIGKILL", writeMs: writeStart === undefined ? Number.NaN : performance.now() - writeStart });
        });
      });

    const timingParent = join(dir, "kill-run-timing");
    cpSync(old, join(timingParent, "set"), { recursive: true });
    const { writeMs } = await runAndKill(timingParent, Number.POSITIVE_INFINITY);
    expect(writeMs).toBeGreaterThan(0);
    expect(snapshot(join(timingParent, "set"))).toEqual(newSet);
    const delays = Array.from({ length: 8 }, (_, k) => (k / 7) * 2 * writeMs);
    const outcomes: string[] = [];
    for (let k = 0; k < delays.length; k += 2) {
      await Promise.all(
        [k, k + 1].map(async (j) => {
          const parent = join(dir, `kill-run-${j}`);
          cpSync(old, join(parent, "set"), { recursive: true });
          const { killed } = await runAndKill(parent, delays[j]!);
          const now = snapshot(join(parent, "set"));
          if (now === null) {
            const aside = leftovers(parent).filter((n) => n.includes(".bansos-aside-"));
            expect(snapshot(join(parent, aside[0]!))).toEqual(oldSet);
          } else {
            expect([oldSet, newSet], `kill at ${delays[j]!.toFixed(1)} ms left a mix`).toContainEqual(now);
          }
          outcomes[j] = `${killed ? "killed" : "finished"}: ${now === null ? "absent" : JSON.stringify(now) === JSON.stringify(oldSet) ? "old" : "new"}`;
          await prepareOutputDir(join(parent, "set"));
          expect([oldSet, newSet]).toContainEqual(snapshot(join(parent, "set")));
          expect(leftovers(parent)).toEqual([]);
        }),
      );
    }
    expect(
      outcomes.some((o) => o === "killed: old"),
      outcomes.join("; "),
    ).toBe(true);
  }, 60_000);

  it("replaces an earlier set as a whole, with a manifest listing its files; refuses a directory holding anything else, touching nothing", async () => {
    const parent = join(dir, "replace");
    const target = join(parent, "set");
    expect(await writeOutputSet(target, setFiles("old", OLD_NAMES, 10))).toEqual(OLD_NAMES.map((n) => join(target, n)));
    expect(JSON.parse(readFileSync(join(target, MANIFEST_NAME), "utf8"))).toEqual({
      format: "bansos-output",
      version: expect.any(String),
      files: OLD_NAMES.map((name) => ({ name, bytes: 10 })),
    });
    await writeOutputSet(target, setFiles("new", NEW_NAMES, 12));
    expect(readdirSync(target).sort()).toEqual([MANIFEST_NAME, ...NEW_NAMES].sort()); // f.arrow of the old set is gone
    expect(readFileSync(join(target, "a.csv"), "utf8")).toBe("new:a.csv:ne"); // 12 bytes of the repeated tag
    expect(leftovers(parent)).toEqual([]);

    // A file of the user's in the directory: refused, nothing changed.
    writeFileSync(join(target, "notes.txt"), "mine");
    const before = snapshot(target);
    const refused = await writeOutputSet(target, setFiles("x", OLD_NAMES, 5)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutputDirectoryError);
    expect((refused as OutputDirectoryError).reason).toMatch(
      /^it holds "notes\.txt", which bansos did not write as an output set there; .*move these away or name another directory$/,
    );
    expect(snapshot(target)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
    rmSync(join(target, "notes.txt"));

    // A directory where the set has a file.
    rmSync(join(target, "a.csv"));
    mkdirSync(join(target, "a.csv"));
    await expect(writeOutputSet(target, setFiles("x", OLD_NAMES, 5))).rejects.toThrow(`it holds "a.csv" (a directory, where bansos wrote a file)`);
    // A directory bansos never wrote (no manifest) must be empty; an empty one is replaced.
    const plain = join(parent, "plain");
    mkdirSync(plain);
    writeFileSync(join(plain, "trajectories.csv"), "older bansos, or not bansos at all");
    await expect(prepareOutputDir(plain)).rejects.toThrow(`(it has no ${MANIFEST_NAME})`);
    const empty = join(parent, "empty");
    mkdirSync(empty);
    await writeOutputSet(empty, setFiles("new", ["only.csv"], 3));
    expect(readdirSync(empty).sort()).toEqual([MANIFEST_NAME, "only.csv"]);
    // A file, the working directory and the root are refused.
    writeFileSync(join(parent, "a-file"), "x");
    await expect(prepareOutputDir(join(parent, "a-file"))).rejects.toThrow("it exists and is a file, not a directory");
    await expect(prepareOutputDir(process.cwd())).rejects.toThrow("it is (or holds) the working directory");
    await expect(prepareOutputDir("/")).rejects.toThrow("it is the root directory");
    await expect(writeOutputSet(join(parent, "bad-names"), [{ name: "../escape.csv", data: "x" }])).rejects.toThrow(TypeError);
    await expect(writeOutputSet(join(parent, "bad-names"), [{ name: MANIFEST_NAME, data: "x" }])).rejects.toThrow(TypeError);
  });

  it("follows a symbolic link to the output directory, keeping the link", async () => {
    const parent = join(dir, "linked");
    const real = join(parent, "real");
    await writeOutputSet(real, setFiles("old", OLD_NAMES, 4));
    symlinkSync(real, join(parent, "link"));
    await writeOutputSet(join(parent, "link"), setFiles("new", NEW_NAMES, 4));
    expect(lstatSync(join(parent, "link")).isSymbolicLink()).toBe(true);
    expect(realpathSync(join(parent, "link"))).toBe(realpathSync(real));
    expect(readdirSync(real).sort()).toEqual([MANIFEST_NAME, ...NEW_NAMES].sort());
  });

  it("clears the leftovers of dead writers: staging removed, an old set aside put back when the directory is absent, else removed; a live writer's are kept", async () => {
    const dead = 99_999_999; // above Linux's pid_max: no such process
    const parent = join(dir, "leftovers");
    const target = join(parent, "set");
    await writeOutputSet(target, setFiles("old", OLD_NAMES, 6));
    const oldSet = snapshot(target);
    // Killed while writing: a staging directory with part of a set.
    mkdirSync(join(parent, `.set.bansos-staging-${dead}-0a1b2c3d4e5f`));
    writeFileSync(join(parent, `.set.bansos-staging-${dead}-0a1b2c3d4e5f`, "a.csv"), "part");
    // Killed after the swap, while removing the old set.
    cpSync(target, join(parent, `.set.bansos-aside-${dead}-111111111111`), { recursive: true });
    // A writer still running (the test runner's parent process).
    mkdirSync(join(parent, `.set.bansos-staging-${process.ppid}-222222222222`));
    await prepareOutputDir(target);
    expect(snapshot(target)).toEqual(oldSet);
    expect(leftovers(parent)).toEqual([`.set.bansos-staging-${process.ppid}-222222222222`]);
    rmSync(join(parent, `.set.bansos-staging-${process.ppid}-222222222222`), { recursive: true });
    // Killed between the two renames: the directory is absent and the old set aside.
    cpSync(target, join(parent, `.set.bansos-aside-${dead}-333333333333`), { recursive: true });
    mkdirSync(join(parent, `.set.bansos-staging-${dead}-444444444444`));
    rmSync(target, { recursive: true });
    await writeOutputSet(target, setFiles("new", NEW_NAMES, 6)); // puts the old set back, then replaces it
    expect(readdirSync(target).sort()).toEqual([MANIFEST_NAME, ...NEW_NAMES].sort());
    expect(leftovers(parent)).toEqual([]);
  });

  it("writeResult writes one output set of CSV, JSON and Arrow", async () => {
    const out = join(dir, "write-result");
    const paths = await writeResult(out, simulate({ ...tiny, name: "r" }), { name: "run", formats: ["csv", "arrow"] });
    expect(paths).toEqual([join(out, "run.csv"), join(out, "run.arrow")]);
    expect(readdirSync(out).sort()).toEqual([MANIFEST_NAME, "run.arrow", "run.csv"]);
    await writeResult(out, simulate({ ...tiny, name: "r" }), { name: "run", formats: ["json"] });
    expect(readdirSync(out).sort()).toEqual([MANIFEST_NAME, "run.json"]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("--out on /proc and other paths Node's recursive mkdir cannot create", () => {
  beforeAll(() => assertCliBuilt());
  const ok = file("ok.json", { ...tiny, name: "ok" });

  it.skipIf(!existsSync("/proc"))("bansos run --out /proc/x fails fast with exit 2 naming the path and why (it used to never return)", async () => {
    const r = await bansosWithin(["run", ok, "--out", "/proc/x"], 20_000);
    expect(r.code).toBe(2);
    expect(r.seconds).toBeLessThan(10);
    expect(r.stderr).toBe('bansos: cannot write to --out "/proc/x": the file system does not allow creating directories in "/proc" (mkdir answered ENOENT)\n');
    const deep = await bansosWithin(["run", ok, "--out", "/proc/x/y/z", "--shard", "1/2"], 20_000);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toBe(
      'bansos: cannot write to --out "/proc/x/y/z": the file system does not allow creating "/proc/x" (mkdir answered ENOENT, though "/proc" exists)\n',
    );
    const sweep = await bansosWithin(["merge", join(dir, "none"), "--out", "/proc/self/x"], 20_000);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('bansos: cannot write to --out "/proc/self/x": ');
  });

  it.skipIf(!existsSync("/proc"))("makeDirectories creates one level at a time and names the level that fails", async () => {
    await makeDirectories(join(dir, "levels", "a", "b", "c"));
    expect(existsSync(join(dir, "levels", "a", "b", "c"))).toBe(true);
    writeFileSync(join(dir, "levels", "file"), "x");
    await expect(makeDirectories(join(dir, "levels", "file", "sub"))).rejects.toThrow(`"${join(dir, "levels", "file")}" is a file, not a directory`);
    const started = performance.now();
    await expect(makeDirectories("/proc/x/y")).rejects.toThrow('the file system does not allow creating "/proc/x"');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// ---------------------------------------------------------------------------------------------
describe("input errors that used to be internal errors", () => {
  beforeAll(() => assertCliBuilt());
  const ok = file("ok2.json", { ...tiny, name: "ok" });

  it("a directory where trajectories.csv (or a shard file) should go: exit 2 naming it", async () => {
    const out = join(dir, "dir-in-the-way");
    mkdirSync(join(out, "trajectories.csv"), { recursive: true });
    const r = await bansos(["run", ok, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `bansos: cannot write to --out "${out}": it holds "trajectories.csv" (a directory), which bansos did not write as an output set there (it has no ${MANIFEST_NAME}); an output directory is replaced as a whole, so move these away or name another directory\n`,
    );
    expect(readdirSync(out)).toEqual(["trajectories.csv"]);
    const shards = join(dir, "shard-in-the-way");
    mkdirSync(join(shards, "shard-1-of-2.json"), { recursive: true });
    const s = await bansos(["run", ok, "--out", shards, "--shard", "1/2"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe(`bansos: cannot write to --out "${shards}": "${join(shards, "shard-1-of-2.json")}": it is a directory (EISDIR)\n`);
    expect(readdirSync(shards)).toEqual(["shard-1-of-2.json"]); // no temporary file left
  });

  it("a 50 MB scenario name: exit 2, name: expected at most 200 characters (also for a budget-matched scenario)", async () => {
    const huge = "n".repeat(50_000_000);
    const big = file("huge-name.json", { ...tiny, name: huge });
    const matched = file("huge-matched.json", { name: huge, budgetMatchedTo: "ok" });
    const withProgramme = file("ok-programme.json", { ...tiny, name: "ok", programme: { rule: { kind: "progresa" } } });
    const [r, m] = await Promise.all([
      bansos(["run", big, "--out", join(dir, "huge")]),
      bansos(["compare", withProgramme, matched, "--out", join(dir, "huge-compare")]),
    ]);
    const line = (f: string) => `bansos: ${f}: name: expected at most 200 characters, found "${"n".repeat(57)}..." (50000000 characters)\n`;
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(line(big));
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(line(matched));
    expect(existsSync(join(dir, "huge"))).toBe(false);
    // The library refuses it the same way, with the field path.
    const error = (() => {
      try {
        parseScenario({ name: "x".repeat(201) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([
      { path: "name", expected: "at most 200 characters", found: expect.stringContaining("(201 characters)") },
    ]);
    expect(parseScenario({ name: "x".repeat(200) }).name).toHaveLength(200);
  });

  it("file-system errors caused by --out are exit 2 naming the path, whatever the code; an I/O error stays internal (exit 1)", async () => {
    // A preload makes one file-system call fail as the given code would: open of a file of the set, or mkdir of the staging directory.
    const preload = file(
      "fail-fs.mjs",
      [
        'import { createRequire, syncBuiltinESMExports } from "node:module";',
        'const promises = createRequire(import.meta.url)("fs/promises");',
        "const { BANSOS_FAIL_CODE: code, BANSOS_FAIL_ON: on } = process.env;",
        "const original = promises[on];",
        "const hit = on === 'open' ? /\\.bansos-staging-[^/]*\\/./ : /\\.bansos-staging-[^/]*$/;",
        "promises[on] = async (path, ...rest) => {",
        "  if (hit.test(String(path))) throw Object.assign(new Error(`${code}: simulated, ${on} '${path}'`), { code, syscall: on, path: String(path) });",
        "  return original(path, ...rest);",
        "};",
        "syncBuiltinESMExports();",
      ].join("\n"),
    );
    const cases: [string, "open" | "mkdir", number, string][] = [
      ["ENOSPC", "open", 2, "cannot write the output set: no space left on the device (ENOSPC)"],
      ["EDQUOT", "open", 2, "cannot write the output set: disk quota exceeded (EDQUOT)"],
      ["EFBIG", "open", 2, "cannot write the output set: file too large (EFBIG)"],
      ["EACCES", "open", 2, "cannot write the output set: permission denied (EACCES)"],
      ["EROFS", "mkdir", 2, `cannot create a directory in "${dir}": read-only file system (EROFS)`],
      ["EPERM", "mkdir", 2, `cannot create a directory in "${dir}": operation not permitted (EPERM)`],
      ["ENOSPC", "mkdir", 2, `cannot create a directory in "${dir}": no space left on the device (ENOSPC)`],
      ["EIO", "open", 1, "internal error: EIO: simulated, open"],
    ];
    const runs = await Promise.all(
      cases.map(([code, on], k) =>
        bansos(["run", ok, "--out", join(dir, `fs-${k}`), "--format", "csv"], {
          nodeArgs: ["--import", preload],
          env: { BANSOS_FAIL_CODE: code, BANSOS_FAIL_ON: on },
        }),
      ),
    );
    runs.forEach((r, k) => {
      const [code, on, exit, reason] = cases[k]!;
      expect(r.code, `${code} on ${on}: ${r.stderr}`).toBe(exit);
      expect(r.stderr).toContain(exit === 2 ? `bansos: cannot write to --out "${join(dir, `fs-${k}`)}": ${reason}\n` : `bansos: ${reason}`);
      expect(existsSync(join(dir, `fs-${k}`))).toBe(false); // nothing of the set appeared
      expect(leftovers(dir, `fs-${k}`)).toEqual([]);
    });
  });
});
