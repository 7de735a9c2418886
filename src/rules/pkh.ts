import { caregiver, requireCaregiverAtMeeting } from "./adultConditions.js";
import { defineRule } from "./offerWriter.js";
import type { PaymentSchedule, TransferRule } from "./types.js";

/** PKH benefit schedule year: 2021 (valid 2021–2025) or 2019. */
export type PkhYear = 2021 | 2019;

/** PKH member components, each an amount per eligible member per year. */
export type PkhComponent = "pregnant" | "earlyChildhood" | "primary" | "juniorSecondary" | "seniorSecondary" | "disability" | "elderly";

/**
 * The members a PKH household is paid for, with each one's best component and its amount,
 * and the order they are offered in: reused household after household (grown when a
 * household has more slots), so a call allocates nothing.
 */
class CountedMembers {
  /** Member slot of each counted member. */
  member = new Int32Array(0);
  /** Its best component. */
  readonly component: PkhComponent[] = [];
  /** Its amount, rupiah per month. */
  amount = new Float64Array(0);
  /** Counted members in the order they are offered (indices into the arrays above). */
  order = new Int32Array(0);

  /** Make room for `slots` members. */
  reserve(slots: number): void {
    if (slots <= this.member.length) return;
    const n = Math.max(slots, 2 * this.member.length, 8);
    this.member = new Int32Array(n);
    this.amount = new Float64Array(n);
    this.order = new Int32Array(n);
  }
}

/** PKH amounts of one schedule year, rupiah per year. */
export interface PkhAmounts {
  /** Per member component, rupiah per eligible member per year. */
  readonly perMemberLcuPerYear: Readonly<Record<PkhComponent, number>>;
  /** Fixed amount per family, rupiah per year (2019 only; 0 in 2021). */
  readonly fixedFamilyLcuPerYear: number;
  /** Fixed amount per family in remote areas, rupiah per year (2019 only; 0 in 2021). */
  readonly remoteFixedFamilyLcuPerYear: number;
}

/**
 * PKH's benefit schedule, rupiah per year, from evidence.md §1 [S46–S48, S50, S52, S54]:
 * 2021–2025 — pregnant/post-partum 3.0m, child 0–6 3.0m, primary (SD) 900k, junior
 * secondary (SMP) 1.5m, senior secondary (SMA) 2.0m, severe disability 2.4m, elderly 2.4m;
 * 2019 — fixed 550k per family (1m in remote areas) plus pregnant 2.4m, pre-school 2.4m,
 * SD 900k, SMP 1.5m, SMA 2.0m, disability 2.4m, elderly 2.4m.
 */
export const PKH_AMOUNTS: Readonly<Record<PkhYear, PkhAmounts>> = Object.freeze({
  2021: Object.freeze({
    perMemberLcuPerYear: Object.freeze({
      pregnant: 3_000_000,
      earlyChildhood: 3_000_000,
      primary: 900_000,
      juniorSecondary: 1_500_000,
      seniorSecondary: 2_000_000,
      disability: 2_400_000,
      elderly: 2_400_000,
    }),
    fixedFamilyLcuPerYear: 0,
    remoteFixedFamilyLcuPerYear: 0,
  }),
  2019: Object.freeze({
    perMemberLcuPerYear: Object.freeze({
      pregnant: 2_400_000,
      earlyChildhood: 2_400_000,
      primary: 900_000,
      juniorSecondary: 1_500_000,
      seniorSecondary: 2_000_000,
      disability: 2_400_000,
      elderly: 2_400_000,
    }),
    fixedFamilyLcuPerYear: 550_000,
    remoteFixedFamilyLcuPerYear: 1_000_000,
  }),
});

/**
 * Clinic-visit windows (months) of PKH's health conditions. ASSUMPTION: evidence.md lists
 * antenatal checks, complete immunisation and monthly weighing of under-5s but not a
 * verification window; PKH verifies compliance per quarterly stage, so pregnant members and
 * young children need a visit within 3 months, elderly and disabled members within 12.
 */
export const PKH_HEALTH_WINDOW_MONTHS: Readonly<Record<"pregnant" | "earlyChildhood" | "disability" | "elderly", number>> = Object.freeze({
  pregnant: 3,
  earlyChildhood: 3,
  disability: 12,
  elderly: 12,
});

/** PKH's default payment: four stages a year (January, April, July, October), no lag [S47]. */
export const PKH_PAYMENT: PaymentSchedule = Object.freeze({ everyMonths: 3, anchorCalendarMonth: 1, lagMonths: 0 });

/** Component name of the 2019 fixed family amount. */
export const PKH_FIXED_COMPONENT = "fixed";

/** Options of {@link pkh}. */
export interface PkhOptions {
  /** Benefit schedule year (default 2021, valid 2021–2025). */
  readonly year?: PkhYear;
  /**
   * Most members counted per family, highest-value components first (default 4).
   * ASSUMPTION: evidence.md — "a cap … exists (commonly 4) — not verified".
   */
  readonly memberCap?: number;
  /** Age in completed years from which a member counts as elderly (default 60). ASSUMPTION. */
  readonly elderlyMinAge?: number;
  /**
   * Oldest age in completed years for the school components (default 21: PKH is commonly
   * described as covering school children up to 21 — not in evidence.md, an ASSUMPTION — and
   * the presets keep youths in upper secondary up to `lastSchoolAge`, 21).
   */
  readonly schoolMaxAge?: number;
  /** Minimum share of school days attended, 0..1 (default 0.85 [S50]). */
  readonly minAttendance?: number;
  /** Fixed amount per family, rupiah per year (default: the year's, 550k in 2019, 0 in 2021). */
  readonly fixedFamilyLcuPerYear?: number;
  /** Which localities are remote (2019: higher fixed amount). Default: none. */
  readonly remoteLocality?: (locality: number) => boolean;
  /** Fixed amount per family in remote localities, rupiah per year (default: the year's, 1m in 2019, 0 in 2021). */
  readonly remoteFixedFamilyLcuPerYear?: number;
  /** Payment schedule (default {@link PKH_PAYMENT}: quarterly stages from January). */
  readonly payment?: PaymentSchedule;
  /**
   * Make every component also conditional on the caregiver's attendance of the month's family
   * development session (P2K2 [S51, S52]; default false).
   */
  readonly familyDevelopmentSessions?: boolean;
}

function assertNonnegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`pkh: ${name} must be a finite number ≥ 0, got ${v}`);
}

/**
 * Indonesia's Program Keluarga Harapan (conditional), evidence.md §1. Amounts are the annual
 * component amounts / 12, rupiah per month, per eligible member:
 *
 * - **pregnant** — pregnant member; condition: clinic visit within 3 months.
 * - **earlyChildhood** — child aged 0–6 not enrolled in school; visit within 3 months.
 * - **primary / juniorSecondary / seniorSecondary** — member in grade 1–6 / 7–9 / 10–12 aged
 *   ≤ `schoolMaxAge` (a child aged 6 or under, or a youth over 17, counts here only if enrolled —
 *   an ASSUMPTION: PKH asks children of compulsory school age to be in school); condition:
 *   attendance ≥ `minAttendance`. Offered every month; in vacation months the engine treats
 *   the attendance condition as met by enrolment.
 * - **disability** — severely disabled member; visit within 12 months.
 * - **elderly** — member aged ≥ `elderlyMinAge`; visit within 12 months.
 *
 * ASSUMPTION: a member counts once, for the highest-value component they qualify for (ties:
 * the order above). Then at most `memberCap` members are counted, largest amounts first
 * (ties: lower member slot first). Health windows: {@link PKH_HEALTH_WINDOW_MONTHS}.
 * The 2019 fixed family amount is offered unconditionally and is not subject to the member cap.
 * No household money cap.
 *
 * @example
 * pkh();                              // 2021–2025 schedule, cap of 4 members
 * pkh({ year: 2019, memberCap: 3 });
 */
export function pkh(options: PkhOptions = {}): TransferRule {
  const {
    year = 2021,
    memberCap = 4,
    elderlyMinAge = 60,
    schoolMaxAge = 21,
    minAttendance = 0.85,
    remoteLocality,
    payment = PKH_PAYMENT,
    familyDevelopmentSessions = false,
  } = options;
  const schedule = PKH_AMOUNTS[year];
  if (schedule === undefined) throw new RangeError(`pkh: year must be 2021 or 2019, got ${String(year)}`);
  const fixedPerYear = options.fixedFamilyLcuPerYear ?? schedule.fixedFamilyLcuPerYear;
  const remoteFixedPerYear = options.remoteFixedFamilyLcuPerYear ?? schedule.remoteFixedFamilyLcuPerYear;
  if (!Number.isInteger(memberCap) || memberCap < 0) throw new RangeError(`pkh: memberCap must be an integer ≥ 0, got ${memberCap}`);
  if (!(minAttendance >= 0 && minAttendance <= 1)) throw new RangeError(`pkh: minAttendance must be in 0..1, got ${minAttendance}`);
  assertNonnegative("elderlyMinAge", elderlyMinAge);
  assertNonnegative("schoolMaxAge", schoolMaxAge);
  assertNonnegative("fixedFamilyLcuPerYear", fixedPerYear);
  assertNonnegative("remoteFixedFamilyLcuPerYear", remoteFixedPerYear);

  const perYear = schedule.perMemberLcuPerYear;
  // Whole rupiah a month, as the engine pays (settle rounds each entitlement to whole units):
  // integer amounts also cross the offer writer's calls without being boxed (docs/performance.md).
  const perMonth = (lcuPerYear: number) => Math.round(lcuPerYear / 12);
  const monthly: Readonly<Record<PkhComponent, number>> = Object.freeze({
    pregnant: perMonth(perYear.pregnant),
    earlyChildhood: perMonth(perYear.earlyChildhood),
    primary: perMonth(perYear.primary),
    juniorSecondary: perMonth(perYear.juniorSecondary),
    seniorSecondary: perMonth(perYear.seniorSecondary),
    disability: perMonth(perYear.disability),
    elderly: perMonth(perYear.elderly),
  });
  const fixedMonthly = perMonth(fixedPerYear);
  const remoteFixedMonthly = perMonth(remoteFixedPerYear);
  const windows = PKH_HEALTH_WINDOW_MONTHS;
  // The counted members of one call (reused: rules are called one household at a time).
  const counted = new CountedMembers();

  return defineRule({
    name: `pkh ${year}`,
    payment,
    write(household, _month, out) {
      counted.reserve(household.slots);
      const { member: members, component: components, amount: amounts, order } = counted;
      let count = 0;
      for (let m = 0; m < household.slots; m++) {
        if (!household.alive(m)) continue;
        const age = household.age(m);
        // The member's best component: the largest amount, ties to the earlier in precedence order.
        let best: PkhComponent | undefined;
        let amount = 0;
        if (household.pregnant(m) && monthly.pregnant > amount) {
          best = "pregnant";
          amount = monthly.pregnant;
        }
        const grade = household.schoolGrade(m);
        // To 17 every child of school age counts (PKH asks them to be in school); older youths only while enrolled.
        const schoolChild = grade >= 1 && grade <= 12 && age <= schoolMaxAge && (age > 6 && age <= 17 ? true : household.enrolled(m));
        if (!schoolChild && age <= 6 && monthly.earlyChildhood > amount) {
          best = "earlyChildhood";
          amount = monthly.earlyChildhood;
        }
        if (schoolChild) {
          const level = grade <= 6 ? "primary" : grade <= 9 ? "juniorSecondary" : "seniorSecondary";
          if (monthly[level] > amount) {
            best = level;
            amount = monthly[level];
          }
        }
        if (household.disabled(m) && monthly.disability > amount) {
          best = "disability";
          amount = monthly.disability;
        }
        if (age >= elderlyMinAge && monthly.elderly > amount) {
          best = "elderly";
          amount = monthly.elderly;
        }
        if (best === undefined) continue;
        members[count] = m;
        components[count] = best;
        amounts[count] = amount;
        count++;
      }
      // Over the member cap: the largest amounts, ties in member order (a stable sort by amount, descending).
      for (let k = 0; k < count; k++) order[k] = k;
      let offered = count;
      if (count > memberCap) {
        for (let a = 1; a < count; a++) {
          const k = order[a] as number;
          let b = a - 1;
          while (b >= 0 && (amounts[order[b] as number] as number) < (amounts[k] as number)) {
            order[b + 1] = order[b] as number;
            b--;
          }
          order[b + 1] = k;
        }
        offered = memberCap;
      }
      const fixed = remoteLocality !== undefined && remoteLocality(household.locality) ? remoteFixedMonthly : fixedMonthly;
      const offers = offered + (fixed > 0 ? 1 : 0);
      // Family development sessions: every offer also needs the caregiver at the month's session.
      const session = familyDevelopmentSessions && offers > 0 ? caregiver(household) : -1;
      for (let j = 0; j < offered; j++) {
        const k = order[j] as number;
        const m = members[k] as number;
        const component = components[k] as PkhComponent;
        out.offer(component, amounts[k] as number).forMember(m);
        if (component === "primary" || component === "juniorSecondary" || component === "seniorSecondary") out.requireSchoolAttendance(m, minAttendance);
        else out.requireHealthVisits(m, windows[component]);
        requireCaregiverAtMeeting(session, out);
      }
      if (fixed > 0) {
        out.offer(PKH_FIXED_COMPONENT, fixed);
        requireCaregiverAtMeeting(session, out);
      }
    },
  });
}
