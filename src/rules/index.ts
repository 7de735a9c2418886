import { communityMeetings, jobTraining } from "./adultConditions.js";
import { combine } from "./combine.js";
import { defineRule } from "./offerWriter.js";
import { healthCheck } from "./healthCheck.js";
import { pkh } from "./pkh.js";
import { progresa } from "./progresa.js";
import { schoolAttendance } from "./schoolAttendance.js";
import { ruleFromSpec } from "./specs.js";
import { unconditional } from "./unconditional.js";

export type {
  Condition,
  HealthVisitsCondition,
  HouseholdView,
  MeetingCondition,
  MonthContext,
  Offer,
  PaymentSchedule,
  SchoolAttendanceCondition,
  TrainingCondition,
  TransferRule,
} from "./types.js";
export { combine, type CombineOptions } from "./combine.js";
export { defineRule, type OfferWriter, type RuleDefinition, type WriteOffers } from "./offerWriter.js";
export {
  caregiver,
  communityMeetings,
  jobTraining,
  meetingConditions,
  requireCaregiverAtMeeting,
  MEETING_COMPONENT,
  TRAINING_COMPONENT,
  type CommunityMeetingsOptions,
  type JobTrainingOptions,
} from "./adultConditions.js";
export {
  assertHealthVisitSchedule,
  DEFAULT_HEALTH_VISIT_SCHEDULE,
  healthCheck,
  healthVisitConditions,
  requireHealthVisitsOfEveryone,
  HEALTH_COMPONENT,
  visitWindowMonths,
  type HealthCheckOptions,
  type HealthVisitSchedule,
} from "./healthCheck.js";
export {
  pkh,
  PKH_AMOUNTS,
  PKH_FIXED_COMPONENT,
  PKH_HEALTH_WINDOW_MONTHS,
  PKH_PAYMENT,
  type PkhAmounts,
  type PkhComponent,
  type PkhOptions,
  type PkhYear,
} from "./pkh.js";
export {
  progresa,
  progresaEducationGrant,
  progresaPeriod,
  PROGRESA_AMOUNTS,
  PROGRESA_COMPONENTS,
  PROGRESA_PAYMENT,
  PROGRESA_PERIODS,
  PROGRESA_SCHOOL_MATERIALS_LCU_PER_YEAR,
  type ProgresaOptions,
  type ProgresaPeriod,
  type ProgresaPeriodAmounts,
} from "./progresa.js";
export { EDUCATION_COMPONENT, schoolAttendance, schoolLevel, type GrantsByLevel, type SchoolAttendanceOptions, type SchoolLevel } from "./schoolAttendance.js";
export {
  combineSpecSchema,
  communityMeetingsSpecSchema,
  healthCheckSpecSchema,
  jobTrainingSpecSchema,
  healthVisitScheduleSchema,
  pkhSpecSchema,
  progresaSpecSchema,
  ruleFromSpec,
  ruleSpecSchema,
  schoolAttendanceSpecSchema,
  unconditionalSpecSchema,
  type CombineSpec,
  type CommunityMeetingsSpec,
  type HealthCheckSpec,
  type JobTrainingSpec,
  type PkhSpec,
  type ProgresaSpec,
  type RuleSpec,
  type RuleSpecInput,
  type SchoolAttendanceSpec,
  type UnconditionalSpec,
} from "./specs.js";
export { unconditional, UNCONDITIONAL_COMPONENT, type UnconditionalOptions } from "./unconditional.js";

/**
 * The built-in transfer rules in one object, e.g. `rules.progresa()`,
 * `rules.fromSpec(ruleSpecSchema.parse(json))`. Amounts are local currency per month.
 */
export const rules = Object.freeze({
  /** Unconditional cash per household or per member, local currency per month. */
  unconditional,
  /** Education grant per child conditional on school attendance, local currency per month. */
  schoolAttendance,
  /** Household grant conditional on every member's clinic visits, local currency per month. */
  healthCheck,
  /** Progresa (Mexico 1997–2000): education grants, food grant, school materials, household maximum (pesos per month). */
  progresa,
  /** PKH (Indonesia): components per eligible member, rupiah per year / 12 per month. */
  pkh,
  /** Stipend per adult conditional on job-training hours, local currency per month. */
  jobTraining,
  /** Household grant conditional on the caregiver's community-meeting attendance, local currency per month. */
  communityMeetings,
  /** Several rules as one, with an optional household maximum (local currency per month). */
  combine,
  /** Builds a rule from a parsed {@link RuleSpec}. */
  fromSpec: ruleFromSpec,
  /** A rule of your own written as an offer writer, as the built-in rules are (see {@link defineRule}). */
  define: defineRule,
});
