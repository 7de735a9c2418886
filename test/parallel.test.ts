import { describe, expect, it } from "vitest";
import { createPopulation, parseScenario, simulate } from "../src/index.js";
import type { SimulationResult } from "../src/index.js";
import { simulateInWorkers } from "../src/node/index.js";
import type { WorkerRunTimings } from "../src/node/index.js";
import { loopAllocationProbe } from "../bench/measure.js";
import { scenario as codeRuleScenario } from "./fixtures/codeRuleScenario.js";

/** A result as plain data (the result's `toRows` is a non-enumerable method, compared separately). */
const plain = (r: SimulationResult): unknown =>
  JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)));

describe("simulateInWorkers (bansos/node)", () => {
  const base = {
    seed: "parallel",
    months: 14,
    start: "1997-09",
    population: { preset: "mexico-rural-1997", households: 360, localities: 12 },
    programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } },
  };

  it("gives exactly simulate()'s result on 2 workers (contiguous shards), with household outcomes", async () => {
    const direct = simulate(base, { householdOutcomes: true });
    const progress: [number, number][] = [];
    let timings: WorkerRunTimings | undefined;
    const two = await simulateInWorkers(base, {
      workers: 2,
      householdOutcomes: true,
      onProgress: (done, total) => progress.push([done, total]),
      onTimings: (t) => (timings = t),
    });
    expect(two).toEqual(direct);
    expect(plain(two)).toEqual(plain(direct));
    expect(two.toRows()).toEqual(direct.toRows());
    expect(progress.length).toBe(2 * 14);
    expect(progress.at(-1)).toEqual([28, 28]);
    expect(timings?.shards.map((s) => s.households)).toEqual([180, 180]);
    expect(timings?.totalSeconds).toBeGreaterThan(0);
  });

  it("gives exactly simulate()'s result with interactions on (shards of whole localities), on 2 and 3 workers", async () => {
    const scenario = { ...base, interactions: { peerEffects: { strength: 2 }, riskSharing: { shareOfSurplus: 0.2 } } };
    const direct = simulate(scenario);
    expect(direct.localities).toBeDefined();
    const two = await simulateInWorkers(scenario, { workers: 2 });
    expect(two).toEqual(direct);
    const three = await simulateInWorkers(scenario, { workers: 3 });
    expect(plain(three)).toEqual(plain(direct));
  });

  it("gives exactly simulate()'s result for the Indonesia preset with PKH (whose re-parsed scenario orders keys differently)", async () => {
    const scenario = { seed: 3, months: 13, population: { preset: "indonesia-2020", households: 300, localities: 10 }, programme: { rule: { kind: "pkh" } } };
    expect(await simulateInWorkers(scenario, { workers: 2 })).toEqual(simulate(scenario));
  });

  it("runs a code rule given as a module (functions cannot cross threads) and refuses one given as data", async () => {
    const params = { households: 300 };
    const direct = simulate(codeRuleScenario(params));
    expect(direct.final.totals.paidLcu).toBeGreaterThan(0);
    const two = await simulateInWorkers({ module: new URL("./fixtures/codeRuleScenario.ts", import.meta.url), params }, { workers: 2 });
    expect(two).toEqual(direct);
    expect(two.scenario.programme?.rule).toEqual({ kind: "custom", name: "girls' bonus (test)" });
    await expect(simulateInWorkers(codeRuleScenario(params), { workers: 2 })).rejects.toThrow(/code.*module/);
    await expect(simulateInWorkers({ module: new URL("./fixtures/codeRuleScenario.ts", import.meta.url), exportName: "nothing" })).rejects.toThrow(/nothing/);
  });

  it("validates its input in the calling thread", async () => {
    await expect(simulateInWorkers({ ...base, months: -1 }, { workers: 2 })).rejects.toThrow(/months/);
    await expect(simulateInWorkers(base, { workers: 0 })).rejects.toThrow(RangeError);
  });
});

describe("allocation in the monthly loop", () => {
  // Bytes allocated on the V8 heap from the end of month 0 to the end of the last month,
  // reconstructed from the GC's accounting (bench/measure.ts): exact, not live-heap sampling.
  // Fixed costs (code compiled late, per-month objects) are cancelled by taking the slope
  // between two population sizes over the same months. Code that runs once per locality or
  // per birth is optimised by V8 only after a few runs (until then it allocates whatever it
  // computes), so two warm-up pairs come first; a one-off cost in one run (code compiled or
  // thrown away late) moves one slope by ±2 bytes, so the result is the median of five.
  const months = 12;
  const mexico = { start: "1997-09", preset: "mexico-rural-1997", rule: "progresa" } as const;
  const indonesia = { preset: "indonesia-2020", rule: "pkh" } as const;
  type Setting = { readonly start?: string; readonly preset: string; readonly rule: string };
  function loop(setting: Setting, households: number, extraPerPerson = 0): { bytes: number; personMonths: number } {
    const scenario = parseScenario({
      seed: "allocation",
      months,
      ...(setting.start ? { start: setting.start } : {}),
      population: { preset: setting.preset, households },
      programme: { rule: { kind: setting.rule } },
    });
    const population = createPopulation(scenario);
    const probe = loopAllocationProbe(months);
    const sink: unknown[] = [];
    simulate(scenario, {
      population,
      observe: (t, state, pop) => {
        probe.observe(t, state, pop);
        // For the probe's own test: one small object per person and month, kept alive a month.
        if (extraPerPerson > 0 && t < months - 1) {
          sink.length = 0;
          for (let i = 0; i < pop.personCount * extraPerPerson; i++) sink.push({ i });
        }
      },
    });
    const measured = probe.result();
    if (!measured) throw new Error("the probe measured nothing");
    return { bytes: measured.bytes, personMonths: population.personCount * measured.months };
  }
  function bytesPerPersonMonth(setting: Setting, extraPerPerson = 0): number {
    for (let k = 0; k < 2; k++) {
      loop(setting, 1000, extraPerPerson);
      loop(setting, 3000, extraPerPerson);
    }
    const slopes: number[] = [];
    for (let k = 0; k < 5; k++) {
      const small = loop(setting, 1000, extraPerPerson);
      const large = loop(setting, 3000, extraPerPerson);
      slopes.push((large.bytes - small.bytes) / (large.personMonths - small.personMonths));
    }
    return slopes.sort((x, y) => x - y)[2] as number;
  }

  it("measures allocation per person-month: one object per person and month shows up", () => {
    const without = bytesPerPersonMonth(mexico);
    const withObjects = bytesPerPersonMonth(mexico, 1);
    // An object { i } takes 32 bytes, its array slot 8 more, and the array's growth some more: about 55 here.
    expect(withObjects - without).toBeGreaterThan(20);
    expect(withObjects - without).toBeLessThan(120);
  });

  // Target of issue 6: no per-person allocation in the monthly loop (< 1 byte per person-month;
  // one object per household and month would already be ≥ 3).
  it("allocates less than 1 byte per person-month: Mexico, Progresa", () => {
    expect(bytesPerPersonMonth(mexico)).toBeLessThan(1);
  });

  it("allocates less than 1 byte per person-month: Indonesia, PKH", () => {
    expect(bytesPerPersonMonth(indonesia)).toBeLessThan(1);
  });
});
