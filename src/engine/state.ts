import { interactionFlags } from "../config/interactions.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { LOC_FIELDS } from "../outcomes/layout.js";
import { cohortLength } from "../outcomes/cohorts.js";
import type { PersonArrays, Population } from "../population/population.js";
import type { LocalityNetwork } from "../social/network.js";

/**
 * Mutable state of one simulation run, struct-of-arrays. The person arrays
 * inherited from {@link PersonArrays} are copies of the population's (a
 * population serves many runs), or the population's own when the run adopts
 * it; the rest is state the monthly cycle carries from month to month.
 */
export interface SimulationState extends Omit<PersonArrays, "role"> {
  /** 1 if enrolled in the previous school year. */
  readonly enrolledLastYear: Uint8Array;
  /** This month's attendance share (0 when not in school). */
  readonly attendance: Float32Array;
  /** Sum of attendance shares over this school year's months. */
  readonly attendanceSum: Float32Array;
  /** School months attended this school year. */
  readonly attendanceMonths: Uint8Array;
  /** Consecutive irregular months. */
  readonly irregularStreak: Uint8Array;
  /** 0 not working, 1 part-time, 2 full-time (children). */
  readonly work: Uint8Array;
  /** 1 if ill this month. */
  readonly ill: Uint8Array;
  /** Labour earnings of members aged 18+ this month, local currency (0 when not working; docs/model.md L1–L4). */
  readonly earnings: Float32Array;
  /** Hours of programme training attended so far (empty when the rule asks no adult activities). */
  readonly trainingHours: Float32Array;
  /** This month's adult activities: bit 1 attended the required training hours, bit 2 attended the community meeting (empty when the rule asks none). */
  readonly activity: Uint8Array;
  // ---- households
  /** Person slots in use. */
  readonly used: Uint8Array;
  /** Idiosyncratic log-income shock (AR(1) state). */
  readonly incomeShock: Float64Array;
  /** Liquid savings, local currency. */
  readonly savings: Float64Array;
  /** Value of the household's productive asset (livestock, land, a small enterprise), local currency (docs/model.md, W2). */
  readonly productiveAssets: Float64Array;
  /** Last month's consumption per adult equivalent / poverty line (log), for newborns. */
  readonly lastLogConsumptionRatio: Float64Array;
  /** 1 if enrolled in the programme. */
  readonly beneficiary: Uint8Array;
  /**
   * Entitlements matured (past their lag) and not yet paid, in whole money units (local currency ×
   * the run's money scale: centavos, rupiah), so that every sum of money the programme owes is exact.
   */
  readonly matured: Float64Array;
  /** Ring of entitlements still within their payment lag, in whole money units: lagMonths + 1 per household. */
  readonly lagRing: Float64Array;
  // ---- localities
  /** Consecutive months with a condition reported unmet (monitoring). */
  readonly failureStreak: Uint8Array;
  /** Consecutive months with every condition reported met while suspended. */
  readonly complianceStreak: Uint8Array;
  /** 1 while the household is suspended from payments. */
  readonly suspended: Uint8Array;
  /** Month from which a household found above the exit threshold leaves the programme (−1: none scheduled). */
  readonly graduateAt: Int32Array;
  /** 1 for a household that has graduated (and may re-enter). */
  readonly graduated: Uint8Array;
  /** Sum of consumption per adult equivalent over the final summary window (household outcomes). */
  readonly windowConsumption: Float64Array;
  /** Health and nutrition knowledge of the household, 0..1 (community meetings). */
  readonly knowledge: Float32Array;
  /** Training hours attended by the household's members so far (0: no earnings effect to compute). */
  readonly householdTrainingHours: Float32Array;
  /** Locality-wide log-income shock (AR(1) state). */
  readonly localityShock: Float64Array;
  /**
   * The enrolment plan's factor on every amount and the cap (a budget enforced by scaling; 1
   * otherwise), one element: kept with the state so that a resumed run has it.
   */
  readonly amountScale: Float64Array;
  /** The enrolment plan's one-off targeting cost per household, local currency (0 when targeting assesses nobody), one element. */
  readonly targetingCostPerHousehold: Float64Array;
  /** 1 for households the targeting selected, before budget and take-up (spillover groups). */
  readonly eligible: Uint8Array;
  /** 1 for households the enrolment plan enrolled before month 0 (targeting, budget, take-up), whatever recertification did since. */
  readonly enrolledAtStart: Uint8Array;
  // ---- interactions (empty arrays when the channel is off)
  /** Per locality × age band (6–11, 12–14, 15–17): last month's enrolment share of children (peer effects). */
  readonly peerShare: Float64Array;
  /** Per locality × age band: the enrolment share at the start (peer effects are deviations from it). */
  readonly peerBase: Float64Array;
  /** Per locality × age band × [children, enrolled]: this month's counts (peer effects). */
  readonly peerCount: Float64Array;
  /** Per tie, by month parity: informal gifts and loans on their way along the tie, local currency. */
  readonly informalOut: Float64Array;
  /** Per tie, by month parity: loan repayments on their way along the tie, local currency. */
  readonly repayOut: Float64Array;
  /** Per tie: what the household owes the tied household, local currency. */
  readonly debt: Float64Array;
  /** Per tie: strength 0..1 (social capital). */
  readonly tieStrength: Float32Array;
  /** Per locality: this month's price level of food (1 = no change). */
  readonly priceLevel: Float64Array;
  /** Per locality × [transfers paid, adult earnings]: this month's sums, fixed-point money (local prices). */
  readonly localityMoney: Float64Array;
  /** Per household: knowledge at the end of last month (diffusion reads ties' values from here). */
  readonly knowledgePrev: Float32Array;
  /** Per household × month parity: 1 if a member attended a community meeting (social capital). */
  readonly meetingAttended: Uint8Array;
  /** Month in which the household's last member died (−1: still living); ties see it from the next month. */
  readonly extinctSince: Int32Array;
  /**
   * Locality series (months × localities × LOC_FIELDS, empty without interactions): an
   * output accumulated month by month like the monthly accumulators, kept with the state so
   * that checkpoints carry it.
   */
  readonly localitySeries: Float64Array;
  /**
   * Work by birth cohort, sex and age band, accumulated month by month (layout of the cohort
   * block, outcomes/cohorts.ts; persons and grades are filled at the end): kept with the state so
   * that checkpoints carry it.
   */
  readonly cohortWork: Float64Array;
}

/** Sizes of the interaction arrays of a run (0 when a channel is off). */
export interface InteractionSizes {
  /** Directed ties of the network. */
  readonly ties: number;
  /** Peer effects on. */
  readonly peers: boolean;
  /** Local prices on. */
  readonly prices: boolean;
  /** Knowledge diffusion on. */
  readonly diffusion: boolean;
  /** Social capital on. */
  readonly socialCapital: boolean;
  /** Length of the locality series (0 without interactions). */
  readonly localitySeries: number;
}

/** The interaction arrays a run of `scenario` on `population` needs (`network`: its locality network, if a channel needs one). */
export function interactionSizes(scenario: ResolvedScenario, population: Population, network: LocalityNetwork | undefined): InteractionSizes {
  const flags = interactionFlags(scenario.interactions);
  return {
    ties: network?.target.length ?? 0,
    peers: flags.peers,
    prices: flags.prices,
    diffusion: flags.diffusion,
    socialCapital: flags.socialCapital,
    localitySeries: flags.any ? scenario.months * population.localityCount * LOC_FIELDS : 0,
  };
}

const NO_INTERACTIONS: InteractionSizes = { ties: 0, peers: false, prices: false, diffusion: false, socialCapital: false, localitySeries: 0 };

/** How the person arrays of a run state are made. */
export interface StateOptions {
  /**
   * Keep per-person training hours and activities (5 bytes per slot): only for rules that can
   * ask adults for training or meetings (see `asksAdultActivities`); otherwise both arrays are
   * empty and the engine never reads them.
   */
  readonly adultActivities: boolean;
  /**
   * Use the population's person arrays as the state's instead of copying them (28 bytes per
   * slot saved): the population then changes with the run and must not serve another.
   */
  readonly adopt: boolean;
}

const DEFAULT_STATE_OPTIONS: StateOptions = { adultActivities: true, adopt: false };

/** Fresh run state for a population; `lagMonths` sizes the payment-lag ring, `months` (the run's length) the cohort block. */
export function createState(
  population: Population,
  lagMonths: number,
  months: number,
  interactions: InteractionSizes = NO_INTERACTIONS,
  options: StateOptions = DEFAULT_STATE_OPTIONS,
): SimulationState {
  const P = population.persons;
  const S = population.slotCount;
  const H = population.householdCount;
  const own = <T extends { slice(): T }>(a: T): T => (options.adopt ? a : a.slice());
  const A = options.adultActivities ? S : 0;
  return {
    birthMonth: own(P.birthMonth),
    male: own(P.male),
    alive: own(P.alive),
    gradesCompleted: own(P.gradesCompleted),
    enrolled: own(P.enrolled),
    repeats: own(P.repeats),
    haz: own(P.haz),
    hazPotential: own(P.hazPotential),
    schoolTaste: own(P.schoolTaste),
    monthsSinceVisit: own(P.monthsSinceVisit),
    pregnancy: own(P.pregnancy),
    disabled: own(P.disabled),
    wageEffect: own(P.wageEffect),
    enrolledLastYear: P.enrolled.slice(),
    attendance: new Float32Array(S),
    attendanceSum: new Float32Array(S),
    attendanceMonths: new Uint8Array(S),
    irregularStreak: new Uint8Array(S),
    work: new Uint8Array(S),
    ill: new Uint8Array(S),
    earnings: new Float32Array(S),
    trainingHours: new Float32Array(A),
    activity: new Uint8Array(A),
    used: population.households.initialSize.slice(),
    incomeShock: new Float64Array(H),
    savings: new Float64Array(H),
    productiveAssets: new Float64Array(H),
    lastLogConsumptionRatio: new Float64Array(H),
    beneficiary: new Uint8Array(H),
    matured: new Float64Array(H),
    lagRing: new Float64Array(H * (lagMonths + 1)),
    failureStreak: new Uint8Array(H),
    complianceStreak: new Uint8Array(H),
    suspended: new Uint8Array(H),
    graduateAt: new Int32Array(H).fill(-1),
    graduated: new Uint8Array(H),
    windowConsumption: new Float64Array(H),
    knowledge: new Float32Array(H),
    householdTrainingHours: new Float32Array(H),
    localityShock: new Float64Array(population.localityCount),
    amountScale: Float64Array.of(1),
    targetingCostPerHousehold: Float64Array.of(0),
    eligible: new Uint8Array(H),
    enrolledAtStart: new Uint8Array(H),
    peerShare: new Float64Array(interactions.peers ? 3 * population.localityCount : 0),
    peerBase: new Float64Array(interactions.peers ? 3 * population.localityCount : 0),
    peerCount: new Float64Array(interactions.peers ? 6 * population.localityCount : 0),
    informalOut: new Float64Array(2 * interactions.ties),
    repayOut: new Float64Array(2 * interactions.ties),
    debt: new Float64Array(interactions.ties),
    tieStrength: new Float32Array(interactions.ties),
    priceLevel: new Float64Array(interactions.prices ? population.localityCount : 0).fill(1),
    localityMoney: new Float64Array(interactions.prices ? 2 * population.localityCount : 0),
    knowledgePrev: new Float32Array(interactions.diffusion ? H : 0),
    meetingAttended: new Uint8Array(interactions.socialCapital ? 2 * H : 0),
    extinctSince: new Int32Array(H).fill(-1),
    localitySeries: new Float64Array(interactions.localitySeries),
    cohortWork: new Float64Array(cohortLength(months)),
  };
}
