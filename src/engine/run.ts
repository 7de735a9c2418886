import { interactionFlags } from "../config/interactions.js";
import { buildNetwork } from "../social/network.js";
import { LOC_FIELDS } from "../outcomes/layout.js";
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { serialisableScenario } from "../config/scenario.js";
import { base64ToBytes, bytesToBase64 } from "../foundation/base64.js";
import { MONTH_LENGTH } from "../outcomes/layout.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { RandomStreams } from "../random/streams.js";
import { ruleFromSpec } from "../rules/specs.js";
import { isTransferRule } from "../rules/types.js";
import type { TransferRule } from "../rules/types.js";
import { VERSION } from "../foundation/version.js";
import { COHORT_YEARS_BEFORE_START, cohortLength, cohortOffset } from "../outcomes/cohorts.js";
import { baselineWelfareDeciles } from "../population/baselineGroups.js";
import { monthContext, parseYearMonth } from "./calendar.js";
import { checkMemory } from "./capacity.js";
import { MonthlyCycle } from "./monthlyCycle.js";
import { createState } from "./state.js";
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
  /** End-of-run schooling by birth cohort and sex (see outcomes/cohorts.ts), exact sums. */
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

/**
 * A serialisable snapshot of a run between two months: the resolved scenario,
 * the months completed, the whole run state and the accumulators so far.
 * Typed arrays are base64 strings, so `JSON.stringify` works. The population is
 * not stored: it is rebuilt from the scenario, which is deterministic.
 */
export interface Checkpoint {
  /** Format tag and version of the checkpoint layout. */
  readonly format: "bansos-checkpoint/2";
  /** Library version that wrote it. */
  readonly version: string;
  /** The resolved scenario (a code rule appears as { kind: "custom", name }). */
  readonly scenario: ResolvedScenario;
  /** Months completed (the next month to run). */
  readonly month: number;
  /** Households simulated by this run (base64 Int32Array), or null for all. */
  readonly households: string | null;
  /** Persons and slots of the population, to check the rebuilt one. */
  readonly population: {
    /** Persons at the start. */
    readonly persons: number;
    /** Person slots (persons plus spare slots for births). */
    readonly slots: number;
  };
  /** Every state array, base64 of its bytes. */
  readonly state: Readonly<Record<string, string>>;
  /** Accumulators of the completed months, base64 of a Float64Array. */
  readonly data: string;
}

/** Options of {@link Run.start}. */
export interface StartOptions {
  /**
   * Let the run use the population's person arrays as its own state instead of copying them:
   * 24 bytes per person slot less (about 45 per person), for the largest runs. The population
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

  /** Resume a run from a checkpoint (possibly after `JSON.parse`). */
  static resume(checkpoint: Checkpoint, options: ResumeOptions = {}): Run {
    if (checkpoint?.format !== "bansos-checkpoint/2") throw new Error("Run.resume: not a bansos checkpoint (format bansos-checkpoint/2)");
    if (checkpoint.version !== VERSION) {
      throw new Error(`Run.resume: the checkpoint was written by bansos ${checkpoint.version}; this is ${VERSION}, whose model may differ`);
    }
    let input = checkpoint.scenario;
    const saved = input.programme?.rule as { kind?: string; name?: string } | undefined;
    if (saved?.kind === "custom") {
      if (!options.rule) throw new Error(`Run.resume: the checkpoint's scenario used the code rule "${saved.name}"; pass it as options.rule`);
      input = { ...input, programme: { ...input.programme!, rule: options.rule } };
    }
    const scenario = parseScenario(input);
    const population = options.population ?? createPopulation(scenario);
    if (population.personCount !== checkpoint.population.persons || population.slotCount !== checkpoint.population.slots) {
      throw new Error("Run.resume: the rebuilt population does not match the checkpoint's (different library version or population)");
    }
    const households = checkpoint.households === null ? null : new Int32Array(base64ToBytes(checkpoint.households).buffer);
    const run = Run.build(scenario, population, households, options.observe, checkpoint, false);
    return run;
  }

  private static build(
    scenario: ResolvedScenario,
    population: Population,
    households: Int32Array | null,
    observe: Observer | undefined,
    checkpoint: Checkpoint | null,
    adopt: boolean,
  ): Run {
    checkPopulation(scenario, population);
    const payment = scenario.programme?.payment ?? { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };
    const flags = interactionFlags(scenario.interactions);
    if (flags.any && households) checkWholeLocalities(population, households);
    const programmeRule = scenario.programme?.rule;
    // Computed from the population's person arrays before a run that adopts them changes them.
    const baseline = baselineTargetingGroups(scenario, population);
    const network = flags.network ? buildNetwork(population, new RandomStreams(scenario.seed), scenario.interactions.network) : undefined;
    const state = createState(
      population,
      payment.lagMonths,
      {
        ties: network?.target.length ?? 0,
        peers: flags.peers,
        prices: flags.prices,
        diffusion: flags.diffusion,
        socialCapital: flags.socialCapital,
        localitySeries: flags.any ? scenario.months * population.localityCount * LOC_FIELDS : 0,
      },
      {
        adultActivities: programmeRule !== undefined && (isTransferRule(programmeRule) || asksAdultActivities(programmeRule)),
        adopt,
      },
    );
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
      for (const [name, array] of Object.entries(state) as [string, ArrayLike<number> & ArrayBufferView][]) {
        const encoded = checkpoint.state[name];
        if (encoded === undefined) throw new Error(`Run.resume: the checkpoint has no state array "${name}"`);
        const bytes = base64ToBytes(encoded);
        if (bytes.length !== array.byteLength) throw new Error(`Run.resume: state array "${name}" has ${bytes.length} bytes, expected ${array.byteLength}`);
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      }
      const done = new Float64Array(base64ToBytes(checkpoint.data).buffer);
      if (done.length !== checkpoint.month * MONTH_LENGTH) throw new Error("Run.resume: accumulator length does not match the month");
      data.set(done);
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

  /** A serialisable snapshot between months; resume it with {@link Run.resume}. */
  checkpoint(): Checkpoint {
    const state: Record<string, string> = {};
    for (const [name, array] of Object.entries(this.state) as [string, ArrayBufferView][]) {
      state[name] = bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
    const done = this.data.subarray(0, this.next * MONTH_LENGTH);
    return {
      format: "bansos-checkpoint/2",
      version: VERSION,
      scenario: serialisableScenario(this.scenario),
      month: this.next,
      households: this.households ? bytesToBase64(new Uint8Array(this.households.buffer, this.households.byteOffset, this.households.byteLength)) : null,
      population: { persons: this.population.personCount, slots: this.population.slotCount },
      state,
      data: bytesToBase64(new Uint8Array(done.buffer, done.byteOffset, done.byteLength)),
    };
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
    const cohorts = new Float64Array(cohortLength(this.scenario.months));
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
