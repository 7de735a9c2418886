import { illnessLogit, healthAgeGroup, nextHaz, visitUtility } from "../behaviour/health.js";
import { logistic, logWelfareRatio } from "../behaviour/logistic.js";
import type { BehaviourParameters } from "../behaviour/parameters.js";
import { ageIndex, attendanceUtility, enrolmentUtility, passLogit } from "../behaviour/schooling.js";
import type { ResolvedScenario } from "../config/scenario.js";
import {
  ChildField,
  GLOBAL_BASE,
  GlobalField,
  HIST_BINS,
  HIST_COUNT_OFFSET,
  HIST_LOG_MIN,
  HIST_LOG_WIDTH,
  HIST_SUM_OFFSET,
  RATE_SCALE,
  SegmentField,
  childOffset,
  segmentBase,
} from "../outcomes/layout.js";
import type { PopulationParameters } from "../population/parameters.js";
import type { Population } from "../population/population.js";
import { Purpose, RandomStreams } from "../random/streams.js";
import type { MonthContext, Offer, PaymentSchedule, TransferRule } from "../rules/types.js";
import { isPaymentMonth } from "./calendar.js";
import { StateHouseholdView } from "./householdView.js";
import { RuleError } from "./ruleError.js";
import type { SimulationState } from "./state.js";

const SF = SegmentField;
const CF = ChildField;
const GF = GlobalField;

/** Highest grade a child can complete (end of upper secondary). */
const LAST_GRADE = 12;
/** Months of pregnancy. */
const GESTATION = 9;
/** Share of boys at birth. */
const MALE_SHARE_AT_BIRTH = 0.512;
/** Attendance share that counts as regular (the Progresa/PKH condition). */
const REGULAR_ATTENDANCE = 0.85;

/** Everything the monthly step needs that does not change within a run. */
export interface CycleSetup {
  readonly scenario: ResolvedScenario;
  readonly population: Population;
  readonly state: SimulationState;
  readonly rng: RandomStreams;
  readonly rule: TransferRule | null;
  readonly payment: PaymentSchedule;
  /** Fixed-point scale of money in the accumulator. */
  readonly moneyScale: number;
}

/**
 * The monthly cycle of DESIGN §2 for one household. Households do not interact
 * within a month, so the engine runs all phases household by household (cache
 * friendly) with results identical to running each phase over all households.
 * Phases: calendar → demography → economy → programme assess → behaviour →
 * programme settle → welfare → record.
 */
export class MonthlyCycle {
  private readonly b: BehaviourParameters;
  private readonly p: PopulationParameters;
  private readonly view: StateHouseholdView;
  private readonly monthlyMortality: Float64Array;
  private readonly monthlyConception: number;
  private readonly classifiedPoor: Uint8Array;
  private readonly schoolStake: Float64Array;
  private readonly healthStake: Float64Array;
  private readonly schoolOffered: Float64Array;
  private readonly healthOffered: Float64Array;
  private readonly seasonal: Float64Array;
  private readonly z: number;
  private readonly ringSize: number;
  private readonly shockScale: number;
  private readonly shockMeanCorrection: number;

  // per-month values set by beginMonth
  private ctx!: MonthContext;
  private t = 0;
  private transition = false;
  private programmeOn = false;
  private cap = Infinity;
  private payNow = false;
  private out!: Float64Array;

  constructor(private readonly s: CycleSetup) {
    this.b = s.scenario.behaviour;
    this.p = s.scenario.population.parameters;
    this.z = this.p.povertyLineLcuPerMonth;
    this.view = new StateHouseholdView(s.population, s.state);
    this.monthlyMortality = Float64Array.from(this.p.annualMortality, (q) => 1 - Math.pow(1 - q, 1 / 12));
    // Conception among non-pregnant women so that annual births per woman match annualFertility.
    const f = this.p.annualFertility;
    this.monthlyConception = f / 12 / Math.max(0.05, 1 - (GESTATION / 12) * f);
    const hh = s.population.households;
    this.classifiedPoor = Uint8Array.from(hh.meansTestScore, (v) => (v < s.population.meansTestCutoff ? 1 : 0));
    let maxCap = 1;
    for (let h = 0; h < hh.capacity.length; h++) maxCap = Math.max(maxCap, hh.capacity[h] as number);
    this.schoolStake = new Float64Array(maxCap);
    this.healthStake = new Float64Array(maxCap);
    this.schoolOffered = new Float64Array(maxCap);
    this.healthOffered = new Float64Array(maxCap);
    this.seasonal = Float64Array.from(this.p.seasonalFactors);
    this.ringSize = s.payment.lagMonths + 1;
    this.shockScale = this.p.idiosyncraticShockSd * Math.sqrt(1 - this.p.idiosyncraticPersistence ** 2);
    this.shockMeanCorrection = (this.p.idiosyncraticShockSd ** 2 + this.p.localityShockSd ** 2) / 2;
  }

  /** Initial state that depends on randomness: stationary shocks, steady-state savings, programme enrolment. */
  initialise(households: ArrayLike<number>): void {
    const { state, rng, population, scenario } = this.s;
    const hh = population.households;
    for (let l = 0; l < population.localityCount; l++) {
      state.localityShock[l] = this.p.localityShockSd * rng.normalAt(rng.stream(Purpose.localityShock, l, -1), 0);
    }
    const keep = (1 - this.b.consumptionShare) / this.b.consumptionShare;
    const targeting = scenario.programme?.targeting;
    for (let k = 0; k < households.length; k++) {
      const h = households[k] as number;
      state.incomeShock[h] = this.p.idiosyncraticShockSd * rng.normalAt(rng.stream(Purpose.incomeShock, h, -1), 0);
      // Savings start at the steady state of the consumption rule: c = share × cash on hand.
      state.savings[h] = keep * (hh.incomeLcuPerMonth[h] as number);
      state.lastLogConsumptionRatio[h] = Math.log((hh.incomeLcuPerMonth[h] as number) / this.adultEquivalents(h) / this.z);
      if (targeting) {
        const score = hh.meansTestScore[h] as number;
        state.beneficiary[h] =
          targeting.kind === "all" ? 1 : targeting.kind === "poor" ? (this.classifiedPoor[h] as number) : score < targeting.threshold ? 1 : 0;
      }
    }
  }

  /** Set up month `t`: calendar, locality shocks, the programme's cap and payment day. */
  beginMonth(t: number, ctx: MonthContext, out: Float64Array): void {
    const { state, rng, scenario } = this.s;
    this.t = t;
    this.ctx = ctx;
    this.out = out;
    this.transition = ctx.schoolYearStart && t > 0;
    const programme = scenario.programme;
    this.programmeOn = this.s.rule !== null && programme !== null && t >= programme.startMonth;
    const rule = this.s.rule;
    this.cap = rule ? (rule.capForMonth ? (rule.capForMonth(ctx) ?? Infinity) : (rule.capLcuPerMonth ?? Infinity)) : Infinity;
    this.payNow = isPaymentMonth(ctx.calendarMonth, this.s.payment.everyMonths, this.s.payment.anchorCalendarMonth);
    const rho = this.p.localityPersistence;
    const scale = this.p.localityShockSd * Math.sqrt(1 - rho * rho);
    for (let l = 0; l < state.localityShock.length; l++) {
      state.localityShock[l] = rho * (state.localityShock[l] as number) + scale * rng.normalAt(rng.stream(Purpose.localityShock, l, t), 0);
    }
  }

  private adultEquivalents(h: number): number {
    const st = this.s.state;
    const base = this.s.population.households.firstSlot[h] as number;
    const n = st.used[h] as number;
    let ae = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      ae += this.t - (st.birthMonth[i] as number) < 180 ? this.p.childEquivalenceWeight : 1;
    }
    return ae;
  }

  /** Run every phase of the month for household `h`. */
  step(h: number): void {
    const { state: st, population, rng } = this.s;
    const b = this.b;
    const t = this.t;
    const hh = population.households;
    const base = hh.firstSlot[h] as number;
    const out = this.out;
    const scale = this.s.moneyScale;

    // ---- 1. calendar: school-year transition (grade progression or repetition)
    if (this.transition) {
      const sp = rng.stream(Purpose.progression, h, t);
      const n = st.used[h] as number;
      for (let m = 0; m < n; m++) {
        const i = base + m;
        if (st.alive[i] !== 1) continue;
        const wasEnrolled = st.enrolled[i] === 1;
        if (wasEnrolled) {
          const months = st.attendanceMonths[i] as number;
          const mean = months > 0 ? (st.attendanceSum[i] as number) / months : 0;
          if (rng.uniformAt(sp, m) < logistic(passLogit(b, mean))) {
            st.gradesCompleted[i] = Math.min(LAST_GRADE, (st.gradesCompleted[i] as number) + 1);
            st.repeats[i] = 0;
          } else {
            st.repeats[i] = Math.min(255, (st.repeats[i] as number) + 1);
          }
        }
        st.enrolledLastYear[i] = wasEnrolled ? 1 : 0;
        st.enrolled[i] = 0;
        st.attendanceSum[i] = 0;
        st.attendanceMonths[i] = 0;
        st.irregularStreak[i] = 0;
      }
    }

    // ---- 2. demography: mortality, pregnancy and births (ageing is implicit in birthMonth)
    {
      const sm = rng.stream(Purpose.mortality, h, t);
      const sf = rng.stream(Purpose.fertility, h, t);
      const n = st.used[h] as number;
      for (let m = 0; m < n; m++) {
        const i = base + m;
        if (st.alive[i] !== 1) continue;
        const ageMonths = t - (st.birthMonth[i] as number);
        const group = ageMonths < 12 ? 0 : ageMonths < 60 ? 1 : ageMonths < 180 ? 2 : ageMonths < 720 ? 3 : 4;
        if (rng.uniformAt(sm, m) < (this.monthlyMortality[group] as number)) {
          st.alive[i] = 0;
          st.enrolled[i] = 0;
          st.pregnancy[i] = -1;
          st.work[i] = 0;
          out[GLOBAL_BASE + GF.deaths] = (out[GLOBAL_BASE + GF.deaths] as number) + 1;
          continue;
        }
        const preg = st.pregnancy[i] as number;
        if (preg >= 0) {
          if (preg + 1 >= GESTATION) {
            st.pregnancy[i] = -1;
            this.birth(h, base, sf, m);
          } else {
            st.pregnancy[i] = preg + 1;
          }
        } else if (st.male[i] === 0 && ageMonths >= 180 && ageMonths < 540) {
          if (rng.uniformAt(sf, 2 * m) < this.monthlyConception) st.pregnancy[i] = 0;
        }
      }
    }

    const n = st.used[h] as number;
    let living = 0;
    let ae = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      living++;
      ae += t - (st.birthMonth[i] as number) < 180 ? this.p.childEquivalenceWeight : 1;
    }
    if (living === 0) return; // an extinct household has no outcomes

    // ---- 3. economy: adult earnings with seasonal, idiosyncratic and locality shocks
    const loc = hh.locality[h] as number;
    const shock =
      this.p.idiosyncraticPersistence * (st.incomeShock[h] as number) +
      this.shockScale * rng.normalAt(rng.stream(Purpose.incomeShock, h, t), 0);
    st.incomeShock[h] = shock;
    const adultEarnings =
      (hh.incomeLcuPerMonth[h] as number) *
      (this.seasonal[this.ctx.calendarMonth - 1] as number) *
      Math.exp(shock + (st.localityShock[loc] as number) - this.shockMeanCorrection);

    // ---- 4. programme assess: this month's offers and what each member's compliance is worth
    let offers: readonly Offer[] | null = null;
    let offeredTotal = 0;
    let expected = 0;
    const schoolStake = this.schoolStake;
    const healthStake = this.healthStake;
    const schoolOffered = this.schoolOffered;
    const healthOffered = this.healthOffered;
    for (let m = 0; m < n; m++) {
      schoolStake[m] = 0;
      healthStake[m] = 0;
      schoolOffered[m] = 0;
      healthOffered[m] = 0;
    }
    const isBeneficiary = this.programmeOn && st.beneficiary[h] === 1;
    if (isBeneficiary) {
      offers = this.offersOf(h, living);
      for (let k = 0; k < offers.length; k++) {
        const o = offers[k] as Offer;
        offeredTotal += o.lcuPerMonth;
        const conds = o.conditions;
        if (!conds) continue;
        for (let c = 0; c < conds.length; c++) {
          const cond = conds[c]!;
          if (cond.kind === "schoolAttendance") {
            schoolOffered[cond.member] = (schoolOffered[cond.member] as number) + o.lcuPerMonth;
          } else if (cond.kind === "healthVisits") {
            // Only a visit that would otherwise fall outside the window is at stake this month.
            if ((st.monthsSinceVisit[base + cond.member] as number) + 1 >= cond.withinMonths) {
              healthOffered[cond.member] = (healthOffered[cond.member] as number) + o.lcuPerMonth;
            }
          }
        }
      }
      expected = Math.min(this.cap, offeredTotal);
      for (let m = 0; m < n; m++) {
        const so = schoolOffered[m] as number;
        if (so > 0) schoolStake[m] = expected - Math.min(this.cap, offeredTotal - so);
        const ho = healthOffered[m] as number;
        if (ho > 0) healthStake[m] = expected - Math.min(this.cap, offeredTotal - ho);
      }
    }
    const resources = adultEarnings + expected;
    const x = logWelfareRatio(resources, ae, this.z);

    // ---- 5. behaviour: enrolment, attendance, work, clinic visits
    const se = rng.stream(Purpose.enrolment, h, t);
    const sa = rng.stream(Purpose.attendance, h, t);
    const sw = rng.stream(Purpose.childWork, h, t);
    const sd = rng.stream(Purpose.dropout, h, t);
    const sc = rng.stream(Purpose.clinic, h, t);
    const schoolMonth = this.ctx.schoolMonth;
    let childEarnings = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const ageMonths = t - (st.birthMonth[i] as number);
      const age = Math.floor(ageMonths / 12);
      const male = st.male[i] === 1;
      st.attendance[i] = 0;
      st.work[i] = 0;
      if (age >= 6 && age <= 17) {
        const done = st.gradesCompleted[i] as number;
        const taste = st.schoolTaste[i] as number;
        if (this.transition) {
          if (done < LAST_GRADE) {
            const next = done + 1;
            const km =
              next <= 6 ? (hh.primarySchoolKm[h] as number) : next <= 9 ? (hh.lowerSecondaryKm[h] as number) : (hh.upperSecondaryKm[h] as number);
            const v = enrolmentUtility(b, age, male, next, st.enrolledLastYear[i] === 1, km, x, schoolStake[m] as number, resources, taste);
            st.enrolled[i] = rng.uniformAt(se, m) < logistic(v) ? 1 : 0;
          }
        }
        if (st.enrolled[i] === 1 && schoolMonth) {
          const a = attendanceUtility(b, age, x, schoolStake[m] as number, resources, taste);
          const regular = rng.uniformAt(sa, 2 * m) < logistic(a);
          const range = regular ? b.regularAttendance : b.irregularAttendance;
          const share = range[0] + (range[1] - range[0]) * rng.uniformAt(sa, 2 * m + 1);
          st.attendance[i] = share;
          st.attendanceSum[i] = (st.attendanceSum[i] as number) + share;
          st.attendanceMonths[i] = (st.attendanceMonths[i] as number) + 1;
          if (regular) {
            st.irregularStreak[i] = 0;
          } else {
            st.work[i] = 1;
            childEarnings += b.partTimeWageShare * (b.childWageLcuPerMonth[ageIndex(age)] as number);
            const streak = Math.min(255, (st.irregularStreak[i] as number) + 1);
            st.irregularStreak[i] = streak;
            if (streak >= 2 && rng.uniformAt(sd, m) < b.dropoutAfterTwoIrregular) st.enrolled[i] = 0;
          }
        } else if (st.enrolled[i] === 0) {
          const pw = (male ? b.workProbabilityBoys : b.workProbabilityGirls)[ageIndex(age)] as number;
          if (rng.uniformAt(sw, m) < pw) {
            st.work[i] = 2;
            childEarnings += b.childWageLcuPerMonth[ageIndex(age)] as number;
          }
        }
      } else if (age > 17 && st.enrolled[i] === 1 && this.transition) {
        st.enrolled[i] = 0;
      }
      // Clinic visit (every member, every month).
      const group = healthAgeGroup(ageMonths);
      const u = visitUtility(
        b,
        group,
        (st.pregnancy[i] as number) >= 0,
        st.ill[i] === 1,
        x,
        hh.clinicKm[h] as number,
        healthStake[m] as number,
        resources,
      );
      st.monthsSinceVisit[i] = rng.uniformAt(sc, m) < logistic(u) ? 0 : Math.min(255, (st.monthsSinceVisit[i] as number) + 1);
    }

    // ---- 6. programme settle: verify conditions, apply the cap, accrue and pay
    let paid = 0;
    if (isBeneficiary && offers) {
      let earned = 0;
      let checked = 0;
      let met = 0;
      for (let k = 0; k < offers.length; k++) {
        const o = offers[k] as Offer;
        const conds = o.conditions;
        let ok = true;
        if (conds) {
          for (let c = 0; c < conds.length; c++) {
            const cond = conds[c]!;
            const i = base + cond.member;
            let holds: boolean;
            if (st.alive[i] !== 1) holds = false;
            else if (cond.kind === "schoolAttendance") {
              holds = st.enrolled[i] === 1 && (!schoolMonth || (st.attendance[i] as number) >= cond.minRate);
            } else if (cond.kind === "healthVisits") {
              holds = (st.monthsSinceVisit[i] as number) < cond.withinMonths;
            } else {
              holds = false; // training and meetings are not simulated yet
            }
            checked++;
            if (holds) met++;
            else ok = false;
          }
        }
        if (ok) earned += o.lcuPerMonth;
      }
      const entitled = Math.min(this.cap, earned);
      const ringBase = h * this.ringSize;
      st.lagRing[ringBase + (t % this.ringSize)] = entitled;
      const matureSlot = ringBase + ((t + 1) % this.ringSize);
      st.matured[h] = (st.matured[h] as number) + (st.lagRing[matureSlot] as number);
      st.lagRing[matureSlot] = 0;
      const g = GLOBAL_BASE;
      out[g + GF.beneficiaries] = (out[g + GF.beneficiaries] as number) + 1;
      out[g + GF.offered] = (out[g + GF.offered] as number) + Math.round(expected * scale);
      out[g + GF.entitled] = (out[g + GF.entitled] as number) + Math.round(entitled * scale);
      out[g + GF.withheld] = (out[g + GF.withheld] as number) + Math.round((expected - entitled) * scale);
      out[g + GF.conditionsChecked] = (out[g + GF.conditionsChecked] as number) + checked;
      out[g + GF.conditionsMet] = (out[g + GF.conditionsMet] as number) + met;
    }
    if (this.payNow && (st.matured[h] as number) > 0) {
      paid = st.matured[h] as number;
      st.matured[h] = 0;
      out[GLOBAL_BASE + GF.recipients] = (out[GLOBAL_BASE + GF.recipients] as number) + 1;
      out[GLOBAL_BASE + GF.paid] = (out[GLOBAL_BASE + GF.paid] as number) + Math.round(paid * scale);
    }
    if (this.s.rule) {
      let unpaid = st.matured[h] as number;
      const ringBase = h * this.ringSize;
      for (let r = 0; r < this.ringSize; r++) unpaid += st.lagRing[ringBase + r] as number;
      out[GLOBAL_BASE + GF.unpaid] = (out[GLOBAL_BASE + GF.unpaid] as number) + Math.round(unpaid * scale);
    }

    // ---- 7. welfare: consumption and savings, illness, growth
    const cash = (st.savings[h] as number) + adultEarnings + childEarnings + paid;
    const consumption = b.consumptionShare * cash;
    st.savings[h] = cash - consumption;
    const cpa = consumption / ae;
    const xc = logWelfareRatio(consumption, ae, this.z);
    st.lastLogConsumptionRatio[h] = xc;
    const si = rng.stream(Purpose.illness, h, t);
    const sg = rng.stream(Purpose.growth, h, t);

    // ---- 7 (cont.) illness and growth, and 8. record: one pass over members, exact integer sums
    const seg = this.classifiedPoor[h] === 1 ? 1 : 2;
    const b0 = segmentBase(0);
    const b1 = segmentBase(seg);
    let ill = 0;
    let visits = 0;
    let under5 = 0;
    let stunted = 0;
    let hazSum = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const ageMonths = t - (st.birthMonth[i] as number);
      const group = healthAgeGroup(ageMonths);
      const recentVisit = (st.monthsSinceVisit[i] as number) < 6;
      const small = ageMonths < 60;
      const isIll = rng.uniformAt(si, m) < logistic(illnessLogit(b, group, xc, recentVisit, small && (st.haz[i] as number) < -2));
      st.ill[i] = isIll ? 1 : 0;
      if (small) {
        st.haz[i] = nextHaz(b, st.haz[i] as number, ageMonths, xc, (st.monthsSinceVisit[i] as number) < 2, isIll, rng.normalAt(sg, m));
        under5++;
        if ((st.haz[i] as number) < -2) stunted++;
        hazSum += Math.round((st.haz[i] as number) * RATE_SCALE);
      }
      if (isIll) ill++;
      if (st.monthsSinceVisit[i] === 0) visits++;
      const age = Math.floor(ageMonths / 12);
      if (age >= 6 && age <= 17) {
        const cell = (age <= 11 ? 0 : age <= 14 ? 1 : 2) * 2 + (st.male[i] as number);
        const enrolled = st.enrolled[i] === 1 ? 1 : 0;
        const att = st.attendance[i] as number;
        const inSchool = schoolMonth && att > 0 ? 1 : 0;
        const attFixed = inSchool ? Math.round(att * RATE_SCALE) : 0;
        const regular = inSchool && att >= REGULAR_ATTENDANCE ? 1 : 0;
        const working = st.work[i] !== 0 ? 1 : 0;
        const grades = st.gradesCompleted[i] as number;
        this.recordChild(b0, cell, enrolled, working, inSchool, attFixed, regular, grades);
        this.recordChild(b1, cell, enrolled, working, inSchool, attFixed, regular, grades);
      }
    }
    const ratio = cpa / this.z;
    const gap = ratio < 1 ? 1 - ratio : 0;
    const consFixed = Math.round(cpa * scale) * living;
    const gapFixed = Math.round(gap * RATE_SCALE) * living;
    const sevFixed = Math.round(gap * gap * RATE_SCALE) * living;
    const poor = ratio < 1 ? living : 0;
    let bin = Math.floor((xc - HIST_LOG_MIN) / HIST_LOG_WIDTH);
    bin = bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin;
    const ratioFixed = Math.round(ratio * RATE_SCALE) * living;
    const paidFixed = Math.round(paid * scale);
    const childFixed = Math.round(childEarnings * scale);
    const adultFixed = Math.round(adultEarnings * scale);
    for (let pass = 0; pass < 2; pass++) {
      const sb = pass === 0 ? b0 : b1;
      out[sb + SF.households] = (out[sb + SF.households] as number) + 1;
      out[sb + SF.persons] = (out[sb + SF.persons] as number) + living;
      out[sb + SF.ill] = (out[sb + SF.ill] as number) + ill;
      out[sb + SF.visits] = (out[sb + SF.visits] as number) + visits;
      out[sb + SF.under5] = (out[sb + SF.under5] as number) + under5;
      out[sb + SF.stunted] = (out[sb + SF.stunted] as number) + stunted;
      out[sb + SF.hazSum] = (out[sb + SF.hazSum] as number) + hazSum;
      out[sb + SF.consumptionSum] = (out[sb + SF.consumptionSum] as number) + consFixed;
      out[sb + SF.poor] = (out[sb + SF.poor] as number) + poor;
      out[sb + SF.gapSum] = (out[sb + SF.gapSum] as number) + gapFixed;
      out[sb + SF.severitySum] = (out[sb + SF.severitySum] as number) + sevFixed;
      out[sb + SF.transfersReceived] = (out[sb + SF.transfersReceived] as number) + paidFixed;
      out[sb + SF.childEarnings] = (out[sb + SF.childEarnings] as number) + childFixed;
      out[sb + SF.adultEarnings] = (out[sb + SF.adultEarnings] as number) + adultFixed;
      out[sb + HIST_COUNT_OFFSET + bin] = (out[sb + HIST_COUNT_OFFSET + bin] as number) + living;
      out[sb + HIST_SUM_OFFSET + bin] = (out[sb + HIST_SUM_OFFSET + bin] as number) + ratioFixed;
    }
  }

  /** Add one child's outcomes to a segment's cell. */
  private recordChild(
    sb: number,
    cell: number,
    enrolled: number,
    working: number,
    inSchool: number,
    attFixed: number,
    regular: number,
    grades: number,
  ): void {
    const out = this.out;
    const o = sb + childOffset(cell, 0);
    out[o + CF.children] = (out[o + CF.children] as number) + 1;
    out[o + CF.enrolled] = (out[o + CF.enrolled] as number) + enrolled;
    out[o + CF.working] = (out[o + CF.working] as number) + working;
    out[o + CF.inSchoolMonth] = (out[o + CF.inSchoolMonth] as number) + inSchool;
    out[o + CF.attendanceSum] = (out[o + CF.attendanceSum] as number) + attFixed;
    out[o + CF.regular] = (out[o + CF.regular] as number) + regular;
    out[o + CF.gradesSum] = (out[o + CF.gradesSum] as number) + grades;
  }

  /** Ask the rule for this month's offers and check them; a misbehaving rule stops the run. */
  private offersOf(h: number, living: number): readonly Offer[] {
    const rule = this.s.rule as TransferRule;
    this.view.moveTo(h, this.t, living);
    let offers: readonly Offer[];
    try {
      offers = rule.offers(this.view, this.ctx);
    } catch (error) {
      throw new RuleError(rule.name, h, this.t, `it threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!Array.isArray(offers)) throw new RuleError(rule.name, h, this.t, "offers() must return an array of offers");
    const slots = this.s.state.used[h] as number;
    for (let k = 0; k < offers.length; k++) {
      const o = offers[k] as Offer;
      const amount = o?.lcuPerMonth;
      if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
        throw new RuleError(
          rule.name,
          h,
          this.t,
          `offer ${k} (${String(o?.component)}) has amount ${String(amount)}; amounts must be finite and ≥ 0 (local currency per month)`,
        );
      }
      const conds = o.conditions;
      if (conds) {
        for (const c of conds) {
          if (!Number.isInteger(c.member) || c.member < 0 || c.member >= slots) {
            throw new RuleError(rule.name, h, this.t, `offer ${k} has a ${c.kind} condition on member ${String(c.member)}, but the household has slots 0…${slots - 1}`);
          }
        }
      }
    }
    return offers;
  }

  /** A birth in household h: the newborn takes the next free slot (or is counted as lost if none is left). */
  private birth(h: number, base: number, stream: number, mother: number): void {
    const { state: st, rng } = this.s;
    const out = this.out;
    const cap = this.s.population.households.capacity[h] as number;
    const slot = st.used[h] as number;
    if (slot >= cap) {
      out[GLOBAL_BASE + GF.birthsWithoutSlot] = (out[GLOBAL_BASE + GF.birthsWithoutSlot] as number) + 1;
      return;
    }
    const i = base + slot;
    st.used[h] = slot + 1;
    st.alive[i] = 1;
    st.birthMonth[i] = this.t;
    st.male[i] = rng.uniformAt(stream, 2 * mother + 1) < MALE_SHARE_AT_BIRTH ? 1 : 0;
    st.gradesCompleted[i] = 0;
    st.enrolled[i] = 0;
    st.enrolledLastYear[i] = 0;
    st.repeats[i] = 0;
    st.haz[i] =
      this.b.hazAtBirth + this.b.hazConsumptionEffect * (st.lastLogConsumptionRatio[h] as number) + this.b.hazBirthSd * rng.normalAt(stream, 1000 + 2 * mother);
    st.schoolTaste[i] = rng.normalAt(stream, 1001 + 2 * mother);
    st.monthsSinceVisit[i] = 0;
    st.pregnancy[i] = -1;
    st.disabled[i] = 0;
    st.ill[i] = 0;
    st.work[i] = 0;
    out[GLOBAL_BASE + GF.births] = (out[GLOBAL_BASE + GF.births] as number) + 1;
  }
}
