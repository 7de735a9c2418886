import { offersOf } from "../engine/phases/assess.js";
import type { CycleContext } from "../engine/cycleContext.js";
import { monthContext } from "../engine/calendar.js";
import { Purpose } from "../random/streams.js";
import { capOf } from "../rules/cap.js";

/**
 * Which eligible households take the programme up (1), and so are enrolled:
 * a household knows of it with probability `takeUp.informationRate` and, if
 * it does, takes it up when its full entitlement over one payment period is
 * worth more than the trip to the pay point (`takeUp.travelCostLcuPerKm` × 2 ×
 * distance; the health centre's distance stands in for the pay point's).
 * Defaults give full take-up. Decided once, from the seed (purpose "takeUp").
 */
export function selectBeneficiaries(c: CycleContext): Uint8Array {
  const out = eligibleHouseholds(c);
  const programme = c.scenario.programme;
  if (!programme) return out;
  const { informationRate, travelCostLcuPerKm } = programme.takeUp;
  if (informationRate >= 1 && travelCostLcuPerKm <= 0) return out;
  const hh = c.population.households;
  for (let h = 0; h < out.length; h++) {
    if (out[h] !== 1) continue;
    const informed = c.rng.uniform(Purpose.takeUp, h, 0, 0) < informationRate;
    const worth =
      travelCostLcuPerKm <= 0 ||
      fullEntitlement(c, h, programme.startMonth) * programme.payment.everyMonths > 2 * travelCostLcuPerKm * (hh.clinicKm[h] as number);
    out[h] = informed && worth ? 1 : 0;
  }
  return out;
}

/**
 * Which households the programme enrols (1) — decided once, before month 0,
 * over ALL households so that every shard of a run agrees:
 * - `all`: every household;
 * - `poor`: classified poor by the baseline means test;
 * - `meansTest`: score below the threshold;
 * - `budget`: households in order of score (poorest first; ties by index) while
 *   the running sum of their full entitlement in the programme's first month
 *   (every condition met, after the cap) stays within the budget. Households
 *   with nothing to claim are not enrolled. A larger budget therefore enrols a
 *   superset of the households a smaller one enrols.
 */
function eligibleHouseholds(c: CycleContext): Uint8Array {
  const programme = c.scenario.programme;
  const hh = c.population.households;
  const H = c.population.householdCount;
  const out = new Uint8Array(H);
  if (!programme) return out;
  const targeting = programme.targeting;
  switch (targeting.kind) {
    case "all":
    case "universal":
      return out.fill(1);
    case "categorical": {
      const P = c.population.persons;
      const t = programme.startMonth;
      const want = new Set(targeting.categories);
      for (let h = 0; h < H; h++) {
        const first = hh.firstSlot[h] as number;
        for (let m = 0; m < (hh.initialSize[h] as number); m++) {
          const i = first + m;
          const ageMonths = t - (P.birthMonth[i] as number);
          if (
            (want.has("schoolAgeChild") && ageMonths >= 72 && ageMonths < 216) ||
            (want.has("under5") && ageMonths >= 0 && ageMonths < 60) ||
            (want.has("pregnant") && (P.pregnancy[i] as number) >= 0) ||
            (want.has("elderly") && ageMonths >= 720)
          ) {
            out[h] = 1;
            break;
          }
        }
      }
      return out;
    }
    case "geographic": {
      const L = c.population.localityCount;
      const first = c.population.localities.firstHousehold;
      const mean = Float64Array.from({ length: L }, (_, l) => {
        let s = 0;
        for (let h = first[l] as number; h < (first[l + 1] as number); h++) s += hh.meansTestScore[h] as number;
        const n = (first[l + 1] as number) - (first[l] as number);
        return n > 0 ? s / n : Number.POSITIVE_INFINITY;
      });
      const order = Int32Array.from({ length: L }, (_, l) => l).sort((a, b) => (mean[a] as number) - (mean[b] as number) || a - b);
      const covered = Math.round(targeting.localityShare * L);
      for (let k = 0; k < covered; k++) {
        const l = order[k] as number;
        for (let h = first[l] as number; h < (first[l + 1] as number); h++) out[h] = 1;
      }
      return out;
    }
    case "poor":
      return out.set(c.classifiedPoor), out;
    case "meansTest":
      for (let h = 0; h < H; h++) out[h] = (hh.meansTestScore[h] as number) < targeting.threshold ? 1 : 0;
      return out;
    case "budget": {
      const order = Int32Array.from({ length: H }, (_, h) => h).sort(
        (a, b) => (hh.meansTestScore[a] as number) - (hh.meansTestScore[b] as number) || a - b,
      );
      let spent = 0;
      for (const h of order) {
        const cost = fullEntitlement(c, h, programme.startMonth);
        if (cost <= 0) continue;
        if (spent + cost > targeting.budgetLcuPerMonth) break;
        spent += cost;
        out[h] = 1;
      }
      return out;
    }
  }
}

/** A household's entitlement with every condition met, after the cap, in month `t` (local currency). */
function fullEntitlement(c: CycleContext, h: number, t: number): number {
  const st = c.state;
  const base = c.population.households.firstSlot[h] as number;
  let living = 0;
  for (let m = 0; m < (st.used[h] as number); m++) living += st.alive[base + m] as number;
  if (living === 0) return 0;
  c.living = living;
  const p = c.p;
  const ctx = monthContext(c.scenario.start, t, p.schoolMonths, p.schoolYearStartMonth);
  const rule = c.rule;
  if (!rule) return 0;
  const cap = capOf(rule, ctx);
  let total = 0;
  for (const offer of offersOf(c, h, t, ctx, false)) total += offer.lcuPerMonth;
  return Math.min(cap, total);
}
