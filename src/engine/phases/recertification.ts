import type { ResolvedProgramme } from "../../config/scenario.js";
import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";

/**
 * Programme operations before this month's offers: on recertification months
 * (every `everyMonths` after the programme's start) an enrolled household whose
 * last-month consumption per adult equivalent exceeds `exitThreshold` poverty
 * lines is scheduled to graduate after `graceMonths`; a graduated household back
 * below the threshold re-enters (if `reentry`). Households leave when their
 * graduation month comes. The programme's measurement is taken as exact (docs/model.md, "Recertification").
 */
export const recertification = householdPhase({
  name: "recertification",
  equations: "recertification",
  households: "living",
  reads: { state: ["lastLogConsumptionRatio"] },
  writes: { state: ["beneficiary", "graduateAt", "graduated"] },
  when: "a programme with recertification",
  active: (run) => (run.programme?.recertification.everyMonths ?? 0) > 0,
  run({ run, month, state: st }, h) {
    const programme = run.programme as ResolvedProgramme;
    const r = programme.recertification;
    const t = month.t;
    const since = t - programme.startMonth;
    if (since > 0 && since % r.everyMonths === 0) {
      const ratio = Math.exp(st.lastLogConsumptionRatio[h] as number);
      if (st.beneficiary[h] === 1) {
        if (ratio > r.exitThreshold && (st.graduateAt[h] as number) < 0) st.graduateAt[h] = t + r.graceMonths;
        else if (ratio <= r.exitThreshold) st.graduateAt[h] = -1; // fell back during the grace period: stays
      } else if (st.graduated[h] === 1 && r.reentry && ratio <= r.exitThreshold) {
        st.beneficiary[h] = 1;
        st.graduated[h] = 0;
        st.graduateAt[h] = -1;
        month.add(GLOBAL_BASE + GlobalField.reentries, 1);
      }
    }
    const at = st.graduateAt[h] as number;
    if (st.beneficiary[h] === 1 && at >= 0 && t >= at) {
      st.beneficiary[h] = 0;
      st.graduated[h] = 1;
      st.graduateAt[h] = -1;
      month.add(GLOBAL_BASE + GlobalField.graduations, 1);
    }
  },
});
