import type { CycleContext } from "../engine/cycleContext.js";
import { GLOBAL_BASE, GlobalField, LOC_FIELDS, LocField, RATE_SCALE } from "../outcomes/layout.js";

/**
 * Social capital, part of phase 6b (docs/model.md, I4): each of the household's
 * ties loses `decayPerMonth` of its strength and, when both households attended
 * a community meeting last month, gains `gainPerJointMeeting` of the gap to 1.
 * Both directions of a tie read the same last-month flags, so they stay equal.
 * Adds the strengths to this month's totals and to the locality's index.
 */
export function updateTies(c: CycleContext, h: number): void {
  const st = c.state;
  const net = c.network;
  const sc = c.interactions.socialCapital;
  const H = c.population.householdCount;
  const prev = ((c.t + 1) & 1) * H;
  const mine = c.t > 0 && st.meetingAttended[prev + h] === 1;
  let sum = 0;
  const a = net.start[h] as number;
  const b = net.start[h + 1] as number;
  for (let e = a; e < b; e++) {
    let s = (st.tieStrength[e] as number) * (1 - sc.decayPerMonth);
    if (mine && st.meetingAttended[prev + (net.target[e] as number)] === 1) s += sc.gainPerJointMeeting * (1 - s);
    st.tieStrength[e] = s;
    sum += s;
  }
  if (b > a) {
    c.add(GLOBAL_BASE + GlobalField.tieStrengthSum, Math.round(sum * RATE_SCALE));
    c.add(GLOBAL_BASE + GlobalField.ties, b - a);
    const o = LOC_FIELDS * (c.population.households.locality[h] as number);
    c.loc[o + LocField.tieStrengthSum] = (c.loc[o + LocField.tieStrengthSum] as number) + Math.round(sum * RATE_SCALE);
    c.loc[o + LocField.ties] = (c.loc[o + LocField.ties] as number) + (b - a);
  }
}
