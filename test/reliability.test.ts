import { describe, expect, it } from "vitest";
import { CapacityError, RuleError, Run, createPopulation, estimateMemoryBytes, finishRun, parseScenario, simulate } from "../src/index.js";
import type { Checkpoint, SimulationState, TransferRule } from "../src/index.js";

const base = { seed: "reliability", months: 14, start: "1997-09", population: { households: 400, localities: 12 } } as const;

describe("checkpoint and resume", () => {
  const scenario = parseScenario({ ...base, programme: { rule: { kind: "progresa" }, payment: { everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 1 } } });
  const population = createPopulation(scenario);
  const uninterrupted = finishRun(Run.start(scenario, population).advance().shard(), population);

  it("gives exactly the uninterrupted result from a checkpoint at every month boundary, through JSON", () => {
    // Month boundaries are the only points between phases a run can stop at: inside a month
    // the engine runs all phases household by household.
    for (let t = 0; t <= scenario.months; t++) {
      const run = Run.start(scenario, population).advance(t);
      expect(run.month).toBe(t);
      const snapshot = JSON.parse(JSON.stringify(run.checkpoint())) as Checkpoint;
      const resumed = Run.resume(snapshot, { population });
      expect(resumed.month).toBe(t);
      expect(finishRun(resumed.advance().shard(), population)).toEqual(uninterrupted);
    }
  });

  it("rebuilds the population from the scenario when none is given", () => {
    const snapshot = JSON.parse(JSON.stringify(Run.start(scenario, population).advance(5).checkpoint())) as Checkpoint;
    const resumed = Run.resume(snapshot).advance();
    expect(finishRun(resumed.shard(), resumed.population)).toEqual(uninterrupted);
  });

  it("resumes a shard: a checkpoint keeps the run's household list", () => {
    const odd = Array.from({ length: 200 }, (_, k) => 2 * k + 1);
    const whole = Run.start(scenario, population, odd).advance().shard();
    const snapshot = JSON.parse(JSON.stringify(Run.start(scenario, population, odd).advance(7).checkpoint())) as Checkpoint;
    expect(Run.resume(snapshot, { population }).advance().shard().data).toEqual(whole.data);
  });

  it("needs the code rule again to resume a run that used one, and refuses foreign or damaged snapshots", () => {
    const rule: TransferRule = { name: "flat", offers: () => [{ component: "flat", lcuPerMonth: 50 }] };
    const s = parseScenario({ ...base, programme: { rule, targeting: { kind: "all" } } });
    const snapshot = JSON.parse(JSON.stringify(Run.start(s).advance(3).checkpoint())) as Checkpoint;
    expect(snapshot.scenario.programme?.rule).toEqual({ kind: "custom", name: "flat" });
    expect(() => Run.resume(snapshot)).toThrow(/code rule "flat".*options\.rule/);
    const resumed = Run.resume(snapshot, { rule }).advance();
    expect(finishRun(resumed.shard(), resumed.population)).toEqual(simulate(s));
    expect(() => Run.resume({ ...snapshot, format: "other" } as never)).toThrow(/not a bansos checkpoint/);
    expect(() => Run.resume({ ...snapshot, version: "0.0.1" }, { rule })).toThrow(/written by bansos 0\.0\.1/);
    const damaged = { ...snapshot, state: { ...snapshot.state, enrolled: "AAAA" } };
    expect(() => Run.resume(damaged, { rule })).toThrow(/state\.enrolled: not valid base64|state\.enrolled: does not match/);
    // Every hostile case (flipped bytes, relabelled fields, truncation, removed fields, formats): test/checkpointIntegrity.test.ts.
  });
});

describe("misbehaving rules", () => {
  const flaky: TransferRule = {
    name: "flaky",
    offers: (h, m) => {
      if (h.index % 10 === 3 && m.month === 2) throw new Error("database down");
      if (h.index % 10 === 5)
        return [
          { component: "bad", lcuPerMonth: Number.NaN },
          { component: "good", lcuPerMonth: 10 },
        ];
      return [{ component: "good", lcuPerMonth: 10 }];
    },
  };

  it("stops by default with an error naming the rule, household and month", () => {
    expect(() => simulate({ ...base, months: 3, programme: { rule: flaky, targeting: { kind: "all" } } })).toThrow(RuleError);
  });

  it('with onRuleError "skip", drops bad offers and failed calls, counts them, and keeps totals whole', () => {
    const r = simulate({ ...base, months: 3, programme: { rule: flaky, targeting: { kind: "all" }, onRuleError: "skip" } });
    const households = 400;
    const withNaN = households / 10; // households 5, 15, 25, …
    const throwing = households / 10; // households 3, 13, … in month 2 only
    expect(r.months.map((m) => m.programme.offersSkipped)).toEqual([withNaN, withNaN, withNaN]);
    expect(r.months.map((m) => m.programme.ruleFailuresSkipped)).toEqual([0, 0, throwing]);
    // Good offers of 10 are paid monthly to every household except those whose call threw.
    expect(r.months.map((m) => m.programme.paidLcu)).toEqual([4000, 4000, 4000 - 10 * throwing]);
    for (const m of r.months) expect(m.segments.all.transfersReceivedLcu).toBe(m.programme.paidLcu);
  });

  it("refuses an absurdly large offer, naming the limit", () => {
    const absurd: TransferRule = { name: "absurd", offers: (h) => (h.index === 9 ? [{ component: "x", lcuPerMonth: 1e12 }] : []) };
    const run = () => simulate({ ...base, months: 1, programme: { rule: absurd, targeting: { kind: "all" } } });
    expect(run).toThrow(/"absurd".*household 9.*month 0.*maxOfferLcuPerMonth/);
    // The limit is configurable: 100 poverty lines by default (35,000 pesos for Mexico).
    expect(parseScenario({ ...base, programme: { rule: absurd } }).programme?.maxOfferLcuPerMonth).toBe(35_000);
  });
});

describe("capacity", () => {
  it("refuses a population too large for the memory limit, with an estimate and the advice to shard", () => {
    const huge = { ...base, population: { households: 80_000_000 } };
    try {
      simulate(huge);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CapacityError);
      const e = error as CapacityError;
      expect(e.estimatedBytes).toBeGreaterThan(e.limitBytes);
      expect(e.message).toMatch(/GiB/);
      expect(e.message).toMatch(/shards/);
    }
    expect(() => createPopulation(parseScenario(huge))).toThrow(CapacityError);
    // The same population is allowed when the limit is raised (checked without running it).
    expect(() => parseScenario({ ...huge, limits: { memoryBytes: 1e12 } })).not.toThrow();
  });

  it("never underestimates: the estimate covers every typed array a run allocates", () => {
    for (const preset of ["mexico-rural-1997", "indonesia-2020"] as const) {
      const scenario = parseScenario({ ...base, population: { preset, households: 3000 }, programme: { rule: { kind: "progresa" } } });
      const population = createPopulation(scenario);
      let bytes = 0;
      const add = (o: object) => {
        for (const v of Object.values(o)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      };
      add(population.households);
      add(population.persons);
      add(population.localities);
      let state: SimulationState | undefined;
      Run.start(scenario, population, undefined, (_t, st) => (state = st)).advance(1);
      add(state as SimulationState);
      bytes += scenario.months * 8 * 1; // lower bound of the accumulators, counted exactly below
      const estimate = estimateMemoryBytes(scenario);
      expect(estimate).toBeGreaterThanOrEqual(bytes);
      // …and is not absurdly pessimistic either (within 3× of the arrays).
      expect(estimate).toBeLessThan(3 * bytes + scenario.months * 60_000);
    }
  });
});

describe("budget quota", () => {
  it("enrols the poorest first and never fewer households for a larger budget", () => {
    const counts = [0, 20_000, 60_000, 200_000].map((budgetLcuPerMonth) => {
      const r = simulate({ ...base, months: 1, programme: { rule: { kind: "progresa" }, targeting: { kind: "budget", budgetLcuPerMonth } } });
      expect(r.months[0]!.programme.entitledLcu).toBeLessThanOrEqual(budgetLcuPerMonth);
      return r.meta.targetedHouseholds;
    });
    expect(counts[0]).toBe(0);
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeGreaterThanOrEqual(counts[k - 1]!);
    expect(counts[3]).toBeGreaterThan(counts[1]!);
  });
});

describe("long runs", () => {
  it("runs 30 years of a small population with flat memory and every invariant", () => {
    const heap: number[] = [];
    const r = simulate(
      { seed: "thirty-years", months: 360, start: "1997-09", population: { households: 150, localities: 5 }, programme: { rule: { kind: "progresa" } } },
      { observe: (t) => (t === 120 || t === 359 ? heap.push(process.memoryUsage().heapUsed) : undefined) },
    );
    // Every month's state lives in fixed typed arrays; only garbage from rule offers comes and goes.
    expect(heap[1]! - heap[0]!).toBeLessThan(32 * 2 ** 20);
    let persons = r.meta.personsAtStart;
    for (const m of r.months) {
      expect(m.segments.all.persons).toBe(persons + m.demography.births - m.demography.deaths);
      persons = m.segments.all.persons;
      expect(m.segments.all.transfersReceivedLcu).toBe(m.programme.paidLcu);
      for (const v of Object.values(m.segments.all.enrolment)) if (v !== null) (expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1));
    }
    // Children born in the run reach school age and enrol: enrolment is still defined in year 30.
    expect(r.months[359]!.segments.all.enrolment.age6to11).not.toBeNull();
    expect(r.final.totals.births).toBeGreaterThan(0);
  });
});

describe("hostile input: near-valid scenarios", () => {
  /** Paths of every number or string leaf of a resolved scenario, with their parent and key. */
  function leaves(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (Array.isArray(value)) value.forEach((v, k) => leaves(v, [...path, k], out));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
    else if (typeof value === "number" || typeof value === "string") out.push(path);
    return out;
  }
  const valid = parseScenario({ ...base, programme: { rule: { kind: "progresa" } } });
  const paths = leaves(valid);
  const render = (path: (string | number)[]) => path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s === "" ? k : `${s}.${k}`), "");

  it("either accepts a one-field mutation or names that field in a ScenarioError — never another exception", async () => {
    const fc = await import("fast-check");
    const bad = fc.constantFrom<unknown>(-1, -1e9, 1e20, Number.NaN, Number.POSITIVE_INFINITY, "x", null, {}, [], true, 0.5, 1.5);
    fc.assert(
      fc.property(fc.constantFrom(...paths), bad, (path, replacement) => {
        const mutated = structuredClone(valid) as unknown as Record<string | number, unknown>;
        let node: Record<string | number, unknown> = mutated;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]!] = replacement;
        try {
          parseScenario(mutated);
        } catch (error) {
          expect((error as Error).name).toBe("ScenarioError");
          const where = render(path);
          const problems = (error as { problems: { path: string }[] }).problems;
          // The problem is reported at the mutated field, at its parent (a tuple or range), or — for
          // cross-field checks — at a sibling range in the same parameter group.
          const parent = render(path.slice(0, -1));
          expect(problems.some((p) => p.path === where || where.startsWith(p.path) || p.path.startsWith(parent))).toBe(true);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});
