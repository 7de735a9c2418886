import { adultCell, AdultField, adultOffset, GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { cohortWorkBand, cohortWorkOffset, CohortWorkField, COHORT_YEARS_BEFORE_START } from "../../outcomes/cohorts.js";
import { ADULT_WORK_AGE, LabourDraw } from "../../population/earnings.js";
import { worksOutsideAgriculture, writeMemberWage, writeWorkPropensity } from "../memberWage.js";
import { Purpose, uniformOf } from "../../random/streams.js";
import { householdPhase } from "../phase.js";
import type { ContextOf } from "../phase.js";

/** Hours a community meeting takes (for the time it takes from work). */
const MEETING_HOURS = 3;

const reads = {
  household: ["living", "adultEquivalents", "expected", "stakes"],
  state: [
    "used",
    "alive",
    "birthMonth",
    "male",
    "gradesCompleted",
    "enrolled",
    "enrolledLastYear",
    "haz",
    "wageEffect",
    "localityShock",
    "trainingHours",
    "productiveAssets",
  ],
} as const;
const writes = {
  household: ["earningsFactor", "adultEarnings", "labourEarnings", "permanentIncome", "wages", "resources", "logResources", "draws"],
  state: ["incomeShock", "cohortWork", "earnings"],
} as const;
type Context = ContextOf<typeof reads, typeof writes>;

/**
 * Labour and income (docs/model.md, E1–E2, L1–L4): each member aged 18 and over who is not in
 * school works with a persistent propensity — by sex, lower from 65, raised by completed
 * training, lowered a little by the household's expected transfers (income effect) and by the
 * programme time required of the member (training hours, meetings) — outside agriculture or
 * not, for wages or on the own farm, and earns the wage of L1 (schooling, experience, sex,
 * sector, adult height, a persistent effect), for longer hours the more dependants the household's
 * workers have (L2). The household's income is its members' earnings
 * plus its other income, times the season and the household's and locality's shocks, plus the
 * return of its productive asset. Resources for decisions add the expected transfers.
 */
export const labour = householdPhase({
  name: "labour",
  equations: "E1–E2, L1–L4, A2",
  households: "living",
  reads,
  writes,
  run(c, h) {
    const { run, month, household, state: st } = c;
    const p = run.p;
    const hh = run.population.households;
    run.rng.normalInto(run.rng.stream(Purpose.incomeShock, h, month.t), 0, household.draws, 0);
    const shock = p.idiosyncraticPersistence * (st.incomeShock[h] as number) + run.shockScale * (household.draws[0] as number);
    st.incomeShock[h] = shock;
    const factor =
      (run.seasonal[month.calendar.calendarMonth - 1] as number) *
      Math.exp(shock + (st.localityShock[hh.locality[h] as number] as number) - run.shockMeanCorrection);
    household.earningsFactor = factor;
    memberEarnings(c, h); // sets labourEarnings, and permanentIncome to the members' labour earnings before the factor
    const other = hh.otherIncomeLcuPerMonth[h] as number;
    const assetIncome = run.b.assetReturnPerMonth * (st.productiveAssets[h] as number);
    household.adultEarnings = other * factor + household.labourEarnings + assetIncome;
    household.permanentIncome += other + assetIncome;
    household.resources = household.adultEarnings + household.expected;
    // ln(resources per adult equivalent / line), floored at 5% of the line so that it stays finite
    // (written out: V8: docs/performance.md, "Boxed doubles")
    const z = run.z;
    household.logResources = Math.log(Math.max(household.resources / household.adultEquivalents, 0.05 * z) / z);
  },
});

/**
 * Every member's wage and work this month (into `wages`), the outcomes of the adults 18–64 and
 * the cohorts' work; sets `labourEarnings` (after the season and shocks, `earningsFactor`) and
 * `permanentIncome` to the members' labour earnings before them. Doubles in and out go through
 * the household scratch and typed arrays (docs/performance.md, "Boxed doubles").
 */
function memberEarnings(c: Context, h: number): void {
  const { run, month, household, state: st } = c;
  const factor = household.earningsFactor;
  const other = run.population.households.otherIncomeLcuPerMonth[h] as number;
  const p = run.p;
  const b = run.b;
  const base = household.base;
  const n = st.used[h] as number;
  const { wage, propensity, workDraw, nonAgricultural } = household.wages;
  const stakes = household.stakes;
  const draws = run.rng.stream(Purpose.employment, h, 0); // persistent draws: month 0
  const training = run.adultActivities; // without adult activities there are no training hours (and no array)
  const t = month.t;
  // Pass 1: wages and work propensities before the responses to the programme.
  let potential = 0;
  let planned = 0;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    wage[m] = 0;
    propensity[m] = 0;
    st.earnings[i] = 0;
    if (st.alive[i] !== 1) continue;
    const age = Math.floor((t - (st.birthMonth[i] as number)) / 12);
    if (age < ADULT_WORK_AGE) continue;
    const grades = st.gradesCompleted[i] as number;
    // The persistent draws (month 0 stream), taken once a month and kept for pass 2.
    workDraw[m] = uniformOf(run.rng.bitsAt(draws, LabourDraw.works + m));
    const nonAgri = worksOutsideAgriculture(p, run.rng, draws, m, grades);
    nonAgricultural[m] = nonAgri ? 1 : 0;
    writeMemberWage(wage, m, p, b, st, i, age, grades, nonAgri, training);
    writeWorkPropensity(propensity, m, p, b, st, i, age, training);
    if (!inSchool(c, i) && (workDraw[m] as number) < (propensity[m] as number)) {
      potential += wage[m] as number;
      planned++;
    }
  }
  // Hours answer the dependants the planned workers have (L2); a worker who withdraws below is not made up for.
  // dependencyHoursFactor, written out (V8: docs/performance.md, "Boxed doubles")
  const dh = run.population.dependencyHours;
  const hours = Math.exp(-dh.share * (Math.log(Math.max(1, planned) / household.adultEquivalents) - dh.meanLogWorkersPerAe));
  potential *= hours;
  // The income effect: expected transfers relative to the household's earnings without them.
  const transferShare = household.expected > 0 ? household.expected / (other + potential) : 0;
  // Pass 2: who works, where; outcomes (members under 18 have no wage: skipped).
  let labour = 0;
  let adults = 0;
  let employed = 0;
  const scale = run.moneyScale;
  const out = month.out;
  const startIndex = run.startMonthIndex;
  for (let m = 0; m < n; m++) {
    const w = wage[m] as number;
    if (w === 0) continue;
    const i = base + m;
    const age = Math.floor((t - (st.birthMonth[i] as number)) / 12);
    const required = (stakes.trainingHoursRequired[m] as number) + ((stakes.meetingOffered[m] as number) > 0 ? MEETING_HOURS : 0);
    propensity[m] = (propensity[m] as number) - b.workTransferEffect * transferShare - b.workHourCost * required;
    const student = inSchool(c, i);
    const works = !student && (workDraw[m] as number) < (propensity[m] as number);
    const grades = st.gradesCompleted[i] as number;
    const nonAgri = nonAgricultural[m] === 1;
    const earned = works ? w * hours : 0;
    labour += earned;
    st.earnings[i] = earned * factor;
    const male = st.male[i] as number;
    if (age <= 64) {
      adults++;
      if (works) employed++;
      const cell = adultCell(male, age, grades);
      out[adultOffset(cell, AdultField.persons)]! += 1;
      out[adultOffset(cell, AdultField.enrolled)]! += student ? 1 : 0;
      if (works) {
        const wageWork = uniformOf(run.rng.bitsAt(draws, LabourDraw.wageWork + m)) < p.wageWorkShare[nonAgri ? 1 : 0];
        out[adultOffset(cell, AdultField.working)]! += 1;
        out[adultOffset(cell, AdultField.nonAgricultural)]! += nonAgri ? 1 : 0;
        out[adultOffset(cell, AdultField.wageWork)]! += wageWork ? 1 : 0;
        out[adultOffset(cell, AdultField.earnings)]! += Math.round(earned * factor * scale);
      }
    }
    const band = cohortWorkBand(age);
    if (band >= 0) {
      const yearIndex = Math.floor((startIndex + (st.birthMonth[i] as number)) / 12) - (run.startYear - COHORT_YEARS_BEFORE_START);
      if (yearIndex >= 0) {
        const cw = st.cohortWork;
        cw[cohortWorkOffset(yearIndex, male, band, CohortWorkField.personMonths)]! += 1;
        if (works) {
          cw[cohortWorkOffset(yearIndex, male, band, CohortWorkField.working)]! += 1;
          cw[cohortWorkOffset(yearIndex, male, band, CohortWorkField.nonAgricultural)]! += nonAgri ? 1 : 0;
          cw[cohortWorkOffset(yearIndex, male, band, CohortWorkField.earnings)]! += Math.round(earned * factor * scale);
        }
      }
    }
  }
  month.add(GLOBAL_BASE + GlobalField.adults, adults);
  month.add(GLOBAL_BASE + GlobalField.employedAdults, employed);
  household.labourEarnings = labour * factor;
  household.permanentIncome = labour;
}

/**
 * Whether a member aged 18+ is a student this month: enrolled, or — in a school-year start
 * month, before the decisions phase has re-enrolled anyone — enrolled last year and still of
 * school age (deciding whether to go back, not yet at work).
 */
function inSchool({ run, month, state: st }: Context, i: number): boolean {
  if (st.enrolled[i] === 1) return true;
  if (!month.transition || st.enrolledLastYear[i] !== 1) return false;
  return Math.floor((month.t - (st.birthMonth[i] as number)) / 12) <= run.p.lastSchoolAge && (st.gradesCompleted[i] as number) < 12;
}
