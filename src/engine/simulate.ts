import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { MONTH_LENGTH } from "../outcomes/layout.js";
import { monthRecord } from "../outcomes/monthRecord.js";
import { summarise } from "../outcomes/summary.js";
import { toTidyRows } from "../outcomes/tidyRows.js";
import type { MonthRecord, SimulationResult } from "../outcomes/types.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { RandomStreams } from "../random/streams.js";
import { ruleFromSpec } from "../rules/specs.js";
import type { TransferRule } from "../rules/types.js";
import { VERSION } from "../version.js";
import { dateOf, monthContext } from "./calendar.js";
import { MonthlyCycle } from "./monthlyCycle.js";
import { createState } from "./state.js";
import type { SimulationState } from "./state.js";

/** Options of {@link simulate} and {@link runShard}. */
export interface SimulateOptions {
  /**
   * A population to reuse (e.g. one population for several scenarios: common
   * random numbers). It must have been created for the same population settings.
   */
  readonly population?: Population;
  /**
   * Called at the end of every month with the live run state (read it, never
   * write it): the hook for panels and simulated surveys. The state arrays are
   * indexed like the population's (persons by slot, households by index).
   */
  readonly observe?: (month: number, state: SimulationState, population: Population) => void;
}

/**
 * Raw output of a run over some households: one exact-sum accumulator per
 * month. Shards over disjoint households merge by addition ({@link mergeShards})
 * into exactly the result of one run over all of them.
 */
export interface ShardResult {
  readonly scenario: ResolvedScenario;
  /** Fixed-point scale of money in `data`. */
  readonly moneyScale: number;
  /** `months × MONTH_LENGTH` exact sums. */
  readonly data: Float64Array;
  /** Households processed. */
  readonly households: number;
  /** Households enrolled by targeting among those processed. */
  readonly targeted: number;
}

/** Fixed-point scale of money: cents for small currencies, whole units for large ones (keeps sums below 2^53). */
function moneyScaleFor(povertyLine: number): number {
  return povertyLine < 10_000 ? 100 : 1;
}

function ruleOf(scenario: ResolvedScenario): TransferRule | null {
  const rule = scenario.programme?.rule;
  if (!rule) return null;
  return "offers" in rule ? rule : ruleFromSpec(rule);
}

function checkPopulation(scenario: ResolvedScenario, population: Population): void {
  const sp = scenario.population;
  if (population.preset.name !== sp.preset || population.householdCount !== sp.households || population.localityCount !== sp.localities) {
    throw new Error(
      `The population given (${population.preset.name}, ${population.householdCount} households, ${population.localityCount} localities) ` +
        `does not match the scenario's (${sp.preset}, ${sp.households} households, ${sp.localities} localities); create it with createPopulation(scenario).`,
    );
  }
}

/**
 * Run the monthly cycle over some households (all by default, in the order
 * given). Results do not depend on the order or on how households are split.
 * @param scenario a resolved scenario (see `parseScenario`)
 * @param population the scenario's population
 * @param households household indices to simulate (default: all)
 */
export function runShard(
  scenario: ResolvedScenario,
  population: Population,
  households?: ArrayLike<number>,
  observe?: SimulateOptions["observe"],
): ShardResult {
  checkPopulation(scenario, population);
  const list = households ?? Int32Array.from({ length: population.householdCount }, (_, h) => h);
  const payment = scenario.programme?.payment ?? { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };
  const state = createState(population, payment.lagMonths);
  const moneyScale = moneyScaleFor(scenario.population.parameters.povertyLineLcuPerMonth);
  const cycle = new MonthlyCycle({
    scenario,
    population,
    state,
    rng: new RandomStreams(scenario.seed),
    rule: ruleOf(scenario),
    payment,
    moneyScale,
  });
  cycle.initialise(list);
  const p = scenario.population.parameters;
  const data = new Float64Array(scenario.months * MONTH_LENGTH);
  for (let t = 0; t < scenario.months; t++) {
    const ctx = monthContext(scenario.start, t, p.schoolMonths, p.schoolYearStartMonth);
    cycle.beginMonth(t, ctx, data.subarray(t * MONTH_LENGTH, (t + 1) * MONTH_LENGTH));
    for (let k = 0; k < list.length; k++) cycle.step(list[k] as number);
    observe?.(t, state, population);
  }
  let targeted = 0;
  for (let k = 0; k < list.length; k++) targeted += state.beneficiary[list[k] as number] as number;
  return { scenario, moneyScale, data, households: list.length, targeted };
}

/** Merge shards of one run over disjoint households (exact: integer sums). */
export function mergeShards(shards: readonly ShardResult[]): ShardResult {
  const first = shards[0];
  if (!first) throw new Error("mergeShards needs at least one shard");
  const data = new Float64Array(first.data.length);
  let households = 0;
  let targeted = 0;
  for (const shard of shards) {
    if (shard.data.length !== data.length) throw new Error("mergeShards: shards of different runs (lengths differ)");
    for (let k = 0; k < data.length; k++) data[k] = (data[k] as number) + (shard.data[k] as number);
    households += shard.households;
    targeted += shard.targeted;
  }
  return { scenario: first.scenario, moneyScale: first.moneyScale, data, households, targeted };
}

/** A scenario as plain data: a code rule is recorded by name. */
function serialisableScenario(scenario: ResolvedScenario): ResolvedScenario {
  const programme = scenario.programme;
  if (!programme || !("offers" in programme.rule)) return scenario;
  return { ...scenario, programme: { ...programme, rule: { kind: "custom", name: programme.rule.name } as never } };
}

/** Turn a (merged) shard into the typed result. */
export function finishRun(shard: ShardResult, population: Population): SimulationResult {
  const s = shard.scenario;
  const p = s.population.parameters;
  const months: MonthRecord[] = [];
  for (let t = 0; t < s.months; t++) {
    const ctx = monthContext(s.start, t, p.schoolMonths, p.schoolYearStartMonth);
    const acc = shard.data.subarray(t * MONTH_LENGTH, (t + 1) * MONTH_LENGTH);
    months.push(monthRecord(acc, t, dateOf(s.start, t), ctx.schoolMonth, shard.moneyScale, p.povertyLineLcuPerMonth));
  }
  const result = {
    scenario: serialisableScenario(s),
    meta: {
      version: VERSION,
      currency: p.currency,
      povertyLineLcuPerMonth: p.povertyLineLcuPerMonth,
      households: shard.households,
      personsAtStart: population.personCount,
      targetedHouseholds: shard.targeted,
      meansTestCutoff: population.meansTestCutoff,
    },
    months,
    final: summarise(months),
  };
  Object.defineProperty(result, "toRows", { value: () => toTidyRows(months), enumerable: false });
  return result as unknown as SimulationResult;
}

/**
 * Simulate a scenario: validate it, build (or reuse) its population, run the
 * monthly cycle and return typed results.
 * @param input a scenario as data (validated here) or a resolved scenario
 * @throws {ScenarioError} when the scenario is invalid
 * @throws {RuleError} when a transfer rule misbehaves
 * @example
 * const r = simulate({ seed: 1, months: 24, population: { households: 2000 }, programme: { rule: { kind: "progresa" } } });
 * r.final.segments.poor.enrolment.age12to14; // share of poor children 12–14 enrolled, last 12 months
 */
export function simulate(input: unknown, options: SimulateOptions = {}): SimulationResult {
  const scenario = parseScenario(input);
  const population = options.population ?? createPopulation(scenario);
  return finishRun(runShard(scenario, population, undefined, options.observe), population);
}
