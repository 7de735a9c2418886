import { GLOBAL_BASE, GlobalField, LOC_FIELDS, LocField, RATE_SCALE } from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";

/**
 * Social capital (docs/model.md, I4): each of the household's ties loses
 * `decayPerMonth` of its strength and, when both households attended a
 * community meeting last month, gains `gainPerJointMeeting` of the gap to 1.
 * Both directions of a tie read the same last-month flags, so they stay equal.
 * Adds the strengths to this month's totals and to the locality's index.
 */
export const socialCapital = householdPhase({
  name: "socialCapital",
  equations: "I4",
  households: "living",
  reads: { state: ["meetingAttended"] },
  writes: { state: ["tieStrength"] },
  when: "social capital on",
  active: (run) => run.flags.socialCapital,
  run({ run, month, state: st }, h) {
    const net = run.network;
    const sc = run.interactions.socialCapital;
    const H = run.population.householdCount;
    const prev = ((month.t + 1) & 1) * H;
    const mine = month.t > 0 && st.meetingAttended[prev + h] === 1;
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
      month.add(GLOBAL_BASE + GlobalField.tieStrengthSum, Math.round(sum * RATE_SCALE));
      month.add(GLOBAL_BASE + GlobalField.ties, b - a);
      const o = LOC_FIELDS * (run.population.households.locality[h] as number);
      const loc = month.loc;
      loc[o + LocField.tieStrengthSum] = (loc[o + LocField.tieStrengthSum] as number) + Math.round(sum * RATE_SCALE);
      loc[o + LocField.ties] = (loc[o + LocField.ties] as number) + (b - a);
    }
  },
});
