import { healthAgeGroup, visitUtility } from "../../behaviour/health.js";
import { belowLogistic } from "../../behaviour/logistic.js";
import { ageIndex, attendanceUtility, enrolmentUtility, schoolEntryAge } from "../../behaviour/schooling.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";
import type { ContextOf } from "../phase.js";
import { peerBand, peerTerm } from "./peers.js";
import { LAST_GRADE } from "./schoolYear.js";

const reads = {
  household: ["labelled", "resources", "logResources", "stakes", "wages"],
  state: [
    "used",
    "alive",
    "birthMonth",
    "male",
    "enrolledLastYear",
    "gradesCompleted",
    "schoolTaste",
    "knowledge",
    "pregnancy",
    "ill",
    "peerShare",
    "peerBase",
  ],
} as const;
const writes = {
  household: ["labelledPerChild", "childEarnings"],
  state: ["enrolled", "attendance", "attendanceSum", "attendanceMonths", "irregularStreak", "work", "monthsSinceVisit"],
} as const;
type Context = ContextOf<typeof reads, typeof writes>;

/**
 * Behaviour: at a school-year start each child or youth from 6 to the last school age (21) decides whether to enrol
 * (S1) — by school age, so a child turning 6 early in the year starts grade 1;
 * each school month an enrolled child attends regularly or irregularly while
 * working part-time (S2), and two irregular months in a row may end in dropout;
 * an out-of-school child may work full-time (S4); every member decides on a
 * clinic visit (H1). Conditional stakes enter as price effects, all transfers
 * as income through the resources term.
 */
export const decisions = householdPhase({
  name: "decisions",
  equations: "S1, S2, S4, H1, I1, I5",
  households: "living",
  reads,
  writes,
  run(c, h) {
    labelling(c, h);
    if (c.month.transition) enrolment(c, h);
    schooling(c, h);
    clinicVisits(c, h);
  },
});

/**
 * Labelling (I5): an education-labelled amount per school-age child, weighted by the
 * label's pull, into `labelledPerChild` (it adds to each child's stake).
 */
function labelling({ run, month, household, state: st }: Context, h: number): void {
  const b = run.b;
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  let labelledPerChild = 0;
  if (household.labelled > 0 && b.labelPull > 0) {
    let kids = 0;
    for (let m = 0; m < n; m++) {
      const age = Math.floor((t - (st.birthMonth[base + m] as number)) / 12);
      if (st.alive[base + m] === 1 && age >= 6 && age <= 17) kids++;
    }
    if (kids > 0) labelledPerChild = (b.labelPull * household.labelled) / kids;
  }
  household.labelledPerChild = labelledPerChild;
}

/**
 * S1 at a school-year start: each child or youth of school age (by {@link schoolEntryAge}, 6 to
 * the preset's `lastSchoolAge`) who has not completed the last grade decides whether to enrol
 * in the next grade; members older than that leave school. A function of its own, run only in the transition month
 * (V8: docs/performance.md, "Inlining budget").
 */
function enrolment({ run, month, household, state: st }: Context, h: number): void {
  const rng = run.rng;
  const b = run.b;
  const t = month.t;
  const hh = run.population.households;
  const base = household.base;
  const n = st.used[h] as number;
  const x = household.logResources;
  const resources = household.resources;
  const labelledPerChild = household.labelledPerChild;
  const schoolStake = household.stakes.school;
  const locality = hh.locality[h] as number;
  const lastAge = run.p.lastSchoolAge;
  const work = household.wages;
  let se = -1; // the enrolment stream, computed on first use (a handle that happens to be −1 is merely computed again)
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (st.alive[i] !== 1) continue;
    const ageMonths = t - (st.birthMonth[i] as number);
    const age = Math.floor(ageMonths / 12);
    if (age > lastAge) {
      st.enrolled[i] = 0; // past the last school age
      continue;
    }
    if (age < 5) continue;
    const done = st.gradesCompleted[i] as number;
    const entryAge = schoolEntryAge(ageMonths);
    if (done >= LAST_GRADE || entryAge < 6 || entryAge > lastAge) continue;
    const stake = (schoolStake[m] as number) + labelledPerChild;
    const peers = peerTerm(run, st.peerShare, st.peerBase, locality, peerBand(age));
    const next = done + 1;
    const km = next <= 6 ? (hh.primarySchoolKm[h] as number) : next <= 9 ? (hh.lowerSecondaryKm[h] as number) : (hh.upperSecondaryKm[h] as number);
    // W (S1): the child wage of the age, or past 17 the youth's expected adult earnings (written out: no boxed double).
    // (a youth of 17 by age but 18 by school age has no adult wage yet: the child wage of 17)
    const w =
      entryAge > 17 && (work.wage[m] as number) > 0
        ? (work.propensity[m] as number) * (work.wage[m] as number)
        : (b.childWageLcuPerMonth[ageIndex(Math.min(17, entryAge))] as number);
    const v =
      enrolmentUtility(b, entryAge, st.male[i] === 1, next, st.enrolledLastYear[i] === 1, km, x, stake, resources, st.schoolTaste[i] as number, w) + peers;
    if (se === -1) se = rng.stream(Purpose.enrolment, h, t);
    st.enrolled[i] = belowLogistic(uniformOf(rng.bitsAt(se, m)), v) ? 1 : 0;
  }
}

/**
 * S2, S4 for the enrolled children and youths 5 … the last school age each month: attendance
 * or part-time work, dropout after two irregular months; an out-of-school child 6–17 may work
 * full-time. Earnings into `childEarnings`. Every living member's attendance and work are reset first.
 */
function schooling(c: Context, h: number): void {
  const { run, month, household, state: st } = c;
  const rng = run.rng;
  const b = run.b;
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  const schoolMonth = month.calendar.schoolMonth;
  const lastAge = run.p.lastSchoolAge;
  // Streams of the children's draws are computed on first use (−1: not yet; a handle that
  // happens to be −1 is merely computed again, with the same value).
  let sa = -1;
  let sw = -1;
  household.childEarnings = 0;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (st.alive[i] !== 1) continue;
    const age = Math.floor((t - (st.birthMonth[i] as number)) / 12);
    st.attendance[i] = 0;
    st.work[i] = 0;
    if (age < 5 || age > lastAge) continue;
    if (st.enrolled[i] === 1) {
      if (schoolMonth) {
        if (sa === -1) sa = rng.stream(Purpose.attendance, h, t);
        attend(c, h, m, age, sa);
      }
    } else if (age >= 6 && age <= 17) {
      // Out of school: child work (S4) to 17; from 18 a youth works as an adult (labour phase).
      if (sw === -1) sw = rng.stream(Purpose.childWork, h, t);
      if (worksFullTime(c, sw, m, st.male[i] === 1, age)) {
        st.work[i] = 2;
        household.childEarnings += b.childWageLcuPerMonth[ageIndex(age)] as number;
      }
    }
  }
}

/**
 * S2 for enrolled member `m` (aged `age`) in a school month, draws from stream `sa` of
 * Purpose.attendance: regular or irregular attendance, part-time work and its earnings (into
 * `childEarnings`), and dropout after two irregular months. A function of its own with integer
 * arguments, so its doubles stay inside it (V8: docs/performance.md, "Boxed doubles").
 */
function attend(c: Context, h: number, m: number, age: number, sa: number): void {
  const { run, household, state: st } = c;
  const rng = run.rng;
  const b = run.b;
  const i = household.base + m;
  const work = household.wages;
  // W: the child wage of the age, or past 17 the youth's expected adult earnings (propensity × wage, L1).
  const wage = age > 17 ? (work.propensity[m] as number) * (work.wage[m] as number) : (b.childWageLcuPerMonth[ageIndex(age)] as number);
  const stake = (household.stakes.school[m] as number) + household.labelledPerChild;
  const peers = peerTerm(run, st.peerShare, st.peerBase, run.population.households.locality[h] as number, peerBand(age));
  const v = attendanceUtility(b, age, household.logResources, stake, household.resources, st.schoolTaste[i] as number, wage) + peers;
  const regular = belowLogistic(uniformOf(rng.bitsAt(sa, 2 * m)), v);
  const range = regular ? b.regularAttendance : b.irregularAttendance;
  const share = range[0] + (range[1] - range[0]) * uniformOf(rng.bitsAt(sa, 2 * m + 1));
  st.attendance[i] = share;
  st.attendanceSum[i] = (st.attendanceSum[i] as number) + share;
  st.attendanceMonths[i] = (st.attendanceMonths[i] as number) + 1;
  if (regular) {
    st.irregularStreak[i] = 0;
    return;
  }
  st.work[i] = 1;
  household.childEarnings += b.partTimeWageShare * wage;
  const streak = Math.min(255, (st.irregularStreak[i] as number) + 1);
  st.irregularStreak[i] = streak;
  // The second irregular month in a row may end in dropout. The draw is taken, and the
  // enrolment written, for every irregular child (V8: docs/performance.md, "Code that never ran").
  const drop = dropsOut(c, rng.stream(Purpose.dropout, h, c.month.t), m);
  st.enrolled[i] = streak >= 2 && drop ? 0 : 1;
}

// The two draws below are functions of their own, integers in and a boolean out (V8: docs/performance.md, "Boxed doubles").

/** S4: whether an out-of-school child (member `m`, stream `stream` of Purpose.childWork) works full-time this month. */
function worksFullTime(c: Context, stream: number, m: number, male: boolean, age: number): boolean {
  const b = c.run.b;
  const pw = (male ? b.workProbabilityBoys : b.workProbabilityGirls)[ageIndex(age)] as number;
  return uniformOf(c.run.rng.bitsAt(stream, m)) < pw;
}

/** S2: whether a child irregular two months in a row (member `m`, stream `stream` of Purpose.dropout) drops out. */
function dropsOut(c: Context, stream: number, m: number): boolean {
  return uniformOf(c.run.rng.bitsAt(stream, m)) < c.run.b.dropoutAfterTwoIrregular;
}

/** H1 for every living member: a clinic visit this month, or one more month since the last. */
function clinicVisits({ run, month, household, state: st }: Context, h: number): void {
  const rng = run.rng;
  const b = run.b;
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  const x = household.logResources;
  const resources = household.resources;
  const sc = rng.stream(Purpose.clinic, h, t);
  const clinicKm = run.population.households.clinicKm[h] as number;
  const knowledge = st.knowledge[h] as number;
  const { alive, birthMonth, pregnancy, ill, monthsSinceVisit } = st;
  const healthStake = household.stakes.health;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const ageMonths = t - (birthMonth[i] as number);
    const pregnant = (pregnancy[i] as number) >= 0;
    let u = visitUtility(b, healthAgeGroup(ageMonths), pregnant, ill[i] === 1, x, clinicKm, healthStake[m] as number, resources);
    if (knowledge > 0 && (ageMonths < 72 || pregnant)) u += b.visitKnowledgeEffect * knowledge;
    monthsSinceVisit[i] = belowLogistic(uniformOf(rng.bitsAt(sc, m)), u) ? 0 : Math.min(255, (monthsSinceVisit[i] as number) + 1);
  }
}
