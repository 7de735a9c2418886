import { healthAgeGroup, visitUtility } from "../../behaviour/health.js";
import { belowLogistic } from "../../behaviour/logistic.js";
import { ageIndex, attendanceUtility, enrolmentUtility, schoolEntryAge } from "../../behaviour/schooling.js";
import { Purpose } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";
import { LAST_GRADE } from "./schoolYear.js";
import { peerBand, peerTerm } from "../../social/peers.js";

/**
 * Phase 5, behaviour: at a school-year start each child 6–17 decides whether to
 * enrol (S1) — by school age, so a child turning 6 early in the year starts grade 1; each school month an enrolled child attends regularly or
 * irregularly while working part-time (S2), and two irregular months in a row
 * may end in dropout; an out-of-school child may work full-time; every member
 * decides on a clinic visit (H1). Conditional stakes enter as price effects,
 * all transfers as income through the resources term.
 */
export function decisions(c: CycleContext, h: number): void {
  schooling(c, h);
  clinicVisits(c, h);
}

/**
 * S1, S2, S4 for the children 5–17 (and the end of schooling at 18): enrolment at
 * a school-year start, attendance or work, dropout; child earnings into the context.
 * Every living member's attendance and work are reset first.
 */
function schooling(c: CycleContext, h: number): void {
  const st = c.state;
  const rng = c.rng;
  const b = c.b;
  const t = c.t;
  const hh = c.population.households;
  const base = c.base;
  const n = st.used[h] as number;
  const x = c.logResources;
  const resources = c.resources;
  const schoolMonth = c.ctx.schoolMonth;
  const transition = c.transition;
  // Streams of the children's draws are computed on first use (−1: not yet; streams are non-negative).
  let se = -1;
  let sa = -1;
  let sw = -1;
  let sd = -1;
  const locality = hh.locality[h] as number;
  // Labelling (I5): an education-labelled amount per school-age child, weighted by the label's pull.
  let labelledPerChild = 0;
  if (c.labelled > 0 && b.labelPull > 0) {
    let kids = 0;
    for (let m = 0; m < n; m++) {
      const age = Math.floor((t - (st.birthMonth[base + m] as number)) / 12);
      if (st.alive[base + m] === 1 && age >= 6 && age <= 17) kids++;
    }
    if (kids > 0) labelledPerChild = (b.labelPull * c.labelled) / kids;
  }
  let childEarnings = 0;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (st.alive[i] !== 1) continue;
    const ageMonths = t - (st.birthMonth[i] as number);
    const age = Math.floor(ageMonths / 12);
    st.attendance[i] = 0;
    st.work[i] = 0;
    if (age >= 5 && age <= 17) {
      const male = st.male[i] === 1;
      const done = st.gradesCompleted[i] as number;
      const taste = st.schoolTaste[i] as number;
      const stake = (c.schoolStake[m] as number) + labelledPerChild;
      const peers = peerTerm(c, locality, peerBand(age));
      const entryAge = schoolEntryAge(ageMonths);
      if (transition && done < LAST_GRADE && entryAge >= 6 && entryAge <= 17) {
        const next = done + 1;
        const km = next <= 6 ? (hh.primarySchoolKm[h] as number) : next <= 9 ? (hh.lowerSecondaryKm[h] as number) : (hh.upperSecondaryKm[h] as number);
        const v = enrolmentUtility(b, entryAge, male, next, st.enrolledLastYear[i] === 1, km, x, stake, resources, taste) + peers;
        if (se < 0) se = rng.stream(Purpose.enrolment, h, t);
        st.enrolled[i] = belowLogistic(rng.uniformAt(se, m), v) ? 1 : 0;
      }
      const wage = b.childWageLcuPerMonth[ageIndex(age)] as number;
      if (st.enrolled[i] === 1) {
        if (schoolMonth) {
          if (sa < 0) sa = rng.stream(Purpose.attendance, h, t);
          const regular = belowLogistic(rng.uniformAt(sa, 2 * m), attendanceUtility(b, age, x, stake, resources, taste) + peers);
          const range = regular ? b.regularAttendance : b.irregularAttendance;
          const share = range[0] + (range[1] - range[0]) * rng.uniformAt(sa, 2 * m + 1);
          st.attendance[i] = share;
          st.attendanceSum[i] = (st.attendanceSum[i] as number) + share;
          st.attendanceMonths[i] = (st.attendanceMonths[i] as number) + 1;
          if (regular) {
            st.irregularStreak[i] = 0;
          } else {
            st.work[i] = 1;
            childEarnings += b.partTimeWageShare * wage;
            const streak = Math.min(255, (st.irregularStreak[i] as number) + 1);
            st.irregularStreak[i] = streak;
            if (streak >= 2) {
              if (sd < 0) sd = rng.stream(Purpose.dropout, h, t);
              if (rng.uniformAt(sd, m) < b.dropoutAfterTwoIrregular) st.enrolled[i] = 0;
            }
          }
        }
      } else if (age >= 6) {
        const pw = (male ? b.workProbabilityBoys : b.workProbabilityGirls)[ageIndex(age)] as number;
        if (sw < 0) sw = rng.stream(Purpose.childWork, h, t);
        if (rng.uniformAt(sw, m) < pw) {
          st.work[i] = 2;
          childEarnings += wage;
        }
      }
    } else if (transition && age > 17) {
      st.enrolled[i] = 0; // leaves school with adulthood
    }
  }
  c.childEarnings = childEarnings;
}

/** H1 for every living member: a clinic visit this month, or one more month since the last. */
function clinicVisits(c: CycleContext, h: number): void {
  const st = c.state;
  const rng = c.rng;
  const b = c.b;
  const t = c.t;
  const base = c.base;
  const n = st.used[h] as number;
  const x = c.logResources;
  const resources = c.resources;
  const sc = rng.stream(Purpose.clinic, h, t);
  const clinicKm = c.population.households.clinicKm[h] as number;
  const knowledge = st.knowledge[h] as number;
  const { alive, birthMonth, pregnancy, ill, monthsSinceVisit } = st;
  const healthStake = c.healthStake;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const ageMonths = t - (birthMonth[i] as number);
    const pregnant = (pregnancy[i] as number) >= 0;
    let u = visitUtility(b, healthAgeGroup(ageMonths), pregnant, ill[i] === 1, x, clinicKm, healthStake[m] as number, resources);
    if (knowledge > 0 && (ageMonths < 72 || pregnant)) u += b.visitKnowledgeEffect * knowledge;
    monthsSinceVisit[i] = belowLogistic(rng.uniformAt(sc, m), u) ? 0 : Math.min(255, (monthsSinceVisit[i] as number) + 1);
  }
}
