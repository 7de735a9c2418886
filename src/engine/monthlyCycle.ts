import { Purpose } from "../random/streams.js";
import type { MonthContext } from "../rules/types.js";
import { isPaymentMonth } from "./calendar.js";
import { CycleContext } from "./cycleContext.js";
import type { CycleSetup } from "./cycleContext.js";
import { assess } from "./phases/assess.js";
import { decisions } from "./phases/decisions.js";
import { demography } from "./phases/demography.js";
import { economy } from "./phases/economy.js";
import { schoolYearTransition } from "./phases/schoolYear.js";
import { forfeit, settle } from "./phases/settle.js";
import { welfareAndRecord } from "./phases/welfare.js";
import { programmeStartMonth } from "../programme/rollout.js";
import { recertify } from "../programme/recertification.js";
import { capOf } from "../rules/cap.js";
import { planEnrolment } from "../programme/targeting.js";
import { realValueFactor } from "../programme/indexation.js";
import { completeAllSegment, GLOBAL_BASE, GlobalField } from "../outcomes/layout.js";
import { adultActivities } from "./phases/adults.js";
import { LOC_FIELDS, LocField, RATE_SCALE } from "../outcomes/layout.js";
import { closePeerMonth, countPeer, peerBand } from "../social/peers.js";
import { closePriceMonth } from "../social/prices.js";
import { lapseRisk, shareRisk } from "../social/riskSharing.js";
import { updateTies } from "../social/socialCapital.js";

/**
 * The monthly cycle of DESIGN §2. Households do not interact within a month,
 * so the engine runs all phases household by household (cache friendly), which
 * gives the same results as running each phase over all households:
 * calendar → demography → economy → programme assess → behaviour → programme
 * settle → welfare → record.
 */
export class MonthlyCycle {
  private readonly c: CycleContext;
  /** 1 for localities with households in this run (they write their locality series). */
  private readonly owned: Uint8Array;

  constructor(setup: CycleSetup) {
    this.c = new CycleContext(setup);
    this.owned = new Uint8Array(setup.population.localityCount);
  }

  /** Random initial state: stationary shocks, steady-state savings, programme enrolment by targeting. */
  initialise(households: ArrayLike<number>): void {
    const c = this.c;
    const { state, rng, population } = c;
    const hh = population.households;
    for (let l = 0; l < population.localityCount; l++) {
      state.localityShock[l] = c.p.localityShockSd * rng.normalAt(rng.stream(Purpose.localityShock, l, -1), 0);
    }
    // Savings start at the steady state of the consumption rule c = share × cash on hand.
    const keep = (1 - c.b.consumptionShare) / c.b.consumptionShare;
    const plan = planEnrolment(c);
    const selected = plan.beneficiaries;
    state.eligible.set(plan.eligible);
    if (c.flags.network) state.tieStrength.fill(c.interactions.socialCapital.initialStrength);
    state.plan[0] = plan.amountScale;
    state.plan[1] = plan.assessed ? (c.scenario.programme?.administrativeCost.targetingSurveyPerHouseholdLcu ?? 0) : 0;
    for (let k = 0; k < households.length; k++) {
      const h = households[k] as number;
      state.incomeShock[h] = c.p.idiosyncraticShockSd * rng.normalAt(rng.stream(Purpose.incomeShock, h, -1), 0);
      state.savings[h] = keep * (hh.incomeLcuPerMonth[h] as number);
      let ae = 0;
      const base = hh.firstSlot[h] as number;
      for (let m = 0; m < (state.used[h] as number); m++) {
        if (state.alive[base + m] === 1) ae += -(state.birthMonth[base + m] as number) < 180 ? c.p.childEquivalenceWeight : 1;
      }
      state.lastLogConsumptionRatio[h] = Math.log((hh.incomeLcuPerMonth[h] as number) / ae / c.z);
      state.beneficiary[h] = selected[h] as number;
      if (c.flags.peers) {
        for (let m = 0; m < (state.used[h] as number); m++) {
          const i = base + m;
          const band = peerBand(Math.floor(-(state.birthMonth[i] as number) / 12));
          if (state.alive[i] === 1 && band >= 0) countPeer(c, hh.locality[h] as number, band, state.enrolled[i] as number);
        }
      }
    }
    if (c.flags.peers) closePeerMonth(c, true);
  }

  /** Set up month `t`: calendar, locality shocks, the programme's cap and payment day. */
  beginMonth(t: number, ctx: MonthContext, out: Float64Array, loc?: Float64Array): void {
    const c = this.c;
    c.t = t;
    c.ctx = ctx;
    c.out = out;
    if (loc) {
      c.loc = loc;
      if (c.flags.prices) {
        const prices = c.state.priceLevel;
        for (let l = 0; l < prices.length; l++)
          if (this.owned[l] === 1) loc[LOC_FIELDS * l + LocField.priceLevel] = Math.round((prices[l] as number) * RATE_SCALE);
      }
    }
    c.transition = ctx.schoolYearStart && t > 0;
    const rule = c.rule;
    c.programmeOnTreated = rule !== null && t >= programmeStartMonth(c.scenario, true);
    c.programmeOnControl = rule !== null && t >= programmeStartMonth(c.scenario, false);
    c.cap = rule ? capOf(rule, ctx) : Infinity;
    const programme = c.scenario.programme;
    c.amountScale = c.state.plan[0] as number;
    c.targetingCostPerHousehold = c.state.plan[1] as number;
    c.amountFactor = programme ? c.amountScale * realValueFactor(programme.indexation, programme.startMonth, t) : 1;
    c.chargeTargeting = programme !== null && t === programme.startMonth && c.targetingCostPerHousehold > 0;
    c.payNow = isPaymentMonth(ctx.calendarMonth, c.payment.everyMonths, c.payment.anchorCalendarMonth);
    const rho = c.p.localityPersistence;
    const scale = c.p.localityShockSd * Math.sqrt(1 - rho * rho);
    const shocks = c.state.localityShock;
    for (let l = 0; l < shocks.length; l++) {
      shocks[l] = rho * (shocks[l] as number) + scale * c.rng.normalAt(c.rng.stream(Purpose.localityShock, l, t), 0);
    }
  }

  /** Note the localities of the households this run simulates (they write their locality series). */
  own(households: ArrayLike<number>): void {
    const locality = this.c.population.households.locality;
    for (let k = 0; k < households.length; k++) this.owned[locality[households[k] as number] as number] = 1;
  }

  /** Close month `t`: segment "all" of the accumulator; locality aggregates that next month's decisions read (peer shares, prices, knowledge). */
  endMonth(): void {
    const c = this.c;
    completeAllSegment(c.out);
    if (c.flags.peers) closePeerMonth(c, false);
    if (c.flags.prices) closePriceMonth(c);
    if (c.flags.diffusion) c.state.knowledgePrev.set(c.state.knowledge);
  }

  /** Run every phase of the month for household `h`. */
  step(h: number): void {
    const c = this.c;
    c.household = h;
    c.base = c.population.households.firstSlot[h] as number;
    if (c.chargeTargeting) {
      // Every household was assessed before the start, whatever became of it since.
      const cost = Math.round(c.targetingCostPerHousehold * c.moneyScale);
      c.add(GLOBAL_BASE + GlobalField.targetingCost, cost);
      c.add(GLOBAL_BASE + GlobalField.administrativeCost, cost);
    }
    if (c.transition) schoolYearTransition(c, h);
    demography(c, h);
    if (c.living === 0) {
      forfeit(c, h); // an extinct household has no outcomes; what it was owed lapses, on the record
      const st = c.state;
      if ((st.extinctSince[h] as number) < 0) st.extinctSince[h] = c.t;
      if (c.flags.riskSharing) lapseRisk(c, h);
      if (c.flags.socialCapital) st.meetingAttended[(c.t & 1) * c.population.householdCount + h] = 0;
      return;
    }
    economy(c, h);
    recertify(c, h);
    assess(c, h);
    decisions(c, h);
    adultActivities(c, h);
    settle(c, h);
    if (c.flags.riskSharing) shareRisk(c, h);
    if (c.flags.socialCapital) updateTies(c, h);
    welfareAndRecord(c, h);
  }
}
