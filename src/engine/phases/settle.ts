import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { ConditionCode } from "../../rules/offerWriter.js";
import type { CycleContext } from "../cycleContext.js";

const G = GlobalField;

/**
 * Entitlements owed to a household whose last member has died lapse: they are
 * recorded as forfeited (once) and cleared, so entitled = paid + unpaid +
 * forfeited always holds.
 */
export function forfeit(c: CycleContext, h: number): void {
  const st = c.state;
  const ring = h * c.ringSize;
  let owed = st.matured[h] as number;
  for (let r = 0; r < c.ringSize; r++) {
    owed += st.lagRing[ring + r] as number;
    st.lagRing[ring + r] = 0;
  }
  st.matured[h] = 0;
  if (owed > 0) c.add(GLOBAL_BASE + G.forfeited, Math.round(owed * c.moneyScale));
}

/**
 * Phase 6, programme settle: verify each offer's conditions against what the
 * household did (attendance share this month — enrolment in vacation months —
 * or a clinic visit within the window), apply the household cap, put the
 * entitlement through the payment lag and pay matured entitlements on payment
 * months (docs/model.md, P2–P3).
 */
export function settle(c: CycleContext, h: number): void {
  const st = c.state;
  const scale = c.moneyScale;
  const offers = c.offers;
  c.paid = 0;
  if (offers) {
    const schoolMonth = c.ctx.schoolMonth;
    let earned = 0;
    let checked = 0;
    let met = 0;
    let verified = 0;
    let reportedMet = 0;
    const mon = c.monitoring;
    const perfect = mon.verificationProbability === 1 && mon.falseFailureRate === 0 && mon.falsePassRate === 0;
    const sm = perfect ? 0 : c.rng.stream(Purpose.monitoring, h, c.t);
    const { amount, firstCondition, endCondition, kind, member, value } = offers;
    for (let k = 0; k < offers.count; k++) {
      let ok = true;
      const a = firstCondition[k] as number;
      for (let j = a; j < (endCondition[k] as number); j++) {
        const m = member[j] as number;
        const i = c.base + m;
        let holds: boolean;
        let kindField: number;
        switch (kind[j]) {
          case ConditionCode.schoolAttendance:
            kindField = G.schoolChecked;
            holds = st.alive[i] === 1 && st.enrolled[i] === 1 && (!schoolMonth || (st.attendance[i] as number) >= (value[j] as number));
            break;
          case ConditionCode.healthVisits:
            kindField = G.healthChecked;
            holds = st.alive[i] === 1 && (st.monthsSinceVisit[i] as number) < (value[j] as number);
            break;
          case ConditionCode.training:
            // Attended hours are the most any offer required of the member this month.
            kindField = G.trainingChecked;
            holds = st.alive[i] === 1 && ((st.activity[i] as number) & 1) !== 0 && (c.trainingRequired[m] as number) >= (value[j] as number);
            break;
          default:
            kindField = G.meetingChecked;
            holds = st.alive[i] === 1 && ((st.activity[i] as number) & 2) !== 0;
        }
        checked++;
        c.add(GLOBAL_BASE + kindField, 1);
        if (holds) {
          met++;
          c.add(GLOBAL_BASE + kindField + 1, 1); // the "met" field follows each "checked" field
        }
        // What the programme sees: a verified condition with its reporting errors, or the
        // policy for unverified ones. Draws are keyed by offer and condition.
        let reported = holds;
        if (!perfect) {
          const d = 4 * (16 * k + (j - a));
          if (uniformOf(c.rng.bitsAt(sm, d)) < mon.verificationProbability) {
            verified++;
            reported = holds ? uniformOf(c.rng.bitsAt(sm, d + 1)) >= mon.falseFailureRate : uniformOf(c.rng.bitsAt(sm, d + 2)) < mon.falsePassRate;
          } else {
            reported = mon.unverified === "honour";
          }
        } else {
          verified++;
        }
        if (reported) reportedMet++;
        else ok = false;
      }
      if (ok) earned += amount[k] as number;
    }
    // Suspension after repeated reported failure; reinstatement after compliance.
    let suspendedNow = false;
    if (mon.suspendAfterFailures > 0 && checked > 0) {
      const failed = reportedMet < checked;
      if (st.suspended[h] === 1) {
        st.complianceStreak[h] = failed ? 0 : Math.min(255, (st.complianceStreak[h] as number) + 1);
        if ((st.complianceStreak[h] as number) >= mon.reinstateAfterCompliantMonths) {
          st.suspended[h] = 0;
          st.failureStreak[h] = 0;
        }
      } else {
        st.failureStreak[h] = failed ? Math.min(255, (st.failureStreak[h] as number) + 1) : 0;
        if ((st.failureStreak[h] as number) >= mon.suspendAfterFailures) {
          st.suspended[h] = 1;
          st.complianceStreak[h] = 0;
        }
      }
      suspendedNow = st.suspended[h] === 1;
    }
    const entitled = suspendedNow ? 0 : c.amountFactor * Math.min(c.cap, earned);
    const ring = h * c.ringSize;
    st.lagRing[ring + (c.t % c.ringSize)] = entitled;
    // The slot written lagMonths ago is the one after this month's in the ring.
    const matureSlot = ring + ((c.t + 1) % c.ringSize);
    st.matured[h] = (st.matured[h] as number) + (st.lagRing[matureSlot] as number);
    st.lagRing[matureSlot] = 0;
    c.add(GLOBAL_BASE + G.beneficiaries, 1);
    if (c.adminPerBeneficiaryMonth > 0) c.add(GLOBAL_BASE + G.administrativeCost, Math.round(c.adminPerBeneficiaryMonth * scale));
    c.add(GLOBAL_BASE + G.offered, Math.round(c.expected * scale));
    c.add(GLOBAL_BASE + G.entitled, Math.round(entitled * scale));
    c.add(GLOBAL_BASE + G.withheld, Math.round(c.expected * scale) - Math.round(entitled * scale));
    c.add(GLOBAL_BASE + G.conditionsChecked, checked);
    c.add(GLOBAL_BASE + G.conditionsMet, met);
    c.add(GLOBAL_BASE + G.conditionsVerified, verified);
    if (c.costPerVerification > 0 && verified > 0) {
      const cost = Math.round(verified * c.costPerVerification * scale);
      c.add(GLOBAL_BASE + G.verificationCost, cost);
      c.add(GLOBAL_BASE + G.administrativeCost, cost);
    }
    c.add(GLOBAL_BASE + G.conditionsReportedMet, reportedMet);
    if (suspendedNow) c.add(GLOBAL_BASE + G.suspended, 1);
  }
  if (c.payNow && (st.matured[h] as number) > 0) {
    c.paid = st.matured[h] as number;
    st.matured[h] = 0;
    c.add(GLOBAL_BASE + G.recipients, 1);
    c.add(GLOBAL_BASE + G.paid, Math.round(c.paid * scale));
    if (c.adminShareOfTransfers > 0) c.add(GLOBAL_BASE + G.administrativeCost, Math.round(c.paid * c.adminShareOfTransfers * scale));
  }
  if (c.rule) {
    let unpaid = st.matured[h] as number;
    const ring = h * c.ringSize;
    for (let r = 0; r < c.ringSize; r++) unpaid += st.lagRing[ring + r] as number;
    c.add(GLOBAL_BASE + G.unpaid, Math.round(unpaid * scale));
  }
}
