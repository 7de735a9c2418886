import { healthAgeGroup, illnessLogit, nextHaz } from "../../behaviour/health.js";
import { belowLogistic } from "../../behaviour/logistic.js";
import { ChildField, childOffset, GLOBAL_BASE, GlobalField, RATE_SCALE, segmentBase } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";
import { recordHousehold, recordSpillover } from "./record.js";
import { countPeer } from "../../social/peers.js";
import { countLocalityMoney, realConsumptionFactor } from "../../social/prices.js";

/** Attendance share that counts as regular (the Progresa and PKH condition). */
const REGULAR_ATTENDANCE = 0.85;

const CF = ChildField;

/**
 * Phase 7, welfare, and phase 8, record: consumption is a share of cash on
 * hand (savings + earnings + transfers paid), the rest is saved (W1); illness
 * (H2) and growth of children under 5 (H3) respond to consumption and recent
 * clinic visits; adults' employment (A2) is counted; then the household's
 * outcomes are added, as exact integers, to this month's accumulator.
 *
 * Each step is a small function over the members that leaves its counts in
 * `c.tally`: small functions let V8 inline the draws and equations into each
 * loop, and the numbers travel in the context rather than as (boxed) arguments.
 */
export function welfareAndRecord(c: CycleContext, h: number): void {
  const st = c.state;
  const b = c.b;
  const cash = (st.savings[h] as number) + c.adultEarnings + c.childEarnings + c.paid + c.informalNet;
  const spending = b.consumptionShare * cash;
  st.savings[h] = cash - spending;
  // Real consumption at the locality's food prices (I3; factor 1 without local prices).
  const locality = c.population.households.locality[h] as number;
  const consumption = c.flags.prices ? spending * realConsumptionFactor(c, locality) : spending;
  // logWelfareRatio(consumption, c.adultEquivalents, c.z), written out: V8 may inline this
  // function into its caller without room left for the helper, and a call would box the doubles.
  const xc = Math.log(Math.max(consumption / c.adultEquivalents, 0.05 * c.z) / c.z);
  st.lastLogConsumptionRatio[h] = xc;
  c.consumptionPerAe = consumption / c.adultEquivalents;
  c.logConsumptionRatio = xc;
  const segment = c.classifiedPoor[h] === 1 ? 1 : 2;
  c.tally.clear();
  memberHealth(c, h);
  adultEmployment(c, h);
  childOutcomes(c, h, segment);
  recordHousehold(c, segment);
  recordSpillover(c);
  if (c.flags.prices) {
    countLocalityMoney(c, h);
    c.add(GLOBAL_BASE + GlobalField.priceLevelSum, Math.round((c.state.priceLevel[locality] as number) * RATE_SCALE));
  }
}

/** Illness of every member (H2) and clinic visits this month: counts into `c.tally`. */
function memberHealth(c: CycleContext, h: number): void {
  const st = c.state;
  const rng = c.rng;
  const b = c.b;
  const t = c.t;
  const base = c.base;
  const n = st.used[h] as number;
  const xc = c.logConsumptionRatio;
  const tally = c.tally;
  const si = rng.stream(Purpose.illness, h, t);
  const { alive, birthMonth, monthsSinceVisit, haz, ill } = st;
  let under5 = false;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const ageMonths = t - (birthMonth[i] as number);
    const small = ageMonths < 60;
    const sinceVisit = monthsSinceVisit[i] as number;
    const isIll = belowLogistic(uniformOf(rng.bitsAt(si, m)), illnessLogit(b, healthAgeGroup(ageMonths), xc, sinceVisit < 6, small && (haz[i] as number) < -2));
    ill[i] = isIll ? 1 : 0;
    if (isIll) tally.ill++;
    if (sinceVisit === 0) tally.visits++;
    if (small) under5 = true;
  }
  if (under5) growth(c, h);
}

/** Growth of the children under 5 (H3), after this month's illness: counts into `c.tally`. */
function growth(c: CycleContext, h: number): void {
  const st = c.state;
  const b = c.b;
  const t = c.t;
  const base = c.base;
  const n = st.used[h] as number;
  const xc = c.logConsumptionRatio;
  const knowledge = st.knowledge[h] as number;
  const tally = c.tally;
  const sg = c.rng.stream(Purpose.growth, h, t);
  const draws = c.draws;
  const { alive, birthMonth, monthsSinceVisit, haz, hazPotential, ill } = st;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const ageMonths = t - (birthMonth[i] as number);
    if (ageMonths >= 60) continue;
    // Knowledge from community meetings shifts the growth target like a persistent potential (A4).
    const potential = c.p.hazPotentialSd * (hazPotential[i] as number) + (knowledge > 0 ? b.hazKnowledgeEffect * knowledge : 0);
    c.rng.normalInto(sg, m, draws, 0);
    const z = nextHaz(b, haz[i] as number, ageMonths, xc, potential, (monthsSinceVisit[i] as number) < 2, ill[i] === 1, draws[0] as number);
    haz[i] = z;
    tally.under5++;
    if (z < -2) tally.stunted++;
    if (ageMonths >= 12 && ageMonths < 48) {
      tally.age1to3++;
      if (z < -2) tally.stunted1to3++;
    }
    tally.hazFixed += Math.round(z * RATE_SCALE);
  }
}

/** Employment of adults 18–64 (A2): a persistent propensity per person, shifted by completed training. */
function adultEmployment(c: CycleContext, h: number): void {
  const st = c.state;
  const b = c.b;
  const t = c.t;
  const base = c.base;
  const n = st.used[h] as number;
  const { alive, birthMonth, trainingHours, male } = st;
  const training = c.adultActivities; // without adult activities there are no training hours (and no array)
  let se = -1; // the employment stream (month 0: the propensity persists), computed on first use
  let adults = 0;
  let employed = 0;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const age = Math.floor((t - (birthMonth[i] as number)) / 12);
    if (age < 18 || age > 64) continue;
    if (se === -1) se = c.rng.stream(Purpose.employment, h, 0);
    const completed = training ? Math.min(1, (trainingHours[i] as number) / b.trainingCourseHours) : 0;
    const rate = (male[i] === 1 ? b.adultEmploymentRate[0] : b.adultEmploymentRate[1]) + b.trainingEmploymentEffect * completed;
    adults++;
    if (uniformOf(c.rng.bitsAt(se, m)) < rate) employed++;
  }
  c.add(GLOBAL_BASE + GlobalField.adults, adults);
  c.add(GLOBAL_BASE + GlobalField.employedAdults, employed);
}

/** Each child 6–17 into its cell (age band × sex) of the household's segment; children and enrolment by band into `c.tally`. */
function childOutcomes(c: CycleContext, h: number, segment: number): void {
  const st = c.state;
  const t = c.t;
  const base = c.base;
  const n = st.used[h] as number;
  const tally = c.tally;
  const out = c.out;
  const schoolMonth = c.ctx.schoolMonth;
  const peers = c.flags.peers;
  const locality = c.population.households.locality[h] as number;
  const block = segmentBase(segment);
  const { alive, birthMonth, male, enrolled: enrolledNow, attendance, work, gradesCompleted } = st;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const age = Math.floor((t - (birthMonth[i] as number)) / 12);
    if (age < 6 || age > 17) continue;
    const band = age <= 11 ? 0 : age <= 14 ? 1 : 2;
    const enrolled = enrolledNow[i] as number;
    tally.children++;
    tally.enrolledChildren += enrolled;
    tally.childrenByBand[band]!++;
    tally.enrolledByBand[band]! += enrolled;
    if (peers) countPeer(c, locality, band, enrolled);
    const att = attendance[i] as number;
    const inSchool = schoolMonth && att > 0;
    // The child's cell ("all" is filled at the end of the month: completeAllSegment).
    const o = block + childOffset(band * 2 + (male[i] as number), 0);
    out[o + CF.children]! += 1;
    out[o + CF.enrolled]! += enrolled === 1 ? 1 : 0;
    out[o + CF.working]! += work[i] !== 0 ? 1 : 0;
    out[o + CF.inSchoolMonth]! += inSchool ? 1 : 0;
    out[o + CF.attendanceSum]! += Math.round((inSchool ? att : 0) * RATE_SCALE);
    out[o + CF.regular]! += inSchool && att >= REGULAR_ATTENDANCE ? 1 : 0;
    out[o + CF.gradesSum]! += gradesCompleted[i] as number;
  }
}
