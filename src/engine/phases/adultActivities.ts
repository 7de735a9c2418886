import { belowLogistic } from "../../behaviour/logistic.js";
import { GLOBAL_BASE, GlobalField, RATE_SCALE } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";

const G = GlobalField;

/**
 * Adult activities (docs/model.md, A1 and A3): a member asked to attend
 * training hours this month does so with probability Λ(a_T − c_T·hours + θ_T·S/R),
 * a member asked to attend the community meeting with probability Λ(a_M + θ_M·S/R),
 * S being the amount that lapses otherwise and R the household's resources.
 * Training hours accumulate per person; meetings raise the household's health
 * and nutrition knowledge K by κ(1 − K), which fades by δ a month; with diffusion
 * (I5) K closes a share of the gap to its ties' mean knowledge of last month.
 */
export const adultActivities = householdPhase({
  name: "adultActivities",
  equations: "A1, A3, I5",
  households: "living",
  reads: { household: ["offers", "stakes", "resources"], state: ["used", "alive", "knowledgePrev"] },
  writes: { state: ["activity", "trainingHours", "householdTrainingHours", "meetingAttended", "knowledge"] },
  run({ run, month, household, state: st }, h) {
    const b = run.b;
    const n = st.used[h] as number;
    const base = household.base;
    const stakes = household.stakes;
    let attendedMeeting = false;
    if (!run.adultActivities) {
      // The rule asks no adult activities: the per-person arrays are empty (see StateOptions).
    } else if (household.offers) {
      let sTraining = -1;
      let sMeeting = -1;
      for (let m = 0; m < n; m++) {
        const i = base + m;
        st.activity[i] = 0;
        if (st.alive[i] !== 1) continue;
        const hours = stakes.trainingHoursRequired[m] as number;
        if (hours > 0) {
          if (sTraining === -1) sTraining = run.rng.stream(Purpose.training, h, month.t);
          const v = b.trainingIntercept - b.trainingHourCost * hours + (b.trainingPriceEffect * (stakes.training[m] as number)) / household.resources;
          if (belowLogistic(uniformOf(run.rng.bitsAt(sTraining, m)), v)) {
            st.activity[i] = 1;
            st.trainingHours[i] = (st.trainingHours[i] as number) + hours;
            st.householdTrainingHours[h] = (st.householdTrainingHours[h] as number) + hours;
            month.add(GLOBAL_BASE + G.trainingParticipants, 1);
            month.add(GLOBAL_BASE + G.trainingHours, hours);
          }
        }
        if ((stakes.meetingOffered[m] as number) > 0) {
          if (sMeeting === -1) sMeeting = run.rng.stream(Purpose.meetings, h, month.t);
          const v = b.meetingIntercept + (b.meetingPriceEffect * (stakes.meeting[m] as number)) / household.resources;
          if (belowLogistic(uniformOf(run.rng.bitsAt(sMeeting, m)), v)) {
            st.activity[i] = (st.activity[i] as number) | 2;
            attendedMeeting = true;
            month.add(GLOBAL_BASE + G.meetingAttendees, 1);
          }
        }
      }
    } else {
      for (let m = 0; m < n; m++) st.activity[base + m] = 0;
    }
    if (run.flags.socialCapital) st.meetingAttended[(month.t & 1) * run.population.householdCount + h] = attendedMeeting ? 1 : 0;
    let k = st.knowledge[h] as number;
    // Diffusion (I5): close a share of the gap to the ties' mean knowledge of last month.
    let ties = 0;
    if (run.flags.diffusion) {
      const net = run.network;
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
      if (ties > k) k += run.interactions.knowledgeDiffusion * (ties - k);
      st.knowledge[h] = k;
      month.add(GLOBAL_BASE + G.knowledgeSum, Math.round(k * RATE_SCALE));
    }
  },
});
