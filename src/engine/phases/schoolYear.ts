import { logistic } from "../../behaviour/logistic.js";
import { passLogit } from "../../behaviour/schooling.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";

/** Highest grade a child can complete (end of upper secondary). */
export const LAST_GRADE = 12;

/**
 * School-year transition, at a school-year start after month 0: each child
 * enrolled last year passes the grade with probability Λ(π0 + π1·(ā − 0.85))
 * given the year's mean attendance ā, or repeats it; then enrolment is reset
 * until the decisions phase decides the new year's (docs/model.md, S3).
 */
export const schoolYear = householdPhase({
  name: "schoolYear",
  equations: "S3",
  households: "all",
  reads: { state: ["used", "alive"] },
  writes: { state: ["gradesCompleted", "repeats", "enrolledLastYear", "enrolled", "attendanceSum", "attendanceMonths", "irregularStreak"] },
  when: "a school-year start after month 0",
  active: (_run, month) => month.transition,
  run({ run, month, household, state: st }, h) {
    const rng = run.rng;
    const sp = rng.stream(Purpose.progression, h, month.t);
    const n = st.used[h] as number;
    const base = household.base;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const wasEnrolled = st.enrolled[i] === 1;
      if (wasEnrolled) {
        const months = st.attendanceMonths[i] as number;
        const mean = months > 0 ? (st.attendanceSum[i] as number) / months : 0;
        // u < logistic(·), the same decision as belowLogistic with smaller helpers (V8: docs/performance.md, "Inlining budget").
        if (uniformOf(rng.bitsAt(sp, m)) < logistic(passLogit(run.b, mean))) {
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
  },
});
