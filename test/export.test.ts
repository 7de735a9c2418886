import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import {
  ARROW_METADATA_KEY,
  VERSION,
  compare,
  csvField,
  csvNumber,
  exportTable,
  simulate,
  sweep,
  tableRows,
  toArrow,
  toCsv,
  toJson,
  trajectoryChart,
} from "../src/index.js";
import type { Comparison, ExportDocument, ExportHeader, ExportRow, SimulationResult } from "../src/index.js";
import { compareInWorkers, writeFileAtomic, writeResult } from "../src/node/index.js";
import { scenarios as workerDesigns } from "./fixtures/designs.js";

/** A strict RFC 4180 reader: quoted fields (with "" inside), CRLF records, a header row. */
function parseCsv(text: string): { header: string[]; records: string[][] } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === "") {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not terminated by CRLF");
  const [header, ...rest] = records;
  return { header: header!, records: rest };
}

/** CSV records back to rows, numbers by column type (as a reader given the types would). */
function csvRows(text: string, numeric: readonly string[]): ExportRow[] {
  const { header, records } = parseCsv(text);
  return records.map((r) => {
    expect(r.length).toBe(header.length);
    const row: Record<string, string | number | null> = {};
    header.forEach((name, k) => {
      const v = r[k]!;
      row[name] = !numeric.includes(name) ? v : v === "" ? null : v === "Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v);
    });
    return row;
  });
}

/** Arrow IPC bytes back to rows (nulls kept as null, dictionary strings as strings). */
function arrowRows(bytes: Uint8Array): ExportRow[] {
  return tableFromIPC(bytes)
    .toArray()
    .map((r) => {
      const o = r.toJSON() as Record<string, string | number | null>;
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
    });
}

const TRAJECTORY_NUMERIC = ["replication", "month", "value"];
const ESTIMATE_NUMERIC = ["n", "mean", "sd", "lower", "upper", "difference", "differenceLower", "differenceUpper"];

/** A result's own tidy rows as export rows. */
function expectedRows(result: SimulationResult, replication = 0): ExportRow[] {
  return result.toRows().map((r) => ({ scenario: result.scenario.name, replication, ...r }));
}

const small = { months: 6, start: "1997-09", population: { households: 300, localities: 12 } } as const;
// A name with a comma and a quote: CSV must quote it.
const CCT = 'CCT, "Progresa"';
const designs = [
  { ...small, name: "none", programme: null },
  { ...small, name: CCT, programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } } },
];

describe("export of a simulation", () => {
  const result = simulate({ ...small, seed: "export", name: "cct", programme: { rule: { kind: "progresa" } } });
  const rows = expectedRows(result);

  it("has one row per month × segment × outcome × group (the tidy rows), with scenario and replication", () => {
    const table = exportTable(result);
    expect(table.kind).toBe("trajectories");
    expect(table.columns.map((c) => c.name)).toEqual(["scenario", "replication", "month", "date", "segment", "outcome", "group", "value"]);
    expect(tableRows(table)).toEqual(rows);
    expect(new Set(rows.map((r) => r.month)).size).toBe(6);
  });

  it("round-trips through CSV (RFC 4180, exact numbers)", () => {
    const csv = toCsv(result);
    expect(csv.startsWith("scenario,replication,month,date,segment,outcome,group,value\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csvRows(csv, TRAJECTORY_NUMERIC)).toEqual(rows);
  });

  it("round-trips through Arrow IPC, with the version, seed and scenario in the schema metadata", () => {
    const bytes = toArrow(result);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const table = tableFromIPC(bytes);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "scenario:Dictionary<Int32, Utf8>",
      "replication:Int32",
      "month:Int32",
      "date:Dictionary<Int32, Utf8>",
      "segment:Dictionary<Int32, Utf8>",
      "outcome:Dictionary<Int32, Utf8>",
      "group:Dictionary<Int32, Utf8>",
      "value:Float64",
    ]);
    expect(arrowRows(bytes)).toEqual(rows);
    const header = JSON.parse(table.schema.metadata.get(ARROW_METADATA_KEY)!) as ExportHeader;
    expect(header).toMatchObject({ format: "bansos-export", version: VERSION, kind: "simulation", seed: "export" });
    expect(header.scenario).toEqual(JSON.parse(JSON.stringify(result.scenario)));
  });

  it("round-trips through JSON, and re-running the JSON's scenario gives identical output", () => {
    const json = toJson(result);
    const doc = JSON.parse(json) as ExportDocument;
    expect(doc.version).toBe(VERSION);
    expect(doc.seed).toBe("export");
    expect(doc.columns).toEqual(["scenario", "replication", "month", "date", "segment", "outcome", "group", "value"]);
    expect(doc.rows).toEqual(rows);
    const again = simulate(doc.scenario);
    expect(toJson(again)).toBe(json);
    expect(toCsv(again)).toBe(toCsv(result));
  });

  it("exports the final summary metrics as the replications table", () => {
    const table = exportTable(result, { table: "replications" });
    expect(table.columns.map((c) => c.name)).toEqual(["scenario", "replication", "metric", "value"]);
    const back = csvRows(toCsv(table), ["replication", "value"]);
    expect(back.find((r) => r.metric === "totals/costLcu")?.value).toBe(result.final.totals.costLcu);
    expect(() => exportTable(result, { table: "estimates" })).toThrow(/comparison/);
  });
});

describe("export of a comparison", () => {
  const plain = compare(designs, { replications: 2, seed: "cmp" });
  const withTrajectories = compare(designs, { replications: 2, seed: "cmp", trajectories: true });

  it("trajectories leave every other part of the comparison exactly as without them", () => {
    expect("trajectories" in plain).toBe(false);
    const { trajectories, ...rest } = withTrajectories;
    expect(trajectories?.size).toBe(2);
    expect(rest).toEqual(plain);
  });

  it("keeps compact monthly series: one Float64Array per metric and replication", () => {
    const t = withTrajectories.trajectories!.get(CCT)!;
    expect(t.dates).toEqual(["1997-09", "1997-10", "1997-11", "1997-12", "1998-01", "1998-02"]);
    const series = t.metrics.get("poor/enrolment/age12to14")!;
    expect(series).toHaveLength(2);
    expect(series[0]).toBeInstanceOf(Float64Array);
    expect(series[0]).toHaveLength(6);
    expect(t.metrics.get("all/paidLcu/all")).toBeDefined(); // programme outcomes have segment "all", as in tidy rows
    // A list of names and prefixes keeps only those.
    const some = compare(designs, { replications: 1, seed: "cmp", trajectories: ["poor/enrolment/", "all/paidLcu"] });
    const kept = [...some.trajectories!.get(CCT)!.metrics.keys()];
    expect(kept).toContain("all/paidLcu/all");
    expect(kept.every((k) => k === "all/paidLcu/all" || k.startsWith("poor/enrolment/"))).toBe(true);
    expect(kept).toHaveLength(13);
  });

  it("trajectory rows of scenario s, replication r are the rows of re-running its resolved scenario", () => {
    const doc = JSON.parse(toJson(withTrajectories)) as ExportDocument;
    expect(doc.kind).toBe("comparison");
    expect(doc.seed).toBe("cmp");
    expect(doc.version).toBe(VERSION);
    const expected: ExportRow[] = [];
    for (const name of doc.scenarios!) {
      for (let r = 0; r < doc.replications!; r++) expected.push(...expectedRows(simulate(doc.resolvedByReplication![name]![r]), r));
    }
    // The same rows (in toRows' order within each month as long as the month record lists its sections in that order).
    const key = (r: ExportRow) => `${r.scenario}|${r.replication}|${r.month}|${r.segment}|${r.outcome}|${r.group}`;
    const sorted = (rows: readonly ExportRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(sorted(doc.rows)).toEqual(sorted(expected));
    expect(csvRows(toCsv(withTrajectories), TRAJECTORY_NUMERIC)).toEqual(doc.rows);
    expect(arrowRows(toArrow(withTrajectories))).toEqual(doc.rows);
  });

  it("re-runs from the JSON (scenarios, seed, replications) to the identical comparison", () => {
    const json = toJson(plain, { table: "estimates" });
    const doc = JSON.parse(json) as ExportDocument;
    const again = compare(
      doc.scenarios!.map((n) => doc.resolved![n]),
      { seed: doc.seed, replications: doc.replications! },
    );
    expect(toJson(again, { table: "estimates" })).toBe(json);
    expect(toCsv(again)).toBe(toCsv(plain));
  });

  it("exports replications and estimates tables that round-trip (missing differences as empty / null)", () => {
    const reps = tableRows(exportTable(plain));
    expect(reps.length).toBeGreaterThan(100);
    expect(csvRows(toCsv(plain), ["replication", "value"])).toEqual(reps);
    expect(arrowRows(toArrow(plain))).toEqual(reps);
    const cost = reps.filter((r) => r.metric === "totals/costLcu" && r.scenario === CCT).map((r) => r.value);
    expect(cost).toEqual(plain.values.get(CCT)!.get("totals/costLcu"));

    const estimates = tableRows(exportTable(plain, { table: "estimates" }));
    const base = estimates.find((r) => r.scenario === "none" && r.metric === "poor/enrolment/age12to14")!;
    expect(base.difference).toBeNull();
    const cct = estimates.find((r) => r.scenario === CCT && r.metric === "poor/enrolment/age12to14")!;
    expect(cct.difference).toBe(plain.outcomes.get("poor/enrolment/age12to14")!.get(CCT)!.difference!.mean);
    const csv = toCsv(plain, { table: "estimates" });
    expect(csv).toContain(`"CCT, ""Progresa""",poor/enrolment/age12to14,2,`);
    expect(csvRows(csv, ESTIMATE_NUMERIC)).toEqual(estimates);
    expect(arrowRows(toArrow(plain, { table: "estimates" }))).toEqual(estimates);
    expect(() => exportTable(plain, { table: "trajectories" })).toThrow(/trajectories: true/);
  });

  it("exports a sweep like its comparison, with the grid points in the header", () => {
    const s = sweep({ ...small, programme: { rule: { kind: "progresa" } } }, { "behaviour.priceEffect": [1, 2] }, { replications: 1, seed: "sw" });
    const doc = JSON.parse(toJson(s)) as ExportDocument;
    expect(doc.kind).toBe("sweep");
    expect(doc.points?.map((p) => p.name)).toEqual(s.points.map((p) => p.name));
    expect(doc.rows).toEqual(tableRows(exportTable(s.comparison)));
  });
});

describe("trajectories in worker threads", () => {
  it("are identical to compare() in process, and absent when not asked for", async () => {
    const module = new URL("./fixtures/designs.ts", import.meta.url);
    const params = { households: 300 };
    const options = { replications: 2, seed: "traj", trajectories: ["poor/", "all/paidLcu"] } as const;
    const direct: Comparison = compare(workerDesigns(params), options);
    const workers = await compareInWorkers({ module, params }, { ...options, workers: 2 });
    expect(workers.trajectories).toEqual(direct.trajectories);
    expect(workers.values).toEqual(direct.values);
    expect(toCsv(workers)).toBe(toCsv(direct));
    const off = await compareInWorkers({ module, params }, { replications: 2, seed: "traj", workers: 1 });
    expect("trajectories" in off).toBe(false);
    expect(off.values).toEqual(direct.values);
  });
});

describe("CSV fields and numbers", () => {
  it("quote only what RFC 4180 requires", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
  });

  it("print numbers that read back as the same double", () => {
    for (const v of [0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, 123456789.123, -2.5e-7, 2 ** 53 + 2, 0]) {
      expect(Number(csvNumber(v))).toBe(v);
    }
    expect(csvNumber(-0)).toBe("-0");
    expect(Object.is(Number(csvNumber(-0)), -0)).toBe(true);
    expect(csvNumber(Number.NaN)).toBe("");
    expect(csvNumber(Infinity)).toBe("Inf");
    expect(csvNumber(-Infinity)).toBe("-Inf");
  });
});

describe("atomic files (bansos/node)", () => {
  const dir = mkdtempSync(join(tmpdir(), "bansos-export-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leftovers = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

  it("writes text, bytes and chunks, leaving no temporary file", async () => {
    const path = join(dir, "a.txt");
    await writeFileAtomic(path, "héllo");
    expect(readFileSync(path, "utf8")).toBe("héllo");
    await writeFileAtomic(path, new Uint8Array([65, 66]));
    expect(readFileSync(path, "utf8")).toBe("AB");
    await writeFileAtomic(path, ["x", new Uint8Array([89]), "z"]);
    expect(readFileSync(path, "utf8")).toBe("xYz");
    expect(leftovers()).toEqual([]);
  });

  it("leaves the old file intact and no partial file when writing fails midway", async () => {
    const path = join(dir, "b.csv");
    writeFileSync(path, "old complete content");
    async function* failing() {
      yield "new,partial\r\n";
      yield "1,2\r\n";
      throw new Error("disk on fire");
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow("disk on fire");
    expect(readFileSync(path, "utf8")).toBe("old complete content");
    expect(leftovers()).toEqual([]);
    // A first write that fails leaves no file at all.
    const fresh = join(dir, "never.csv");
    await expect(writeFileAtomic(fresh, failing())).rejects.toThrow("disk on fire");
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("fails cleanly when the rename cannot happen or the directory does not exist", async () => {
    const target = join(dir, "occupied");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "keep");
    await expect(writeFileAtomic(target, "data")).rejects.toThrow();
    expect(readFileSync(join(target, "inside"), "utf8")).toBe("keep");
    expect(leftovers()).toEqual([]);
    await expect(writeFileAtomic(join(dir, "missing", "x.csv"), "data")).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("writeResult writes CSV, JSON and Arrow files that read back to the same rows", async () => {
    const result = simulate({ ...small, seed: "files", months: 3 });
    const out = join(dir, "out", "nested");
    const paths = await writeResult(out, result, { name: "run" });
    expect(paths).toEqual([join(out, "run.csv"), join(out, "run.json"), join(out, "run.arrow")]);
    const rows = expectedRows(result);
    expect(csvRows(readFileSync(paths[0]!, "utf8"), TRAJECTORY_NUMERIC)).toEqual(rows);
    expect((JSON.parse(readFileSync(paths[1]!, "utf8")) as ExportDocument).rows).toEqual(rows);
    expect(arrowRows(new Uint8Array(readFileSync(paths[2]!)))).toEqual(rows);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the notebook guide's example (docs/notebooks.md)", () => {
  const dir = mkdtempSync(join(tmpdir(), "bansos-notebook-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("simulates, writes CSV, Arrow and JSON, re-runs from the JSON, and charts a comparison", async () => {
    // As in docs/notebooks.md, with node:fs for Deno.writeTextFile / Deno.writeFile.
    const result = simulate({
      seed: "notebook",
      months: 24,
      start: "1997-09",
      population: { preset: "mexico-rural-1997", households: 1_000 },
      programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } },
    });
    expect(result.final.segments.poor.enrolment.age12to14).toBeGreaterThan(0);
    writeFileSync(join(dir, "result.csv"), toCsv(result));
    writeFileSync(join(dir, "result.arrow"), toArrow(result));
    writeFileSync(join(dir, "result.json"), toJson(result));
    const rows = expectedRows(result);
    expect(csvRows(readFileSync(join(dir, "result.csv"), "utf8"), TRAJECTORY_NUMERIC)).toEqual(rows);
    expect(arrowRows(new Uint8Array(readFileSync(join(dir, "result.arrow"))))).toEqual(rows);
    const text = readFileSync(join(dir, "result.json"), "utf8");
    expect(toJson(simulate((JSON.parse(text) as ExportDocument).scenario))).toBe(text);

    const common = { months: 24, start: "1997-09", population: { households: 1_000 } };
    const cmp = compare(
      [
        { ...common, name: "no programme", programme: null },
        { ...common, name: "Progresa CCT", programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } } },
      ],
      { replications: 4, seed: "notebook", trajectories: ["poor/enrolment/"] },
    );
    expect(cmp.outcomes.get("poor/enrolment/age12to14")?.get("Progresa CCT")?.difference?.mean).toBeGreaterThan(0);
    writeFileSync(join(dir, "trajectories.csv"), toCsv(cmp));
    writeFileSync(join(dir, "estimates.csv"), toCsv(cmp, { table: "estimates" }));
    const traj = csvRows(readFileSync(join(dir, "trajectories.csv"), "utf8"), TRAJECTORY_NUMERIC);
    expect(traj).toHaveLength(2 * 4 * 24 * 12); // scenarios × replications × months × enrolment groups (none undefined here)
    const spec = trajectoryChart(cmp, { metric: "poor/enrolment/age12to14" });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(2 * 24);
  });
});
