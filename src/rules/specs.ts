import { z } from "zod";
import { between, moneyAmount, share } from "../foundation/ranges.js";
import { communityMeetings, jobTraining } from "./adultConditions.js";
import { combine } from "./combine.js";
import { DEFAULT_HEALTH_VISIT_SCHEDULE, healthCheck } from "./healthCheck.js";
import { pkh, PKH_AMOUNTS } from "./pkh.js";
import { progresa } from "./progresa.js";
import { schoolAttendance } from "./schoolAttendance.js";
import type { TransferRule } from "./types.js";
import { unconditional } from "./unconditional.js";

// Money is local currency per month unless the field name says per year.
const money = moneyAmount("local currency per month");
const rate = share();
const visitWindow = between(1, 120, { int: true, unit: "months" });
const age = between(0, 120, { unit: "years" });

/**
 * A clinic-visit schedule as data: the visit window in months per age group (see
 * `HealthVisitSchedule`); missing groups get the default (an assumption, see
 * `DEFAULT_HEALTH_VISIT_SCHEDULE`).
 */
export const healthVisitScheduleSchema = z.strictObject({
  /** Children under 24 months of age: visit window, months. */
  under2: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.under2),
  /** Children aged 2–5 years: visit window, months. */
  age2to5: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age2to5),
  /** Members aged 6–17 years: visit window, months. */
  age6to17: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age6to17),
  /** Members aged 18–59 years: visit window, months. */
  age18to59: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age18to59),
  /** Members aged 60 and over: visit window, months. */
  age60plus: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age60plus),
  /** Pregnant members: visit window, months. */
  pregnant: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.pregnant),
});

/** `{ kind: "unconditional" }`: see `unconditional`. `lcuPerMonth` per household, or per living member when `perMember`. */
export const unconditionalSpecSchema = z.strictObject({
  /** Discriminant. */
  kind: z.literal("unconditional"),
  /** Amount, local currency per month: per household, or per living member when `perMember`. */
  lcuPerMonth: money,
  /** Pay `lcuPerMonth` to every living member instead of once per household (default false). */
  perMember: z.boolean().default(false),
  /** Label of the transfer (e.g. "education") for the behaviour model's labelling effect; no effect on payment. */
  label: z.string().min(1).optional(),
  /** Amounts by month index (local currency per month), overriding lcuPerMonth; past the end the last value applies. */
  lcuPerMonthByMonth: z.array(money).min(1).optional(),
});

/** `{ kind: "schoolAttendance" }`: see `schoolAttendance`. Grants in local currency per child per month. */
export const schoolAttendanceSpecSchema = z
  .strictObject({
    /** Discriminant. */
    kind: z.literal("schoolAttendance"),
    /** Grant per child by level of the grade attended (or that would be attended), local currency per child per month. */
    grantsLcuPerMonth: z.strictObject({
      /** Grades 1–6, local currency per child per month. */
      primary: money,
      /** Grades 7–9, local currency per child per month. */
      lowerSecondary: money,
      /** Grades 10–12, local currency per child per month. */
      upperSecondary: money,
    }),
    /** Minimum share of school days attended, 0..1 (default 0.85). */
    minRate: rate.default(0.85),
    /** Lowest grade (1..12) with a grant (default 1). */
    minGrade: z.int().min(1).max(12).default(1),
    /** Highest grade (1..12) with a grant (default 12). */
    maxGrade: z.int().min(1).max(12).default(12),
    /** Oldest age with a grant, completed years (default 17). */
    maxAge: age.default(17),
    /** Offer grants only in months when school is in session (default true). */
    schoolMonthsOnly: z.boolean().default(true),
  })
  .refine((s) => s.minGrade <= s.maxGrade, { message: "maxGrade must be ≥ minGrade", path: ["maxGrade"] });

/** `{ kind: "healthCheck" }`: see `healthCheck`. `lcuPerMonth` per household. */
export const healthCheckSpecSchema = z.strictObject({
  /** Discriminant. */
  kind: z.literal("healthCheck"),
  /** Amount per household, local currency per month. */
  lcuPerMonth: money,
  /** Clinic-visit windows by age group, months (missing groups: the default schedule). */
  schedule: healthVisitScheduleSchema.prefault({}),
});

/** `{ kind: "progresa" }`: see `progresa`. Amounts come from `PROGRESA_AMOUNTS`. */
export const progresaSpecSchema = z.strictObject({
  /** Discriminant. */
  kind: z.literal("progresa"),
  /** Amounts: "dated" (default) follows the calendar month; a period name fixes one period's amounts for the whole run. */
  schedule: z.enum(["dated", "1997", "1998-I", "1998-II", "1999-I", "1999-II"]).default("dated"),
  /** Offer the food grant, conditional on the family's clinic visits (default true). */
  foodGrant: z.boolean().default(true),
  /** Offer the education grants for grades 3–9 (default true). */
  educationGrants: z.boolean().default(true),
  /** Offer the school-materials lump at the start of the school year (default true). */
  schoolMaterials: z.boolean().default(true),
  /** Apply the household maximum, pesos per month (default true). */
  cap: z.boolean().default(true),
  /** Minimum share of school days attended, 0..1 (default 0.85). */
  minAttendance: rate.default(0.85),
  /** Grants are paid only while the current grade has been repeated at most this many times (default 1). */
  maxRepeats: between(0, 255, { int: true }).default(1),
  /** Oldest age with an education grant, completed years (default 17). */
  maxAge: age.default(17),
  /** Clinic-visit windows for the food grant, months by age group (missing groups: the default schedule). */
  healthSchedule: healthVisitScheduleSchema.prefault({}),
  /** Make the food grant also conditional on the caregiver's attendance of the month's health talk (default false). */
  healthTalks: z.boolean().default(false),
});

/**
 * `{ kind: "pkh" }`: see `pkh`. `fixedFamilyLcuPerYear` (rupiah per family per year) defaults
 * to the year's amount (550k in 2019, 0 in 2021) and is filled in on parse.
 */
export const pkhSpecSchema = z
  .strictObject({
    /** Discriminant. */
    kind: z.literal("pkh"),
    /** Benefit schedule year (default 2021, valid 2021–2025; 2019 has the older fixed family amount). */
    year: z.literal([2021, 2019]).default(2021),
    /** Most members counted per family, highest-value components first (default 4). */
    memberCap: between(0, 50, { int: true, unit: "members" }).default(4),
    /** Age from which a member counts as elderly, completed years (default 60). */
    elderlyMinAge: age.default(60),
    /** Oldest age for the school components, completed years (default 21: PKH pays school components to 21). */
    schoolMaxAge: age.default(21),
    /** Minimum share of school days attended, 0..1 (default 0.85). */
    minAttendance: rate.default(0.85),
    /** Fixed amount per family, rupiah per year (default: the year's). */
    fixedFamilyLcuPerYear: moneyAmount("local currency per year").optional(),
    /** Make every component also conditional on the caregiver's attendance of the month's family development session (default false). */
    familyDevelopmentSessions: z.boolean().default(false),
  })
  .transform((s) => ({
    ...s,
    /** Fixed amount per family, rupiah per year (the year's amount when not given). */
    fixedFamilyLcuPerYear: s.fixedFamilyLcuPerYear ?? PKH_AMOUNTS[s.year].fixedFamilyLcuPerYear,
  }));

/** `{ kind: "jobTraining" }`: see `jobTraining`. Stipend per participant, local currency per month. */
export const jobTrainingSpecSchema = z
  .strictObject({
    /** Discriminant. */
    kind: z.literal("jobTraining"),
    /** Stipend per participant, local currency per month, paid when the month's hours are attended. */
    lcuPerMonth: money,
    /** Training hours required each month (default 40). */
    hoursPerMonth: between(0, 400, { minOpen: true, unit: "hours per month" }).default(40),
    /** Youngest and oldest eligible age, completed years (default [18, 35]). */
    ages: z.tuple([between(0, 120, { int: true, unit: "years" }), between(0, 120, { int: true, unit: "years" })]).default([18, 35]),
    /** Most participants per household, youngest first (default 1). */
    maxParticipants: between(1, 50, { int: true, unit: "members" }).default(1),
    /** Length of the course, hours: a member who has attended this many is no longer offered it (default 300). */
    courseHours: between(0, 10_000, { minOpen: true, unit: "hours" }).default(300),
  })
  .refine((s) => s.ages[0] <= s.ages[1], { message: "ages must be [youngest, oldest] with youngest ≤ oldest", path: ["ages"] });

/** `{ kind: "communityMeetings" }`: see `communityMeetings`. Amount per household, local currency per month. */
export const communityMeetingsSpecSchema = z.strictObject({
  /** Discriminant. */
  kind: z.literal("communityMeetings"),
  /** Amount per household, local currency per month, paid when the caregiver attends the month's meeting. */
  lcuPerMonth: money,
});

/**
 * `{ kind: "combine", rules: [...] }`: see `combine`. `capLcuPerMonth` is the combined
 * household maximum, local currency per month; the inner rules' caps are not applied.
 */
export const combineSpecSchema = z.strictObject({
  /** Discriminant. */
  kind: z.literal("combine"),
  /** The inner rules as data (at least one); their offers are concatenated. */
  get rules(): z.ZodArray<typeof ruleSpecSchema> {
    return z.array(ruleSpecSchema).min(1);
  },
  /** Name of the combined rule (default: the inner names joined by " + "). */
  name: z.string().min(1).optional(),
  /** Household maximum of the combined rule, local currency per month (default: none). */
  capLcuPerMonth: money.optional(),
});

/** Deepest nesting of `combine` specs inside one another (a rule spec is at depth 1). */
export const MAX_RULE_NESTING = 8;

/**
 * Where a rule spec as written nests `combine` deeper than {@link MAX_RULE_NESTING}: the path
 * (relative to the spec, e.g. "rules[0].rules[0]") of the first spec too deep, or null. Walks the
 * data without recursion, so a spec nested thousands deep is reported, not a stack overflow.
 */
export function tooDeepRule(spec: unknown): string | null {
  const stack: [unknown, string, number][] = [[spec, "", 1]];
  while (stack.length > 0) {
    const [node, path, depth] = stack.pop() as [unknown, string, number];
    if (depth > MAX_RULE_NESTING) return path;
    const rules = (node as { kind?: unknown; rules?: unknown } | null)?.rules;
    if ((node as { kind?: unknown } | null)?.kind !== "combine" || !Array.isArray(rules)) continue;
    for (let k = rules.length - 1; k >= 0; k--) stack.push([rules[k], `${path}${path === "" ? "" : "."}rules[${k}]`, depth + 1]);
  }
  return null;
}

/**
 * A transfer rule as JSON data, discriminated by `kind`. Parsing fills every default, so a
 * parsed spec records exactly what runs; unknown keys are rejected. Money is local currency
 * per month unless the field name says per year.
 *
 * @example
 * const spec = ruleSpecSchema.parse({ kind: "progresa", schedule: "1998-II" });
 * const rule = ruleFromSpec(spec);
 */
export const ruleSpecSchema = z.discriminatedUnion("kind", [
  unconditionalSpecSchema,
  schoolAttendanceSpecSchema,
  healthCheckSpecSchema,
  progresaSpecSchema,
  pkhSpecSchema,
  jobTrainingSpecSchema,
  communityMeetingsSpecSchema,
  combineSpecSchema,
]);

/** A parsed rule spec, every default filled in. */
export type RuleSpec = z.output<typeof ruleSpecSchema>;
/** A rule spec as written in a scenario (defaults optional). */
export type RuleSpecInput = z.input<typeof ruleSpecSchema>;
/** Parsed `{ kind: "unconditional" }` spec. */
export type UnconditionalSpec = z.output<typeof unconditionalSpecSchema>;
/** Parsed `{ kind: "schoolAttendance" }` spec. */
export type SchoolAttendanceSpec = z.output<typeof schoolAttendanceSpecSchema>;
/** Parsed `{ kind: "healthCheck" }` spec. */
export type HealthCheckSpec = z.output<typeof healthCheckSpecSchema>;
/** Parsed `{ kind: "progresa" }` spec. */
export type ProgresaSpec = z.output<typeof progresaSpecSchema>;
/** Parsed `{ kind: "pkh" }` spec. */
export type PkhSpec = z.output<typeof pkhSpecSchema>;
/** Parsed `{ kind: "jobTraining" }` spec. */
export type JobTrainingSpec = z.output<typeof jobTrainingSpecSchema>;
/** Parsed `{ kind: "communityMeetings" }` spec. */
export type CommunityMeetingsSpec = z.output<typeof communityMeetingsSpecSchema>;
/** Parsed `{ kind: "combine" }` spec. */
export type CombineSpec = z.output<typeof combineSpecSchema>;

/** Builds the transfer rule a parsed spec describes (parse with {@link ruleSpecSchema} first). */
export function ruleFromSpec(spec: RuleSpec): TransferRule {
  switch (spec.kind) {
    case "unconditional":
      return unconditional(spec);
    case "schoolAttendance":
      return schoolAttendance(spec);
    case "healthCheck":
      return healthCheck(spec);
    case "progresa":
      return progresa(spec);
    case "pkh":
      return pkh(spec);
    case "jobTraining":
      return jobTraining(spec);
    case "communityMeetings":
      return communityMeetings(spec);
    case "combine":
      return combine(spec.rules.map(ruleFromSpec), {
        ...(spec.name === undefined ? {} : { name: spec.name }),
        ...(spec.capLcuPerMonth === undefined ? {} : { capLcuPerMonth: spec.capLcuPerMonth }),
      });
    default: {
      const unknown: never = spec;
      throw new TypeError(`ruleFromSpec: unknown rule kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

/**
 * Whether a rule spec can ask adults for training hours or meeting attendance: `jobTraining`,
 * `communityMeetings`, Progresa with `healthTalks`, PKH with `familyDevelopmentSessions`, or a
 * `combine` holding one of them. The engine keeps per-person training and activity arrays
 * (5 bytes per person slot) only for such rules, and for every code rule (which may ask anything).
 * @example asksAdultActivities(ruleSpecSchema.parse({ kind: "progresa" })) // false
 */
export function asksAdultActivities(spec: RuleSpec): boolean {
  switch (spec.kind) {
    case "jobTraining":
    case "communityMeetings":
      return true;
    case "progresa":
      return spec.healthTalks;
    case "pkh":
      return spec.familyDevelopmentSessions;
    case "combine":
      return spec.rules.some(asksAdultActivities);
    default:
      return false;
  }
}
