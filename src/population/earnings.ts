import { logistic } from "../behaviour/logistic.js";
import type { PopulationParameters } from "./parameters.js";

/**
 * Standard deviation of adult height relative to its mean: about 7.4 / 176.5 cm for men and
 * 6.6 / 163.2 cm for women at 19 years in the WHO Growth Reference 2007 (0.042 and 0.040), so a
 * height-for-age z of d above the population's means a height about 1 + 0.04·d times its mean.
 */
const HEIGHT_SD_RATIO = 0.04;

/** Youngest age at which a member who is not in school works as an adult (younger ones: child work, S4). */
export const ADULT_WORK_AGE = 18;

/** Age from which a member works with `elderlyWorkFactor` times the adult propensity. */
export const ELDERLY_WORK_AGE = 65;

/** Years of potential experience of a member: years since leaving school (at 6 + grades, but not before 15). */
export function potentialExperience(ageYears: number, grades: number): number {
  return Math.max(0, ageYears - Math.max(15, 6 + grades));
}

/**
 * ln of a member's full-time monthly earnings, local currency (docs/model.md, L1):
 *
 *   ln w = ln W + f·[woman] + n·[outside agriculture] + r_sex·(g − ḡ) + e1·(x − 20) − e2·(x² − 400)
 *          + η_sex · ln(1 + 0.04·(haz − haz₀)) + α
 *
 * with W `wageLcuPerMonth` (a man in agriculture with the heads' mean schooling ḡ and 20 years'
 * experience), x potential experience, haz the member's height-for-age z (haz₀ `initialHazMean`;
 * the difference clamped to ±6), and α the member's persistent earnings effect.
 * @param grades grades completed
 * @param haz the member's height-for-age z-score
 * @param wageEffect the member's persistent earnings effect α (log points)
 */
export function logWage(
  p: PopulationParameters,
  male: boolean,
  grades: number,
  ageYears: number,
  nonAgricultural: boolean,
  haz: number,
  wageEffect: number,
): number {
  return Math.log(p.wageLcuPerMonth) + logWageRelative(p, male, grades, ageYears, nonAgricultural, haz, wageEffect);
}

/** {@link logWage} less ln W: the member's log wage relative to `wageLcuPerMonth` (so w = W · exp of it, one log fewer). */
export function logWageRelative(
  p: PopulationParameters,
  male: boolean,
  grades: number,
  ageYears: number,
  nonAgricultural: boolean,
  haz: number,
  wageEffect: number,
): number {
  const x = potentialExperience(ageYears, grades);
  const [e1, e2] = p.experienceProfile;
  const d = Math.max(-6, Math.min(6, haz - p.initialHazMean));
  return (
    (male ? 0 : p.femaleWageShift) +
    (nonAgricultural ? p.nonAgriculturalPremium : 0) +
    (male ? p.schoolingReturn[0] : p.schoolingReturn[1]) * (grades - p.headSchooling[0]) +
    e1 * (x - 20) -
    e2 * (x * x - 400) +
    (male ? p.heightWageElasticity[0] : p.heightWageElasticity[1]) * Math.log(1 + HEIGHT_SD_RATIO * d) +
    wageEffect
  );
}

/** Probability that a member with `grades` works outside agriculture (docs/model.md, L3). */
export function nonAgriculturalProbability(p: PopulationParameters, grades: number): number {
  return logistic(p.nonAgriculturalLogit[0] + p.nonAgriculturalLogit[1] * (grades - p.headSchooling[0]));
}

/** Counters of a member's persistent labour draws in the stream (Purpose.employment, household, month 0). */
export const LabourDraw = {
  /** Whether the member works (compared with the work propensity): counter = slot. */
  works: 0,
  /** Whether the member works outside agriculture: counter = 256 + slot. */
  sector: 256,
  /** Whether the member works for wages (not on the own farm or in family work): counter = 512 + slot. */
  wageWork: 512,
} as const;
