import type { CycleContext } from "../engine/cycleContext.js";
import { GLOBAL_BASE, GlobalField } from "../outcomes/layout.js";

const G = GlobalField;

/**
 * Informal risk sharing, phase 6b (docs/model.md, I2). Flows decided in month
 * t − 1 arrive in month t, so a household only ever reads what its ties decided
 * last month and writes its own ties' entries: the result does not depend on
 * the order households are processed in.
 *
 * 1. Receive what ties sent last month (gifts, loans, repayments); a loan share
 *    of each gift becomes debt owed to the giver.
 * 2. Surplus = earnings + transfers paid − permanent earnings × season; a share
 *    of a positive surplus goes to ties (weighted by kin and tie strength),
 *    and `repaymentRate` of each debt is repaid — at most the cash at hand.
 *    These leave now and arrive next month.
 * Sets `c.informalNet` (received − sent) for the welfare phase.
 */
export function shareRisk(c: CycleContext, h: number): void {
  const st = c.state;
  const net = c.network;
  const E = c.ties;
  const rs = c.interactions.riskSharing;
  const scale = c.moneyScale;
  const cur = (c.t & 1) * E;
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
  const hh = c.population.households;
  const normal = (hh.incomeLcuPerMonth[h] as number) * (c.seasonal[c.ctx.calendarMonth - 1] as number);
  const surplus = c.adultEarnings + c.childEarnings + c.paid - normal;
  const cash = Math.max(0, (st.savings[h] as number) + c.adultEarnings + c.childEarnings + c.paid + received);
  // Weights of the living ties (a tie extinct before this month receives nothing).
  let weights = 0;
  let owed = 0;
  for (let e = a; e < b; e++) {
    const j = net.target[e] as number;
    const gone = (st.extinctSince[j] as number) >= 0 && (st.extinctSince[j] as number) < c.t;
    if (!gone) weights += tieWeight(c, e);
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
    const gone = (st.extinctSince[j] as number) >= 0 && (st.extinctSince[j] as number) < c.t;
    const gift = gone || gifts === 0 ? 0 : (gifts * tieWeight(c, e)) / weights;
    const repay = gone ? 0 : repayScale * (st.debt[e] as number);
    st.informalOut[next + e] = gift;
    st.repayOut[next + e] = repay;
    if (repay > 0) st.debt[e] = (st.debt[e] as number) - repay;
    sent += gift + repay;
    sentFixed += Math.round(gift * scale) + Math.round(repay * scale);
  }
  c.informalNet = received - sent;
  if (receivedFixed !== 0) c.add(GLOBAL_BASE + G.informalReceived, receivedFixed);
  if (sentFixed !== 0) c.add(GLOBAL_BASE + G.informalGiven, sentFixed);
}

/** Weight of tie `e` when sharing: kin weight for kin, times the tie's strength when social capital is on. */
function tieWeight(c: CycleContext, e: number): number {
  const w = c.network.kin[e] === 1 ? c.interactions.riskSharing.kinWeight : 1;
  return c.flags.socialCapital ? w * (c.state.tieStrength[e] as number) : w;
}

/**
 * A household whose last member has died: what its ties sent it last month is
 * lost (recorded as lapsed, so given = received + lapsed a month later) and it
 * sends nothing more.
 */
export function lapseRisk(c: CycleContext, h: number): void {
  const st = c.state;
  const net = c.network;
  const E = c.ties;
  const cur = (c.t & 1) * E;
  const next = E - cur;
  let lapsed = 0;
  for (let e = net.start[h] as number; e < (net.start[h + 1] as number); e++) {
    const r = net.reverse[e] as number;
    lapsed += Math.round((st.informalOut[cur + r] as number) * c.moneyScale) + Math.round((st.repayOut[cur + r] as number) * c.moneyScale);
    st.informalOut[next + e] = 0;
    st.repayOut[next + e] = 0;
  }
  if (lapsed !== 0) c.add(GLOBAL_BASE + G.informalLapsed, lapsed);
}
