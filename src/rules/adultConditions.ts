import { defineRule } from "./offerWriter.js";
import type { OfferWriter } from "./offerWriter.js";
import type { HouseholdView, MeetingCondition, TransferRule } from "./types.js";

/** Component name of {@link jobTraining} offers. */
export const TRAINING_COMPONENT = "training";
/** Component name of {@link communityMeetings} offers. */
export const MEETING_COMPONENT = "meetings";

/**
 * The member a programme asks to attend community meetings: the eldest living
 * woman aged 18–59 (programmes such as PKH and Progresa address the mother or
 * caregiver), else the eldest living adult 18–59, else −1.
 * @example caregiver(view) // 1: the head's spouse
 */
export function caregiver(household: HouseholdView): number {
  let woman = -1;
  let adult = -1;
  for (let m = 0; m < household.slots; m++) {
    if (!household.alive(m)) continue;
    const age = household.age(m);
    if (age < 18 || age > 59) continue;
    if (adult < 0 || age > household.age(adult)) adult = m;
    if (!household.isMale(m) && (woman < 0 || age > household.age(woman))) woman = m;
  }
  return woman >= 0 ? woman : adult;
}

/** The meeting condition on the household's {@link caregiver}, or none when no adult 18–59 lives there. */
export function meetingConditions(household: HouseholdView): readonly MeetingCondition[] {
  const m = caregiver(household);
  return m < 0 ? [] : [{ kind: "meeting", member: m }];
}

/** Add {@link meetingConditions} to the offer `out` began last: the caregiver `m` (see {@link caregiver}) at the meeting; none when `m` is −1. */
export function requireCaregiverAtMeeting(m: number, out: OfferWriter): void {
  if (m >= 0) out.requireMeeting(m);
}

/** Options of {@link jobTraining}. */
export interface JobTrainingOptions {
  /** Stipend per participant, local currency per month, paid when the month's hours are attended. */
  readonly lcuPerMonth: number;
  /** Training hours required each month (default 40). */
  readonly hoursPerMonth?: number;
  /** Youngest and oldest eligible age, completed years (default [18, 35], the youth programmes' range). */
  readonly ages?: readonly [number, number];
  /** Most participants per household, youngest first (default 1). */
  readonly maxParticipants?: number;
  /** Length of the course in hours: a member who has attended this many is no longer offered it (default 300). */
  readonly courseHours?: number;
}

/**
 * A job-training stipend: each eligible adult (youngest first, up to
 * `maxParticipants` per household) is offered `lcuPerMonth` on condition of
 * attending `hoursPerMonth` hours of training this month, until the course's
 * hours are done. What training does (employment and earnings) is the
 * behaviour model's (docs/model.md, A2).
 * @example jobTraining({ lcuPerMonth: 300, hoursPerMonth: 40 })
 */
export function jobTraining(options: JobTrainingOptions): TransferRule {
  const { lcuPerMonth, hoursPerMonth = 40, ages = [18, 35], maxParticipants = 1, courseHours = 300 } = options;
  if (!Number.isFinite(lcuPerMonth) || lcuPerMonth < 0) throw new RangeError(`jobTraining: lcuPerMonth must be a finite number ≥ 0, got ${lcuPerMonth}`);
  if (!(hoursPerMonth > 0 && hoursPerMonth <= 400)) throw new RangeError(`jobTraining: hoursPerMonth must be in (0, 400], got ${hoursPerMonth}`);
  if (!(ages[0] <= ages[1])) throw new RangeError(`jobTraining: ages must be [youngest, oldest] with youngest ≤ oldest, got [${ages[0]}, ${ages[1]}]`);
  if (!Number.isInteger(maxParticipants) || maxParticipants < 1)
    throw new RangeError(`jobTraining: maxParticipants must be an integer ≥ 1, got ${maxParticipants}`);
  if (!(courseHours > 0)) throw new RangeError(`jobTraining: courseHours must be > 0, got ${courseHours}`);
  const candidates: number[] = [];
  return defineRule({
    name: "job training",
    write(household, _month, out) {
      candidates.length = 0;
      for (let m = 0; m < household.slots; m++) {
        if (!household.alive(m)) continue;
        const age = household.age(m);
        if (age >= ages[0] && age <= ages[1] && household.trainingHours(m) < courseHours) candidates.push(m);
      }
      // Youngest first, then by slot (insertion sort: few candidates, no comparator closure per call).
      for (let a = 1; a < candidates.length; a++) {
        const m = candidates[a] as number;
        let b = a - 1;
        while (b >= 0 && youngerFirst(household, m, candidates[b] as number) < 0) {
          candidates[b + 1] = candidates[b] as number;
          b--;
        }
        candidates[b + 1] = m;
      }
      for (let k = 0; k < Math.min(maxParticipants, candidates.length); k++) {
        const m = candidates[k] as number;
        out.offer(TRAINING_COMPONENT, lcuPerMonth).forMember(m).requireTraining(m, hoursPerMonth);
      }
    },
  });
}

/** Order of training candidates: by age in months, then by slot. */
function youngerFirst(household: HouseholdView, a: number, b: number): number {
  return household.ageMonths(a) - household.ageMonths(b) || a - b;
}

/** Options of {@link communityMeetings}. */
export interface CommunityMeetingsOptions {
  /** Amount per household, local currency per month, paid when the caregiver attends the month's meeting. */
  readonly lcuPerMonth: number;
}

/**
 * A household grant conditional on the caregiver's attendance of the month's
 * community meeting (like PKH's family development sessions). Households
 * without an adult 18–59 are not offered it. What meetings do (knowledge,
 * clinic visits, child nutrition) is the behaviour model's (docs/model.md, A3–A4).
 * @example communityMeetings({ lcuPerMonth: 50 })
 */
export function communityMeetings(options: CommunityMeetingsOptions): TransferRule {
  const { lcuPerMonth } = options;
  if (!Number.isFinite(lcuPerMonth) || lcuPerMonth < 0) throw new RangeError(`communityMeetings: lcuPerMonth must be a finite number ≥ 0, got ${lcuPerMonth}`);
  return defineRule({
    name: "community meetings",
    write(household, _month, out) {
      const m = caregiver(household);
      if (m >= 0) out.offer(MEETING_COMPONENT, lcuPerMonth).requireMeeting(m);
    },
  });
}
