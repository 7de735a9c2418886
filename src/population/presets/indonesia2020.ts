import type { BehaviourParameters } from "../../behaviour/parameters.js";
import { source } from "../../foundation/source.js";
import type { SourceMap } from "../../foundation/source.js";
import type { PopulationParameters } from "../parameters.js";
import type { InitialSchooling, Preset } from "../preset.js";
import { mexicoRural1997 } from "./mexicoRural1997.js";

/** Assumed enrolment of poor children by age 6…17 (order of BPS school-participation rates, not verified). */
const ENROLMENT_BY_AGE = [0.85, 0.97, 0.98, 0.98, 0.98, 0.97, 0.95, 0.92, 0.9, 0.82, 0.72, 0.65];
/** Assumed shares of children 0, 1 and 2 grades behind the on-time grade (age − 6). */
const DELAY_SHARES = [0.75, 0.2, 0.05];

function indonesiaInitialSchooling(): InitialSchooling {
  return ENROLMENT_BY_AGE.map((rate, i) => {
    const age = 6 + i;
    return DELAY_SHARES.map((share, delay) => [Math.min(12, Math.max(0, age - 6 - delay)), share, rate] as const);
  });
}

const population: PopulationParameters = {
  currency: "IDR",
  povertyLineLcuPerMonth: 550_458,
  childEquivalenceWeight: 1,
  schoolYearStartMonth: 7,
  schoolMonths: [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5],
  headAgeRange: [22, 60],
  spouseProbability: 0.85,
  childrenAtHomeMean: 3.7,
  extraAdultProbability: 0.35,
  elderlyProbability: 0.2,
  pregnantShare: 0.056,
  disabilityShare: 0.02,
  headSchooling: [6.5, 3.0],
  indigenousShare: 0,
  incomeLogMean: 0,
  incomeLogSd: 0.45,
  localityIncomeLogSd: 0.2,
  schoolingReturn: [0.0436, 0.0526],
  indigenousIncomeShift: 0,
  wageLcuPerMonth: 1_242_340,
  experienceProfile: [0.04, 0.0007],
  femaleWageShift: -0.2,
  nonAgriculturalPremium: 0.2,
  nonAgriculturalLogit: [0, 0.15],
  wageWorkShare: [0.4, 0.5],
  heightWageElasticity: [10.7, 8.8],
  wageEffectSd: 0.3,
  intergenerationalPersistence: 0.5,
  otherIncomeShare: 0.1,
  elderlyWorkFactor: 0.5,
  lastSchoolAge: 21,
  seasonalFactors: [0.95, 0.95, 1.0, 1.05, 1.05, 1.0, 1.0, 1.0, 0.95, 0.95, 1.0, 1.1],
  idiosyncraticShockSd: 0.25,
  idiosyncraticPersistence: 0.8,
  localityShockSd: 0.08,
  localityPersistence: 0.9,
  classifiedPoorShare: 0.5,
  primarySchoolKm: 0.8,
  lowerSecondaryKm: 2.5,
  upperSecondaryKm: 6,
  clinicKm: 3,
  annualFertility: 0.075,
  annualMortality: [0.02, 0.002, 0.0006, 0.003, 0.035],
  initialHazMean: -1.6,
  hazPotentialSd: 0.9,
};

const populationSources: SourceMap<PopulationParameters> = {
  currency: source.evidence("S47", "PKH amounts are in rupiah"),
  povertyLineLcuPerMonth: source.evidence("S68", "Rp550,458 per person per month, March 2023; used with 2021–2025 PKH amounts at constant prices"),
  childEquivalenceWeight: source.evidence("S68", "BPS measures poverty per capita, so every member counts 1"),
  schoolYearStartMonth: source.assumption("Indonesian school year starts in July"),
  schoolMonths: source.assumption("school in session July to May"),
  headAgeRange: source.assumption("PKH households qualify through a child, pregnancy, elderly or disabled member, so heads are of child-rearing age: 22–60"),
  spouseProbability: source.assumption("85% of heads live with a spouse"),
  childrenAtHomeMean: source.evidence("S68", "set (with the extra-adult share) so that mean household size is about 4.7, the 4.71 members of poor households"),
  extraAdultProbability: source.assumption("extended households: about a third have another adult"),
  elderlyProbability: source.assumption("20% of households include someone aged 60+"),
  pregnantShare: source.assumption("steady state of the fertility rate: 9/12 × 0.075 births per woman a year"),
  disabilityShare: source.assumption("2% severe disability"),
  headSchooling: source.assumption("poor household heads with about primary schooling"),
  indigenousShare: source.assumption("not modelled for Indonesia"),
  incomeLogMean: source.assumption("a PKH-like population of registry deciles 1–4 (evidence.md §2 [S70]): about half below the line"),
  incomeLogSd: source.assumption("within-locality dispersion of permanent income"),
  localityIncomeLogSd: source.assumption("dispersion of locality mean incomes"),
  schoolingReturn: source.literature(
    "Purnastuti, Salim & Joarder (2015), IFLS4 2007 wage earners (evidence-life-course.md §1)",
    "4.36% (men) and 5.26% (women) more hourly wage per year of schooling; also the head's return in permanent income",
  ),
  wageLcuPerMonth: source.literature("BPS, farm labourer's daily wage Rp 56,470 (March 2021; evidence-indonesia.md §4)", "× 22 working days a month"),
  experienceProfile: source.assumption("a typical Mincer profile, as in the Mexico preset"),
  femaleWageShift: source.assumption("women earn about 18% less at equal schooling and experience"),
  nonAgriculturalPremium: source.assumption("non-agricultural work pays about 22% more at equal schooling"),
  nonAgriculturalLogit: source.literature(
    "BPS: 49.4% of poor households' main income from agriculture in 2019 (evidence-indonesia.md §4)",
    "about half of workers outside agriculture at the heads' mean schooling; +0.15 logit per grade (assumption)",
  ),
  wageWorkShare: source.assumption("40% of agricultural and half of other workers work for wages; the rest own-account or family work"),
  heightWageElasticity: source.literature(
    "Gutiérrez, J. P. et al. (2019), in World Bank, Prospera at 20 years (ENCEL 2017, former Prospera households); evidence-life-course.md §1",
    "a 1% gain in adult height goes with 10.7% (men) / 8.8% (women) higher hourly wages: an ASSOCIATION, not a causal effect; set to 0 to let heights not reach wages",
  ),
  wageEffectSd: source.assumption("as in the Mexico preset"),
  intergenerationalPersistence: source.assumption("as in the Mexico preset"),
  otherIncomeShare: source.assumption("a tenth of permanent income from remittances, pensions and other transfers"),
  elderlyWorkFactor: source.assumption("as in the Mexico preset"),
  lastSchoolAge: source.assumption("SMA up to age 21; PKH pays school components up to 21 (issue 16)"),
  indigenousIncomeShift: source.assumption("not modelled for Indonesia"),
  seasonalFactors: source.assumption("mild seasonality, December festive peak"),
  idiosyncraticShockSd: source.assumption("month-to-month household income risk"),
  idiosyncraticPersistence: source.assumption("shocks half-fade in about three months"),
  localityShockSd: source.assumption("covariate risk"),
  localityPersistence: source.assumption("covariate shocks persist for several months"),
  classifiedPoorShare: source.assumption("half of this already-poor population passes the means test"),
  primarySchoolKm: source.assumption("primary schools (SD) close by"),
  lowerSecondaryKm: source.assumption("SMP a few km away"),
  upperSecondaryKm: source.assumption("SMA further away"),
  clinicKm: source.assumption("puskesmas or posyandu a few km away"),
  annualFertility: source.assumption("about 2.3 births per woman over ages 15–44"),
  annualMortality: source.assumption("Indonesia 2020 orders of magnitude: infant 20 per 1000"),
  initialHazMean: source.assumption("about 27% of under-5s stunted (order of Indonesian survey figures around 2020, not verified)"),
  hazPotentialSd: source.assumption("persistent differences in growth between children, as in the Mexico preset"),
};

const mexico = mexicoRural1997.behaviour;

const behaviour: BehaviourParameters = {
  ...mexico,
  enrolInterceptBoys: [2.6, 3.6, 3.8, 3.8, 3.8, 3.6, 3.4, 3.0, 2.8, 2.2, 1.6, 1.3],
  enrolInterceptGirls: [2.6, 3.6, 3.8, 3.8, 3.8, 3.6, 3.4, 3.0, 2.8, 2.2, 1.6, 1.3],
  enrolTransitionLowerSecondary: -0.8,
  enrolTransitionUpperSecondary: -0.8,
  childWageLcuPerMonth: [0, 0, 0, 0, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 600_000, 700_000],
  workProbabilityBoys: [0, 0, 0.02, 0.05, 0.1, 0.15, 0.25, 0.35, 0.45, 0.55, 0.6, 0.65],
  workProbabilityGirls: [0, 0, 0.02, 0.04, 0.08, 0.1, 0.15, 0.2, 0.3, 0.35, 0.4, 0.45],
  illnessIntercepts: [-1.0, -1.4, -2.4, -2.4, -1.8],
  hazAtBirth: -0.5,
  hazFallBy24Months: 1.4,
};

const behaviourSources: SourceMap<BehaviourParameters> = {
  ...mexicoRural1997.sources.behaviour,
  enrolInterceptBoys: source.assumption("set to reproduce the assumed enrolment by age of poor children"),
  enrolInterceptGirls: source.assumption("no sex gap in Indonesian enrolment at these ages (assumption)"),
  enrolTransitionLowerSecondary: source.assumption("smaller primary-to-SMP drop than in rural Mexico 1997"),
  enrolTransitionUpperSecondary: source.assumption("SMP-to-SMA drop"),
  childWageLcuPerMonth: source.assumption("child earnings rising with age, up to about 1.3 poverty lines at 17"),
  workProbabilityBoys: source.assumption("out-of-school boys in work"),
  workProbabilityGirls: source.assumption("out-of-school girls in paid work"),
  illnessIntercepts: source.assumption("somewhat lower illness incidence than rural Mexico 1997"),
  hazAtBirth: source.assumption("with hazFallBy24Months, holds stunting of under-5s near 27% without a programme"),
  hazFallBy24Months: source.assumption("less growth faltering than in rural Mexico 1997"),
};

/**
 * `indonesia-2020`: a PKH-like poor population (social-registry deciles 1–4),
 * amounts in rupiah, per-capita welfare as BPS measures it.
 */
export const indonesia2020: Preset = {
  name: "indonesia-2020",
  description: "A PKH-like poor population of Indonesia around 2020 (rupiah, per-capita welfare).",
  defaultStart: "2021-01",
  population,
  behaviour,
  initialSchooling: indonesiaInitialSchooling(),
  initialSchoolingSource: source.assumption("enrolment by age of the order of BPS school-participation rates for poor children; grade 0–2 years behind age"),
  sources: { population: populationSources, behaviour: behaviourSources },
};
