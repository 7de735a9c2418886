import type { BehaviourParameters } from "../behaviour/parameters.js";
import { monitoringSchema } from "../config/scenario.js";
import type { Monitoring, ResolvedProgramme, ResolvedScenario } from "../config/scenario.js";
import { interactionFlags } from "../config/interactions.js";
import type { InteractionFlags, Interactions } from "../config/interactions.js";
import { DIST_REMOTENESS } from "../outcomes/layout.js";
import { SUMMARY_WINDOW_MONTHS } from "../outcomes/summary.js";
import { baselineWelfareDeciles, remotenessTerciles } from "../population/baselineGroups.js";
import type { PopulationParameters } from "../population/parameters.js";
import type { Population } from "../population/population.js";
import { treatedLocalities } from "../programme/rollout.js";
import type { RandomStreams } from "../random/streams.js";
import { offerWriterOf } from "../rules/offerWriter.js";
import type { WriteOffers } from "../rules/offerWriter.js";
import type { PaymentSchedule, TransferRule } from "../rules/types.js";
import { emptyNetwork } from "../social/network.js";
import type { LocalityNetwork } from "../social/network.js";
import { parseYearMonth } from "./calendar.js";
import { StateHouseholdView } from "./householdView.js";
import type { SimulationState } from "./state.js";

/** What a run is built from (see {@link RunConstants}). */
export interface RunSetup {
  /** The resolved scenario. */
  readonly scenario: ResolvedScenario;
  /** Its population. */
  readonly population: Population;
  /** The run state (the household view reads it). */
  readonly state: SimulationState;
  /** The scenario's random streams. */
  readonly rng: RandomStreams;
  /** The programme's rule, or null without a programme. */
  readonly rule: TransferRule | null;
  /** When entitlements are paid. */
  readonly payment: PaymentSchedule;
  /** Fixed-point scale of money in the accumulator. */
  readonly moneyScale: number;
  /** The locality network, when an interaction needs it. */
  readonly network?: LocalityNetwork | undefined;
  /** The households this run simulates (their localities write the locality series). */
  readonly households: ArrayLike<number>;
}

/**
 * Everything a run knows from its start that never changes while it runs: the
 * scenario's parameters and derived rates, the classification of households, the
 * programme's settings, the network. Built once per run; phases only read it.
 */
export class RunConstants {
  /** The resolved scenario. */
  readonly scenario: ResolvedScenario;
  /** Its population. */
  readonly population: Population;
  /** The scenario's random streams. */
  readonly rng: RandomStreams;
  /** The programme, or null. */
  readonly programme: ResolvedProgramme | null;
  /** The programme's rule, or null. */
  readonly rule: TransferRule | null;
  /** The rule's offer writer (rules made with `defineRule`), or undefined: offers are then copied from `offers()`. */
  readonly writeOffers: WriteOffers | undefined;
  /** When entitlements are paid. */
  readonly payment: PaymentSchedule;
  /** Fixed-point scale of money in the accumulator (100: cents; 1: whole units). */
  readonly moneyScale: number;
  /** Behaviour parameters. */
  readonly b: BehaviourParameters;
  /** Population parameters. */
  readonly p: PopulationParameters;
  /** Poverty line, local currency per adult equivalent per month. */
  readonly z: number;
  /** The rules' cursor over the household being simulated. */
  readonly view: StateHouseholdView;
  /** Monthly death probabilities by age group [<1, 1–4, 5–14, 15–59, 60+]. */
  readonly monthlyMortality: Float64Array;
  /** Monthly conception probability of a non-pregnant woman 15–44. */
  readonly monthlyConception: number;
  /** 1 for households classified poor by the baseline means test. */
  readonly classifiedPoor: Uint8Array;
  /** Seasonal factor of earnings by calendar month (index 0 = January). */
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
  /** Administrative cost per condition verified, local currency. */
  readonly costPerVerification: number;
  /** How conditions are verified (perfect verification without a programme). */
  readonly monitoring: Monitoring;
  /** Every condition is verified and reported as it is: no monitoring draws. */
  readonly perfectMonitoring: boolean;
  /** How households interact inside their locality. */
  readonly interactions: Interactions;
  /** Which interaction channels are on. */
  readonly flags: InteractionFlags;
  /** The locality network (empty unless a channel needs it). */
  readonly network: LocalityNetwork;
  /** Number of directed ties. */
  readonly ties: number;
  /** The rule can ask adults for training or meetings: the state keeps per-person training hours and activities. */
  readonly adultActivities: boolean;
  /** Most member slots of any household (sizes the per-member stakes). */
  readonly maxSlots: number;
  /** 1 for localities with households in this run (they write their locality series). */
  readonly ownedLocality: Uint8Array;
  /** Calendar year of the start. */
  readonly startYear: number;
  /** The start as months since year 0 (year · 12 + calendar month − 1): with a birth month, the birth's calendar month. */
  readonly startMonthIndex: number;

  /** @param s what the run is built from */
  constructor(s: RunSetup) {
    this.scenario = s.scenario;
    this.population = s.population;
    this.rng = s.rng;
    this.programme = s.scenario.programme;
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
    let maxSlots = 1;
    for (let h = 0; h < hh.capacity.length; h++) maxSlots = Math.max(maxSlots, hh.capacity[h] as number);
    this.maxSlots = maxSlots;
    this.adultActivities = s.state.activity.length > 0;
    this.seasonal = Float64Array.from(this.p.seasonalFactors);
    this.ringSize = s.payment.lagMonths + 1;
    this.shockScale = this.p.idiosyncraticShockSd * Math.sqrt(1 - this.p.idiosyncraticPersistence ** 2);
    this.shockMeanCorrection = (this.p.idiosyncraticShockSd ** 2 + this.p.localityShockSd ** 2) / 2;
    this.treatedLocality = treatedLocalities(s.scenario);
    this.decile = baselineWelfareDeciles(s.population);
    this.remotenessGroup = remotenessTerciles(s.population).map((g) => DIST_REMOTENESS + g);
    this.windowStart = Math.max(0, s.scenario.months - SUMMARY_WINDOW_MONTHS);
    const programme = s.scenario.programme;
    this.adminPerBeneficiaryMonth = programme?.administrativeCost.perBeneficiaryMonthLcu ?? 0;
    this.adminShareOfTransfers = programme?.administrativeCost.shareOfTransfers ?? 0;
    this.costPerVerification = programme?.administrativeCost.perVerificationLcu ?? 0;
    this.monitoring = programme?.monitoring ?? monitoringSchema.parse({});
    const mon = this.monitoring;
    this.perfectMonitoring = mon.verificationProbability === 1 && mon.falseFailureRate === 0 && mon.falsePassRate === 0;
    this.interactions = s.scenario.interactions;
    this.flags = interactionFlags(s.scenario.interactions);
    this.network = s.network ?? emptyNetwork(s.population.householdCount);
    this.ties = this.network.target.length;
    const start = parseYearMonth(s.scenario.start);
    this.startYear = start.year;
    this.startMonthIndex = start.year * 12 + start.month - 1;
    this.ownedLocality = new Uint8Array(s.population.localityCount);
    const locality = hh.locality;
    for (let k = 0; k < s.households.length; k++) this.ownedLocality[locality[s.households[k] as number] as number] = 1;
  }
}
