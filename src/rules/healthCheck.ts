import { defineRule } from "./offerWriter.js";
import type { OfferWriter } from "./offerWriter.js";
import type { HealthVisitsCondition, HouseholdView, TransferRule } from "./types.js";

/**
 * How often each member must visit the clinic: for each group, the window in months
 * within which a visit is required (1 = every month, 6 = once in the last six months).
 * A pregnant member gets the shorter of `pregnant` and her age group's window.
 */
export interface HealthVisitSchedule {
  /** Children under 24 months of age: visit window in months. */
  readonly under2: number;
  /** Children aged 2–5 years: visit window in months. */
  readonly age2to5: number;
  /** Members aged 6–17 years: visit window in months. */
  readonly age6to17: number;
  /** Members aged 18–59 years: visit window in months. */
  readonly age18to59: number;
  /** Members aged 60 and over: visit window in months. */
  readonly age60plus: number;
  /** Pregnant members: visit window in months. */
  readonly pregnant: number;
}

/**
 * Default clinic-visit schedule, loosely after Progresa's health component.
 *
 * ASSUMPTION: the Progresa visit schedule by age was not verified (evidence.md §1: "commonly
 * cited: infants several visits, under-2s monthly to bimonthly, 2–5 years every 4–6 months,
 * older children and adults about twice and once a year, pregnant women 5 prenatal visits —
 * treat as an assumption"). Chosen here: under 24 months every 2 months; 2–5 years every
 * 6 months; 6–17 and 18–59 years every 12 months; 60+ every 6 months; pregnant every 2 months.
 */
export const DEFAULT_HEALTH_VISIT_SCHEDULE: HealthVisitSchedule = Object.freeze({
  under2: 2,
  age2to5: 6,
  age6to17: 12,
  age18to59: 12,
  age60plus: 6,
  pregnant: 2,
});

/** Throws a RangeError unless every window of the schedule is an integer ≥ 1 (months). */
export function assertHealthVisitSchedule(schedule: HealthVisitSchedule, where = "health visit schedule"): void {
  for (const key of ["under2", "age2to5", "age6to17", "age18to59", "age60plus", "pregnant"] as const) {
    const v = schedule[key];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${where}: ${key} must be an integer ≥ 1 (months), got ${v}`);
  }
}

/**
 * The visit window in months required of one member under `schedule`: by age group, or the
 * shorter of that and the pregnancy window while the member is pregnant.
 */
export function visitWindowMonths(view: HouseholdView, member: number, schedule: HealthVisitSchedule = DEFAULT_HEALTH_VISIT_SCHEDULE): number {
  const age = view.age(member);
  const byAge =
    view.ageMonths(member) < 24
      ? schedule.under2
      : age <= 5
        ? schedule.age2to5
        : age <= 17
          ? schedule.age6to17
          : age <= 59
            ? schedule.age18to59
            : schedule.age60plus;
  return view.pregnant(member) ? Math.min(byAge, schedule.pregnant) : byAge;
}

/** One healthVisits condition per living member of the household, windows from `schedule`. */
export function healthVisitConditions(view: HouseholdView, schedule: HealthVisitSchedule): HealthVisitsCondition[] {
  const conditions: HealthVisitsCondition[] = [];
  for (let m = 0; m < view.slots; m++)
    if (view.alive(m)) conditions.push({ kind: "healthVisits", member: m, withinMonths: visitWindowMonths(view, m, schedule) });
  return conditions;
}

/** Add {@link healthVisitConditions} to the offer `out` began last: a visit of every living member within their window. */
export function requireHealthVisitsOfEveryone(view: HouseholdView, schedule: HealthVisitSchedule, out: OfferWriter): void {
  for (let m = 0; m < view.slots; m++) if (view.alive(m)) out.requireHealthVisits(m, visitWindowMonths(view, m, schedule));
}

/** Options of {@link healthCheck}. */
export interface HealthCheckOptions {
  /** Amount per household, local currency per month. */
  readonly lcuPerMonth: number;
  /** Visit windows by age group (default {@link DEFAULT_HEALTH_VISIT_SCHEDULE}, an assumption). */
  readonly schedule?: HealthVisitSchedule;
}

/** Component name of the offers made by {@link healthCheck}. */
export const HEALTH_COMPONENT = "health";

/**
 * A household grant conditional on clinic visits: one offer per month, paid when every living
 * member has visited within the window the schedule sets for their age (and pregnancy).
 * A zero amount makes no offers.
 *
 * @example
 * healthCheck({ lcuPerMonth: 100 }); // 100 a month if everyone keeps to the default schedule
 */
export function healthCheck(options: HealthCheckOptions): TransferRule {
  const { lcuPerMonth, schedule = DEFAULT_HEALTH_VISIT_SCHEDULE } = options;
  if (!Number.isFinite(lcuPerMonth) || lcuPerMonth < 0) throw new RangeError(`healthCheck: lcuPerMonth must be a finite number ≥ 0, got ${lcuPerMonth}`);
  assertHealthVisitSchedule(schedule, "healthCheck schedule");
  return defineRule({
    name: "healthCheck",
    write(household, _month, out) {
      if (lcuPerMonth <= 0 || household.size <= 0) return;
      out.offer(HEALTH_COMPONENT, lcuPerMonth);
      requireHealthVisitsOfEveryone(household, schedule, out);
    },
  });
}
