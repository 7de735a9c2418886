import { z } from "zod";
import { between, logitCoefficient, share, zScore } from "../foundation/ranges.js";

const rate = share;
const logit = logitCoefficient;
/** A price effect: utility per unit of (amount / household resources). */
const priceEffect = () => between(0, 1e6, { unit: "utility per share of resources" });
/** A disutility per km. */
const perKm = () => between(0, 50, { unit: "utility per km" });
/** Twelve values, one per age 6 … 17 in completed years at the school-year start. */
const byAge6to17 = () => z.array(logit()).length(12);

/**
 * Behavioural parameters (docs/model.md, "Behaviour"). Logit coefficients are in
 * utility units (the logistic taste shock has scale 1). Money enters either as
 * ln(resources per adult equivalent / poverty line) or as an amount relative to
 * household resources, so the same numbers work in pesos and rupiah.
 */
export const behaviourParametersSchema = z.strictObject({
  // ---- school enrolment (decided at each school-year start)
  /** Enrolment intercepts for boys by age 6…17. */
  enrolInterceptBoys: byAge6to17(),
  /** Enrolment intercepts for girls by age 6…17. */
  enrolInterceptGirls: byAge6to17(),
  /** Fall of the enrolment intercept per year of age above 17 (ages 18 … lastSchoolAge use the age-17 intercept minus this). */
  enrolAgeDeclineAfter17: between(0, 20, { unit: "utility per year" }),
  /** Shift when the next grade is 7 (entry to lower secondary). */
  enrolTransitionLowerSecondary: logit(),
  /** Shift when the next grade is 10 (entry to upper secondary). */
  enrolTransitionUpperSecondary: logit(),
  /** Shift for a child enrolled in the previous school year (state dependence). */
  enrolPersistence: logit(),
  /** Coefficient b on ln(resources per adult equivalent / poverty line): the income effect. */
  incomeEffect: logit(),
  /** Coefficient θ on (conditional grant − child wage) / household resources: the price effect. */
  priceEffect: priceEffect(),
  /** Disutility per km to the school of the child's next level. */
  distanceCostPerKm: perKm(),
  /** Standard deviation of the child's persistent taste for school (η). */
  schoolTasteSd: between(0, 10, { unit: "utility" }),
  // ---- child wages and work
  /** Full-time child earnings by age 6…17, local currency per month. */
  childWageLcuPerMonth: z.array(between(0, 1e9, { unit: "local currency per month" })).length(12),
  /** Probability that an out-of-school child works, by age 6…17 (boys). */
  workProbabilityBoys: z.array(rate()).length(12),
  /** Probability that an out-of-school child works, by age 6…17 (girls). */
  workProbabilityGirls: z.array(rate()).length(12),
  /** Share of a full-time child wage earned by an enrolled child who attends irregularly. */
  partTimeWageShare: rate(),
  // ---- attendance (monthly, enrolled children, school months)
  /** Intercept of the utility of attending regularly. */
  attendIntercept: logit(),
  /** Change of the attendance intercept per year of age above 12. */
  attendAgeSlope: logit(),
  /** Attendance share range of a regular attender [low, high]. */
  regularAttendance: z.tuple([rate(), rate()]),
  /** Attendance share range of an irregular attender [low, high]. */
  irregularAttendance: z.tuple([rate(), rate()]),
  /** Monthly probability that a child irregular for two months in a row drops out. */
  dropoutAfterTwoIrregular: rate(),
  // ---- grade progression (school-year end)
  /** Logit intercept of passing the grade at 85% attendance. */
  passIntercept: logit(),
  /** Logit slope of passing per unit of the year's mean attendance share above 0.85. */
  passAttendanceSlope: between(0, 1000, { unit: "utility per attendance share" }),
  // ---- clinic visits (monthly, every member)
  /** Visit intercepts by age group [under 2, 2–5, 6–17, 18–59, 60+]. */
  visitIntercepts: z.array(logit()).length(5),
  /** Extra visit utility for a pregnant member (prenatal care). */
  visitPregnancy: logit(),
  /** Extra visit utility for a member ill last month (curative care). */
  visitIllness: logit(),
  /** Coefficient on ln(resources per adult equivalent / poverty line). */
  visitIncomeEffect: logit(),
  /** Disutility per km to the clinic. */
  visitDistanceCostPerKm: perKm(),
  /** Coefficient on the amount that lapses without a visit / household resources (price effect). */
  visitPriceEffect: priceEffect(),
  // ---- illness (monthly)
  /** Illness logit intercepts by age group [under 2, 2–5, 6–17, 18–59, 60+]. */
  illnessIntercepts: z.array(logit()).length(5),
  /** Illness reduction per unit of ln(consumption per adult equivalent / poverty line). */
  illnessConsumptionEffect: logit(),
  /** Illness reduction for a preventive visit in the last 6 months. */
  illnessVisitProtection: logit(),
  /** Extra illness logit for a stunted child under 5. */
  illnessStunted: logit(),
  // ---- growth (height-for-age z, children under 60 months)
  /** Mean height-for-age z at birth. */
  hazAtBirth: zScore(),
  /** Fall of the growth target between birth and 24 months (z units). */
  hazFallBy24Months: zScore(),
  /** Growth target shift per unit of ln(consumption per adult equivalent / poverty line). */
  hazConsumptionEffect: zScore(),
  /** Growth target shift for a child under 24 months with a visit in the last 2 months (growth monitoring). */
  hazMonitoringEffect: zScore(),
  /** Monthly loss of z for a month of illness. */
  hazIllnessLoss: between(0, 6, { unit: "z" }),
  /** Monthly adjustment speed toward the target, under and over 24 months. */
  hazAdjustment: z.tuple([rate(), rate()]),
  /** Standard deviation of monthly growth noise (z units). */
  hazNoiseSd: between(0, 6, { unit: "z" }),
  /** Standard deviation of z at birth. */
  hazBirthSd: between(0, 6, { unit: "z" }),
  // ---- consumption, saving and investment (docs/model.md, W1–W3)
  /** Share of cash on hand consumed each month (the rest is saved). */
  consumptionShare: between(0, 1, { minOpen: true }),
  /** Liquid savings a household keeps before it invests, in months of its permanent income. */
  investmentBufferMonths: between(0, 60, { unit: "months of income" }),
  /** Share of liquid savings above the buffer invested in a productive asset each month. */
  investmentShare: share(),
  /** Return of the productive asset (livestock, land, a small enterprise), share of its value per month. */
  assetReturnPerMonth: between(0, 0.2, { unit: "per month" }),
  /** Depreciation of the productive asset, share of its value per month. */
  assetDepreciationPerMonth: between(0, 0.2, { unit: "per month" }),
  // ---- adults' work (docs/model.md, L4)
  /** Fall in an adult's probability of working per unit of expected transfers ÷ the household's earnings (income effect on work). */
  workTransferEffect: between(0, 5, { unit: "per share of earnings" }),
  /** Fall in an adult's probability of working per hour of programme time required of them this month (training, meetings). */
  workHourCost: between(0, 0.1, { unit: "per hour" }),
  // ---- adults: employment, job training, community meetings (docs/model.md, A1–A4)
  /** Share of adults 18–64 employed without training [men, women], 0..1. */
  adultEmploymentRate: z.tuple([rate(), rate()]),
  /** Utility of attending the training hours a programme requires this month, before money and time. */
  trainingIntercept: logit(),
  /** Disutility per required training hour this month (time taken from work and home). */
  trainingHourCost: between(0, 50, { unit: "utility per hour" }),
  /** Coefficient on the amount that lapses without the training / household resources (price effect). */
  trainingPriceEffect: priceEffect(),
  /** Hours of a complete course, to which the returns below refer. */
  trainingCourseHours: between(0, 10_000, { minOpen: true, unit: "hours" }),
  /** Proportional rise in a trained adult's earnings after a complete course (partial courses pro rata). */
  trainingEarningsReturn: between(0, 10, { unit: "proportional rise" }),
  /** Rise in a trained adult's probability of employment after a complete course, 0..1. */
  trainingEmploymentEffect: rate(),
  /** Utility of attending a required community meeting this month, before money. */
  meetingIntercept: logit(),
  /** Coefficient on the amount that lapses without the meeting / household resources (price effect). */
  meetingPriceEffect: priceEffect(),
  /** Share of the gap to full health and nutrition knowledge closed by one meeting attended, 0..1. */
  knowledgeGainPerMeeting: rate(),
  /** Share of knowledge lost each month (forgetting), 0..1. */
  knowledgeDecayPerMonth: rate(),
  /** Extra visit utility for children under 6 and pregnant members per unit of household knowledge (0..1). */
  visitKnowledgeEffect: logit(),
  /** Growth-target shift (z units) of children under 5 per unit of household knowledge (feeding practices). */
  hazKnowledgeEffect: zScore(),
  /**
   * Pull of a label: an unconditional amount labelled "education" enters a child's schooling
   * utilities as this share of a conditional grant of the same size per school-age child, 0..1
   * (0: labels do nothing).
   */
  labelPull: rate(),
});

/** Behavioural parameters, resolved. See {@link behaviourParametersSchema}. */
export type BehaviourParameters = z.infer<typeof behaviourParametersSchema>;

/** Partial override of behavioural parameters, as a scenario may give it. */
export const behaviourOverrideSchema = behaviourParametersSchema.partial();
