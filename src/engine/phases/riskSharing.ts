import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";
import type { ReadonlyNumbers } from "../phase.js";
import type { RunConstants } from "../runConstants.js";

const G = GlobalField;

/**
 * Informal risk sharing (docs/model.md, I2). Flows decided in month t − 1
 * arrive in month t, so a household only ever reads what its ties decided last
 * month and writes its own ties' entries: the result does not depend on the
 * order households are processed in.
 *
 * 1. Receive what ties sent last month (gifts, loans, repayments); a loan share
 *    of each gift becomes debt owed to the giver.
 * 2. Surplus = earnings + transfers paid − permanent earnings × season; a share
 *    of a positive surplus goes to ties (weighted by kin and tie strength),
 *    and `repaymentRate` of each debt is repaid — at most the cash at hand.
 *    These leave now and arrive next month.
 */
export const riskSharing = householdPhase({
  name: "riskSharing",
  equations: "I2",
  households: "living",
  reads: { household: ["adultEarnings", "childEarnings", "paid", "permanentIncome"], state: ["savings", "extinctSince", "tieStrength"] },
  writes: { household: ["informalNet"], state: ["informalOut", "repayOut", "debt"] },
  when: "risk sharing on",
  active: (run) => run.flags.riskSharing,
  run({ run, month, household, state: st }, h) {
    const net = run.network;
    const E = run.ties;
    const rs = run.interactions.riskSharing;
    const scale = run.moneyScale;
    const t = month.t;
    const cur = (t & 1) * E;
    const next = E - cur;
    const a = net.start[h] as number;
    const b = net.start[h + 1] as number;
    let received = 0;
    let receivedFixed = 0;
    for (let e = a; e < b; e++) {
      const r = net.reverse[e] as number;
      const gift = st.informalOut[cur + r] as number;
      const repay = st.repayOut[cur + r] as number;
      if (gift > 0) st.debt[e] = (st.debt[e] as number) + rs.loanShare * gift;
      received += gift + repay;
      receivedFixed += Math.round(gift * scale) + Math.round(repay * scale);
    }
    const normal = household.permanentIncome * (run.seasonal[month.calendar.calendarMonth - 1] as number);
    const surplus = household.adultEarnings + household.childEarnings + household.paid - normal;
    const cash = Math.max(0, (st.savings[h] as number) + household.adultEarnings + household.childEarnings + household.paid + received);
    // Weights of the living ties (a tie extinct before this month receives nothing).
    let weights = 0;
    let owed = 0;
    for (let e = a; e < b; e++) {
      const j = net.target[e] as number;
      const gone = (st.extinctSince[j] as number) >= 0 && (st.extinctSince[j] as number) < t;
      if (!gone) weights += tieWeight(run, st.tieStrength, e);
      owed += st.debt[e] as number;
    }
    let gifts = surplus > 0 && weights > 0 ? rs.shareOfSurplus * surplus : 0;
    if (gifts > cash) gifts = cash;
    let repayScale = rs.repaymentRate;
    if (owed * repayScale > cash - gifts) repayScale = owed > 0 ? Math.max(0, cash - gifts) / owed : 0;
    let sentFixed = 0;
    let sent = 0;
    for (let e = a; e < b; e++) {
      const j = net.target[e] as number;
      const gone = (st.extinctSince[j] as number) >= 0 && (st.extinctSince[j] as number) < t;
      const gift = gone || gifts === 0 ? 0 : (gifts * tieWeight(run, st.tieStrength, e)) / weights;
      const repay = gone ? 0 : repayScale * (st.debt[e] as number);
      st.informalOut[next + e] = gift;
      st.repayOut[next + e] = repay;
      if (repay > 0) st.debt[e] = (st.debt[e] as number) - repay;
      sent += gift + repay;
      sentFixed += Math.round(gift * scale) + Math.round(repay * scale);
    }
    household.informalNet = received - sent;
    if (receivedFixed !== 0) month.add(GLOBAL_BASE + G.informalReceived, receivedFixed);
    if (sentFixed !== 0) month.add(GLOBAL_BASE + G.informalGiven, sentFixed);
  },
});

/** Weight of tie `e` when sharing: kin weight for kin, times the tie's strength when social capital is on. */
function tieWeight(run: RunConstants, tieStrength: ReadonlyNumbers, e: number): number {
  const w = run.network.kin[e] === 1 ? run.interactions.riskSharing.kinWeight : 1;
  return run.flags.socialCapital ? w * (tieStrength[e] as number) : w;
}
