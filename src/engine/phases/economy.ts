import { Purpose } from "../../random/streams.js";
import { householdPhase } from "../phase.js";
import type { HouseholdPhaseContext } from "../phase.js";

/**
 * Economy: this month's adult earnings
 * Y = Ȳ · s(calendar month) · exp(e + ℓ − (σe² + σℓ²)/2), with e the household's
 * AR(1) idiosyncratic shock and ℓ its locality's covariate shock (docs/model.md, E1–E2),
 * raised by the household's completed training (A2).
 */
export const economy = householdPhase({
  name: "economy",
  equations: "E1–E2, A2",
  households: "living",
  reads: { state: ["localityShock", "householdTrainingHours", "used", "alive", "birthMonth", "trainingHours"] },
  writes: { household: ["adultEarnings", "draws"], state: ["incomeShock"] },
  run(c, h) {
    const { run, month, household, state: st } = c;
    const p = run.p;
    const hh = run.population.households;
    run.rng.normalInto(run.rng.stream(Purpose.incomeShock, h, month.t), 0, household.draws, 0);
    const shock = p.idiosyncraticPersistence * (st.incomeShock[h] as number) + run.shockScale * (household.draws[0] as number);
    st.incomeShock[h] = shock;
    household.adultEarnings =
      (hh.incomeLcuPerMonth[h] as number) *
      (run.seasonal[month.calendar.calendarMonth - 1] as number) *
      Math.exp(shock + (st.localityShock[hh.locality[h] as number] as number) - run.shockMeanCorrection);
    if ((st.householdTrainingHours[h] as number) > 0) household.adultEarnings *= trainingEarningsFactor(c, h);
  },
});

/**
 * Earnings multiplier from training (docs/model.md, A2): 1 + r·Σ cᵢ / adults,
 * over living adults 18–64, where cᵢ = min(1, hours attended / course hours) is
 * member i's completed share of a course and r the return to a full course.
 */
function trainingEarningsFactor(c: HouseholdPhaseContext<never, never, "used" | "alive" | "birthMonth" | "trainingHours", never>, h: number): number {
  const { run, month, household, state: st } = c;
  const n = st.used[h] as number;
  let adults = 0;
  let completed = 0;
  for (let m = 0; m < n; m++) {
    const i = household.base + m;
    if (st.alive[i] !== 1) continue;
    const ageMonths = month.t - (st.birthMonth[i] as number);
    if (ageMonths < 216 || ageMonths >= 780) continue;
    adults++;
    completed += Math.min(1, (st.trainingHours[i] as number) / run.b.trainingCourseHours);
  }
  return adults > 0 ? 1 + (run.b.trainingEarningsReturn * completed) / adults : 1;
}
