import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { MONTH_LENGTH } from "../outcomes/layout.js";
import { monthRecord } from "../outcomes/monthRecord.js";
import { COHORT_YEARS_BEFORE_START, cohortSchooling, cohortWork, projectedEarnings } from "../outcomes/cohorts.js";
import { distributionSummary } from "../outcomes/distribution.js";
import { spilloverSummary } from "../outcomes/spillovers.js";
import { workSummary } from "../outcomes/work.js";
import { LOC_FIELDS, LocField, RATE_SCALE } from "../outcomes/layout.js";
import type { LocalitySeries } from "../outcomes/types.js";
import { summarise, windowStart } from "../outcomes/summary.js";
import { toTidyRows } from "../outcomes/tidyRows.js";
import { assertFinite } from "../outcomes/finite.js";
import type { MonthRecord, RunMeta, SimulationResult } from "../outcomes/types.js";
import type { Population } from "../population/population.js";
import { VERSION } from "../foundation/version.js";
import { dateOf, monthContext, parseYearMonth } from "./calendar.js";
import { serialisableScenario } from "../config/scenario.js";
import { Run } from "./run.js";
import { addTargetingCounts } from "./run.js";
import type { Observer, ShardResult, StartOptions, TargetingCounts } from "./run.js";

/** Options of {@link simulate}. */
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
  readonly observe?: Observer;
  /** Add `result.households` (household-level outcomes over the final window) — for distributional comparisons. */
  readonly householdOutcomes?: boolean | undefined;
  /**
   * Let the run take over `population`'s person arrays instead of copying them (about 45
   * bytes per person less, for national-size runs): the population cannot serve another run
   * afterwards. See {@link StartOptions.adoptPopulation}. Without `population` the run's own
   * population is always adopted.
   */
  readonly adoptPopulation?: boolean;
}

/**
 * Run the monthly cycle over some households (all by default, in the order
 * given). Results do not depend on the order or on how households are split.
 * @param scenario a resolved scenario (see `parseScenario`)
 * @param population the scenario's population
 * @param households household indices to simulate (default: all)
 * @param observe called at the end of every month with the live state
 * @param options whether the run may adopt the population's arrays (a worker that built its own)
 */
export function runShard(
  scenario: ResolvedScenario,
  population: Population,
  households?: ArrayLike<number>,
  observe?: Observer,
  options: StartOptions = {},
): ShardResult {
  return Run.start(scenario, population, households, observe, options).advance().shard();
}

/** Merge shards of one run over disjoint households (exact: integer sums). */
export function mergeShards(shards: readonly ShardResult[]): ShardResult {
  const first = shards[0];
  if (!first) throw new Error("mergeShards needs at least one shard");
  const add = (into: Float64Array, from: Float64Array) => {
    if (from.length !== into.length) throw new Error("mergeShards: shards of different runs (lengths differ)");
    for (let k = 0; k < into.length; k++) into[k] = (into[k] as number) + (from[k] as number);
  };
  const data = new Float64Array(first.data.length);
  const cohorts = new Float64Array(first.cohorts.length);
  const windowConsumption = new Float64Array(first.windowConsumption.length);
  const localities = new Float64Array(first.localities.length);
  let households = 0;
  let targeted = 0;
  let targetingCounts: TargetingCounts = { targeted: 0, targetedTrulyPoor: 0, trulyPoor: 0, poorestQuintile: 0, poorestQuintileTargeted: 0 };
  for (const shard of shards) {
    add(data, shard.data);
    add(cohorts, shard.cohorts);
    add(windowConsumption, shard.windowConsumption);
    targetingCounts = addTargetingCounts(targetingCounts, shard.targetingCounts);
    add(localities, shard.localities);
    households += shard.households;
    targeted += shard.targeted;
  }
  return { scenario: first.scenario, moneyScale: first.moneyScale, data, households, targeted, cohorts, windowConsumption, targetingCounts, localities };
}

/** Inclusion and exclusion errors and poorest-quintile coverage from the targeting counts (null without a denominator). */
function targetingAccuracy(n: TargetingCounts): RunMeta["targeting"] {
  return {
    inclusionError: n.targeted > 0 ? (n.targeted - n.targetedTrulyPoor) / n.targeted : null,
    exclusionError: n.trulyPoor > 0 ? (n.trulyPoor - n.targetedTrulyPoor) / n.trulyPoor : null,
    poorestQuintileCoverage: n.poorestQuintile > 0 ? n.poorestQuintileTargeted / n.poorestQuintile : null,
  };
}

/** Per month and locality: social-capital index (mean tie strength) and food price level; null where undefined. */
function localitySeries(series: Float64Array, months: number, localities: number): LocalitySeries {
  const socialCapitalIndex: (number | null)[][] = [];
  const priceLevel: (number | null)[][] = [];
  for (let t = 0; t < months; t++) {
    const sc: (number | null)[] = [];
    const pl: (number | null)[] = [];
    for (let l = 0; l < localities; l++) {
      const o = (t * localities + l) * LOC_FIELDS;
      const ties = series[o + LocField.ties] as number;
      sc.push(ties > 0 ? (series[o + LocField.tieStrengthSum] as number) / RATE_SCALE / ties : null);
      const p = series[o + LocField.priceLevel] as number;
      pl.push(p > 0 ? p / RATE_SCALE : null);
    }
    socialCapitalIndex.push(sc);
    priceLevel.push(pl);
  }
  return { socialCapitalIndex, priceLevel };
}

/**
 * Turn a finished run (or merged shards) into the typed result. Of the population it reads only
 * the person and locality counts and the means-test cut-off, so shards run elsewhere (worker
 * threads, processes) can be finished without rebuilding it.
 */
export function finishRun(
  shard: ShardResult,
  population: Pick<Population, "personCount" | "localityCount" | "meansTestCutoff">,
  options: { householdOutcomes?: boolean | undefined } = {},
): SimulationResult {
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
      targeting: targetingAccuracy(shard.targetingCounts),
      meansTestCutoff: population.meansTestCutoff,
    },
    months,
    final: summarise(months, {
      distribution: distributionSummary(shard.data, windowStart(s.months), s.months - 1, shard.moneyScale),
      spillovers: spilloverSummary(shard.data, windowStart(s.months), s.months - 1, shard.moneyScale),
      schoolingByCohort: cohortSchooling(shard.cohorts, parseYearMonth(s.start).year - COHORT_YEARS_BEFORE_START),
      work: workSummary(shard.data, windowStart(s.months), s.months - 1, shard.moneyScale),
      workByCohort: cohortWork(shard.cohorts, parseYearMonth(s.start).year - COHORT_YEARS_BEFORE_START, shard.moneyScale),
      projectedEarningsLcuPerYear: projectedEarnings(shard.cohorts, shard.moneyScale),
    }),
  };
  if (shard.localities.length > 0) Object.assign(result, { localities: localitySeries(shard.localities, s.months, population.localityCount) });
  if (options.householdOutcomes) {
    const n = s.months - windowStart(s.months);
    Object.assign(result, { households: { finalConsumptionPerAeLcu: shard.windowConsumption.map((v) => v / n) } });
  }
  // The last guard: no NaN or infinity leaves the engine (the scenario's ranges should make it impossible).
  assertFinite(result, `the result of scenario "${s.name}"`);
  Object.defineProperty(result, "toRows", { value: () => toTidyRows(months), enumerable: false });
  return result as unknown as SimulationResult;
}

/**
 * Simulate a scenario: validate it, build (or reuse) its population, run the
 * monthly cycle and return typed results.
 * @param input a scenario as data (validated here) or a resolved scenario
 * @throws {ScenarioError} when the scenario is invalid
 * @throws {CapacityError} when the run would not fit in `limits.memoryBytes`
 * @throws {RuleError} when a transfer rule misbehaves (and `onRuleError` is "stop")
 * @example
 * const r = simulate({ seed: 1, months: 24, population: { households: 2000 }, programme: { rule: { kind: "progresa" } } });
 * r.final.segments.poor.enrolment.age12to14; // share of poor children 12–14 enrolled, last 12 months
 */
export function simulate(input: unknown, options: SimulateOptions = {}): SimulationResult {
  const scenario = parseScenario(input);
  // A population simulate creates serves this run only: adopt it (no copy of its person arrays).
  const adopt = options.population === undefined || options.adoptPopulation === true;
  const run = Run.start(scenario, options.population, undefined, options.observe, { adoptPopulation: adopt }).advance();
  return finishRun(run.shard(), run.population, { householdOutcomes: options.householdOutcomes });
}
