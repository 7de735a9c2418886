/**
 * Checkpoints that cannot lie (issue 15; docs/reliability.md, section 6): hostile reproductions.
 * Every damaged, edited, relabelled, truncated, older or foreign checkpoint is refused by
 * `Run.resume` with a `CheckpointError` naming the source and the field that did not match —
 * never a TypeError, never a silent resume. The digest is recomputed here from its documented
 * definition with node:crypto, which also shows its limit: whoever recomputes it can forge a file.
 * Each `refused(…)` call is one hostile case; the counts per class are printed at the end (and
 * quoted in docs/reliability.md).
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { CheckpointError, Run, createPopulation, finishRun, parseScenario } from "../src/index.js";
import type { Checkpoint, TransferRule } from "../src/index.js";

const scenario = parseScenario({
  seed: "integrity",
  months: 8,
  start: "1997-09",
  population: { households: 200, localities: 8 },
  programme: { rule: { kind: "progresa" }, payment: { everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 1 } },
});
const population = createPopulation(scenario);
const uninterrupted = finishRun(Run.start(scenario, population).advance().shard(), population);
const odd = Array.from({ length: 100 }, (_, k) => 2 * k + 1);
/** A checkpoint at month 4, through JSON as a file would be. */
const text = JSON.stringify(Run.start(scenario, population).advance(4).checkpoint());
const fresh = (): Record<string, any> => JSON.parse(text) as Record<string, any>;
const shardText = JSON.stringify(Run.start(scenario, population, odd).advance(4).checkpoint());

const counts = new Map<string, number>();

/** Resume must throw a CheckpointError naming the source and `field`, with `what` in the message. */
function refused(kind: string, checkpoint: unknown, field: string, what: RegExp, options: { rule?: TransferRule } = {}): void {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let error: unknown;
  try {
    Run.resume(checkpoint as Checkpoint, { population, source: "cp.json", ...options });
  } catch (e) {
    error = e;
  }
  expect(error, `${kind}: ${field} was resumed`).toBeInstanceOf(CheckpointError);
  const e = error as CheckpointError;
  expect(e.source).toBe("cp.json");
  expect(
    e.problems.map((p) => p.field),
    `${kind}: ${e.message}`,
  ).toContain(field);
  expect(e.message).toMatch(/^Run\.resume: cannot resume cp\.json \(\d+ problems?\):\n {2}- cp\.json: /);
  expect(e.message, kind).toMatch(what);
}

/** Base64 text with one character changed to another of the alphabet, inside the data (so the bytes change). */
function flipOne(b64: string, at = 0.5): string {
  const end = b64.replace(/=+$/, "").length;
  const k = Math.min(end - 2, Math.max(0, Math.floor(end * at)));
  const c = b64[k]!;
  return `${b64.slice(0, k)}${c === "A" ? "B" : "A"}${b64.slice(k + 1)}`;
}

const mismatch = /does not match its recorded SHA-256 \(recorded [0-9a-f]{12}…, computed [0-9a-f]{12}…\)/;

afterAll(() => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[checkpoint integrity] ${total} hostile cases refused: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
});

describe("checkpoints: the good path", () => {
  it("resumes from the object, the parsed JSON and the JSON text, with exactly the uninterrupted result", () => {
    const run = Run.start(scenario, population).advance(4);
    for (const checkpoint of [run.checkpoint(), fresh() as Checkpoint, text]) {
      const resumed = Run.resume(checkpoint, { population }).advance();
      expect(finishRun(resumed.shard(), population)).toEqual(uninterrupted);
    }
    expect(
      Run.resume(JSON.parse(shardText) as Checkpoint, { population })
        .advance()
        .shard().data,
    ).toEqual(Run.start(scenario, population, odd).advance().shard().data);
  });

  it("accepts white space and re-indentation (JSON.stringify(…, null, 2)): the digest is over values, not layout", () => {
    const resumed = Run.resume(JSON.stringify(fresh(), null, 2), { population }).advance();
    expect(finishRun(resumed.shard(), population)).toEqual(uninterrupted);
  });
});

describe("checkpoints: damage and edits of the data", () => {
  it("refuses one changed base64 character in each state array, at three places", () => {
    const names = Object.keys(fresh().state);
    expect(names.length).toBeGreaterThan(40);
    let flipped = 0;
    for (const name of names) {
      if (fresh().state[name].length < 8) continue; // an empty array (an interaction channel that is off) has nothing to flip
      for (const at of [0, 0.5, 1]) {
        const cp = fresh();
        cp.state[name] = flipOne(cp.state[name], at);
        refused("state array byte", cp, `state.${name}`, mismatch);
        flipped++;
      }
    }
    expect(flipped).toBeGreaterThan(100);
  });

  it("refuses one changed byte of the accumulators and of the household list", () => {
    for (const at of [0, 0.3, 0.7, 1]) {
      const cp = fresh();
      cp.data = flipOne(cp.data, at);
      refused("accumulator byte", cp, "data", mismatch);
      const shard = JSON.parse(shardText);
      shard.households = flipOne(shard.households, at);
      refused("household list byte", shard, "households", mismatch);
    }
  });

  it("refuses base64 that does not decode, and arrays cut short", () => {
    const cases: [string, (cp: Record<string, any>) => void, string, RegExp][] = [
      [
        "invalid character",
        (cp) => (cp.state.enrolled = `@${cp.state.enrolled.slice(1)}`),
        "state.enrolled",
        /not valid base64 \(invalid character "@" at 0\)/,
      ],
      [
        "length not a multiple of 4",
        (cp) => (cp.state.alive = cp.state.alive.slice(0, -1)),
        "state.alive",
        /not valid base64 \(length \d+ is not a multiple of 4\)/,
      ],
      ["padding inside", (cp) => (cp.data = `AA==${cp.data}`), "data", /not valid base64/],
      ["accumulators cut by 4 characters (3 bytes)", (cp) => (cp.data = cp.data.slice(0, -4)), "data", /not a whole number of 8-byte values/],
      ["state array cut by 4 characters", (cp) => (cp.state.savings = cp.state.savings.slice(0, -4)), "state.savings", mismatch],
      ["empty state array", (cp) => (cp.state.haz = ""), "state.haz", mismatch],
      ["accumulators not base64 at all", (cp) => (cp.data = 17), "data", /expected base64 of the accumulators, found 17/],
      ["state array not a string", (cp) => (cp.state.enrolled = [1, 2]), "state.enrolled", /expected base64 text, found an array of 2/],
    ];
    for (const [label, change, field, what] of cases) {
      const cp = fresh();
      change(cp);
      refused("undecodable or short base64", cp, field, what);
      expect(label).toBeTruthy();
    }
  });
});

describe("checkpoints: relabelling", () => {
  it("refuses a replaced rule spec, seed, months or population, and a relabelled month", () => {
    const edits: [(cp: Record<string, any>) => void, string][] = [
      [(cp) => (cp.scenario.programme.rule = { kind: "unconditional", lcuPerMonth: 300 }), "scenario"],
      [(cp) => (cp.scenario.programme.rule.kind = "pkh"), "scenario"],
      [(cp) => (cp.scenario.seed = "other"), "scenario"],
      [(cp) => (cp.scenario.months = 12), "scenario"],
      [(cp) => (cp.scenario.name = "relabelled"), "scenario"],
      [(cp) => (cp.scenario.population.parameters.povertyLineLcuPerMonth *= 2), "scenario"],
      [(cp) => (cp.month = 3), "month"],
      [(cp) => (cp.population.persons += 1), "population"],
      [(cp) => (cp.households = JSON.parse(shardText).households), "households"],
    ];
    for (const [edit, field] of edits) {
      const cp = fresh();
      edit(cp);
      refused("relabelled field", cp, field, mismatch);
    }
  });

  it("refuses state or accumulators swapped in from another run's checkpoint (another seed, another month)", () => {
    const otherSeed = JSON.parse(
      JSON.stringify(
        Run.start(parseScenario({ ...scenario, seed: "other" }))
          .advance(4)
          .checkpoint(),
      ),
    );
    const earlier = JSON.parse(JSON.stringify(Run.start(scenario, population).advance(3).checkpoint()));
    let cp = fresh();
    cp.state = otherSeed.state;
    refused("swapped between runs", cp, "state.savings", mismatch);
    cp = fresh();
    cp.data = otherSeed.data;
    refused("swapped between runs", cp, "data", mismatch);
    cp = fresh();
    cp.state.enrolled = otherSeed.state.enrolled;
    refused("swapped between runs", cp, "state.enrolled", mismatch);
    // Month and accumulators from the checkpoint of month 3: consistent with each other, not with the state.
    cp = fresh();
    cp.month = earlier.month;
    cp.data = earlier.data;
    refused("swapped between runs", cp, "month", mismatch);
    // The other run's whole checkpoint with this one's integrity record.
    refused("swapped between runs", { ...otherSeed, integrity: fresh().integrity }, "scenario", mismatch);
  });

  it("refuses an edited integrity record: the file digest, a part digest, a missing part digest, an extra one", () => {
    let cp = fresh();
    cp.integrity.digest = cp.integrity.digest.replace(/^./, (c: string) => (c === "0" ? "1" : "0"));
    refused("edited integrity record", cp, "integrity.digest", /does not match the digests of the parts: the integrity record was edited/);
    cp = fresh();
    cp.integrity.parts["state.alive"] = cp.integrity.parts["state.enrolled"];
    refused("edited integrity record", cp, "state.alive", mismatch);
    cp = fresh();
    delete cp.integrity.parts.data;
    refused("edited integrity record", cp, "data", /has no recorded digest/);
    cp = fresh();
    cp.integrity.parts["state.extra"] = cp.integrity.parts.data;
    refused("edited integrity record", cp, "state.extra", /is missing, but the digest records it/);
    cp = fresh();
    cp.integrity.algorithm = "md5";
    refused("edited integrity record", cp, "integrity.algorithm", /expected "sha256"/);
    cp = fresh();
    cp.integrity.digest = "not hex";
    refused("edited integrity record", cp, "integrity.digest", /64 lowercase hex digits/);
  });

  it("refuses a code rule of another name, a missing one, a non-rule, and a code rule for a built-in rule", () => {
    const flat: TransferRule = { name: "flat", offers: () => [{ component: "flat", lcuPerMonth: 50 }] };
    const s = parseScenario({ ...scenario, programme: { rule: flat, targeting: { kind: "all" } } });
    const p = createPopulation(s);
    const cp = JSON.parse(JSON.stringify(Run.start(s, p).advance(3).checkpoint()));
    expect(cp.scenario.programme.rule).toEqual({ kind: "custom", name: "flat" });
    const resume = (rule: unknown) => () => Run.resume(cp, { population: p, source: "cp.json", ...(rule === undefined ? {} : { rule: rule as TransferRule }) });
    expect(finishRun(resume(flat)().advance().shard(), p)).toEqual(finishRun(Run.start(s, p).advance().shard(), p));
    counts.set("code rule", (counts.get("code rule") ?? 0) + 4); // the four expect(…).toThrow below
    expect(resume(undefined)).toThrow(/options\.rule: the checkpoint's scenario used the code rule "flat"; pass it as options\.rule/);
    expect(resume({ name: "generous", offers: () => [{ component: "flat", lcuPerMonth: 500 }] })).toThrow(
      /options\.rule: the checkpoint's scenario used the code rule "flat", but options\.rule is "generous"/,
    );
    expect(resume({ name: "flat" })).toThrow(CheckpointError);
    expect(() => Run.resume(text, { population, rule: flat })).toThrow(/options\.rule: the checkpoint's rule is in its scenario \(kind "progresa"\)/);
    // A code-rule checkpoint relabelled to another rule name is refused by the digest.
    const renamed = JSON.parse(JSON.stringify(cp));
    renamed.scenario.programme.rule.name = "generous";
    refused("code rule", renamed, "scenario", mismatch, { rule: { name: "generous", offers: () => [] } });
  });
});

describe("checkpoints: structure", () => {
  it("refuses each field removed, with its name — never a TypeError", () => {
    const fields: [string, RegExp][] = [
      ["scenario", /scenario: expected the resolved scenario \(an object\), found nothing \(missing\)/],
      ["state", /state: expected the state arrays/],
      ["data", /data: expected base64 of the accumulators, found nothing/],
      ["month", /month: expected the months completed \(an integer ≥ 0\), found nothing/],
      ["households", /households: expected null \(all households\) or base64/],
      ["population", /population: expected \{ persons, slots \}/],
      ["integrity", /integrity: missing or not an object: the file carries no digest/],
      ["format", /format: expected "bansos-checkpoint\/3", found nothing \(missing\): not a bansos checkpoint/],
      ["version", /version: the checkpoint was written by bansos nothing \(missing\)/],
    ];
    for (const [field, what] of fields) {
      const cp = fresh();
      delete cp[field];
      refused("field removed", cp, field, what);
    }
    const cp = fresh();
    delete cp.state.enrolled;
    refused("field removed", cp, "state.enrolled", /is missing, but the digest records it/);
    const rule = fresh();
    delete rule.scenario.programme.rule;
    refused("field removed", rule, "scenario", mismatch);
  });

  it("refuses wrong types, unknown fields and things that are not checkpoints", () => {
    const cases: [unknown, string, RegExp][] = [
      [null, "(root)", /expected a checkpoint \(an object from Run\.checkpoint\(\)\), found null/],
      [42, "(root)", /found 42/],
      [[1, 2], "(root)", /found an array of 2/],
      ["[1, 2]", "(root)", /found an array of 2/],
      [{ ...fresh(), month: -1 }, "month", /expected the months completed/],
      [{ ...fresh(), month: 2.5 }, "month", /expected the months completed/],
      [{ ...fresh(), month: "4" }, "month", /found "4"/],
      [{ ...fresh(), scenario: [] }, "scenario", /found an array of 0/],
      [{ ...fresh(), state: {} }, "state", /expected the state arrays/],
      [{ ...fresh(), population: { persons: 1 } }, "population", /expected \{ persons, slots \}/],
      [{ ...fresh(), households: 7 }, "households", /found 7/],
      [{ ...fresh(), comment: "hello" }, "comment", /not a field of a checkpoint/],
      [{ ...fresh(), format: "other" }, "format", /not a bansos checkpoint/],
    ];
    for (const [cp, field, what] of cases) refused("wrong type or not a checkpoint", cp, field, what);
  });

  it("refuses the JSON text truncated at 12 points, and damaged text", () => {
    for (let k = 0; k < 12; k++) {
      const at = Math.floor((text.length * k) / 12) + (k === 0 ? 1 : 0);
      refused("truncated text", text.slice(0, at), "(text)", /not valid JSON \(truncated or damaged\?\)/);
    }
    refused("truncated text", text.slice(0, -1), "(text)", /not valid JSON/);
    refused("truncated text", "", "(text)", /not valid JSON/);
    refused("truncated text", text.replace('"month":4', '"month":4,,'), "(text)", /not valid JSON/);
  });

  it("refuses another library version and older checkpoint formats with a clear message", () => {
    refused("version or format", { ...fresh(), version: "0.0.1" }, "version", /written by bansos 0\.0\.1; this is \d+\.\d+\.\d+, whose model may differ/);
    refused("version or format", { ...fresh(), version: "9.0.0" }, "version", /written by bansos 9\.0\.0/);
    for (const format of ["bansos-checkpoint/2", "bansos-checkpoint/1"]) {
      const cp = fresh();
      cp.format = format;
      delete cp.integrity;
      refused(
        "version or format",
        cp,
        "format",
        new RegExp(`${format.replace("/", "\\/")} is an older checkpoint layout, without a digest; this bansos reads bansos-checkpoint\\/3 only`),
      );
    }
    refused("version or format", { ...fresh(), format: "bansos-checkpoint/4" }, "format", /not a bansos checkpoint/);
  });

  it("refuses a checkpoint that does not fit its scenario even with a matching digest (a forged file)", () => {
    // What the digest cannot stop: whoever recomputes it makes a file that passes it. The checks after
    // the digest still refuse what does not fit the run; what fits is resumed (a digest is not a signature).
    const forged = fresh();
    forged.month = 9; // more months than the scenario's 8
    refused("forged with a recomputed digest", reseal(forged), "month", /9 months completed, but the scenario has 8/);
    const doubled = JSON.parse(shardText);
    const list = new Int32Array(new Uint8Array(Buffer.from(doubled.households, "base64")).buffer);
    list[1] = list[0]!;
    doubled.households = Buffer.from(list.buffer).toString("base64");
    refused("forged with a recomputed digest", reseal(doubled), "households", /household 1 is listed twice/);
    const extra = fresh();
    extra.state.extra = "AAAA";
    refused("forged with a recomputed digest", reseal(extra), "state.extra", /not a state array of this run/);
    const missing = fresh();
    delete missing.state.enrolled;
    refused("forged with a recomputed digest", reseal(missing), "state.enrolled", /missing: this run has such a state array/);
    const short = fresh();
    short.state.enrolled = short.state.enrolled.slice(0, -4);
    refused("forged with a recomputed digest", reseal(short), "state.enrolled", /bytes, expected/);
    const invalid = fresh();
    invalid.scenario.population.households = -5;
    refused("forged with a recomputed digest", reseal(invalid), "scenario.population.households", /expected a value ≥ 1, found -5/);
    // A forged edit that fits is resumed: the digest protects against damage and careless edits, not against forgery.
    const relabelled = fresh();
    relabelled.scenario.name = "forged";
    expect(Run.resume(reseal(relabelled), { population }).scenario.name).toBe("forged");
  });
});

describe("the digest definition (docs/reliability.md, section 6), recomputed with node:crypto", () => {
  it("is the recorded one, for a checkpoint of all households and of a household list", () => {
    for (const t of [text, shardText]) {
      const cp = JSON.parse(t);
      expect(reseal(JSON.parse(t)).integrity).toEqual(cp.integrity);
    }
  });
});

/**
 * The integrity record of a checkpoint per its documented definition, computed independently of
 * src/foundation (node:crypto, Buffer): a forger's tool.
 */
function reseal(cp: Record<string, any>): Checkpoint {
  const sha = (...chunks: Uint8Array[]) => {
    const h = createHash("sha256");
    for (const c of chunks) h.update(c);
    return h.digest();
  };
  const json = (v: unknown) => sha(Buffer.from("J"), Buffer.from(JSON.stringify(v) ?? "null", "utf8"));
  const bytes = (b64: string) => sha(Buffer.from("B"), Buffer.from(b64, "base64"));
  const parts: [string, Buffer][] = [
    ["format", json(cp.format)],
    ["version", json(cp.version)],
    ["scenario", json(cp.scenario)],
    ["month", json(cp.month)],
    ["households", cp.households === null ? json(null) : bytes(cp.households)],
    ["population", json(cp.population)],
    ["data", bytes(cp.data)],
    ...Object.entries(cp.state as Record<string, string>).map(([name, b64]): [string, Buffer] => [`state.${name}`, bytes(b64)]),
  ];
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const zero = Buffer.from([0]);
  const digest = sha(Buffer.from("bansos-integrity/1"), zero, ...parts.flatMap(([name, d]) => [Buffer.from(name, "utf8"), zero, d]));
  return {
    ...cp,
    integrity: { algorithm: "sha256", digest: digest.toString("hex"), parts: Object.fromEntries(parts.map(([n, d]) => [n, d.toString("hex")])) },
  } as Checkpoint;
}
