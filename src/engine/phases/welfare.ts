import { healthAgeGroup, illnessLogit, nextHaz } from "../../behaviour/health.js";
import { logistic, logWelfareRatio } from "../../behaviour/logistic.js";
import { GLOBAL_BASE, GlobalField, RATE_SCALE } from "../../outcomes/layout.js";
import { Purpose } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";
import { recordChild, recordHousehold, recordSpillover } from "./record.js";
import { countPeer } from "../../social/peers.js";
import { countLocalityMoney, realConsumptionFactor } from "../../social/prices.js";

/** Attendance share that counts as regular (the Progresa and PKH condition). */
const REGULAR_ATTENDANCE = 0.85;

/**
 * Phase 7, welfare, and phase 8, record, in one pass over the members:
 * consumption is a share of cash on hand (savings + earnings + transfers paid),
 * the rest is saved (W1); illness (H2) and growth of children under 5 (H3)
 * respond to consumption and recent clinic visits; then the household's
 * outcomes are added, as exact integers, to this month's accumulator.
 */
export function welfareAndRecord(c: CycleContext, h: number): void {
  const st = c.state;
  const rng = c.rng;
  const b = c.b;
  const t = c.t;
  const base = c.base;
  const cash = (st.savings[h] as number) + c.adultEarnings + c.childEarnings + c.paid + c.informalNet;
  const spending = b.consumptionShare * cash;
  st.savings[h] = cash - spending;
  // Real consumption at the locality's food prices (I3; factor 1 without local prices).
  const locality = c.population.households.locality[h] as number;
  const consumption = c.flags.prices ? spending * realConsumptionFactor(c, locality) : spending;
  const xc = logWelfareRatio(consumption, c.adultEquivalents, c.z);
  st.lastLogConsumptionRatio[h] = xc;
  const si = rng.stream(Purpose.illness, h, t);
  const sg = rng.stream(Purpose.growth, h, t);
  const segment = c.classifiedPoor[h] === 1 ? 1 : 2;
  const schoolMonth = c.ctx.schoolMonth;
  const n = st.used[h] as number;
  let ill = 0;
  let visits = 0;
  let under5 = 0;
  let stunted = 0;
  let hazFixed = 0;
  let age1to3 = 0;
  let children = 0;
  let enrolledChildren = 0;
  let stunted1to3 = 0;
  const knowledge = st.knowledge[h] as number;
  let adults = 0;
  let employed = 0;
  let se = -1;
  let c611 = 0;
  let e611 = 0;
  let c1214 = 0;
  let e1214 = 0;
  let c1517 = 0;
  let e1517 = 0;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (st.alive[i] !== 1) continue;
    const ageMonths = t - (st.birthMonth[i] as number);
    const small = ageMonths < 60;
    const isIll =
      rng.uniformAt(si, m) <
      logistic(illnessLogit(b, healthAgeGroup(ageMonths), xc, (st.monthsSinceVisit[i] as number) < 6, small && (st.haz[i] as number) < -2));
    st.ill[i] = isIll ? 1 : 0;
    if (isIll) ill++;
    if (st.monthsSinceVisit[i] === 0) visits++;
    if (small) {
      // Knowledge from community meetings shifts the growth target like a persistent potential (A4).
      const potential = c.p.hazPotentialSd * (st.hazPotential[i] as number) + (knowledge > 0 ? b.hazKnowledgeEffect * knowledge : 0);
      const z = nextHaz(b, st.haz[i] as number, ageMonths, xc, potential, (st.monthsSinceVisit[i] as number) < 2, isIll, rng.normalAt(sg, m));
      st.haz[i] = z;
      under5++;
      if (z < -2) stunted++;
      if (ageMonths >= 12 && ageMonths < 48) {
        age1to3++;
        if (z < -2) stunted1to3++;
      }
      hazFixed += Math.round(z * RATE_SCALE);
    }
    const age = Math.floor(ageMonths / 12);
    if (age >= 18 && age <= 64) {
      // Employment (A2): a persistent propensity per person, shifted by completed training.
      if (se < 0) se = rng.stream(Purpose.employment, h, 0);
      const completed = Math.min(1, (st.trainingHours[i] as number) / b.trainingCourseHours);
      const rate = (st.male[i] === 1 ? b.adultEmploymentRate[0] : b.adultEmploymentRate[1]) + b.trainingEmploymentEffect * completed;
      adults++;
      if (rng.uniformAt(se, m) < rate) employed++;
    }
    if (age >= 6 && age <= 17) {
      const band = age <= 11 ? 0 : age <= 14 ? 1 : 2;
      const cell = band * 2 + (st.male[i] as number);
      const enrolled = st.enrolled[i] as number;
      children++;
      enrolledChildren += enrolled;
      if (band === 0) (c611++, (e611 += enrolled));
      else if (band === 1) (c1214++, (e1214 += enrolled));
      else (c1517++, (e1517 += enrolled));
      if (c.flags.peers) countPeer(c, locality, band, enrolled);
      const att = st.attendance[i] as number;
      const inSchool = schoolMonth && att > 0;
      recordChild(
        c,
        segment,
        cell,
        st.enrolled[i] === 1 ? 1 : 0,
        st.work[i] !== 0 ? 1 : 0,
        inSchool ? 1 : 0,
        inSchool ? att : 0,
        inSchool && att >= REGULAR_ATTENDANCE ? 1 : 0,
        st.gradesCompleted[i] as number,
      );
    }
  }
  c.add(GLOBAL_BASE + GlobalField.adults, adults);
  c.add(GLOBAL_BASE + GlobalField.employedAdults, employed);
  c.children = children;
  c.enrolledChildren = enrolledChildren;
  recordHousehold(c, segment, consumption / c.adultEquivalents, xc, ill, visits, under5, stunted, hazFixed, age1to3, stunted1to3);
  recordSpillover(c, c611, e611, c1214, e1214, c1517, e1517, consumption / c.adultEquivalents, visits);
  if (c.flags.prices) {
    countLocalityMoney(c, h);
    c.add(GLOBAL_BASE + GlobalField.priceLevelSum, Math.round((c.state.priceLevel[locality] as number) * RATE_SCALE));
  }
}
