import { interactionFlags } from "../config/interactions.js";
import { buildNetwork } from "../social/network.js";
import { LOC_FIELDS } from "../outcomes/layout.js";
import { parseScenario } from "../config/scenario.js";
import { ScenarioError } from "../config/scenarioError.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { serialisableScenario } from "../config/scenario.js";
import { MONTH_LENGTH } from "../outcomes/layout.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { RandomStreams } from "../random/streams.js";
import { ruleFromSpec } from "../rules/specs.js";
import { isTransferRule } from "../rules/types.js";
import type { TransferRule } from "../rules/types.js";
import { COHORT_YEARS_BEFORE_START, cohortOffset, lifetimeOffset } from "../outcomes/cohorts.js";
import { projectLifetimeEarnings } from "./lifetimeEarnings.js";
import { baselineWelfareDeciles } from "../population/baselineGroups.js";
import { monthContext, parseYearMonth } from "./calendar.js";
import { checkMemory } from "./capacity.js";
import { readCheckpoint, writeCheckpoint } from "./checkpoint.js";
import type { Checkpoint, CheckpointRead } from "./checkpoint.js";
import { CheckpointError } from "./checkpointError.js";
import type { CheckpointProblem } from "./checkpointError.js";
import { MonthlyCycle } from "./monthlyCycle.js";
import { createState, interactionSizes } from "./state.js";
import { asksAdultActivities } from "../rules/specs.js";
import type { SimulationState } from "./state.js";

/** Called at the end of every month with the live run state (read it, never write it). */
export type Observer = (month: number, state: SimulationState, population: Population) => void;

/**
 * Raw output of a run over some households: one exact-sum accumulator per
 * month. Shards over disjoint households merge by addition (`mergeShards`)
 * into exactly the result of one run over all of them.
 */
export interface ShardResult {
  /** The resolved scenario that ran. */
  readonly scenario: ResolvedScenario;
  /** Fixed-point scale of money in `data`. */
  readonly moneyScale: number;
  /** `months × MONTH_LENGTH` exact sums. */
  readonly data: Float64Array;
  /** Households processed. */
  readonly households: number;
  /** Households enrolled by targeting among those processed. */
  readonly targeted: number;
  /** Schooling at the end and work over the run by birth cohort and sex, then the projected lifetime earnings (see outcomes/cohorts.ts), exact sums. */
  readonly cohorts: Float64Array;
  /** Per household: sum of consumption per adult equivalent over the final window (0 where not simulated). */
  readonly windowConsumption: Float64Array;
  /** Targeting accuracy counts of the households processed (exact sums). */
  readonly targetingCounts: TargetingCounts;
  /** Locality series (months × localities × LOC_FIELDS; empty without interactions): sums over disjoint localities. */
  readonly localities: Float64Array;
}

/**
 * Households counted for targeting accuracy. "Truly poor": permanent income per adult
 * equivalent at the start below the poverty line (the steady state of consumption).
 */
export interface TargetingCounts {
  /** Households enrolled by targeting. */
  readonly targeted: number;
  /** Of them, truly poor. */
  readonly targetedTrulyPoor: number;
  /** Truly poor households. */
  readonly trulyPoor: number;
  /** Households of the poorest baseline quintile. */
  readonly poorestQuintile: number;
  /** Of them, enrolled. */
  readonly poorestQuintileTargeted: number;
}

/** The counts of several shards of one run, added. */
export function addTargetingCounts(a: TargetingCounts, b: TargetingCounts): TargetingCounts {
  return {
    targeted: a.targeted + b.targeted,
    targetedTrulyPoor: a.targetedTrulyPoor + b.targetedTrulyPoor,
    trulyPoor: a.trulyPoor + b.trulyPoor,
    poorestQuintile: a.poorestQuintile + b.poorestQuintile,
    poorestQuintileTargeted: a.poorestQuintileTargeted + b.poorestQuintileTargeted,
  };
}

/**
 * Interactions work inside localities, so a shard must hold every household of
 * each locality it touches; otherwise its households would miss their ties and peers.
 */
function checkWholeLocalities(population: Population, households: Int32Array): void {
  const count = new Int32Array(population.localityCount);
  for (let k = 0; k < households.length; k++) count[population.households.locality[households[k] as number] as number]!++;
  const first = population.localities.firstHousehold;
  for (let l = 0; l < population.localityCount; l++) {
    const size = (first[l + 1] as number) - (first[l] as number);
    if (count[l] !== 0 && count[l] !== size) {
      throw new Error(
        `With interactions on, a shard must hold whole localities: locality ${l} has ${size} households, this shard ${count[l]}. Split households by locality (localityShards).`,
      );
    }
  }
}

/**
 * Split the households of a population into `n` shards of whole localities
 * (localities dealt round-robin), as runs with interactions need.
 * @example localityShards(population, 2) // [[households of localities 0, 2, …], [… 1, 3, …]]
 */
export function localityShards(population: Population, n: number): Int32Array[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`localityShards: n must be an integer ≥ 1, got ${n}`);
  const first = population.localities.firstHousehold;
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let l = 0; l < population.localityCount; l++) {
    for (let h = first[l] as number; h < (first[l + 1] as number); h++) (lists[l % n] as number[]).push(h);
  }
  return lists.map((list) => Int32Array.from(list));
}

/**
 * The households of shard `index` (0-based) of `count` for one run: whole localities (see
 * {@link localityShards}) when interactions are on, otherwise a contiguous block of households
 * (the best for the caches). The shards partition the households, so their merged results
 * equal the single run's.
 * @example shardHouseholds(scenario, population, 0, 2) // the first half of the households (no interactions)
 */
export function shardHouseholds(scenario: ResolvedScenario, population: Population, index: number, count: number): Int32Array {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`shardHouseholds: expected 0 ≤ index < count, got index ${index} of ${count}`);
  }
  if (interactionFlags(scenario.interactions).any) return localityShards(population, count)[index] as Int32Array;
  const H = population.householdCount;
  const from = Math.floor((index * H) / count);
  const to = Math.floor(((index + 1) * H) / count);
  return Int32Array.from({ length: to - from }, (_, k) => from + k);
}

/** Options of {@link Run.start}. */
export interface StartOptions {
  /**
   * Let the run use the population's person arrays as its own state instead of copying them:
   * 28 bytes per person slot less (about 50 per person), for the largest runs. The population
   * then changes with the run and cannot serve another (a later run with it throws), and what
   * is computed from its person arrays afterwards (e.g. `baselineWelfareDeciles`) is wrong.
   * Also for a population the run creates itself (none given): `run.population` then changes
   * with the run. (`simulate` without a population adopts the one it creates.)
   */
  readonly adoptPopulation?: boolean;
}

/** Options of {@link Run.resume}. */
export interface ResumeOptions {
  /** The population (rebuilt from the scenario if omitted). */
  readonly population?: Population;
  /** The code rule, required when the checkpointed scenario used one (code cannot be serialised). */
  readonly rule?: TransferRule;
  /** Called at the end of every month the resumed run advances. */
  readonly observe?: Observer;
  /** Where the checkpoint came from (e.g. its file name), named in a {@link CheckpointError}'s message. */
  readonly source?: string;
}

/** Fixed-point scale of money: cents for small currencies, whole units for large ones (keeps sums below 2^53). */
function moneyScaleFor(povertyLine: number): number {
  return povertyLine < 10_000 ? 100 : 1;
}

/** Per household, from the population at the start: truly poor (1/0) and baseline welfare decile, for the targeting counts. */
interface BaselineGroups {
  readonly trulyPoor: Uint8Array;
  readonly decile: Uint8Array;
}

function baselineTargetingGroups(scenario: ResolvedScenario, population: Population): BaselineGroups {
  const hh = population.households;
  const birthMonth = population.persons.birthMonth;
  const z = scenario.population.parameters.povertyLineLcuPerMonth;
  const w = scenario.population.parameters.childEquivalenceWeight;
  const trulyPoor = new Uint8Array(population.householdCount);
  for (let h = 0; h < trulyPoor.length; h++) {
    let ae = 0;
    const f = hh.firstSlot[h] as number;
    for (let m = 0; m < (hh.initialSize[h] as number); m++) ae += -(birthMonth[f + m] as number) < 180 ? w : 1;
    trulyPoor[h] = (hh.incomeLcuPerMonth[h] as number) / ae < z ? 1 : 0;
  }
  return { trulyPoor, decile: baselineWelfareDeciles(population) };
}

/** Marks a population whose person arrays a run has adopted (they changed with that run). */
const ADOPTED = Symbol("bansos.adoptedPopulation");

/** Whether a run has adopted this population's person arrays (see {@link StartOptions.adoptPopulation}). */
function isAdopted(population: Population): boolean {
  return (population as { [ADOPTED]?: true })[ADOPTED] === true;
}

function checkPopulation(scenario: ResolvedScenario, population: Population): void {
  if (isAdopted(population)) {
    throw new Error(
      "This population was adopted by an earlier run (adoptPopulation: true): its person arrays changed with that run. " +
        "Create a new one with createPopulation(scenario), or do not adopt a population you want to reuse.",
    );
  }
  const sp = scenario.population;
  if (population.preset.name !== sp.preset || population.householdCount !== sp.households || population.localityCount !== sp.localities) {
    throw new Error(
      `The population given (${population.preset.name}, ${population.householdCount} households, ${population.localityCount} localities) ` +
        `does not match the scenario's (${sp.preset}, ${sp.households} households, ${sp.localities} localities); create it with createPopulation(scenario).`,
    );
  }
}

/**
 * A simulation that advances month by month and can be checkpointed between
 * months and resumed — with exactly the result of an uninterrupted run.
 *
 * @example
 * const run = Run.start(parseScenario({ months: 24, programme: { rule: { kind: "progresa" } } }));
 * run.advance(12);
 * const snapshot = JSON.stringify(run.checkpoint());
 * const resumed = Run.resume(JSON.parse(snapshot));
 * resumed.advance(); // the remaining months
 */
export class Run {
  private next = 0;

  private constructor(
    /** The resolved scenario being run. */
    readonly scenario: ResolvedScenario,
    /** The population it runs on. */
    readonly population: Population,
    private readonly households: Int32Array | null,
    private readonly state: SimulationState,
    private readonly cycle: MonthlyCycle,
    private readonly data: Float64Array,
    /** Fixed-point scale of money in the accumulators (100: cents; 1: whole units). */
    readonly moneyScale: number,
    private observe: Observer | undefined,
    private readonly baseline: BaselineGroups,
  ) {}

  /** Replace the end-of-month observer (for runs that are advanced in stages). */
  observeWith(observe: Observer | undefined): this {
    this.observe = observe;
    return this;
  }

  /**
   * Start a run.
   * @param scenario a resolved scenario (see `parseScenario`)
   * @param population the scenario's population (created if omitted)
   * @param households household indices to simulate, in any order (default: all)
   * @param observe called at the end of every month with the live state
   * @param options whether the run may adopt the population's arrays
   */
  static start(scenario: ResolvedScenario, population?: Population, households?: ArrayLike<number>, observe?: Observer, options: StartOptions = {}): Run {
    const adopt = options.adoptPopulation === true;
    checkMemory(scenario, { adoptPopulation: adopt });
    const pop = population ?? createPopulation(scenario);
    const run = Run.build(scenario, pop, households ? Int32Array.from(households) : null, observe, null, adopt);
    run.cycle.initialise(run.list());
    return run;
  }

  /**
   * Resume a run from a checkpoint: the object `checkpoint()` returned, the same after
   * `JSON.parse`, or its JSON text. Everything is verified before it is trusted — the structure
   * (every field, its type, base64 that decodes, lengths), then the digest over the data and the
   * scenario, then the fit with the rebuilt run — and any problem throws a
   * {@link CheckpointError} naming the field and what did not match; nothing is resumed.
   * @throws CheckpointError for a damaged, edited, relabelled, truncated, older or foreign checkpoint, or a missing or other code rule
   */
  static resume(checkpoint: Checkpoint | string, options: ResumeOptions = {}): Run {
    const source = options.source;
    const read = readCheckpoint(checkpoint, source);
    const fail = (problems: readonly CheckpointProblem[], cause?: unknown): never => {
      throw new CheckpointError(problems, source, cause === undefined ? undefined : { cause });
    };
    let input: Record<string, unknown> = read.scenario;
    const programme = input.programme as { rule?: { kind?: unknown; name?: unknown } } | undefined;
    const saved = programme?.rule;
    if (saved?.kind === "custom") {
      const name = JSON.stringify(saved.name);
      if (options.rule === undefined)
        fail([{ field: "options.rule", problem: `the checkpoint's scenario used the code rule ${name}; pass it as options.rule` }]);
      else if (!isTransferRule(options.rule))
        fail([{ field: "options.rule", problem: `expected a transfer rule (name and offers), for the code rule ${name}` }]);
      else if (options.rule.name !== saved.name)
        fail([
          { field: "options.rule", problem: `the checkpoint's scenario used the code rule ${name}, but options.rule is ${JSON.stringify(options.rule.name)}` },
        ]);
      input = { ...input, programme: { ...programme, rule: options.rule } };
    } else if (options.rule !== undefined) {
      fail([
        {
          field: "options.rule",
          problem: `the checkpoint's rule is in its scenario (kind ${JSON.stringify(saved?.kind ?? null)}); a code rule is taken only for a checkpoint of a code rule`,
        },
      ]);
    }
    let scenario: ResolvedScenario;
    try {
      scenario = parseScenario(input);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return fail(
        error.problems.map((p) => ({ field: p.path === "(root)" ? "scenario" : `scenario.${p.path}`, problem: `expected ${p.expected}, found ${p.found}` })),
        error,
      );
    }
    const problems: CheckpointProblem[] = [];
    if (read.month > scenario.months) problems.push({ field: "month", problem: `${read.month} months completed, but the scenario has ${scenario.months}` });
    else if (read.data.length !== read.month * MONTH_LENGTH)
      problems.push({ field: "data", problem: `${read.data.length} accumulator values, expected ${read.month * MONTH_LENGTH} for ${read.month} months` });
    if (read.households) {
      const H = scenario.population.households;
      const seen = new Uint8Array(H);
      for (const h of read.households) {
        if (h < 0 || h >= H || seen[h] === 1) {
          problems.push({ field: "households", problem: `household ${h} is ${h < 0 || h >= H ? `outside 0…${H - 1}` : "listed twice"}` });
          break;
        }
        seen[h] = 1;
      }
    }
    if (problems.length > 0) fail(problems);
    const population = options.population ?? createPopulation(scenario);
    if (population.personCount !== read.population.persons || population.slotCount !== read.population.slots) {
      fail([
        {
          field: "population",
          problem: `the checkpoint's population has ${read.population.persons} persons in ${read.population.slots} slots, the rebuilt one ${population.personCount} in ${population.slotCount} (another population or library version)`,
        },
      ]);
    }
    return Run.build(scenario, population, read.households, options.observe, read, false, source);
  }

  private static build(
    scenario: ResolvedScenario,
    population: Population,
    households: Int32Array | null,
    observe: Observer | undefined,
    checkpoint: CheckpointRead | null,
    adopt: boolean,
    source?: string,
  ): Run {
    checkPopulation(scenario, population);
    const payment = scenario.programme?.payment ?? { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };
    const flags = interactionFlags(scenario.interactions);
    if (flags.any && households) checkWholeLocalities(population, households);
    const programmeRule = scenario.programme?.rule;
    // Computed from the population's person arrays before a run that adopts them changes them.
    const baseline = baselineTargetingGroups(scenario, population);
    const network = flags.network ? buildNetwork(population, new RandomStreams(scenario.seed), scenario.interactions.network) : undefined;
    const state = createState(population, payment.lagMonths, scenario.months, interactionSizes(scenario, population, network), {
      adultActivities: programmeRule !== undefined && (isTransferRule(programmeRule) || asksAdultActivities(programmeRule)),
      adopt,
    });
    if (adopt) Object.defineProperty(population, ADOPTED, { value: true });
    const moneyScale = moneyScaleFor(scenario.population.parameters.povertyLineLcuPerMonth);
    const rule = !programmeRule ? null : isTransferRule(programmeRule) ? programmeRule : ruleFromSpec(programmeRule);
    const cycle = new MonthlyCycle({
      scenario,
      population,
      state,
      rng: new RandomStreams(scenario.seed),
      rule,
      payment,
      moneyScale,
      network,
      households: households ?? Int32Array.from({ length: population.householdCount }, (_, h) => h),
    });
    const data = new Float64Array(scenario.months * MONTH_LENGTH);
    const run = new Run(scenario, population, households, state, cycle, data, moneyScale, observe, baseline);
    if (checkpoint) {
      const problems: CheckpointProblem[] = [];
      for (const [name, array] of Object.entries(state) as [string, ArrayBufferView][]) {
        const bytes = checkpoint.state.get(name);
        if (bytes === undefined) problems.push({ field: `state.${name}`, problem: "missing: this run has such a state array" });
        else if (bytes.length !== array.byteLength) problems.push({ field: `state.${name}`, problem: `${bytes.length} bytes, expected ${array.byteLength}` });
        else new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      }
      for (const name of checkpoint.state.keys()) if (!(name in state)) problems.push({ field: `state.${name}`, problem: "not a state array of this run" });
      if (problems.length > 0) throw new CheckpointError(problems, source);
      data.set(checkpoint.data);
      run.next = checkpoint.month;
    }
    return run;
  }

  private list(): Int32Array {
    return this.households ?? Int32Array.from({ length: this.population.householdCount }, (_, h) => h);
  }

  /** Months completed so far. */
  get month(): number {
    return this.next;
  }

  /** True when every month has run. */
  get done(): boolean {
    return this.next >= this.scenario.months;
  }

  /**
   * Run `months` more months (default: all that remain).
   * @returns this run
   */
  advance(months = this.scenario.months - this.next): this {
    const p = this.scenario.population.parameters;
    const end = Math.min(this.scenario.months, this.next + months);
    const list = this.households;
    const H = this.population.householdCount;
    const locBlock = this.population.localityCount * LOC_FIELDS;
    for (let t = this.next; t < end; t++) {
      const ctx = monthContext(this.scenario.start, t, p.schoolMonths, p.schoolYearStartMonth);
      const series = this.state.localitySeries;
      const block = series.length === 0 ? series : series.subarray(t * locBlock, (t + 1) * locBlock);
      this.cycle.beginMonth(t, ctx, this.data.subarray(t * MONTH_LENGTH, (t + 1) * MONTH_LENGTH), block);
      if (list) for (let k = 0; k < list.length; k++) this.cycle.step(list[k] as number);
      else for (let h = 0; h < H; h++) this.cycle.step(h);
      this.cycle.endMonth();
      this.next = t + 1;
      this.observe?.(t, this.state, this.population);
    }
    return this;
  }

  /** A serialisable snapshot between months, with its digest; resume it with {@link Run.resume}. */
  checkpoint(): Checkpoint {
    return writeCheckpoint({
      scenario: serialisableScenario(this.scenario),
      month: this.next,
      households: this.households,
      population: { persons: this.population.personCount, slots: this.population.slotCount },
      state: this.state,
      data: this.data.subarray(0, this.next * MONTH_LENGTH),
    });
  }

  /** The run's raw accumulators (once done). */
  shard(): ShardResult {
    if (!this.done) throw new Error(`Run.shard: the run has completed ${this.next} of ${this.scenario.months} months; call advance() first`);
    let targeted = 0;
    const list = this.list();
    const st = this.state;
    const hh = this.population.households;
    const start = parseYearMonth(this.scenario.start);
    const startIndex = start.year * 12 + start.month - 1;
    const firstYear = start.year - COHORT_YEARS_BEFORE_START;
    // The cohorts' work was accumulated month by month (labour phase); persons and grades are the end's.
    const cohorts = Float64Array.from(st.cohortWork);
    projectLifetimeEarnings(this.cycle.run, st, list, this.next, cohorts.subarray(lifetimeOffset(cohorts)));
    const windowConsumption = new Float64Array(this.population.householdCount);
    let targetedTrulyPoor = 0;
    let trulyPoorCount = 0;
    let poorestQuintile = 0;
    let poorestQuintileTargeted = 0;
    const { trulyPoor: poorAtStart, decile: deciles } = this.baseline;
    for (let k = 0; k < list.length; k++) {
      const h = list[k] as number;
      // Targeting is judged by whom it enrolled, not by whom recertification left at the end.
      const enrolled = st.enrolledAtStart[h] as number;
      targeted += enrolled;
      const trulyPoor = poorAtStart[h] as number;
      const poorest = (deciles[h] as number) < 2 ? 1 : 0;
      targetedTrulyPoor += enrolled * trulyPoor;
      trulyPoorCount += trulyPoor;
      poorestQuintile += poorest;
      poorestQuintileTargeted += poorest * enrolled;
      windowConsumption[h] = st.windowConsumption[h] as number;
      const first = hh.firstSlot[h] as number;
      for (let m = 0; m < (st.used[h] as number); m++) {
        const i = first + m;
        if (st.alive[i] !== 1) continue;
        const yearIndex = Math.floor((startIndex + (st.birthMonth[i] as number)) / 12) - firstYear;
        if (yearIndex < 0) continue;
        const o = cohortOffset(yearIndex, st.male[i] as number);
        cohorts[o] = (cohorts[o] as number) + 1;
        cohorts[o + 1] = (cohorts[o + 1] as number) + (st.gradesCompleted[i] as number);
      }
    }
    return {
      scenario: this.scenario,
      moneyScale: this.moneyScale,
      data: this.data,
      households: list.length,
      targeted,
      cohorts,
      windowConsumption,
      targetingCounts: { targeted, targetedTrulyPoor, trulyPoor: trulyPoorCount, poorestQuintile, poorestQuintileTargeted },
      localities: this.state.localitySeries,
    };
  }
}
