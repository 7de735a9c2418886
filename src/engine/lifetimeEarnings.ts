import { LIFETIME_YEARS } from "../outcomes/cohorts.js";
import { ADULT_WORK_AGE, ELDERLY_WORK_AGE, LabourDraw, potentialExperience } from "../population/earnings.js";
import { Purpose, uniformOf } from "../random/streams.js";
import { dependencyHoursFactor, drawsWork, worksOutsideAgriculture, writeMemberWage, writeWorkPropensity } from "./memberWage.js";
import type { RunConstants } from "./runConstants.js";
import type { SimulationState } from "./state.js";

/** Oldest age, in years, up to which earnings are projected. */
const LAST_PROJECTED_AGE = 100;

/** Index of the mortality age group [<1, 1–4, 5–14, 15–59, 60+] of an age in years. */
function mortalityGroup(ageYears: number): number {
  return ageYears < 1 ? 0 : ageYears < 5 ? 1 : ageYears < 15 ? 2 : ageYears < 60 ? 3 : 4;
}

/**
 * Projected lifetime earnings of the persons alive at the end of a run (docs/model.md, R1), added
 * into `out[k]` for year k after the end (fixed-point money, × `run.moneyScale`, rounded per
 * person and year so that shards add up exactly). Each person is followed by the model's own
 * equations, holding what the run left: the grades completed (a person still at school
 * completes the current level — primary, lower or upper secondary — a grade a year, and works
 * only after), sex, height, persistent earnings effect, completed training, the persistent
 * work and sector draws, and the household's dependency hours at the end. In year k the person
 * is k + ½ years older; earns, from age 18 and while the persistent work draw is below the work
 * propensity at that age, 12 × the L1 wage at that age's potential experience; and is weighted
 * by the chance of surviving to mid-year under the preset's mortality. The season and shocks
 * average out (E2 makes them mean-preserving); no transfer responses, no real growth (growth and
 * discounting are the evaluation's: `socialReturn`).
 * @param tEnd the month the run ended at (months simulated)
 */
export function projectLifetimeEarnings(run: RunConstants, st: SimulationState, households: Int32Array, tEnd: number, out: Float64Array): void {
  const p = run.p;
  const b = run.b;
  const hh = run.population.households;
  const scale = run.moneyScale;
  const annualSurvival = Float64Array.from(p.annualMortality, (q) => 1 - q);
  const training = run.adultActivities;
  const scratch = new Float64Array(3); // [propensity before 65, from 65, wage at 18]
  const works = (m: number, i: number, age: number): boolean => {
    writeWorkPropensity(scratch, 0, p, b, st, i, age, training);
    return drawsWork(run.rng, draws, m, scratch, 0);
  };
  // exp of L1's experience term by years of potential experience x: e1·(x − 20) − e2·(x² − 400).
  const [e1, e2] = p.experienceProfile;
  const experience = Float64Array.from({ length: LAST_PROJECTED_AGE + 1 }, (_, x) => Math.exp(e1 * (x - 20) - e2 * (x * x - 400)));
  let draws = 0;
  for (let k = 0; k < households.length; k++) {
    const h = households[k] as number;
    const base = hh.firstSlot[h] as number;
    const n = st.used[h] as number;
    draws = run.rng.stream(Purpose.employment, h, 0);
    // The household's dependency hours at the end (L2): its workers and adult equivalents now.
    let workers = 0;
    let ae = 0;
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const age = Math.floor((tEnd - (st.birthMonth[i] as number)) / 12);
      ae += age < 15 ? p.childEquivalenceWeight : 1;
      if (age < ADULT_WORK_AGE || st.enrolled[i] === 1) continue;
      if (works(m, i, age)) workers++;
    }
    if (ae === 0) continue;
    const hours = dependencyHoursFactor(run.population.dependencyHours, workers, ae);
    for (let m = 0; m < n; m++) {
      const i = base + m;
      if (st.alive[i] !== 1) continue;
      const ageNow = (tEnd - (st.birthMonth[i] as number)) / 12;
      const now = st.gradesCompleted[i] as number;
      // A person at school at the end completes the current level, a grade a year, then works (R1).
      const grades = st.enrolled[i] === 1 ? levelEnd(now) : now;
      const leaves = ageNow + (grades - now);
      // What changes with age is only the experience term of L1 and the work propensity from 65:
      // the wage at one age, then the experience table; the draw and the two propensities once.
      const u = uniformOf(run.rng.bitsAt(draws, LabourDraw.works + m));
      writeWorkPropensity(scratch, 0, p, b, st, i, ADULT_WORK_AGE, training);
      writeWorkPropensity(scratch, 1, p, b, st, i, ELDERLY_WORK_AGE, training);
      writeMemberWage(scratch, 2, p, b, st, i, ADULT_WORK_AGE, grades, worksOutsideAgriculture(p, run.rng, draws, m, grades), training);
      const wageAt18 = (scratch[2] as number) / (experience[potentialExperience(ADULT_WORK_AGE, grades)] as number);
      let survival = 1; // to the start of year y
      for (let y = 0; y < LIFETIME_YEARS; y++) {
        const start = ageNow + y;
        if (start >= LAST_PROJECTED_AGE) break;
        const q = annualSurvival[mortalityGroup(start)] as number;
        const age = Math.floor(start + 0.5);
        if (age >= ADULT_WORK_AGE && start + 0.5 >= leaves && u < (scratch[age >= ELDERLY_WORK_AGE ? 1 : 0] as number)) {
          const wage = wageAt18 * (experience[potentialExperience(age, grades)] as number);
          out[y] = (out[y] as number) + Math.round(12 * wage * hours * survival * Math.sqrt(q) * scale);
        }
        survival *= q;
      }
    }
  }
}

/** Grades at the end of the school level a student with `grades` completed is in: primary 6, lower secondary 9, upper secondary 12, then one more. */
function levelEnd(grades: number): number {
  return grades < 6 ? 6 : grades < 9 ? 9 : grades < 12 ? 12 : grades + 1;
}
