/**
 * The contract between transfer rules, the behaviour model and the programme's
 * settlement (DESIGN §3). A rule never touches the population: it reads a
 * {@link HouseholdView} and returns {@link Offer}s; households see the offers
 * before they decide (price effect) and the programme verifies the conditions
 * afterwards (compliance).
 */

/** Attendance condition: the member attends at least `minRate` of school days this month. */
export interface SchoolAttendanceCondition {
  /** Discriminant. */
  readonly kind: "schoolAttendance";
  /** Member slot within the household. */
  readonly member: number;
  /** Minimum attendance share, 0..1 (Progresa and PKH: 0.85). */
  readonly minRate: number;
}

/** Health condition: the member has had a clinic visit within the last `withinMonths` months (this month counts). */
export interface HealthVisitsCondition {
  /** Discriminant. */
  readonly kind: "healthVisits";
  /** Member slot within the household. */
  readonly member: number;
  /** Window in months, ≥ 1: 1 means "a visit this month". */
  readonly withinMonths: number;
}

/** Adult training condition: the member attends at least `hours` hours of training this month. */
export interface TrainingCondition {
  /** Discriminant. */
  readonly kind: "training";
  /** Member slot within the household. */
  readonly member: number;
  /** Required hours this month (> 0). */
  readonly hours: number;
}

/** Community meeting condition (e.g. PKH family development sessions): the member attends this month's meeting. */
export interface MeetingCondition {
  /** Discriminant. */
  readonly kind: "meeting";
  /** Member slot within the household. */
  readonly member: number;
}

/** A condition attached to an offer: what the household must do for the amount to be paid. */
export type Condition = SchoolAttendanceCondition | HealthVisitsCondition | TrainingCondition | MeetingCondition;

/**
 * One component of this month's entitlement. Without conditions it is paid
 * unconditionally; with conditions, all must hold when verified.
 */
export interface Offer {
  /** Component name, for reporting (e.g. "education", "food"). */
  readonly component: string;
  /** Amount in local currency for this month (≥ 0, finite). */
  readonly lcuPerMonth: number;
  /** Member the component is for, if any (reporting only). */
  readonly member?: number;
  /** Conditions that must all hold; empty or absent = unconditional. */
  readonly conditions?: readonly Condition[];
  /**
   * Label of an unconditional transfer (e.g. "education"): carried for the
   * behaviour model's labelling effect (later issue); no effect on payment.
   */
  readonly label?: string;
}

/** Calendar facts of the month being simulated. */
export interface MonthContext {
  /** Month index from the scenario start (0-based). */
  readonly month: number;
  /** Calendar year, e.g. 1998. */
  readonly year: number;
  /** Calendar month 1..12. */
  readonly calendarMonth: number;
  /** True when school is in session this month (per the preset's school calendar). */
  readonly schoolMonth: boolean;
  /** True in the first month of a school year. */
  readonly schoolYearStart: boolean;
}

/**
 * Read-only cursor over one household of the simulated population. The engine
 * moves it from household to household; do not keep references across calls.
 * Member indices run 0 … `slots - 1`; check {@link HouseholdView.alive}.
 */
export interface HouseholdView {
  /** Household index in the population. */
  readonly index: number;
  /** Locality index. */
  readonly locality: number;
  /** Number of member slots in use (living and dead members). */
  readonly slots: number;
  /** Living members. */
  readonly size: number;
  /** Permanent adult earnings, local currency per month. */
  readonly incomeLcuPerMonth: number;
  /** Means-test score: predicted consumption per adult equivalent relative to the poverty line (1 = at the line). */
  readonly meansTestScore: number;
  /** True if the member slot holds a living person. */
  alive(member: number): boolean;
  /** Age in completed years this month. */
  age(member: number): number;
  /** Age in completed months this month. */
  ageMonths(member: number): number;
  /** True for male members. */
  isMale(member: number): boolean;
  /** Whether the member is enrolled in school this school year. */
  enrolled(member: number): boolean;
  /**
   * The grade (1..12) the member attends this school year if enrolled, or would attend
   * if enrolled (grades completed + 1); 0 when the member is outside school ages (6, counting a
   * child turning 6 within the first months of the school year, up to the preset's
   * `lastSchoolAge`, 21) or has completed grade 12.
   */
  schoolGrade(member: number): number;
  /** Times the member has already repeated the grade of {@link HouseholdView.schoolGrade}. */
  repeats(member: number): number;
  /** True while the member is pregnant. */
  pregnant(member: number): boolean;
  /** True for a member with a severe disability. */
  disabled(member: number): boolean;
  /** Hours of programme training the member has attended so far (job-training conditions). */
  trainingHours(member: number): number;
}

/**
 * A transfer rule: this month's offers for a beneficiary household.
 *
 * @example
 * const perChild: TransferRule = {
 *   name: "per-child",
 *   offers(h) {
 *     const out: Offer[] = [];
 *     for (let m = 0; m < h.slots; m++)
 *       if (h.alive(m) && h.age(m) < 18) out.push({ component: "child", lcuPerMonth: 50, member: m });
 *     return out;
 *   },
 * };
 */
export interface TransferRule {
  /** Name used in errors and reports. */
  readonly name: string;
  /** Household maximum per month (local currency) applied to the sum of paid components, if any. */
  readonly capLcuPerMonth?: number;
  /**
   * Household maximum per month (local currency) for the given month, when it changes over
   * time (e.g. Progresa's cap, indexed every six months). When present it takes precedence
   * over {@link TransferRule.capLcuPerMonth}; `undefined` means no cap in that month.
   */
  capForMonth?(month: MonthContext): number | undefined;
  /** Default payment schedule of the rule (the scenario may override it). */
  readonly payment?: PaymentSchedule;
  /** This month's offers for one beneficiary household. */
  offers(household: HouseholdView, month: MonthContext): readonly Offer[];
}

/** When entitlements are paid out. */
export interface PaymentSchedule {
  /** Pay every k months (1 = monthly, 2 = bimonthly, 3 = quarterly …). */
  readonly everyMonths: number;
  /**
   * Calendar month (1..12) of one payment; the others follow every `everyMonths`.
   * E.g. PKH's stages: every 3 months anchored at January (Jan, Apr, Jul, Oct).
   */
  readonly anchorCalendarMonth: number;
  /** Months between the month an entitlement is earned and the first payment that may include it. */
  readonly lagMonths: number;
}

/** Whether a value is a rule given as code (an object with a `name` and an `offers()` method) rather than a rule spec. */
export function isTransferRule(value: unknown): value is TransferRule {
  return (
    typeof value === "object" && value !== null && typeof (value as TransferRule).offers === "function" && typeof (value as TransferRule).name === "string"
  );
}
