import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";

/**
 * A household whose last member has died has no outcomes. What it was owed
 * lapses on the record: matured and lagged entitlements are recorded as
 * forfeited (once) and cleared, so entitled = paid + unpaid + forfeited always
 * holds (P3). What its ties sent it last month is lost (recorded as lapsed, so
 * given = received + lapsed a month later) and it sends nothing more (I2); it
 * attends no meeting (I4).
 */
export const extinction = householdPhase({
  name: "extinction",
  equations: "P3, I2, I4",
  households: "extinct",
  reads: {},
  writes: { state: ["matured", "lagRing", "extinctSince", "informalOut", "repayOut", "meetingAttended"] },
  run({ run, month, state: st }, h) {
    const ring = h * run.ringSize;
    let owed = st.matured[h] as number;
    for (let r = 0; r < run.ringSize; r++) {
      owed += st.lagRing[ring + r] as number;
      st.lagRing[ring + r] = 0;
    }
    st.matured[h] = 0;
    if (owed > 0) month.add(GLOBAL_BASE + GlobalField.forfeited, owed); // whole money units already
    if ((st.extinctSince[h] as number) < 0) st.extinctSince[h] = month.t;
    if (run.flags.riskSharing) {
      const net = run.network;
      const E = run.ties;
      const cur = (month.t & 1) * E;
      const next = E - cur;
      let lapsed = 0;
      for (let e = net.start[h] as number; e < (net.start[h + 1] as number); e++) {
        const r = net.reverse[e] as number;
        lapsed += Math.round((st.informalOut[cur + r] as number) * run.moneyScale) + Math.round((st.repayOut[cur + r] as number) * run.moneyScale);
        st.informalOut[next + e] = 0;
        st.repayOut[next + e] = 0;
      }
      if (lapsed !== 0) month.add(GLOBAL_BASE + GlobalField.informalLapsed, lapsed);
    }
    if (run.flags.socialCapital) st.meetingAttended[(month.t & 1) * run.population.householdCount + h] = 0;
  },
});
