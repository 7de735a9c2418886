import { belowLogistic } from "../../behaviour/logistic.js";
import { GLOBAL_BASE, GlobalField, RATE_SCALE } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";

const G = GlobalField;

/**
 * Phase 5b, adult activities (docs/model.md, A1 and A3): a member asked to
 * attend training hours this month does so with probability
 * Λ(a_T − c_T·hours + θ_T·S/R), a member asked to attend the community meeting
 * with probability Λ(a_M + θ_M·S/R), S being the amount that lapses otherwise
 * and R the household's resources. Training hours accumulate per person;
 * meetings raise the household's health and nutrition knowledge K by
 * κ(1 − K), which fades by δ a month.
 */
export function adultActivities(c: CycleContext, h: number): void {
  const st = c.state;
  const b = c.b;
  const n = st.used[h] as number;
  const base = c.base;
  let attendedMeeting = false;
  if (!c.adultActivities) {
    // The rule asks no adult activities: the per-person arrays are empty (see StateOptions).
  } else if (c.offers) {
    let st_ = -1;
    let sm = -1;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      st.activity[i] = 0;
      if (st.alive[i] !== 1) continue;
      const hours = c.trainingRequired[m] as number;
      if (hours > 0) {
        if (st_ === -1) st_ = c.rng.stream(Purpose.training, h, c.t);
        const v = b.trainingIntercept - b.trainingHourCost * hours + (b.trainingPriceEffect * (c.trainingStake[m] as number)) / c.resources;
        if (belowLogistic(uniformOf(c.rng.bitsAt(st_, m)), v)) {
          st.activity[i] = 1;
          st.trainingHours[i] = (st.trainingHours[i] as number) + hours;
          st.householdTrainingHours[h] = (st.householdTrainingHours[h] as number) + hours;
          c.add(GLOBAL_BASE + G.trainingParticipants, 1);
          c.add(GLOBAL_BASE + G.trainingHours, hours);
        }
      }
      if ((c.meetingOffered[m] as number) > 0) {
        if (sm === -1) sm = c.rng.stream(Purpose.meetings, h, c.t);
        const v = b.meetingIntercept + (b.meetingPriceEffect * (c.meetingStake[m] as number)) / c.resources;
        if (belowLogistic(uniformOf(c.rng.bitsAt(sm, m)), v)) {
          st.activity[i] = (st.activity[i] as number) | 2;
          attendedMeeting = true;
          c.add(GLOBAL_BASE + G.meetingAttendees, 1);
        }
      }
    }
  } else {
    for (let m = 0; m < n; m++) st.activity[base + m] = 0;
  }
  if (c.flags.socialCapital) st.meetingAttended[(c.t & 1) * c.population.householdCount + h] = attendedMeeting ? 1 : 0;
  let k = st.knowledge[h] as number;
  // Diffusion (I5): close a share of the gap to the ties' mean knowledge of last month.
  let ties = 0;
  if (c.flags.diffusion) {
    const net = c.network;
    const a = net.start[h] as number;
    const z = net.start[h + 1] as number;
    if (z > a) {
      let sum = 0;
      for (let e = a; e < z; e++) sum += st.knowledgePrev[net.target[e] as number] as number;
      ties = sum / (z - a);
    }
  }
  if (k > 0 || attendedMeeting || ties > 0) {
    k *= 1 - b.knowledgeDecayPerMonth;
    if (attendedMeeting) k += b.knowledgeGainPerMeeting * (1 - k);
    if (ties > k) k += c.interactions.knowledgeDiffusion * (ties - k);
    st.knowledge[h] = k;
    c.add(GLOBAL_BASE + G.knowledgeSum, Math.round(k * RATE_SCALE));
  }
}

/**
 * Earnings multiplier from training (docs/model.md, A2): 1 + r·Σ cᵢ / adults,
 * over living adults 18–64, where cᵢ = min(1, hours attended / course hours) is
 * member i's completed share of a course and r the return to a full course.
 */
export function trainingEarningsFactor(c: CycleContext, h: number): number {
  const st = c.state;
  const n = st.used[h] as number;
  let adults = 0;
  let completed = 0;
  for (let m = 0; m < n; m++) {
    const i = c.base + m;
    if (st.alive[i] !== 1) continue;
    const ageMonths = c.t - (st.birthMonth[i] as number);
    if (ageMonths < 216 || ageMonths >= 780) continue;
    adults++;
    completed += Math.min(1, (st.trainingHours[i] as number) / c.b.trainingCourseHours);
  }
  return adults > 0 ? 1 + (c.b.trainingEarningsReturn * completed) / adults : 1;
}
