import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { ConditionKind } from "../offerBuffer.js";
import { monitoringCounter } from "../offers.js";
import { householdPhase } from "../phase.js";

const G = GlobalField;

/**
 * Programme settle: verify each offer's conditions against what the household
 * did (attendance share this month — enrolment in vacation months — a clinic
 * visit within the window, training hours, the meeting), with the monitoring's
 * verification errors; suspend after repeated reported failure; apply the
 * household cap; put the entitlement, in whole money units, through the payment
 * lag and pay matured entitlements on payment months (docs/model.md, P2–P3).
 */
export const settle = householdPhase({
  name: "settle",
  equations: "P2–P3",
  households: "living",
  reads: { household: ["offers", "expected", "stakes"], state: ["alive", "enrolled", "attendance", "monthsSinceVisit", "activity"] },
  writes: { household: ["paid"], state: ["failureStreak", "complianceStreak", "suspended", "lagRing", "matured"] },
  run({ run, month, household, state: st }, h) {
    const scale = run.moneyScale;
    const offers = household.offers;
    household.paid = 0;
    let entitledFixed = 0;
    if (offers) {
      const schoolMonth = month.calendar.schoolMonth;
      let earned = 0;
      let earnedEducation = 0;
      let earnedFoodHealth = 0;
      let checked = 0;
      let met = 0;
      let verified = 0;
      let reportedMet = 0;
      const mon = run.monitoring;
      const perfect = run.perfectMonitoring;
      const sm = perfect ? 0 : run.rng.stream(Purpose.monitoring, h, month.t);
      const trainingHoursRequired = household.stakes.trainingHoursRequired;
      const { amount, firstCondition, endCondition, kind, member, value } = offers;
      for (let k = 0; k < offers.count; k++) {
        let ok = true;
        let school = false;
        let health = false;
        const a = firstCondition[k] as number;
        for (let j = a; j < (endCondition[k] as number); j++) {
          const m = member[j] as number;
          const i = household.base + m;
          let holds: boolean;
          let kindField: number;
          switch (kind[j]) {
            case ConditionKind.schoolAttendance:
              school = true;
              kindField = G.schoolChecked;
              holds = st.alive[i] === 1 && st.enrolled[i] === 1 && (!schoolMonth || (st.attendance[i] as number) >= (value[j] as number));
              break;
            case ConditionKind.healthVisits:
              health = true;
              kindField = G.healthChecked;
              holds = st.alive[i] === 1 && (st.monthsSinceVisit[i] as number) < (value[j] as number);
              break;
            case ConditionKind.training:
              // Attended hours are the most any offer required of the member this month.
              kindField = G.trainingChecked;
              holds = st.alive[i] === 1 && ((st.activity[i] as number) & 1) !== 0 && (trainingHoursRequired[m] as number) >= (value[j] as number);
              break;
            default: // a meeting (validation refused every other kind)
              kindField = G.meetingChecked;
              holds = st.alive[i] === 1 && ((st.activity[i] as number) & 2) !== 0;
          }
          checked++;
          month.add(GLOBAL_BASE + kindField, 1);
          if (holds) {
            met++;
            month.add(GLOBAL_BASE + kindField + 1, 1); // the "met" field follows each "checked" field
          }
          // What the programme sees: a verified condition with its reporting errors, or the
          // policy for unverified ones. Draws are keyed by offer and condition.
          let reported = holds;
          if (!perfect) {
            const d = monitoringCounter(k, j - a, j);
            if (uniformOf(run.rng.bitsAt(sm, d)) < mon.verificationProbability) {
              verified++;
              reported = holds ? uniformOf(run.rng.bitsAt(sm, d + 1)) >= mon.falseFailureRate : uniformOf(run.rng.bitsAt(sm, d + 2)) < mon.falsePassRate;
            } else {
              reported = mon.unverified === "honour";
            }
          } else {
            verified++;
          }
          if (reported) reportedMet++;
          else ok = false;
        }
        if (ok) {
          const lcu = amount[k] as number;
          earned += lcu;
          // Cost components by what the offer asks (reporting): school ⇒ education, else health ⇒ food and health.
          if (school) earnedEducation += lcu;
          else if (health) earnedFoodHealth += lcu;
        }
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
      // Programmes pay whole money units (centavos, rupiah): the entitlement is rounded to one
      // here, once, and every amount owed from now on is an exact integer of them.
      entitledFixed = suspendedNow ? 0 : Math.round(month.amountFactor * Math.min(month.cap, earned) * scale);
      month.add(GLOBAL_BASE + G.beneficiaries, 1);
      if (run.adminPerBeneficiaryMonth > 0) month.add(GLOBAL_BASE + G.administrativeCost, Math.round(run.adminPerBeneficiaryMonth * scale));
      const expectedFixed = Math.round(household.expected * scale);
      month.add(GLOBAL_BASE + G.offered, expectedFixed);
      month.add(GLOBAL_BASE + G.entitled, entitledFixed);
      if (earned > 0 && entitledFixed > 0) {
        // Split the whole-unit entitlement in proportion, rounded so the parts never exceed it.
        const education = Math.round((entitledFixed * earnedEducation) / earned);
        month.add(GLOBAL_BASE + G.entitledEducation, education);
        month.add(GLOBAL_BASE + G.entitledFoodHealth, Math.min(entitledFixed - education, Math.round((entitledFixed * earnedFoodHealth) / earned)));
      }
      month.add(GLOBAL_BASE + G.withheld, expectedFixed - entitledFixed);
      month.add(GLOBAL_BASE + G.conditionsChecked, checked);
      month.add(GLOBAL_BASE + G.conditionsMet, met);
      month.add(GLOBAL_BASE + G.conditionsVerified, verified);
      if (run.costPerVerification > 0 && verified > 0) {
        const cost = Math.round(verified * run.costPerVerification * scale);
        month.add(GLOBAL_BASE + G.verificationCost, cost);
        month.add(GLOBAL_BASE + G.administrativeCost, cost);
      }
      month.add(GLOBAL_BASE + G.conditionsReportedMet, reportedMet);
      if (suspendedNow) month.add(GLOBAL_BASE + G.suspended, 1);
    }
    if (!run.rule) return;
    // The payment lag moves every month for every household, beneficiary or not, so what a
    // household earned before it left the programme (graduation, suspension, a pause in its
    // offers) still matures and is paid: entitled = paid + unpaid + forfeited, month by month.
    const ring = h * run.ringSize;
    st.lagRing[ring + (month.t % run.ringSize)] = entitledFixed;
    // The slot written lagMonths ago is the one after this month's in the ring.
    const matureSlot = ring + ((month.t + 1) % run.ringSize);
    st.matured[h] = (st.matured[h] as number) + (st.lagRing[matureSlot] as number);
    st.lagRing[matureSlot] = 0;
    if (month.payNow && (st.matured[h] as number) > 0) {
      const paidFixed = st.matured[h] as number;
      household.paid = paidFixed / scale;
      st.matured[h] = 0;
      month.add(GLOBAL_BASE + G.recipients, 1);
      month.add(GLOBAL_BASE + G.paid, paidFixed);
      if (run.adminShareOfTransfers > 0) month.add(GLOBAL_BASE + G.administrativeCost, Math.round(household.paid * run.adminShareOfTransfers * scale));
    }
    let unpaid = st.matured[h] as number;
    for (let r = 0; r < run.ringSize; r++) unpaid += st.lagRing[ring + r] as number;
    month.add(GLOBAL_BASE + G.unpaid, unpaid);
  },
});
