import { z } from "zod";
import { between, share, zScore } from "../foundation/ranges.js";

const rate = share;
/** A distance to a school or clinic, km. */
const km = () => between(0, 500, { unit: "km" });
/** A standard deviation of log income or of a log shock. */
const logSd = () => between(0, 3, { unit: "log points" });

/**
 * Parameters of a synthetic population and its economy (docs/model.md,
 * "Population" and "Economy"). Money is local currency per month.
 */
export const populationParametersSchema = z.strictObject({
  /** ISO 4217 code of the local currency all money is expressed in. */
  currency: z.enum(["MXN", "IDR"]),
  /** Poverty line, local currency per adult equivalent per month. */
  povertyLineLcuPerMonth: between(0, 1e9, { minOpen: true, unit: "local currency per adult equivalent per month" }),
  /** Adult-equivalent weight of a member under 15 (adults count 1). */
  childEquivalenceWeight: between(0, 1, { minOpen: true }),
  /** Calendar month (1..12) in which the school year starts. */
  schoolYearStartMonth: between(1, 12, { int: true }),
  /** Calendar months (1..12) in which school is in session. */
  schoolMonths: z
    .array(between(1, 12, { int: true }))
    .min(1)
    .max(12),
  // ---- household composition
  /** Range of the household head's age in years [min, max]. */
  headAgeRange: z.tuple([between(15, 95, { int: true, unit: "years" }), between(15, 95, { int: true, unit: "years" })]),
  /** Probability that the head lives with a spouse. */
  spouseProbability: rate(),
  /** Mean number of children at home for a mother aged 37–45 (fewer for younger mothers, as children leave after 45). */
  childrenAtHomeMean: between(0, 15, { unit: "children" }),
  /** Probability of an additional adult (18–59) in the household. */
  extraAdultProbability: rate(),
  /** Probability of an elderly member (60+) in the household. */
  elderlyProbability: rate(),
  /** Probability that a woman 15–44 is pregnant at the start (steady state: 9/12 × annual births per woman). */
  pregnantShare: rate(),
  /** Prevalence of severe disability among members. */
  disabilityShare: rate(),
  /** Mean and standard deviation of the head's years of schooling (a negative-binomial count, capped at 16). */
  headSchooling: z.tuple([between(0, 20, { unit: "years" }), between(0, 10, { unit: "years" })]),
  /** Share of households speaking an indigenous language. */
  indigenousShare: rate(),
  // ---- income
  /** Mean of ln(permanent income per adult equivalent / poverty line). */
  incomeLogMean: between(-5, 5, { unit: "log points" }),
  /** Standard deviation of that log ratio across households within a locality. */
  incomeLogSd: logSd(),
  /** Standard deviation of the locality effect on log income. */
  localityIncomeLogSd: logSd(),
  /**
   * Return to a year of schooling, log earnings per grade completed [men, women]: in each
   * member's earnings (docs/model.md, L1) and, through the head's, in the household's permanent income.
   */
  schoolingReturn: z.tuple([between(-0.5, 0.5, { unit: "log points per grade" }), between(-0.5, 0.5, { unit: "log points per grade" })]),
  /** Log-income shift of indigenous households. */
  indigenousIncomeShift: between(-3, 3, { unit: "log points" }),
  // ---- earnings of members (docs/model.md, L1–L3)
  /** Full-time earnings of a man in agricultural work with the head's mean schooling and 20 years' experience, local currency per month. */
  wageLcuPerMonth: between(0, 1e9, { minOpen: true, unit: "local currency per month" }),
  /** Log-earnings gains per year of potential experience [linear, quadratic (subtracted)]. */
  experienceProfile: z.tuple([between(0, 0.2, { unit: "log points per year" }), between(0, 0.01, { unit: "log points per year²" })]),
  /** Log-earnings shift of women at equal schooling and experience. */
  femaleWageShift: between(-2, 2, { unit: "log points" }),
  /** Log-earnings premium of non-agricultural work. */
  nonAgriculturalPremium: between(-2, 2, { unit: "log points" }),
  /** Logit of working outside agriculture [at the head's mean schooling, per grade above it]. */
  nonAgriculturalLogit: z.tuple([between(-10, 10, { unit: "logit" }), between(-2, 2, { unit: "logit per grade" })]),
  /** Share of workers in wage work rather than own-farm or family work [agriculture, non-agriculture]. */
  wageWorkShare: z.tuple([share(), share()]),
  /** Elasticity of earnings to adult height [men, women] (an association, not a causal effect: docs/model.md, L1). */
  heightWageElasticity: z.tuple([between(0, 20, { unit: "per log height" }), between(0, 20, { unit: "per log height" })]),
  /** Standard deviation of a member's persistent earnings effect around the household's. */
  wageEffectSd: logSd(),
  /** Share of the household's earnings effect (relative to the population's) a child carries into adult earnings. */
  intergenerationalPersistence: share(),
  /** Share of the household's permanent income that is not members' earnings (remittances, pensions, other transfers). */
  otherIncomeShare: share(),
  /** Work propensity of members aged 65 and over relative to younger adults. */
  elderlyWorkFactor: share(),
  /** Oldest age (completed years, at the school-year start) at which a member may still enrol; grade 12 is the last. */
  lastSchoolAge: between(17, 30, { int: true, unit: "years" }),
  /** Seasonal multipliers of adult earnings by calendar month 1..12 (mean 1). */
  seasonalFactors: z.array(between(0, 10, { minOpen: true })).length(12),
  /** Standard deviation of the stationary idiosyncratic log-income shock. */
  idiosyncraticShockSd: logSd(),
  /** Monthly persistence (AR(1) coefficient) of the idiosyncratic shock. */
  idiosyncraticPersistence: between(0, 1, { maxOpen: true }),
  /** Standard deviation of the stationary locality-wide log-income shock. */
  localityShockSd: logSd(),
  /** Monthly persistence of the locality-wide shock. */
  localityPersistence: between(0, 1, { maxOpen: true }),
  // ---- means test
  /** Share of households classified poor by the means test (the score's cut-off quantile). */
  classifiedPoorShare: rate(),
  // ---- localities
  /** Mean distance to a primary school, km. */
  primarySchoolKm: km(),
  /** Mean distance to a lower-secondary school, km. */
  lowerSecondaryKm: km(),
  /** Mean distance to an upper-secondary school, km. */
  upperSecondaryKm: km(),
  /** Mean distance to a clinic, km. */
  clinicKm: km(),
  // ---- demography
  /** Annual births per woman aged 15–44. */
  annualFertility: rate(),
  /** Annual death probabilities by age group [<1, 1–4, 5–14, 15–59, 60+]. */
  annualMortality: z.array(rate()).length(5),
  /** Mean height-for-age z from age 2 on at the start (children under 2 start between 0 and this, by age). */
  initialHazMean: zScore(),
  /** Standard deviation of persistent differences in growth potential between children (z units). */
  hazPotentialSd: between(0, 3, { unit: "z" }),
});

/** Population parameters, resolved. See {@link populationParametersSchema}. */
export type PopulationParameters = z.infer<typeof populationParametersSchema>;

/** Partial override of population parameters, as a scenario may give it. */
export const populationOverrideSchema = populationParametersSchema.partial();
