import type { BehaviourParameters } from "../behaviour/parameters.js";
import { ELDERLY_WORK_AGE, LabourDraw, logWageRelative } from "../population/earnings.js";
import type { PopulationParameters } from "../population/parameters.js";
import type { DependencyHours } from "../population/population.js";
import { uniformOf } from "../random/streams.js";
import type { RandomStreams } from "../random/streams.js";

/** The person arrays a member's wage and work propensity read (the run state has them). */
export interface MemberArrays {
  /** 1 for men. */
  readonly male: ArrayLike<number>;
  /** Height-for-age z-scores. */
  readonly haz: ArrayLike<number>;
  /** Persistent earnings effects α, log points. */
  readonly wageEffect: ArrayLike<number>;
  /** Training hours attended (empty without adult activities). */
  readonly trainingHours: ArrayLike<number>;
}

/**
 * Whether a member with `grades` works outside agriculture (L3, `nonAgriculturalProbability`): the member's persistent sector
 * draw (counter `LabourDraw.sector + slot` of the household's persistent labour stream) against
 * the probability at those grades, so more schooling can move a member out of agriculture.
 * @param draws the household's persistent labour stream (Purpose.employment, household, month 0)
 */
export function worksOutsideAgriculture(p: PopulationParameters, rng: RandomStreams, draws: number, slot: number, grades: number): boolean {
  // nonAgriculturalProbability, written out (V8: docs/performance.md, "Boxed doubles")
  const [a, b] = p.nonAgriculturalLogit;
  return uniformOf(rng.bitsAt(draws, LabourDraw.sector + slot)) < 1 / (1 + Math.exp(-(a + b * (grades - (p.headSchooling[0] as number)))));
}

/**
 * A member's full-time monthly wage, local currency (docs/model.md, L1), of member `i` of
 * `persons` at `grades` in the sector given (L3, {@link worksOutsideAgriculture}), raised by `trainingEarningsReturn` times the share of the training
 * course completed (0..1; only when `training`: the run keeps training hours), written into `out[at]`. It runs for every adult every month: positional arguments, and the result goes
 * into a typed array, so no double crosses a call that may not be inlined (V8: docs/performance.md, "Boxed doubles").
 */
export function writeMemberWage(
  out: Float64Array,
  at: number,
  p: PopulationParameters,
  b: BehaviourParameters,
  persons: MemberArrays,
  i: number,
  ageYears: number,
  grades: number,
  nonAgricultural: boolean,
  training: boolean,
): void {
  const completed = training ? Math.min(1, (persons.trainingHours[i] as number) / b.trainingCourseHours) : 0;
  out[at] =
    p.wageLcuPerMonth *
    Math.exp(logWageRelative(p, persons.male[i] === 1, grades, ageYears, nonAgricultural, persons.haz[i] as number, persons.wageEffect[i] as number)) *
    (1 + b.trainingEarningsReturn * completed);
}

/**
 * A member's propensity to work before the responses to a programme (L4), 0..1 before the
 * responses: the adult employment rate of the member's sex, times `elderlyWorkFactor` from 65,
 * plus the employment effect of completed training (share 0..1, only when `training`). The member works when the
 * persistent draw `LabourDraw.works + slot` is below it. Written into `out[at]` (see {@link writeMemberWage}).
 */
export function writeWorkPropensity(
  out: Float64Array,
  at: number,
  p: PopulationParameters,
  b: BehaviourParameters,
  persons: MemberArrays,
  i: number,
  ageYears: number,
  training: boolean,
): void {
  const completed = training ? Math.min(1, (persons.trainingHours[i] as number) / b.trainingCourseHours) : 0;
  out[at] =
    (persons.male[i] === 1 ? b.adultEmploymentRate[0] : b.adultEmploymentRate[1]) * (ageYears >= ELDERLY_WORK_AGE ? p.elderlyWorkFactor : 1) +
    b.trainingEmploymentEffect * completed;
}

/** Whether the member's persistent work draw is below the propensity `propensities[at]`. */
export function drawsWork(rng: RandomStreams, draws: number, slot: number, propensities: Float64Array, at: number): boolean {
  return uniformOf(rng.bitsAt(draws, LabourDraw.works + slot)) < (propensities[at] as number);
}

/**
 * Hours of a household's workers relative to the population's mean (L2):
 * exp(−κ · (ln(max(1, workers) / adult equivalents) − c̄)), longer the more dependants each worker
 * has. (The labour phase writes the same expression out, so that the double is not boxed.)
 */
export function dependencyHoursFactor(dh: DependencyHours, workers: number, adultEquivalents: number): number {
  return Math.exp(-dh.share * (Math.log(Math.max(1, workers) / adultEquivalents) - dh.meanLogWorkersPerAe));
}
