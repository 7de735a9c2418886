import type { HouseholdView, MonthContext } from "../../src/rules/types.js";

/** One member of a fake household; unspecified traits take harmless defaults. */
export interface FakeMember {
  /** Age in completed years. */
  readonly age: number;
  /** Age in completed months (default age × 12 + 6). */
  readonly ageMonths?: number;
  /** Default false (female). */
  readonly male?: boolean;
  /** Default false. */
  readonly enrolled?: boolean;
  /** Grade attended or that would be attended, 0..12 (default 0). */
  readonly grade?: number;
  /** Times the current grade was already repeated (default 0). */
  readonly repeats?: number;
  /** Default false. */
  readonly pregnant?: boolean;
  /** Default false. */
  readonly disabled?: boolean;
  /** Default true; false marks a dead member's slot. */
  readonly alive?: boolean;
  /** Training hours attended so far (default 0). */
  readonly trainingHours?: number;
}

/** Household-level fields of a fake household. */
export interface FakeHouseholdFields {
  readonly index?: number;
  readonly locality?: number;
  readonly incomeLcuPerMonth?: number;
  readonly meansTestScore?: number;
}

/** A plain-object {@link HouseholdView} over a list of members, for rule tests. */
export function fakeHousehold(members: readonly FakeMember[], fields: FakeHouseholdFields = {}): HouseholdView {
  const at = (m: number): FakeMember => {
    const member = members[m];
    if (member === undefined) throw new RangeError(`no member slot ${m}`);
    return member;
  };
  return {
    index: fields.index ?? 0,
    locality: fields.locality ?? 0,
    slots: members.length,
    size: members.filter((m) => m.alive !== false).length,
    incomeLcuPerMonth: fields.incomeLcuPerMonth ?? 1000,
    meansTestScore: fields.meansTestScore ?? 0.5,
    alive: (m) => at(m).alive !== false,
    age: (m) => at(m).age,
    ageMonths: (m) => at(m).ageMonths ?? at(m).age * 12 + 6,
    isMale: (m) => at(m).male === true,
    enrolled: (m) => at(m).enrolled === true,
    schoolGrade: (m) => at(m).grade ?? 0,
    repeats: (m) => at(m).repeats ?? 0,
    pregnant: (m) => at(m).pregnant === true,
    disabled: (m) => at(m).disabled === true,
    trainingHours: (m) => at(m).trainingHours ?? 0,
  };
}

/** A month context; defaults: October 1998, a school month that is not the school-year start. */
export function monthContext(fields: Partial<MonthContext> = {}): MonthContext {
  return { month: 0, year: 1998, calendarMonth: 10, schoolMonth: true, schoolYearStart: false, ...fields };
}
