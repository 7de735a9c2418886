import { z } from "zod";

const finite = () => z.number().finite();
const rate = () => z.number().min(0).max(1);
const positive = () => z.number().finite().positive();
const nonneg = () => z.number().finite().min(0);

/**
 * Parameters of a synthetic population and its economy (docs/model.md,
 * "Population" and "Economy"). Money is local currency per month.
 */
export const populationParametersSchema = z.strictObject({
  /** ISO 4217 code of the local currency all money is expressed in. */
  currency: z.enum(["MXN", "IDR"]),
  /** Poverty line, local currency per adult equivalent per month. */
  povertyLineLcuPerMonth: positive(),
  /** Adult-equivalent weight of a member under 15 (adults count 1). */
  childEquivalenceWeight: z.number().gt(0).max(1),
  /** Calendar month (1..12) in which the school year starts. */
  schoolYearStartMonth: z.number().int().min(1).max(12),
  /** Calendar months (1..12) in which school is in session. */
  schoolMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12),
  // ---- household composition
  /** Range of the household head's age in years [min, max]. */
  headAgeRange: z.tuple([z.number().int().min(15), z.number().int().max(95)]),
  /** Probability that the head lives with a spouse. */
  spouseProbability: rate(),
  /** Mean number of children at home for a mother aged 37–45 (fewer for younger mothers, as children leave after 45). */
  childrenAtHomeMean: nonneg(),
  /** Probability of an additional adult (18–59) in the household. */
  extraAdultProbability: rate(),
  /** Probability of an elderly member (60+) in the household. */
  elderlyProbability: rate(),
  /** Probability that a woman 15–44 is pregnant at the start (steady state: 9/12 × annual births per woman). */
  pregnantShare: rate(),
  /** Prevalence of severe disability among members. */
  disabilityShare: rate(),
  /** Mean and standard deviation of the head's years of schooling (a negative-binomial count, capped at 16). */
  headSchooling: z.tuple([nonneg(), nonneg()]),
  /** Share of households speaking an indigenous language. */
  indigenousShare: rate(),
  // ---- income
  /** Mean of ln(permanent income per adult equivalent / poverty line). */
  incomeLogMean: finite(),
  /** Standard deviation of that log ratio across households within a locality. */
  incomeLogSd: nonneg(),
  /** Standard deviation of the locality effect on log income. */
  localityIncomeLogSd: nonneg(),
  /** Log-income gain per year of the head's schooling. */
  headSchoolingReturn: finite(),
  /** Log-income shift of indigenous households. */
  indigenousIncomeShift: finite(),
  /** Seasonal multipliers of adult earnings by calendar month 1..12 (mean 1). */
  seasonalFactors: z.array(positive()).length(12),
  /** Standard deviation of the stationary idiosyncratic log-income shock. */
  idiosyncraticShockSd: nonneg(),
  /** Monthly persistence (AR(1) coefficient) of the idiosyncratic shock. */
  idiosyncraticPersistence: z.number().min(0).lt(1),
  /** Standard deviation of the stationary locality-wide log-income shock. */
  localityShockSd: nonneg(),
  /** Monthly persistence of the locality-wide shock. */
  localityPersistence: z.number().min(0).lt(1),
  // ---- means test
  /** Share of households classified poor by the means test (the score's cut-off quantile). */
  classifiedPoorShare: rate(),
  // ---- localities
  /** Mean distance to a primary school, km. */
  primarySchoolKm: nonneg(),
  /** Mean distance to a lower-secondary school, km. */
  lowerSecondaryKm: nonneg(),
  /** Mean distance to an upper-secondary school, km. */
  upperSecondaryKm: nonneg(),
  /** Mean distance to a clinic, km. */
  clinicKm: nonneg(),
  // ---- demography
  /** Annual births per woman aged 15–44. */
  annualFertility: rate(),
  /** Annual death probabilities by age group [<1, 1–4, 5–14, 15–59, 60+]. */
  annualMortality: z.array(rate()).length(5),
  /** Mean height-for-age z from age 2 on at the start (children under 2 start between 0 and this, by age). */
  initialHazMean: finite(),
  /** Standard deviation of persistent differences in growth potential between children (z units). */
  hazPotentialSd: nonneg(),
});

/** Population parameters, resolved. See {@link populationParametersSchema}. */
export type PopulationParameters = z.infer<typeof populationParametersSchema>;

/** Partial override of population parameters, as a scenario may give it. */
export const populationOverrideSchema = populationParametersSchema.partial();
