import { logistic } from "../../behaviour/logistic.js";
import { passLogit } from "../../behaviour/schooling.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";

/** Highest grade a child can complete (end of upper secondary). */
export const LAST_GRADE = 12;

/**
 * Phase 1, calendar — at a school-year start (t > 0): each child enrolled last
 * year passes the grade with probability Λ(π0 + π1·(ā − 0.85)) given the year's
 * mean attendance ā, or repeats it; then enrolment is reset until the
 * behaviour phase decides the new year's (docs/model.md, S3).
 */
export function schoolYearTransition(c: CycleContext, h: number): void {
  const st = c.state;
  const rng = c.rng;
  const sp = rng.stream(Purpose.progression, h, c.t);
  const n = st.used[h] as number;
  const base = c.base;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (st.alive[i] !== 1) continue;
    const wasEnrolled = st.enrolled[i] === 1;
    if (wasEnrolled) {
      const months = st.attendanceMonths[i] as number;
      const mean = months > 0 ? (st.attendanceSum[i] as number) / months : 0;
      // u < logistic(·) exactly, as belowLogistic decides it, but with small helpers only: V8 inlines
      // this function into the month's step (a school-year start is rare), often without room
      // left for belowLogistic, whose doubles a call would box. One draw per pupil a year.
      if (uniformOf(rng.bitsAt(sp, m)) < logistic(passLogit(c.b, mean))) {
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
}
