import { describe, expect, it } from "vitest";
import { ruleFromSpec, ruleSpecSchema } from "../src/rules/specs.js";
import { CapacityError, Run, createPopulation, estimateMemoryBytes, parseScenario, runShard, simulate } from "../src/index.js";
import type { SimulationState, TransferRule } from "../src/index.js";

// Memory of a run (docs/performance.md, "Memory"): a run may adopt the population's person
// arrays instead of copying them, and keeps training arrays only for rules that ask adults for
// training or meetings. Neither may change a result.

const base = { seed: "memory-test", months: 14, start: "1997-09", population: { households: 600, localities: 15 } } as const;
const progresa = { ...base, programme: { rule: { kind: "progresa" } } } as const;

/** The run state seen by an observer at the end of month 0. */
function stateOf(input: unknown, adopt: boolean): { state: SimulationState; population: ReturnType<typeof createPopulation> } {
  const scenario = parseScenario(input);
  const population = createPopulation(scenario);
  let state: SimulationState | undefined;
  Run.start(scenario, population, undefined, (_t, st) => (state ??= st), { adoptPopulation: adopt }).advance(1);
  return { state: state as SimulationState, population };
}

describe("adopting the population", () => {
  it("gives the same result as copying it", () => {
    const scenario = parseScenario(progresa);
    const copied = simulate(scenario, { population: createPopulation(scenario) });
    const adopted = simulate(scenario, { population: createPopulation(scenario), adoptPopulation: true });
    const own = simulate(scenario); // a population the run creates itself is adopted
    expect(adopted).toEqual(copied);
    expect(own).toEqual(copied);
  });

  it("shares the person arrays instead of copying them, and leaves a copied population untouched", () => {
    const adopted = stateOf(progresa, true);
    expect(adopted.state.birthMonth).toBe(adopted.population.persons.birthMonth);
    expect(adopted.state.haz).toBe(adopted.population.persons.haz);
    const copied = stateOf(progresa, false);
    expect(copied.state.haz).not.toBe(copied.population.persons.haz);
    const fresh = createPopulation(parseScenario(progresa));
    // One month of growth changed the run's heights, not the shared population's.
    expect(copied.population.persons.haz).toEqual(fresh.persons.haz);
    expect(copied.state.haz).not.toEqual(fresh.persons.haz);
  });

  it("refuses to run an adopted population again, saying why", () => {
    const scenario = parseScenario(progresa);
    const population = createPopulation(scenario);
    simulate(scenario, { population, adoptPopulation: true });
    expect(() => simulate(scenario, { population })).toThrow(/adopted by an earlier run.*createPopulation/);
  });

  it("gives identical shards whether or not the shards adopt their populations", () => {
    const scenario = parseScenario(progresa);
    const households = Int32Array.from({ length: 300 }, (_, k) => 2 * k);
    const copied = runShard(scenario, createPopulation(scenario), households);
    const adopted = runShard(scenario, createPopulation(scenario), households, undefined, { adoptPopulation: true });
    expect(adopted.data).toEqual(copied.data);
    expect(adopted.targetingCounts).toEqual(copied.targetingCounts);
    expect(adopted.cohorts).toEqual(copied.cohorts);
  });
});

describe("training arrays only for rules that ask adult activities", () => {
  const slots = (input: unknown) => createPopulation(parseScenario(input)).slotCount;

  it("are empty for Progresa and PKH without sessions, and for no programme", () => {
    expect(stateOf(progresa, false).state.trainingHours.length).toBe(0);
    expect(stateOf(progresa, false).state.activity.length).toBe(0);
    expect(stateOf({ ...base, programme: null }, false).state.trainingHours.length).toBe(0);
    const pkh = { seed: 3, months: 3, population: { preset: "indonesia-2020", households: 200 }, programme: { rule: { kind: "pkh" } } };
    expect(stateOf(pkh, false).state.activity.length).toBe(0);
  });

  it("are kept for training, meetings, health talks, family sessions, combinations holding them and code rules", () => {
    const pkhFds = {
      seed: 3,
      months: 3,
      population: { preset: "indonesia-2020", households: 200 },
      programme: { rule: { kind: "pkh", familyDevelopmentSessions: true } },
    };
    const code: TransferRule = { name: "cash", offers: () => [{ lcuPerMonth: 10, component: "cash", conditions: [] }] };
    const cases: unknown[] = [
      { ...base, programme: { rule: { kind: "jobTraining", lcuPerMonth: 100 } } },
      { ...base, programme: { rule: { kind: "communityMeetings", lcuPerMonth: 50 } } },
      { ...base, programme: { rule: { kind: "progresa", healthTalks: true } } },
      {
        ...base,
        programme: {
          rule: {
            kind: "combine",
            rules: [
              { kind: "healthCheck", lcuPerMonth: 80 },
              { kind: "jobTraining", lcuPerMonth: 100 },
            ],
          },
        },
      },
      { ...base, programme: { rule: code } },
      pkhFds,
    ];
    for (const input of cases) {
      const { state } = stateOf(input, false);
      expect(state.trainingHours.length).toBe(slots(input));
      expect(state.activity.length).toBe(slots(input));
    }
  });

  it("do not change employment: a rule without adult activities counts the same employed adults", () => {
    // Employment reads training hours (zero without training): with the arrays gone it must count
    // the same. A rule written in code always gets the arrays, a spec without training does not.
    const r = simulate(progresa);
    const asCode = simulate({ ...progresa, programme: { rule: ruleFromSpec(ruleSpecSchema.parse({ kind: "progresa" })) } });
    expect(r.months.map((m) => m.adults.employmentRate)).toEqual(asCode.months.map((m) => m.adults.employmentRate));
    const withCodeRule = simulate({
      ...progresa,
      programme: { rule: { name: "same as nothing", offers: () => [] } satisfies TransferRule },
    });
    const none = simulate({ ...base, programme: null });
    expect(withCodeRule.months.map((m) => m.adults.employmentRate)).toEqual(none.months.map((m) => m.adults.employmentRate));
  });
});

describe("the memory estimate knows about adoption", () => {
  /** Bytes of the distinct typed arrays of a population and the run state seen at month 0. */
  function distinctBytes(input: unknown, adopt: boolean): number {
    const { state, population } = stateOf(input, adopt);
    const seen = new Set<ArrayBufferLike>();
    let bytes = 0;
    for (const group of [population.households, population.persons, population.localities, state]) {
      for (const v of Object.values(group)) {
        if (ArrayBuffer.isView(v) && !seen.has(v.buffer)) {
          seen.add(v.buffer);
          bytes += v.byteLength;
        }
      }
    }
    return bytes;
  }

  it("covers the arrays of an adopting run, and is smaller than the copying run's", () => {
    for (const preset of ["mexico-rural-1997", "indonesia-2020"] as const) {
      const input = { ...progresa, population: { preset, households: 3000 } };
      const scenario = parseScenario(input);
      const adopting = estimateMemoryBytes(scenario, { adoptPopulation: true });
      const copying = estimateMemoryBytes(scenario);
      expect(adopting).toBeGreaterThanOrEqual(distinctBytes(input, true));
      expect(copying).toBeGreaterThanOrEqual(distinctBytes(input, false));
      expect(distinctBytes(input, true)).toBeLessThan(distinctBytes(input, false));
      expect(adopting).toBeLessThan(copying);
    }
  });

  it("lets simulate run, under a limit, what a run copying a shared population could not", () => {
    const scenario = parseScenario(progresa);
    const limit = Math.round((estimateMemoryBytes(scenario, { adoptPopulation: true }) + estimateMemoryBytes(scenario)) / 2);
    const limited = { ...progresa, limits: { memoryBytes: limit } };
    const population = createPopulation(parseScenario(limited)); // checked as the least a run on it needs: fits
    expect(() => simulate(limited, { population })).toThrow(CapacityError); // would copy it: refused before allocating
    expect(simulate(limited).months).toHaveLength(progresa.months); // adopts its own: fits
  });
});
