import type { BehaviourParameters } from "../behaviour/parameters.js";
import { monitoringSchema } from "../config/scenario.js";
import type { Monitoring, ResolvedScenario } from "../config/scenario.js";
import { interactionFlags } from "../config/interactions.js";
import type { InteractionFlags, Interactions } from "../config/interactions.js";
import { emptyNetwork } from "../social/network.js";
import type { LocalityNetwork } from "../social/network.js";
import type { PopulationParameters } from "../population/parameters.js";
import type { Population } from "../population/population.js";
import type { RandomStreams } from "../random/streams.js";
import type { MonthContext, PaymentSchedule, TransferRule } from "../rules/types.js";
import { offerWriterOf } from "../rules/offerWriter.js";
import type { WriteOffers } from "../rules/offerWriter.js";
import { OfferBuffer } from "./offerBuffer.js";
import { DIST_REMOTENESS } from "../outcomes/layout.js";
import { SUMMARY_WINDOW_MONTHS } from "../outcomes/summary.js";
import { baselineWelfareDeciles, remotenessTerciles } from "../population/baselineGroups.js";
import { treatedLocalities } from "../programme/rollout.js";
import { StateHouseholdView } from "./householdView.js";
import type { SimulationState } from "./state.js";

/** Everything a run needs that does not change within it. */
export interface CycleSetup {
  readonly scenario: ResolvedScenario;
  readonly population: Population;
  readonly state: SimulationState;
  readonly rng: RandomStreams;
  readonly rule: TransferRule | null;
  readonly payment: PaymentSchedule;
  /** Fixed-point scale of money in the accumulator. */
  readonly moneyScale: number;
  /** The locality network, when an interaction needs it. */
  readonly network?: LocalityNetwork;
}

/** One household's counts from the welfare phase, read by the record (cleared household after household). */
export class WelfareTally {
  /** Members ill this month. */
  ill = 0;
  /** Members who visited the clinic this month. */
  visits = 0;
  /** Children under 5. */
  under5 = 0;
  /** Of them, stunted (height-for-age z < −2). */
  stunted = 0;
  /** Sum of the under-5s' height-for-age z, fixed point (RATE_SCALE). */
  hazFixed = 0;
  /** Children aged 12–47 months. */
  age1to3 = 0;
  /** Of them, stunted. */
  stunted1to3 = 0;
  /** Children aged 6–17. */
  children = 0;
  /** Of them, enrolled. */
  enrolledChildren = 0;
  /** Children by age band 6–11, 12–14, 15–17. */
  readonly childrenByBand = new Int32Array(3);
  /** Of them, enrolled. */
  readonly enrolledByBand = new Int32Array(3);

  clear(): void {
    this.ill = 0;
    this.visits = 0;
    this.under5 = 0;
    this.stunted = 0;
    this.hazFixed = 0;
    this.age1to3 = 0;
    this.stunted1to3 = 0;
    this.children = 0;
    this.enrolledChildren = 0;
    // Element by element: TypedArray.prototype.fill is a call into the runtime, slow for three elements.
    for (let k = 0; k < 3; k++) {
      this.childrenByBand[k] = 0;
      this.enrolledByBand[k] = 0;
    }
  }
}

/**
 * Shared context of the phases: run constants, this month's calendar, and the
 * current household's intermediate values (scratch), reused household after
 * household so the monthly loop allocates nothing of its own.
 */
export class CycleContext {
  readonly scenario: ResolvedScenario;
  readonly population: Population;
  readonly state: SimulationState;
  readonly rng: RandomStreams;
  readonly rule: TransferRule | null;
  readonly payment: PaymentSchedule;
  readonly moneyScale: number;
  readonly b: BehaviourParameters;
  readonly p: PopulationParameters;
  /** Poverty line, local currency per adult equivalent per month. */
  readonly z: number;
  readonly view: StateHouseholdView;
  /** Monthly death probabilities by age group [<1, 1–4, 5–14, 15–59, 60+]. */
  readonly monthlyMortality: Float64Array;
  /** Monthly conception probability of a non-pregnant woman 15–44. */
  readonly monthlyConception: number;
  /** 1 for households classified poor by the baseline means test. */
  readonly classifiedPoor: Uint8Array;
  readonly seasonal: Float64Array;
  /** Payment-lag ring length (lagMonths + 1). */
  readonly ringSize: number;
  /** Innovation scale of the idiosyncratic AR(1) shock. */
  readonly shockScale: number;
  /** Makes the log-normal shocks mean-preserving. */
  readonly shockMeanCorrection: number;
  /** 1 for localities in the treatment arm (all of them without a randomised roll-out). */
  readonly treatedLocality: Uint8Array;
  /** Distribution group of each household: baseline welfare decile 0…9. */
  readonly decile: Uint8Array;
  /** Distribution group of each household: DIST_REMOTENESS + remoteness tercile. */
  readonly remotenessGroup: Uint8Array;
  /** First month of the final summary window (household outcomes average from here). */
  readonly windowStart: number;
  /** Administrative cost per beneficiary household-month, local currency. */
  readonly adminPerBeneficiaryMonth: number;
  /** Administrative cost as a share of transfers paid. */
  readonly adminShareOfTransfers: number;
  /** How conditions are verified (perfect verification without a programme). */
  readonly monitoring: Monitoring;
  /** How households interact inside their locality. */
  readonly interactions: Interactions;
  /** Which interaction channels are on. */
  readonly flags: InteractionFlags;
  /** The locality network (empty unless a channel needs it). */
  readonly network: LocalityNetwork;
  /** Number of directed ties. */
  readonly ties: number;
  /** Administrative cost per condition verified, local currency. */
  readonly costPerVerification: number;
  /** One-off targeting cost per household assessed, local currency (0 when targeting assesses nobody). */
  targetingCostPerHousehold = 0;
  /** Factor on every amount and the cap from a budget enforced by scaling (set at initialisation). */
  amountScale = 1;

  // ---- this month
  ctx!: MonthContext;
  t = 0;
  /** A school-year transition happens this month. */
  transition = false;
  /** The programme offers benefits this month in treated localities (all localities without a randomised roll-out). */
  programmeOnTreated = false;
  /** The programme offers benefits this month in control localities. */
  programmeOnControl = false;
  /** Household cap this month, local currency (Infinity if none). */
  cap = Infinity;
  /** Real value of this month's amounts: budget scaling × indexation (1 by default). */
  amountFactor = 1;
  /** The programme's first month: the targeting exercise is charged now. */
  chargeTargeting = false;
  /** Matured entitlements are paid this month. */
  payNow = false;
  /** This month's accumulator. */
  out!: Float64Array;
  /** This month's locality series block (LOC_FIELDS per locality; empty without interactions). */
  loc: Float64Array = new Float64Array(0);

  // ---- current household (scratch)
  /** Index of the household. */
  household = 0;
  /** First person slot of the household. */
  base = 0;
  living = 0;
  adultEquivalents = 0;
  adultEarnings = 0;
  childEarnings = 0;
  /** Unconditional amount labelled "education" this month (labelling), local currency. */
  labelled = 0;
  /** The labelled amount's pull per school-age child (I5), added to each child's school stake, local currency. */
  labelledPerChild = 0;
  /** Net informal receipts this month (received − given), local currency. */
  informalNet = 0;
  /** Spillover group of the household this month (see SpillGroup). */
  spillGroup = 0;
  /** Offers of this month (the offer buffer), or null when not a beneficiary. */
  offers: OfferBuffer | null = null;
  /** The household's offers, refilled household after household (see `fillOffers`). */
  readonly offerBuffer = new OfferBuffer();
  /** The rule's allocation-free offer writer, when it has one. */
  readonly writeOffers: WriteOffers | undefined;
  /** Entitlement if every condition were met (after the cap). */
  expected = 0;
  /** Sum of offered amounts before the cap. */
  offeredTotal = 0;
  /** Adult earnings + expected transfers: resources the household decides with. */
  resources = 0;
  /** ln(resources per adult equivalent / poverty line). */
  logResources = 0;
  paid = 0;
  /** Consumption per adult equivalent this month, local currency (welfare). */
  consumptionPerAe = 0;
  /** ln(consumption per adult equivalent / poverty line) this month (welfare). */
  logConsumptionRatio = 0;
  /** The household's counts of the welfare phase, for the record. */
  readonly tally = new WelfareTally();
  /** The phases' normal draws, written by `RandomStreams.normalInto` (scratch: a newborn takes three). */
  readonly draws = new Float64Array(3);
  /** The per-member arrays below are zero from this slot on (assess clears only what the last beneficiary wrote). */
  stakeSlots = 0;
  /** Per member: conditional amount secured by attending school this month (marginal, after the cap). */
  readonly schoolStake: Float64Array;
  /** Per member: amount that lapses unless a clinic visit is made before the window closes this month or next (marginal, after the cap). */
  readonly healthStake: Float64Array;
  /** Per member: offered amount tied to school attendance (before the cap). */
  readonly schoolOffered: Float64Array;
  /** Per member: offered amount tied to a visit due this month or next (before the cap). */
  readonly healthOffered: Float64Array;
  /** Per member: amount that lapses without the required training hours this month (marginal, after the cap). */
  readonly trainingStake: Float64Array;
  /** Per member: amount that lapses without attending this month's community meeting (marginal, after the cap). */
  readonly meetingStake: Float64Array;
  /** The rule can ask adults for training or meetings: the state keeps per-person training hours and activities. */
  readonly adultActivities: boolean;
  /** Per member: training hours required this month (0: none). */
  readonly trainingRequired: Float64Array;
  /** Per member: offered amount tied to training (before the cap). */
  readonly trainingOffered: Float64Array;
  /** Per member: offered amount tied to a community meeting (before the cap). */
  readonly meetingOffered: Float64Array;

  constructor(s: CycleSetup) {
    this.scenario = s.scenario;
    this.population = s.population;
    this.state = s.state;
    this.rng = s.rng;
    this.rule = s.rule;
    this.writeOffers = s.rule ? offerWriterOf(s.rule) : undefined;
    this.payment = s.payment;
    this.moneyScale = s.moneyScale;
    this.b = s.scenario.behaviour;
    this.p = s.scenario.population.parameters;
    this.z = this.p.povertyLineLcuPerMonth;
    this.view = new StateHouseholdView(s.population, s.state);
    this.monthlyMortality = Float64Array.from(this.p.annualMortality, (q) => 1 - Math.pow(1 - q, 1 / 12));
    // Non-pregnant women conceive so that annual births per woman match annualFertility.
    const f = this.p.annualFertility;
    this.monthlyConception = f / 12 / Math.max(0.05, 1 - (9 / 12) * f);
    const hh = s.population.households;
    this.classifiedPoor = Uint8Array.from(hh.meansTestScore, (v) => (v < s.population.meansTestCutoff ? 1 : 0));
    let maxCap = 1;
    for (let h = 0; h < hh.capacity.length; h++) maxCap = Math.max(maxCap, hh.capacity[h] as number);
    this.schoolStake = new Float64Array(maxCap);
    this.healthStake = new Float64Array(maxCap);
    this.schoolOffered = new Float64Array(maxCap);
    this.healthOffered = new Float64Array(maxCap);
    this.trainingStake = new Float64Array(maxCap);
    this.meetingStake = new Float64Array(maxCap);
    this.trainingRequired = new Float64Array(maxCap);
    this.trainingOffered = new Float64Array(maxCap);
    this.meetingOffered = new Float64Array(maxCap);
    this.adultActivities = s.state.activity.length > 0;
    this.seasonal = Float64Array.from(this.p.seasonalFactors);
    this.ringSize = s.payment.lagMonths + 1;
    this.shockScale = this.p.idiosyncraticShockSd * Math.sqrt(1 - this.p.idiosyncraticPersistence ** 2);
    this.shockMeanCorrection = (this.p.idiosyncraticShockSd ** 2 + this.p.localityShockSd ** 2) / 2;
    this.treatedLocality = treatedLocalities(s.scenario);
    this.decile = baselineWelfareDeciles(s.population);
    this.remotenessGroup = remotenessTerciles(s.population).map((g) => DIST_REMOTENESS + g);
    this.windowStart = Math.max(0, s.scenario.months - SUMMARY_WINDOW_MONTHS);
    this.adminPerBeneficiaryMonth = s.scenario.programme?.administrativeCost.perBeneficiaryMonthLcu ?? 0;
    this.adminShareOfTransfers = s.scenario.programme?.administrativeCost.shareOfTransfers ?? 0;
    this.monitoring = s.scenario.programme?.monitoring ?? monitoringSchema.parse({});
    this.costPerVerification = s.scenario.programme?.administrativeCost.perVerificationLcu ?? 0;
    this.interactions = s.scenario.interactions;
    this.flags = interactionFlags(s.scenario.interactions);
    this.network = s.network ?? emptyNetwork(s.population.householdCount);
    this.ties = this.network.target.length;
  }

  /** Add `value` to field `offset` of this month's accumulator. */
  add(offset: number, value: number): void {
    this.out[offset] = (this.out[offset] as number) + value;
  }
}
