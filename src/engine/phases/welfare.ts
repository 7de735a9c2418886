import { healthAgeGroup, illnessLogit, nextHaz } from "../../behaviour/health.js";
import { belowLogistic } from "../../behaviour/logistic.js";
import { RATE_SCALE, SegmentIndex } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";
import type { ContextOf } from "../phase.js";

const reads = {
  household: ["adultEarnings", "childEarnings", "paid", "informalNet", "adultEquivalents", "permanentIncome"],
  state: ["priceLevel", "used", "alive", "birthMonth", "monthsSinceVisit", "knowledge", "hazPotential"],
} as const;
const writes = {
  household: ["consumptionPerAe", "logConsumptionRatio", "segment", "health", "draws", "investment"],
  state: ["savings", "productiveAssets", "lastLogConsumptionRatio", "ill", "haz"],
} as const;
type Context = ContextOf<typeof reads, typeof writes>;

/**
 * Welfare: consumption is a share of cash on hand (savings + earnings +
 * transfers paid + informal receipts), the rest is saved (W1), and savings above
 * a buffer are partly invested in a productive asset (W2–W3); consumption is valued at the
 * locality's food prices (I3); illness (H2) and growth of children under 5 (H3)
 * respond to consumption and recent clinic visits. Counts into `health` for the
 * record phase. Each step is a small function over the members
 * (V8: docs/performance.md, "Inlining budget").
 */
export const welfare = householdPhase({
  name: "welfare",
  equations: "W1–W3, I3, H2, H3",
  households: "living",
  reads,
  writes,
  run(c, h) {
    const { run, household, state: st } = c;
    const b = run.b;
    const cash = (st.savings[h] as number) + household.adultEarnings + household.childEarnings + household.paid + household.informalNet;
    const spending = b.consumptionShare * cash;
    // Saving and investment (W2–W3): savings above a buffer of months of permanent income are
    // partly invested in the productive asset, which depreciates and returns income (labour phase).
    const saved = cash - spending;
    const investment = b.investmentShare * Math.max(0, saved - b.investmentBufferMonths * household.permanentIncome);
    st.savings[h] = saved - investment;
    st.productiveAssets[h] = (1 - b.assetDepreciationPerMonth) * (st.productiveAssets[h] as number) + investment;
    household.investment = investment;
    // Real consumption at the locality's food prices (I3; factor 1 without local prices).
    const locality = run.population.households.locality[h] as number;
    const consumption = run.flags.prices ? spending * (1 / (1 + run.interactions.localPrices.foodShare * ((st.priceLevel[locality] as number) - 1))) : spending;
    // ln(consumption per adult equivalent / z), floored at 5% of z, written out (V8: docs/performance.md, "Boxed doubles").
    const z = run.z;
    const xc = Math.log(Math.max(consumption / household.adultEquivalents, 0.05 * z) / z);
    st.lastLogConsumptionRatio[h] = xc;
    household.consumptionPerAe = consumption / household.adultEquivalents;
    household.logConsumptionRatio = xc;
    household.segment = run.classifiedPoor[h] === 1 ? SegmentIndex.poor : SegmentIndex.nonPoor;
    household.health.clear();
    memberHealth(c, h);
  },
});

/** Illness of every member (H2) and clinic visits this month: counts into `health`. */
function memberHealth(c: Context, h: number): void {
  const { run, month, household, state: st } = c;
  const rng = run.rng;
  const b = run.b;
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  const xc = household.logConsumptionRatio;
  const tally = household.health;
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

/** Growth of the children under 5 (H3), after this month's illness: counts into `health`. */
function growth({ run, month, household, state: st }: Context, h: number): void {
  const b = run.b;
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  const xc = household.logConsumptionRatio;
  const knowledge = st.knowledge[h] as number;
  const tally = household.health;
  const sg = run.rng.stream(Purpose.growth, h, t);
  const draws = household.draws;
  const { alive, birthMonth, monthsSinceVisit, haz, hazPotential, ill } = st;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const ageMonths = t - (birthMonth[i] as number);
    if (ageMonths >= 60) continue;
    // Knowledge from community meetings shifts the growth target like a persistent potential (A4).
    const potential = run.p.hazPotentialSd * (hazPotential[i] as number) + (knowledge > 0 ? b.hazKnowledgeEffect * knowledge : 0);
    run.rng.normalInto(sg, m, draws, 0);
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
