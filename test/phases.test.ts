import { describe, expect, it } from "vitest";
import { interactionFlags } from "../src/config/interactions.js";
import { parseScenario } from "../src/config/scenario.js";
import { monthContext } from "../src/engine/calendar.js";
import { HouseholdScratch } from "../src/engine/householdScratch.js";
import { MonthlyCycle } from "../src/engine/monthlyCycle.js";
import type { CycleContext, HouseholdPhase, MonthPhase } from "../src/engine/phase.js";
import { MONTHLY_CYCLE } from "../src/engine/phases/cycle.js";
import type { CycleSpec } from "../src/engine/phases/cycle.js";
import { createState, interactionSizes } from "../src/engine/state.js";
import { LOC_FIELDS, MONTH_LENGTH } from "../src/outcomes/layout.js";
import { createPopulation } from "../src/population/createPopulation.js";
import { RandomStreams } from "../src/random/streams.js";
import { ruleFromSpec } from "../src/rules/specs.js";
import { buildNetwork } from "../src/social/network.js";
import { runShard } from "../src/index.js";

const households = MONTHLY_CYCLE.households;
const allPhases: readonly (HouseholdPhase | MonthPhase)[] = [...MONTHLY_CYCLE.monthStart, ...households, ...MONTHLY_CYCLE.monthEnd];

describe("the phase list (src/engine/phases/cycle.ts)", () => {
  it("names every phase once", () => {
    const names = allPhases.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("declares reads and writes that are disjoint (a written field may be read: it is listed once, as written)", () => {
    for (const p of allPhases) {
      const reads = [...("household" in p.reads ? p.reads.household : []), ...p.reads.state];
      const writes = [...("household" in p.writes ? p.writes.household : []), ...p.writes.state];
      expect(
        reads.filter((f) => writes.includes(f as never)),
        p.name,
      ).toEqual([]);
    }
  });

  it("declares only fields that exist (household scratch, state arrays)", () => {
    const scratch = new HouseholdScratch(4);
    const scenario = parseScenario({ seed: 1, population: { households: 20 }, programme: { rule: { kind: "progresa" } } });
    const state = createState(createPopulation(scenario), 0, scenario.months);
    for (const p of allPhases) {
      for (const f of [...("household" in p.reads ? p.reads.household : []), ...("household" in p.writes ? p.writes.household : [])]) {
        expect(f in scratch, `${p.name}: household.${f}`).toBe(true);
      }
      for (const f of [...p.reads.state, ...p.writes.state]) expect(f in state, `${p.name}: state.${f}`).toBe(true);
    }
  });

  it("has every household field a phase reads written by an earlier phase of the month", () => {
    const written = new Set<string>(["index", "base"]); // set by the cycle before the first phase
    for (const p of households) {
      const needs = [...p.reads.household, ...(p.households === "all" ? [] : ["living"])];
      for (const f of needs) expect(written.has(f), `${p.name} reads household.${f} before any phase writes it`).toBe(true);
      for (const f of p.writes.household) written.add(f);
    }
  });

  it("runs demography (which counts the living) before every phase for living or extinct households", () => {
    const first = households.findIndex((p) => p.households !== "all");
    expect(households.findIndex((p) => p.name === "demography")).toBeLessThan(first);
  });
});

/** A run of `input` with every phase audited: what the declarations do not cover, and the accumulators. */
function auditedRun(input: unknown): { found: Set<string>; data: Float64Array } {
  const scenario = parseScenario(input);
  const population = createPopulation(scenario);
  const flags = interactionFlags(scenario.interactions);
  const payment = scenario.programme?.payment ?? { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };
  const network = flags.network ? buildNetwork(population, new RandomStreams(scenario.seed), scenario.interactions.network) : undefined;
  const state = createState(population, payment.lagMonths, scenario.months, interactionSizes(scenario, population, network));
  const rule = scenario.programme ? ruleFromSpec(scenario.programme.rule as never) : null;
  const list = Int32Array.from({ length: population.householdCount }, (_, h) => h);
  const found = new Set<string>();

  // Every phase sees its household scratch and state through proxies that note what the declaration lacks.
  const audited = (phase: HouseholdPhase | MonthPhase, c: CycleContext): CycleContext => {
    const hReads = new Set<string>(["index", "base", ...("household" in phase.reads ? phase.reads.household : [])]);
    const hWrites = new Set<string>("household" in phase.writes ? phase.writes.household : []);
    const sReads = new Set<string>(phase.reads.state);
    const sWrites = new Set<string>(phase.writes.state);
    const household = new Proxy(c.household, {
      get(target, key) {
        if (typeof key === "string" && !hReads.has(key) && !hWrites.has(key)) found.add(`${phase.name} reads household.${key}`);
        return Reflect.get(target, key);
      },
      set(target, key, value) {
        if (typeof key === "string" && !hWrites.has(key)) found.add(`${phase.name} writes household.${key}`);
        return Reflect.set(target, key, value);
      },
    });
    const arrays = new Map<string, unknown>();
    const state = new Proxy(c.state, {
      get(target, key) {
        const array = Reflect.get(target, key) as Float64Array;
        if (typeof key !== "string") return array;
        if (!sReads.has(key) && !sWrites.has(key)) found.add(`${phase.name} reads state.${key}`);
        if (!arrays.has(key)) {
          const writes = sWrites.has(key);
          arrays.set(
            key,
            new Proxy(array, {
              get(a, k) {
                const v = Reflect.get(a, k, a);
                if (typeof v !== "function") return v;
                if (!writes && ["set", "fill", "copyWithin", "reverse", "sort"].includes(String(k)))
                  found.add(`${phase.name} writes state.${key} (${String(k)})`);
                return (v as (...args: unknown[]) => unknown).bind(a);
              },
              set(a, k, v) {
                if (!writes) found.add(`${phase.name} writes state.${key}`);
                return Reflect.set(a, k, v, a);
              },
            }),
          );
        }
        return arrays.get(key);
      },
    });
    return { run: c.run, month: c.month, household: household as HouseholdScratch, state: state as typeof c.state };
  };
  const wrap = <P extends HouseholdPhase | MonthPhase>(phase: P): P => ({ ...phase, run: (c: CycleContext, h: number) => phase.run(audited(phase, c), h) });
  const cycleSpec: CycleSpec = {
    monthStart: MONTHLY_CYCLE.monthStart.map(wrap),
    households: MONTHLY_CYCLE.households.map(wrap),
    monthEnd: MONTHLY_CYCLE.monthEnd.map(wrap),
  };
  const cycle = new MonthlyCycle(
    {
      scenario,
      population,
      state,
      rng: new RandomStreams(scenario.seed),
      rule,
      payment,
      moneyScale: scenario.population.parameters.povertyLineLcuPerMonth < 10_000 ? 100 : 1,
      network,
      households: list,
    },
    cycleSpec,
  );
  cycle.initialise(list);
  const p = scenario.population.parameters;
  const data = new Float64Array(scenario.months * MONTH_LENGTH);
  const locBlock = population.localityCount * LOC_FIELDS;
  for (let t = 0; t < scenario.months; t++) {
    const series = state.localitySeries;
    cycle.beginMonth(
      t,
      monthContext(scenario.start, t, p.schoolMonths, p.schoolYearStartMonth),
      data.subarray(t * MONTH_LENGTH, (t + 1) * MONTH_LENGTH),
      series.length === 0 ? series : series.subarray(t * locBlock, (t + 1) * locBlock),
    );
    for (const h of list) cycle.step(h);
    cycle.endMonth();
  }
  return { found, data };
}

describe("each phase touches only what it declares (audited at run time)", () => {
  const interactions = {
    network: { degree: 6 },
    peerEffects: { strength: 1.5 },
    riskSharing: { shareOfSurplus: 0.2 },
    localPrices: { elasticity: 0.5 },
    knowledgeDiffusion: 0.1,
    socialCapital: { initialStrength: 0.5, gainPerJointMeeting: 0.05, decayPerMonth: 0.01 },
  };
  const cases: Record<string, unknown> = {
    "Progresa with talks, every interaction, monitoring, recertification, a lag": {
      seed: "audit-1",
      months: 15,
      start: "1997-08",
      population: { households: 120, localities: 4 },
      interactions,
      programme: {
        rule: { kind: "progresa", healthTalks: true },
        payment: { everyMonths: 2, lagMonths: 1 },
        monitoring: { verificationProbability: 0.7, falseFailureRate: 0.05, falsePassRate: 0.1, suspendAfterFailures: 2 },
        recertification: { everyMonths: 6, graceMonths: 1, reentry: true },
        administrativeCost: { perVerificationLcu: 1, targetingSurveyPerHouseholdLcu: 5 },
        targeting: { kind: "pmt", surveyShare: 0.5, quota: 0.6 },
      },
    },
    "PKH 2019 with sessions": {
      seed: "audit-2",
      months: 14,
      population: { preset: "indonesia-2020", households: 120 },
      programme: { rule: { kind: "pkh", year: 2019, familyDevelopmentSessions: true } },
    },
    "job training, households dying out": {
      seed: "audit-3",
      months: 14,
      start: "1997-08",
      population: { households: 80, parameters: { annualMortality: [0.6, 0.6, 0.6, 0.6, 0.6] } },
      interactions,
      programme: { rule: { kind: "jobTraining", lcuPerMonth: 300 } },
    },
    "no programme": { seed: "audit-4", months: 13, start: "1997-08", population: { households: 80 }, programme: null },
  };
  for (const [name, input] of Object.entries(cases)) {
    it(name, () => {
      const { found, data } = auditedRun(input);
      expect([...found].sort()).toEqual([]);
      // The harness drives the cycle exactly as a run does: the same accumulators, to the bit.
      expect(data).toEqual(runShard(parseScenario(input), createPopulation(parseScenario(input))).data);
    });
  }

  it("catches an undeclared access (the audit works)", () => {
    const sneaky = { ...MONTHLY_CYCLE.households[0]!, name: "sneaky", run: (c: CycleContext) => void c.household.paid };
    const found = new Set<string>();
    const phase = sneaky as HouseholdPhase;
    // The audit of one call, as undeclaredAccesses makes it.
    const household = new Proxy(new HouseholdScratch(2), {
      get(target, key) {
        if (typeof key === "string" && !(phase.reads.household as readonly string[]).includes(key)) found.add(`${phase.name} reads household.${key}`);
        return Reflect.get(target, key);
      },
    });
    phase.run({ household } as unknown as CycleContext, 0);
    expect([...found]).toEqual(["sneaky reads household.paid"]);
  });
});
