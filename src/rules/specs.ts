import { z } from "zod";
import { combine } from "./combine.js";
import { DEFAULT_HEALTH_VISIT_SCHEDULE, healthCheck } from "./healthCheck.js";
import { pkh, PKH_AMOUNTS } from "./pkh.js";
import { progresa } from "./progresa.js";
import { schoolAttendance } from "./schoolAttendance.js";
import type { TransferRule } from "./types.js";
import { unconditional } from "./unconditional.js";

// Money is local currency per month unless the field name says per year.
const money = z.number().nonnegative(); // zod 4 numbers reject NaN and ±Infinity
const rate = z.number().min(0).max(1);
const visitWindow = z.int().min(1);

/**
 * A clinic-visit schedule as data: the visit window in months per age group (see
 * `HealthVisitSchedule`); missing groups get the default (an assumption, see
 * `DEFAULT_HEALTH_VISIT_SCHEDULE`).
 */
export const healthVisitScheduleSchema = z.strictObject({
  under2: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.under2),
  age2to5: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age2to5),
  age6to17: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age6to17),
  age18to59: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age18to59),
  age60plus: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.age60plus),
  pregnant: visitWindow.default(DEFAULT_HEALTH_VISIT_SCHEDULE.pregnant),
});

/** `{ kind: "unconditional" }`: see `unconditional`. `lcuPerMonth` per household, or per living member when `perMember`. */
export const unconditionalSpecSchema = z.strictObject({
  kind: z.literal("unconditional"),
  lcuPerMonth: money,
  perMember: z.boolean().default(false),
  label: z.string().min(1).optional(),
  /** Amounts by month index (local currency per month), overriding lcuPerMonth; past the end the last value applies. */
  lcuPerMonthByMonth: z.array(money).min(1).optional(),
});

/** `{ kind: "schoolAttendance" }`: see `schoolAttendance`. Grants in local currency per child per month. */
export const schoolAttendanceSpecSchema = z
  .strictObject({
    kind: z.literal("schoolAttendance"),
    grantsLcuPerMonth: z.strictObject({ primary: money, lowerSecondary: money, upperSecondary: money }),
    minRate: rate.default(0.85),
    minGrade: z.int().min(1).max(12).default(1),
    maxGrade: z.int().min(1).max(12).default(12),
    maxAge: z.number().nonnegative().default(17),
    schoolMonthsOnly: z.boolean().default(true),
  })
  .refine((s) => s.minGrade <= s.maxGrade, { message: "maxGrade must be ≥ minGrade", path: ["maxGrade"] });

/** `{ kind: "healthCheck" }`: see `healthCheck`. `lcuPerMonth` per household. */
export const healthCheckSpecSchema = z.strictObject({
  kind: z.literal("healthCheck"),
  lcuPerMonth: money,
  schedule: healthVisitScheduleSchema.prefault({}),
});

/** `{ kind: "progresa" }`: see `progresa`. Amounts come from `PROGRESA_AMOUNTS`. */
export const progresaSpecSchema = z.strictObject({
  kind: z.literal("progresa"),
  schedule: z.enum(["dated", "1997", "1998-I", "1998-II", "1999-I", "1999-II"]).default("dated"),
  foodGrant: z.boolean().default(true),
  educationGrants: z.boolean().default(true),
  schoolMaterials: z.boolean().default(true),
  cap: z.boolean().default(true),
  minAttendance: rate.default(0.85),
  maxRepeats: z.int().min(0).default(1),
  maxAge: z.number().nonnegative().default(17),
  healthSchedule: healthVisitScheduleSchema.prefault({}),
});

/**
 * `{ kind: "pkh" }`: see `pkh`. `fixedFamilyLcuPerYear` (rupiah per family per year) defaults
 * to the year's amount (550k in 2019, 0 in 2021) and is filled in on parse.
 */
export const pkhSpecSchema = z
  .strictObject({
    kind: z.literal("pkh"),
    year: z.literal([2021, 2019]).default(2021),
    memberCap: z.int().min(0).default(4),
    elderlyMinAge: z.number().nonnegative().default(60),
    schoolMaxAge: z.number().nonnegative().default(17),
    minAttendance: rate.default(0.85),
    fixedFamilyLcuPerYear: money.optional(),
  })
  .transform((s) => ({ ...s, fixedFamilyLcuPerYear: s.fixedFamilyLcuPerYear ?? PKH_AMOUNTS[s.year].fixedFamilyLcuPerYear }));

/**
 * `{ kind: "combine", rules: [...] }`: see `combine`. `capLcuPerMonth` is the combined
 * household maximum, local currency per month; the inner rules' caps are not applied.
 */
export const combineSpecSchema = z.strictObject({
  kind: z.literal("combine"),
  get rules(): z.ZodArray<typeof ruleSpecSchema> {
    return z.array(ruleSpecSchema).min(1);
  },
  name: z.string().min(1).optional(),
  capLcuPerMonth: money.optional(),
});

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
