import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";
import type { HouseholdPhaseContext } from "../phase.js";

/** Months of pregnancy. */
const GESTATION = 9;
/** Share of boys at birth (about 105 boys per 100 girls). */
const MALE_SHARE_AT_BIRTH = 0.512;

/** What a birth writes (the newborn's every person array) and reads. */
type BirthContext = HouseholdPhaseContext<
  never,
  "draws",
  "lastLogConsumptionRatio",
  | "used"
  | "alive"
  | "birthMonth"
  | "male"
  | "gradesCompleted"
  | "enrolled"
  | "enrolledLastYear"
  | "repeats"
  | "hazPotential"
  | "haz"
  | "schoolTaste"
  | "monthsSinceVisit"
  | "pregnancy"
  | "disabled"
  | "ill"
  | "work"
  | "wageEffect"
>;

/**
 * Demography: mortality by age group, pregnancy progress and births,
 * conception among women aged 15–44. Ageing needs no work: ages derive from
 * birth months. Then the living members and adult equivalents (docs/model.md, D1–D3).
 */
export const demography = householdPhase({
  name: "demography",
  equations: "D1–D3",
  households: "all",
  reads: { state: ["lastLogConsumptionRatio"] },
  writes: {
    household: ["living", "adultEquivalents", "draws"],
    state: [
      "used",
      "alive",
      "birthMonth",
      "male",
      "gradesCompleted",
      "enrolled",
      "enrolledLastYear",
      "repeats",
      "hazPotential",
      "haz",
      "schoolTaste",
      "monthsSinceVisit",
      "pregnancy",
      "disabled",
      "ill",
      "work",
      "wageEffect",
    ],
  },
  run(c, h) {
    const { run, month, household, state: st } = c;
    const rng = run.rng;
    const t = month.t;
    const base = household.base;
    const sm = rng.stream(Purpose.mortality, h, t);
    let sf = -1; // the fertility stream, computed on first use (a handle that happens to be −1 is merely computed again)
    const n = st.used[h] as number; // newborns of this month (slots ≥ n) are counted below
    let living = 0;
    let ae = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const ageMonths = t - (st.birthMonth[i] as number);
      const group = ageMonths < 12 ? 0 : ageMonths < 60 ? 1 : ageMonths < 180 ? 2 : ageMonths < 720 ? 3 : 4;
      if (uniformOf(rng.bitsAt(sm, m)) < (run.monthlyMortality[group] as number)) {
        st.alive[i] = 0;
        st.enrolled[i] = 0;
        st.pregnancy[i] = -1;
        st.work[i] = 0;
        month.add(GLOBAL_BASE + GlobalField.deaths, 1);
        continue;
      }
      const preg = st.pregnancy[i] as number;
      if (preg >= 0) {
        if (preg + 1 >= GESTATION) {
          st.pregnancy[i] = -1;
          if (sf === -1) sf = rng.stream(Purpose.fertility, h, t);
          birth(c, h, sf, m);
        } else {
          st.pregnancy[i] = preg + 1;
        }
      } else if (st.male[i] === 0 && ageMonths >= 180 && ageMonths < 540) {
        if (sf === -1) sf = rng.stream(Purpose.fertility, h, t);
        if (uniformOf(rng.bitsAt(sf, 2 * m)) < run.monthlyConception) st.pregnancy[i] = 0;
      }
      living++;
      ae += ageMonths < 180 ? run.p.childEquivalenceWeight : 1;
    }
    const born = (st.used[h] as number) - n;
    living += born;
    ae += born * run.p.childEquivalenceWeight;
    household.living = living;
    household.adultEquivalents = ae;
  },
});

/** A birth to member `mother`: the newborn takes the next free slot, or is counted as lost when none is left. */
function birth(c: BirthContext, h: number, stream: number, mother: number): void {
  const { run, month, household, state: st } = c;
  const rng = run.rng;
  const slot = st.used[h] as number;
  if (slot >= (run.population.households.capacity[h] as number)) {
    month.add(GLOBAL_BASE + GlobalField.birthsWithoutSlot, 1);
    return;
  }
  const i = household.base + slot;
  st.used[h] = slot + 1;
  st.alive[i] = 1;
  st.birthMonth[i] = month.t;
  st.male[i] = uniformOf(rng.bitsAt(stream, 2 * mother + 1)) < MALE_SHARE_AT_BIRTH ? 1 : 0;
  st.gradesCompleted[i] = 0;
  st.enrolled[i] = 0;
  st.enrolledLastYear[i] = 0;
  st.repeats[i] = 0;
  // The newborn's three normal draws, counters 1000–1002 + 3 × mother: height noise, taste, growth potential.
  const draws = household.draws;
  for (let k = 0; k < 3; k++) rng.normalInto(stream, 1000 + 3 * mother + k, draws, k);
  const potential = draws[2] as number;
  const b = run.b;
  st.hazPotential[i] = potential;
  st.haz[i] =
    b.hazAtBirth + b.hazConsumptionEffect * (st.lastLogConsumptionRatio[h] as number) + run.p.hazPotentialSd * potential + b.hazBirthSd * (draws[0] as number);
  st.schoolTaste[i] = draws[1] as number;
  // The newborn's persistent earnings effect (L1): part of the mother's advantage, and its own (counter 5000 + mother).
  rng.normalInto(stream, 5000 + mother, draws, 0);
  const mean = run.population.meanWageEffect;
  const p = run.p;
  st.wageEffect[i] =
    mean + p.intergenerationalPersistence * ((st.wageEffect[household.base + mother] as number) - mean) + p.wageEffectSd * (draws[0] as number);
  st.monthsSinceVisit[i] = 0;
  st.pregnancy[i] = -1;
  st.disabled[i] = 0;
  st.ill[i] = 0;
  st.work[i] = 0;
  month.add(GLOBAL_BASE + GlobalField.births, 1);
}
