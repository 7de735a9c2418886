import type { BehaviourParameters } from "./parameters.js";

/** Index of an age 6…17 into the by-age parameter arrays (clamped). */
export function ageIndex(age: number): number {
  return age < 6 ? 0 : age > 17 ? 11 : age - 6;
}

/** Months into the school year by which a child must reach an age to count as that age for school (an assumption: turning 6 by the end of the calendar year, four months into a September school year). */
const SCHOOL_AGE_GRACE_MONTHS = 4;

/** Age in completed years that counts at a school-year start: a child who turns a within the grace months counts as a. */
export function schoolEntryAge(ageMonths: number): number {
  return Math.floor((ageMonths + SCHOOL_AGE_GRACE_MONTHS) / 12);
}

/**
 * Utility advantage of enrolling over not enrolling at a school-year start
 * (docs/model.md, equation S1):
 *
 *   V = α(age, sex) + τ7·[next grade 7] + τ10·[next grade 10] + λ·[enrolled last year]
 *       − γ·distance + b·ln(r/z) + θ·(G − W)/R + σ_η·η
 *
 * b carries the income effect (an unconditional transfer raises r), θ the price
 * effect (a grant conditional on attending cuts the opportunity cost W). Past 17 the
 * intercept is the age-17 one less `enrolAgeDeclineAfter17` a year, and W is the youth's
 * expected adult earnings (the caller gives W).
 * @param b behavioural parameters
 * @param age completed years (6 … the last school age)
 * @param male whether the child is a boy
 * @param nextGrade grade the child would attend (1…12)
 * @param enrolledLastYear whether the child was enrolled last school year
 * @param distanceKm distance to a school of the next grade's level, km
 * @param logRatio ln(resources per adult equivalent / poverty line)
 * @param grantLcu conditional amount that attending would secure this month (local currency)
 * @param resourcesLcu household resources this month (local currency, > 0)
 * @param taste child's persistent standard-normal taste for school
 * @param forgoneWageLcu W: what the child would earn out of school, local currency per month (the child wage of the age, S4, up to 17; past it the youth's expected adult earnings, work propensity × wage of L1)
 */
export function enrolmentUtility(
  b: BehaviourParameters,
  age: number,
  male: boolean,
  nextGrade: number,
  enrolledLastYear: boolean,
  distanceKm: number,
  logRatio: number,
  grantLcu: number,
  resourcesLcu: number,
  taste: number,
  forgoneWageLcu: number,
): number {
  const i = ageIndex(age);
  const alpha = ((male ? b.enrolInterceptBoys[i] : b.enrolInterceptGirls[i]) as number) - (age > 17 ? b.enrolAgeDeclineAfter17 * (age - 17) : 0);
  return (
    alpha +
    (nextGrade === 7 ? b.enrolTransitionLowerSecondary : 0) +
    (nextGrade === 10 ? b.enrolTransitionUpperSecondary : 0) +
    (enrolledLastYear ? b.enrolPersistence : 0) -
    b.distanceCostPerKm * distanceKm +
    b.incomeEffect * logRatio +
    (b.priceEffect * (grantLcu - forgoneWageLcu)) / resourcesLcu +
    b.schoolTasteSd * taste
  );
}

/**
 * Utility advantage of attending regularly (≥ 85% of days) over attending
 * irregularly and working part-time, for an enrolled child in a school month
 * (docs/model.md, equation S2):
 *
 *   A = ψ0 + ψ1·(age − 12) + b·ln(r/z) + θ·(G − κ·W)/R + σ_η·η
 *
 * with W the forgone wage (see {@link enrolmentUtility}).
 */
export function attendanceUtility(
  b: BehaviourParameters,
  age: number,
  logRatio: number,
  grantLcu: number,
  resourcesLcu: number,
  taste: number,
  forgoneWageLcu: number,
): number {
  return (
    b.attendIntercept +
    b.attendAgeSlope * (age - 12) +
    b.incomeEffect * logRatio +
    (b.priceEffect * (grantLcu - b.partTimeWageShare * forgoneWageLcu)) / resourcesLcu +
    b.schoolTasteSd * taste
  );
}

/**
 * Logit of passing the grade at the end of a school year, given the year's mean
 * attendance share (docs/model.md, equation S3): π0 + π1·(ā − 0.85).
 */
export function passLogit(b: BehaviourParameters, meanAttendance: number): number {
  return b.passIntercept + b.passAttendanceSlope * (meanAttendance - 0.85);
}
