import type { ResolvedProgramme } from "../config/scenario.js";
import type { Population } from "../population/population.js";
import { Purpose } from "../random/streams.js";
import type { RandomStreams } from "../random/streams.js";
import { communityList, perceivedWelfare } from "./communityRanking.js";
import { fitProxyMeansTest } from "./proxyMeansTest.js";

/** Who the programme enrols, decided once before month 0. */
export interface EnrolmentPlan {
  /** 1 for each household enrolled (after targeting, the budget and take-up). */
  readonly beneficiaries: Uint8Array;
  /** 1 for each household the targeting selected, before the budget and take-up. */
  readonly eligible: Uint8Array;
  /** Targeting score of every household (lower = higher priority); quotas fill in this order. */
  readonly score: Float64Array;
  /** Factor on every amount and the cap from a budget enforced by scaling (1 otherwise). */
  readonly amountScale: number;
  /** Whether the targeting exercise assessed households (every kind but all/universal): the survey cost applies. */
  readonly assessed: boolean;
}

/** What {@link enrolHouseholds} decides from. */
export interface EnrolmentInput {
  /** The programme. */
  readonly programme: ResolvedProgramme;
  /** The population at the start. */
  readonly population: Population;
  /** The scenario's random streams (PMT survey, community perception, take-up). */
  readonly rng: RandomStreams;
  /** 1 for households classified poor by the baseline means test. */
  readonly classifiedPoor: Uint8Array;
  /**
   * A household's entitlement with every condition met, after the cap, in the programme's
   * first month, local currency (before any budget scaling); 0 for a household with nobody left.
   */
  readonly fullEntitlement: (household: number) => number;
}

/**
 * Plan the programme's enrolment — once, before month 0, over ALL households
 * so that every shard of a run agrees:
 * 1. targeting (the module's internal `eligibleHouseholds`) gives a list and a score;
 * 2. a budget (`programme.budget`) either keeps targeted households poorest
 *    first by score while their full entitlements in the first month fit
 *    ("quota"), or scales every amount by budget ÷ full cost ("scaleAmounts");
 * 3. take-up: an eligible household knows of the programme with probability
 *    `takeUp.informationRate` and takes it up when one payment period's
 *    entitlement is worth more than the trip to the pay point
 *    (`travelCostLcuPerKm` × 2 × the health centre's distance, standing in for
 *    the pay point's). Defaults give full take-up (purpose "takeUp").
 */
export function enrolHouseholds(c: EnrolmentInput): EnrolmentPlan {
  const programme = c.programme;
  const H = c.population.householdCount;
  const { selected: out, score } = eligibleHouseholds(c);
  const eligible = out.slice();
  let amountScale = 1;
  const budget = programme.budget;
  if (budget) {
    if (budget.enforce === "quota") {
      const order = Int32Array.from({ length: H }, (_, h) => h).filter((h) => out[h] === 1);
      order.sort((a, b) => (score[a] as number) - (score[b] as number) || a - b);
      out.fill(0);
      fillWithinBudget(c, order, budget.lcuPerMonth, out);
    } else {
      let full = 0;
      for (let h = 0; h < H; h++) if (out[h] === 1) full += c.fullEntitlement(h);
      amountScale = full > budget.lcuPerMonth ? budget.lcuPerMonth / full : 1;
    }
  }
  const { informationRate, travelCostLcuPerKm } = programme.takeUp;
  if (informationRate < 1 || travelCostLcuPerKm > 0) {
    const hh = c.population.households;
    for (let h = 0; h < out.length; h++) {
      if (out[h] !== 1) continue;
      const informed = c.rng.uniform(Purpose.takeUp, h, 0, 0) < informationRate;
      const worth =
        travelCostLcuPerKm <= 0 || amountScale * c.fullEntitlement(h) * programme.payment.everyMonths > 2 * travelCostLcuPerKm * (hh.clinicKm[h] as number);
      out[h] = informed && worth ? 1 : 0;
    }
  }
  const kind = programme.targeting.kind;
  return { beneficiaries: out, eligible, score, amountScale, assessed: kind !== "all" && kind !== "universal" };
}

/** Enrol households in `order` while the running sum of their full first-month entitlements stays within `budget`; households with nothing to claim are skipped. */
function fillWithinBudget(c: EnrolmentInput, order: Int32Array, budget: number, out: Uint8Array): void {
  let spent = 0;
  for (const h of order) {
    const cost = c.fullEntitlement(h);
    if (cost <= 0) continue;
    if (spent + cost > budget) break;
    spent += cost;
    out[h] = 1;
  }
}

/**
 * Targeting: the households a programme's rules select, and each household's
 * score (lower = poorer by the method's own measure; ties by index):
 * - `all`/`universal`: every household (score: the baseline means test);
 * - `categorical`: a member in a listed category at the start month;
 * - `geographic`: every household of the poorest `localityShare` of localities
 *   by mean means-test score (score: the locality's mean);
 * - `poor`: classified poor by the baseline means test; `meansTest`: score below the threshold;
 * - `pmt`: a proxy-means test fitted on a survey sample, by threshold or quota;
 * - `community`: the poorest-perceived share of each locality (score: perceived welfare);
 * - `hybrid`: the community's list, kept where the PMT score is below `pmtThreshold`;
 * - `budget`: by means-test score while full first-month entitlements fit the budget.
 */
function eligibleHouseholds(c: EnrolmentInput): { selected: Uint8Array; score: Float64Array } {
  const programme = c.programme;
  const hh = c.population.households;
  const H = c.population.householdCount;
  const out = new Uint8Array(H);
  const meansTest = hh.meansTestScore;
  const targeting = programme.targeting;
  switch (targeting.kind) {
    case "all":
    case "universal":
      return { selected: out.fill(1), score: meansTest };
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
      return { selected: out, score: meansTest };
    }
    case "geographic": {
      const L = c.population.localityCount;
      const first = c.population.localities.firstHousehold;
      const mean = Float64Array.from({ length: L }, (_, l) => {
        let s = 0;
        for (let h = first[l] as number; h < (first[l + 1] as number); h++) s += meansTest[h] as number;
        const n = (first[l + 1] as number) - (first[l] as number);
        return n > 0 ? s / n : Number.POSITIVE_INFINITY;
      });
      const order = Int32Array.from({ length: L }, (_, l) => l).sort((a, b) => (mean[a] as number) - (mean[b] as number) || a - b);
      const covered = Math.round(targeting.localityShare * L);
      for (let k = 0; k < covered; k++) {
        const l = order[k] as number;
        for (let h = first[l] as number; h < (first[l + 1] as number); h++) out[h] = 1;
      }
      return { selected: out, score: Float64Array.from(hh.locality, (l) => mean[l] as number) };
    }
    case "poor":
      out.set(c.classifiedPoor);
      return { selected: out, score: meansTest };
    case "meansTest":
      for (let h = 0; h < H; h++) out[h] = (meansTest[h] as number) < targeting.threshold ? 1 : 0;
      return { selected: out, score: meansTest };
    case "pmt": {
      const { scores } = fitProxyMeansTest(c.population, c.rng, targeting.surveyShare);
      if (targeting.threshold !== undefined) {
        for (let h = 0; h < H; h++) out[h] = (scores[h] as number) < targeting.threshold ? 1 : 0;
      } else {
        const order = Int32Array.from({ length: H }, (_, h) => h).sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
        const n = Math.round((targeting.quota ?? 0) * H);
        for (let k = 0; k < n; k++) out[order[k] as number] = 1;
      }
      return { selected: out, score: scores };
    }
    case "community": {
      const { perceived } = perceivedWelfare(c.population, c.rng, targeting);
      return { selected: communityList(c.population, perceived, targeting.share), score: perceived };
    }
    case "hybrid": {
      const { perceived } = perceivedWelfare(c.population, c.rng, targeting);
      const listed = communityList(c.population, perceived, targeting.share);
      const { scores } = fitProxyMeansTest(c.population, c.rng, targeting.surveyShare);
      for (let h = 0; h < H; h++) out[h] = listed[h] === 1 && (scores[h] as number) < targeting.pmtThreshold ? 1 : 0;
      return { selected: out, score: scores };
    }
    case "budget": {
      const order = Int32Array.from({ length: H }, (_, h) => h).sort((a, b) => (meansTest[a] as number) - (meansTest[b] as number) || a - b);
      fillWithinBudget(c, order, targeting.budgetLcuPerMonth, out);
      return { selected: out, score: meansTest };
    }
  }
}
