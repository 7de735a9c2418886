import { OfferBuffer } from "./offerBuffer.js";

/** One household's health counts from the welfare phase, read by the record phase. */
class HealthTally {
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

  /** Zero every count. */
  clear(): void {
    this.ill = 0;
    this.visits = 0;
    this.under5 = 0;
    this.stunted = 0;
    this.hazFixed = 0;
    this.age1to3 = 0;
    this.stunted1to3 = 0;
  }
}

/** One household's children 6–17 by age band (6–11, 12–14, 15–17), counted by the record phase for its outcomes. */
class ChildTally {
  /** Children aged 6–17. */
  children = 0;
  /** Of them, enrolled. */
  enrolled = 0;
  /** Children by age band 6–11, 12–14, 15–17 (index = band). */
  readonly byBand = new Int32Array(3);
  /** Of them, enrolled (index = band). */
  readonly enrolledByBand = new Int32Array(3);

  /** Zero every count. */
  clear(): void {
    this.children = 0;
    this.enrolled = 0;
    // Element by element (V8: docs/performance.md, "Small loops over small arrays").
    for (let k = 0; k < 3; k++) {
      this.byBand[k] = 0;
      this.enrolledByBand[k] = 0;
    }
  }
}

/**
 * What compliance is worth to each member this month, after the household cap
 * (assess writes them; decisions, adult activities and settle read them). Zero
 * from slot {@link MemberStakes.slots} on.
 */
export class MemberStakes {
  /** The arrays are zero from this slot on (assess clears only what the last beneficiary wrote). */
  slots = 0;
  /** Conditional amount secured by attending school this month (marginal, after the cap), local currency. */
  readonly school: Float64Array;
  /** Amount that lapses unless a clinic visit is made before the window closes this month or next (marginal, after the cap). */
  readonly health: Float64Array;
  /** Amount that lapses without the required training hours this month (marginal, after the cap). */
  readonly training: Float64Array;
  /** Amount that lapses without attending this month's community meeting (marginal, after the cap). */
  readonly meeting: Float64Array;
  /** Offered amount tied to school attendance (before the cap). */
  readonly schoolOffered: Float64Array;
  /** Offered amount tied to a visit due this month or next (before the cap). */
  readonly healthOffered: Float64Array;
  /** Offered amount tied to training (before the cap). */
  readonly trainingOffered: Float64Array;
  /** Offered amount tied to a community meeting (before the cap). */
  readonly meetingOffered: Float64Array;
  /** Training hours required this month (0: none). */
  readonly trainingHoursRequired: Float64Array;

  /** @param slots most member slots of any household */
  constructor(slots: number) {
    this.school = new Float64Array(slots);
    this.health = new Float64Array(slots);
    this.training = new Float64Array(slots);
    this.meeting = new Float64Array(slots);
    this.schoolOffered = new Float64Array(slots);
    this.healthOffered = new Float64Array(slots);
    this.trainingOffered = new Float64Array(slots);
    this.meetingOffered = new Float64Array(slots);
    this.trainingHoursRequired = new Float64Array(slots);
  }

  /** Zero what the last beneficiary wrote. */
  clear(): void {
    for (let m = 0; m < this.slots; m++) {
      this.school[m] = 0;
      this.health[m] = 0;
      this.schoolOffered[m] = 0;
      this.healthOffered[m] = 0;
      this.training[m] = 0;
      this.meeting[m] = 0;
      this.trainingHoursRequired[m] = 0;
      this.trainingOffered[m] = 0;
      this.meetingOffered[m] = 0;
    }
    this.slots = 0;
  }
}

/** What each member could earn this month, from the labour phase (decisions read it for the school-age youths' forgone earnings). */
export class MemberWork {
  /** Full-time monthly earnings (local currency) of a member aged 18+; 0 below. */
  readonly wage: Float64Array;
  /** Probability of working this month (its persistent draw decides), for a member aged 18+; 0 below. */
  readonly propensity: Float64Array;
  /** The member's persistent work draw, uniform 0..1 (works when below the propensity). */
  readonly workDraw: Float64Array;
  /** 1 when the member works outside agriculture if working (L3), at this month's grades. */
  readonly nonAgricultural: Uint8Array;

  /** @param slots most member slots of any household */
  constructor(slots: number) {
    this.wage = new Float64Array(slots);
    this.propensity = new Float64Array(slots);
    this.workDraw = new Float64Array(slots);
    this.nonAgricultural = new Uint8Array(slots);
  }
}

/**
 * The intermediate values of the household being simulated, passed from phase
 * to phase within its month: which phase writes and which reads each field is
 * declared in the phase list (phases/cycle.ts). Overwritten household after
 * household, so the monthly loop allocates nothing of its own.
 */
export class HouseholdScratch {
  /** Index of the household (set by the cycle before the first phase). */
  index = 0;
  /** First person slot of the household (set by the cycle before the first phase). */
  base = 0;
  /** Living members after this month's demography. */
  living = 0;
  /** Adult equivalents of the living members (children under 15 weigh `childEquivalenceWeight`). */
  adultEquivalents = 0;
  /** The household's income this month but children's earnings and transfers — members' labour earnings, other income, the asset's return — local currency. */
  adultEarnings = 0;
  /** Members' labour earnings this month (part of `adultEarnings`), local currency. */
  labourEarnings = 0;
  /** Season × the household's and locality's shocks this month (E2), which multiply its earnings. */
  earningsFactor = 0;
  /** The household's permanent income this month: members' earnings and other income without the season and shocks, plus the asset's return, local currency. */
  permanentIncome = 0;
  /** Investment in the productive asset this month (welfare), local currency. */
  investment = 0;
  /** Members' wages and work propensities this month. */
  readonly wages: MemberWork;
  /** Children's earnings this month, local currency. */
  childEarnings = 0;
  /** Unconditional amount labelled "education" this month (labelling), local currency. */
  labelled = 0;
  /** The labelled amount's pull per school-age child (I5), added to each child's school stake, local currency. */
  labelledPerChild = 0;
  /** Net informal receipts this month (received − given), local currency (0 without risk sharing). */
  informalNet = 0;
  /** Spillover group of the household this month (see SpillGroup in outcomes/layout.ts). */
  spillGroup = 0;
  /** This month's checked offers (the household's offer buffer), or null when not a beneficiary. */
  offers: OfferBuffer | null = null;
  /** The household's offer buffer, refilled household after household. */
  readonly offerBuffer = new OfferBuffer();
  /** Entitlement if every condition were met (after the cap and the amount factor), local currency. */
  expected = 0;
  /** Sum of offered amounts before the cap, local currency. */
  offeredTotal = 0;
  /** Adult earnings + expected transfers: the resources the household decides with, local currency. */
  resources = 0;
  /** ln(resources per adult equivalent / poverty line). */
  logResources = 0;
  /** What compliance is worth to each member this month. */
  readonly stakes: MemberStakes;
  /** Transfers paid this month, local currency. */
  paid = 0;
  /** Consumption per adult equivalent this month, local currency. */
  consumptionPerAe = 0;
  /** ln(consumption per adult equivalent / poverty line) this month (floored at 5% of the line). */
  logConsumptionRatio = 0;
  /** Segment of the household: `SegmentIndex.poor` or `SegmentIndex.nonPoor` (outcomes/layout.ts). */
  segment = 0;
  /** Health counts of the welfare phase. */
  readonly health = new HealthTally();
  /** Children by age band, of the record phase. */
  readonly children = new ChildTally();
  /** Normal draws written by `RandomStreams.normalInto` (a phase's temporary: a newborn takes three). */
  readonly draws = new Float64Array(3);

  /** @param slots most member slots of any household */
  constructor(slots: number) {
    this.stakes = new MemberStakes(slots);
    this.wages = new MemberWork(slots);
  }
}
