import { Purpose } from "../../random/streams.js";
import type { CycleContext } from "../cycleContext.js";
import { trainingEarningsFactor } from "./adults.js";

/**
 * Phase 3, economy: this month's adult earnings
 * Y = Ȳ · s(calendar month) · exp(e + ℓ − (σe² + σℓ²)/2), with e the household's
 * AR(1) idiosyncratic shock and ℓ its locality's covariate shock (docs/model.md, E1–E2),
 * raised by the household's completed training (A2).
 */
export function economy(c: CycleContext, h: number): void {
  const st = c.state;
  const hh = c.population.households;
  c.rng.normalInto(c.rng.stream(Purpose.incomeShock, h, c.t), 0, c.draws, 0);
  const shock = c.p.idiosyncraticPersistence * (st.incomeShock[h] as number) + c.shockScale * (c.draws[0] as number);
  st.incomeShock[h] = shock;
  c.adultEarnings =
    (hh.incomeLcuPerMonth[h] as number) *
    (c.seasonal[c.ctx.calendarMonth - 1] as number) *
    Math.exp(shock + (st.localityShock[hh.locality[h] as number] as number) - c.shockMeanCorrection);
  if ((st.householdTrainingHours[h] as number) > 0) c.adultEarnings *= trainingEarningsFactor(c, h);
}
