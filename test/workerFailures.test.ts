/**
 * Worker threads and failure: the deadline of code rules (a rule that never returns is stopped,
 * one that is merely slow is not, results are unchanged by the deadline) and errors crossing
 * threads with their class and fields. The misbehaving rules are in fixtures/hostileRules.ts.
 * Each worker starts in ~1 s (it registers the TypeScript loader): the file takes ~35 s.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CapacityError, compare, RuleError, RuleTimeoutError, ScenarioError, simulate, sweep } from "../src/index.js";
import { compareInWorkers, simulateInWorkers, sweepInWorkers } from "../src/node/index.js";
import { scenario, scenarios } from "./fixtures/hostileRules.js";
import type { HostileParams } from "./fixtures/hostileRules.js";
import { rebuildError, serialiseError } from "../src/node/workerErrors.js";

const module = new URL("./fixtures/hostileRules.ts", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "bansos-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The deadline of these tests, ms: short, so that the file stays fast. */
const DEADLINE = 600;

/** What a misbehaving rule wrote to its marker file for `household` as it began: household, month, time (ms since the epoch). */
function markerOf(marker: string, household: number): { household: number; month: number; at: number } {
  return JSON.parse(readFileSync(`${marker}.${household}`, "utf8")) as { household: number; month: number; at: number };
}

/** The error a promise rejects with, and when (ms since the epoch). */
async function failure(run: Promise<unknown>): Promise<{ error: unknown; at: number }> {
  try {
    await run;
  } catch (error) {
    return { error, at: Date.now() };
  }
  throw new Error("the run did not fail");
}

/** Name, message, fields and cause message of an error, to compare errors of two threads. */
function described(error: unknown): Record<string, unknown> {
  const e = error as Error & Record<string, unknown>;
  const cause = e.cause instanceof Error ? e.cause.message : e.cause;
  return {
    name: e.name,
    message: e.message,
    rule: e.rule,
    household: e.household,
    month: e.month,
    problems: e.problems,
    estimatedBytes: e.estimatedBytes,
    limitBytes: e.limitBytes,
    cause,
  };
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("the deadline of code rules in worker threads", () => {
  /** Run the hang `misbehaviour` and check the error: class, fields, message, and that it came within the deadline + 1 s of the hang. */
  async function expectStopped(run: (params: HostileParams) => Promise<unknown>, misbehaviour: HostileParams["misbehaviour"], call: string) {
    const marker = join(dir, `${misbehaviour}-${Math.random().toString(36).slice(2)}`);
    const { error, at } = await failure(run({ misbehaviour, marker }));
    expect(error).toBeInstanceOf(RuleTimeoutError);
    const began = markerOf(marker, (error as RuleTimeoutError).household);
    expect(error).toBeInstanceOf(RuleError);
    const e = error as RuleTimeoutError;
    expect(e).toMatchObject({ rule: `hostile rule (${misbehaviour})`, household: began.household, month: 2, call, deadlineMs: DEADLINE });
    expect(e.message).toContain(`Transfer rule "hostile rule (${misbehaviour})" failed`);
    expect(e.message).toContain(began.household >= 0 ? `for household ${began.household} in month 2` : "in month 2");
    expect(e.message).toMatch(/deadline of 0.6 s.*ruleDeadlineMs/);
    // Never before the deadline: the watch counts from its first sight of the call, which began a moment
    // before the rule wrote its marker (a file write: allow 50 ms for it on a loaded machine).
    expect(at - began.at).toBeGreaterThanOrEqual(DEADLINE - 50);
    expect(at - began.at).toBeLessThan(DEADLINE + 1000);
  }

  it("stops simulateInWorkers when offers() never returns, naming rule, household and month", async () => {
    await expectStopped((params) => simulateInWorkers({ module, params }, { workers: 1, ruleDeadlineMs: DEADLINE }), "loop-offers", "offers");
  });

  it("stops simulateInWorkers on 2 workers when a defineRule writer never returns (the fast path is watched too)", async () => {
    await expectStopped((params) => simulateInWorkers({ module, params }, { workers: 2, ruleDeadlineMs: DEADLINE }), "loop-write", "write");
  });

  it("stops simulateInWorkers when capForMonth() never returns (household −1)", async () => {
    await expectStopped((params) => simulateInWorkers({ module, params }, { workers: 1, ruleDeadlineMs: DEADLINE }), "loop-cap", "capForMonth");
  });

  it("stops compareInWorkers when offers() or capForMonth() never returns", async () => {
    await expectStopped(
      (params) => compareInWorkers({ module, params }, { replications: 2, seed: 1, workers: 2, ruleDeadlineMs: DEADLINE }),
      "loop-offers",
      "offers",
    );
    await expectStopped(
      (params) => compareInWorkers({ module, params }, { replications: 1, seed: 1, workers: 1, ruleDeadlineMs: DEADLINE }),
      "loop-cap",
      "capForMonth",
    );
  });

  it("does not stop a rule that computes for just under the deadline, and its results are simulate()'s", async () => {
    const params: HostileParams = { misbehaviour: "sleep-offers", sleepMs: DEADLINE - 120, marker: join(dir, "sleep") };
    const result = await simulateInWorkers({ module, params }, { workers: 1, ruleDeadlineMs: DEADLINE });
    expect(markerOf(params.marker!, 7)).toMatchObject({ household: 7, month: 2 }); // it did compute that long
    const direct = simulate(scenario({ misbehaviour: "none" }));
    expect(result.months).toEqual(direct.months);
    expect(result.final).toEqual(direct.final);
  });

  it("gives the same results with and without the deadline, equal to simulate() and compare() (plain and defineRule rules)", async () => {
    for (const params of [{ misbehaviour: "none" }, { misbehaviour: "none", defined: true }] as HostileParams[]) {
      const direct = simulate(scenario(params));
      expect(await simulateInWorkers({ module, params }, { workers: 1 })).toEqual(direct); // the default deadline, 10 s
      if (params.defined !== true) expect(await simulateInWorkers({ module, params }, { workers: 1, ruleDeadlineMs: 0 })).toEqual(direct);
    }
    // compareInWorkers with a code rule: every value is compare()'s; the rule comes back as { kind: "custom", name }.
    const params: HostileParams = { misbehaviour: "none" };
    const options = { replications: 2, seed: "same" };
    const inWorkers = await compareInWorkers({ module, params }, { ...options, workers: 1 });
    const direct = compare(scenarios(params), options);
    expect(inWorkers.values).toEqual(direct.values);
    expect(inWorkers.outcomes).toEqual(direct.outcomes);
    expect(inWorkers.resolved["hostile"]?.programme?.rule).toEqual({ kind: "custom", name: "hostile rule (none)" });
  });

  it("refuses a deadline that is not a number ≥ 0", async () => {
    await expect(simulateInWorkers({ module, params: { misbehaviour: "none" } }, { ruleDeadlineMs: -1 })).rejects.toThrow(RangeError);
    await expect(compareInWorkers({ module, params: { misbehaviour: "none" } }, { replications: 1, seed: 1, ruleDeadlineMs: Number.NaN })).rejects.toThrow(
      /ruleDeadlineMs/,
    );
  });
});

describe("errors thrown in worker threads arrive with their class and fields", () => {
  it("RuleError from simulateInWorkers and compareInWorkers: rule, household, month, message and cause as in this thread", async () => {
    const params: HostileParams = { misbehaviour: "throw-offers" };
    const here = thrownBy(() => simulate(scenario(params)));
    expect(here).toBeInstanceOf(RuleError);
    expect(described(here)).toMatchObject({ household: 7, month: 2, cause: "boom" });
    const simulated = (await failure(simulateInWorkers({ module, params }, { workers: 1 }))).error;
    expect(simulated).toBeInstanceOf(RuleError);
    expect(simulated).not.toBeInstanceOf(RuleTimeoutError);
    expect(described(simulated)).toEqual(described(here));
    expect((simulated as Error).stack).toContain("simulateWorker.ts"); // the worker's stack
    const compared = (await failure(compareInWorkers({ module, params }, { replications: 1, seed: "hostile", workers: 1 }))).error;
    expect(compared).toBeInstanceOf(RuleError);
    expect(described(compared)).toEqual(described(thrownBy(() => compare(scenarios(params), { replications: 1, seed: "hostile" }))));
  });

  it("ScenarioError and CapacityError from compareInWorkers: problems, estimate and limit as in this thread", async () => {
    for (const misbehaviour of ["invalid-scenario", "too-large"] as const) {
      const params: HostileParams = { misbehaviour };
      const here = thrownBy(() => compare(scenarios(params), { replications: 1, seed: 1 }));
      const there = (await failure(compareInWorkers({ module, params }, { replications: 1, seed: 1, workers: 1 }))).error;
      expect(here).toBeInstanceOf(misbehaviour === "too-large" ? CapacityError : ScenarioError);
      expect(there).toBeInstanceOf(misbehaviour === "too-large" ? CapacityError : ScenarioError);
      expect(described(there)).toEqual(described(here));
    }
  });

  it("RuleError of a built-in rule from sweepInWorkers, as sweep() throws it", async () => {
    const base = { ...(scenario({ misbehaviour: "none" }) as object), programme: { rule: { kind: "progresa" }, maxOfferLcuPerMonth: 1 } };
    const grid = { "programme.startMonth": [0] };
    const here = thrownBy(() => sweep(base, grid, { replications: 1, seed: 1 }));
    const there = (await failure(sweepInWorkers(base, grid, { replications: 1, seed: 1, workers: 1 }))).error;
    expect(there).toBeInstanceOf(RuleError);
    expect(described(there)).toEqual(described(here));
  });

  it("keeps the name, message and stack of any other error, and the class of built-in ones", async () => {
    const run = { module, exportName: "failing" };
    const own = (await failure(compareInWorkers(run, { replications: 1, seed: 1, workers: 1 }))).error as Error;
    expect(own.constructor).toBe(Error);
    expect(own).toMatchObject({ name: "FixtureError", message: "failing: an error of the module's own class" });
    expect(own.stack).toContain("hostileRules.ts");
    // The same serialisation, without a thread: built-in classes are rebuilt as themselves; a thrown non-Error becomes an Error.
    const type = rebuildError(serialiseError(new TypeError("a TypeError")));
    expect(type).toBeInstanceOf(TypeError);
    expect(type.message).toBe("a TypeError");
    expect(rebuildError(serialiseError("a string"))).toMatchObject({ name: "Error", message: "a string" });
  });
});
