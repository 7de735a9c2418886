import type { Condition, HouseholdView, MonthContext, Offer, PaymentSchedule, TransferRule } from "./types.js";

/**
 * Receives a rule's offers one at a time, in the words of {@link Offer} and
 * {@link Condition}: begin an offer, then say whom it is for, how it is labelled
 * and what it requires. Every method returns the writer, so an offer reads as one
 * sentence:
 *
 * ```ts
 * out.offer("education", 175).forMember(m).requireSchoolAttendance(m, 0.85);
 * ```
 *
 * A rule made with {@link defineRule} writes its offers through this interface.
 * The engine passes a writer backed by typed arrays (nothing is allocated per
 * household and month); the rule's `offers()` passes one that builds the
 * {@link Offer} objects. Both see the same calls, so the two cannot disagree.
 */
export interface OfferWriter {
  /**
   * Begin an offer; what is written next belongs to it until the next `offer`.
   * @param component component name, for reporting (e.g. "education", "food")
   * @param lcuPerMonth amount, local currency for this month (finite, ≥ 0)
   */
  offer(component: string, lcuPerMonth: number): this;
  /** The member the offer is for (reporting only; {@link Offer.member}). */
  forMember(member: number): this;
  /** Label the offer (an unconditional transfer labelled e.g. "education": {@link Offer.label}). */
  labelled(label: string): this;
  /** Require the member to attend at least `minRate` (0..1) of school days this month ({@link SchoolAttendanceCondition}). */
  requireSchoolAttendance(member: number, minRate: number): this;
  /** Require a clinic visit of the member within the last `withinMonths` months, this month counting ({@link HealthVisitsCondition}). */
  requireHealthVisits(member: number, withinMonths: number): this;
  /** Require the member to attend `hours` hours of training this month ({@link TrainingCondition}). */
  requireTraining(member: number, hours: number): this;
  /** Require the member at this month's community meeting ({@link MeetingCondition}). */
  requireMeeting(member: number): this;
}

/** Writes one household's offers of one month into `out`, in order. */
export type WriteOffers = (household: HouseholdView, month: MonthContext, out: OfferWriter) => void;

/** Property key of a defined rule's {@link WriteOffers}: a symbol (not part of the rule's data or visible shape), registered with Symbol.for so that a rule made by one bundled copy of bansos (a user module, bansos/node's workers) keeps its fast path in another. */
const WRITE_OFFERS: unique symbol = Symbol.for("bansos.writeOffers");

/** The offers of a rule made by {@link defineRule}, written into the engine's writer; undefined for a rule with `offers()` only. */
export function offerWriterOf(rule: TransferRule): WriteOffers | undefined {
  return (rule as { [WRITE_OFFERS]?: WriteOffers })[WRITE_OFFERS];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An {@link OfferWriter} that builds the {@link Offer} objects `offers()` returns. */
class OfferCollector implements OfferWriter {
  readonly offers: Offer[] = [];
  private last: Mutable<Offer> | null = null;

  offer(component: string, lcuPerMonth: number): this {
    this.last = { component, lcuPerMonth };
    this.offers.push(this.last);
    return this;
  }
  forMember(member: number): this {
    this.current("forMember").member = member;
    return this;
  }
  labelled(label: string): this {
    this.current("labelled").label = label;
    return this;
  }
  requireSchoolAttendance(member: number, minRate: number): this {
    return this.require({ kind: "schoolAttendance", member, minRate });
  }
  requireHealthVisits(member: number, withinMonths: number): this {
    return this.require({ kind: "healthVisits", member, withinMonths });
  }
  requireTraining(member: number, hours: number): this {
    return this.require({ kind: "training", member, hours });
  }
  requireMeeting(member: number): this {
    return this.require({ kind: "meeting", member });
  }

  private require(condition: Condition): this {
    const offer = this.current("require…");
    ((offer.conditions ??= []) as Condition[]).push(condition);
    return this;
  }

  private current(method: string): Mutable<Offer> {
    if (this.last === null) throw new Error(`OfferWriter.${method} before any offer(): begin an offer first`);
    return this.last;
  }
}

/** The offer with its keys in the order of {@link Offer}: component, lcuPerMonth, member, conditions, label. */
function inCanonicalOrder(o: Offer): Offer {
  return {
    component: o.component,
    lcuPerMonth: o.lcuPerMonth,
    ...(o.member === undefined ? {} : { member: o.member }),
    ...(o.conditions === undefined ? {} : { conditions: o.conditions }),
    ...(o.label === undefined ? {} : { label: o.label }),
  };
}

/** A rule defined by its offer writer: the fields of {@link TransferRule} but `offers`, and `write`. */
export interface RuleDefinition {
  /** Name used in errors and reports. */
  readonly name: string;
  /** Household maximum per month (local currency), if any (see {@link TransferRule.capLcuPerMonth}). */
  readonly capLcuPerMonth?: number | undefined;
  /** Household maximum in a given month, local currency (see {@link TransferRule.capForMonth}). */
  readonly capForMonth?: ((month: MonthContext) => number | undefined) | undefined;
  /** Default payment schedule (see {@link TransferRule.payment}). */
  readonly payment?: PaymentSchedule | undefined;
  /** Write this month's offers for one beneficiary household, in order. */
  readonly write: WriteOffers;
}

/**
 * A transfer rule written as an offer writer — the way the built-in rules are
 * written, and the fast way for a rule of your own: the engine runs `write`
 * straight into its typed arrays, and the rule's `offers()` runs the same
 * `write` with a collector of {@link Offer} objects, so the two always agree.
 *
 * @example
 * const perChild = defineRule({
 *   name: "per-child school grant",
 *   write(household, month, out) {
 *     if (!month.schoolMonth) return;
 *     for (let m = 0; m < household.slots; m++)
 *       if (household.alive(m) && household.age(m) < 18) out.offer("child", 50).forMember(m).requireSchoolAttendance(m, 0.8);
 *   },
 * });
 */
export function defineRule(definition: RuleDefinition): TransferRule {
  const { write, ...fields } = definition;
  const rule: TransferRule = {
    name: fields.name,
    ...(fields.capLcuPerMonth === undefined ? {} : { capLcuPerMonth: fields.capLcuPerMonth }),
    ...(fields.capForMonth === undefined ? {} : { capForMonth: fields.capForMonth }),
    ...(fields.payment === undefined ? {} : { payment: fields.payment }),
    offers(household: HouseholdView, month: MonthContext): readonly Offer[] {
      const collector = new OfferCollector();
      write(household, month, collector);
      return collector.offers.map(inCanonicalOrder);
    },
  };
  // Not enumerable: the rule's visible shape stays that of a TransferRule.
  Object.defineProperty(rule, WRITE_OFFERS, { value: write });
  return rule;
}
