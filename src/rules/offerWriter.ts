import type { Condition, HouseholdView, MonthContext, Offer, TransferRule } from "./types.js";

/**
 * Condition kinds as small integers, for {@link OfferWriter.condition}. The order
 * follows the {@link Condition} union.
 */
export const ConditionCode = {
  schoolAttendance: 0,
  healthVisits: 1,
  training: 2,
  meeting: 3,
} as const;

/**
 * Receives a rule's offers one at a time: the allocation-free form of
 * `TransferRule.offers`. The engine passes a writer backed by typed arrays, so
 * a built-in rule costs no objects per household and month; `offers()` passes
 * one that builds the usual {@link Offer} objects. Writers are engine-internal.
 */
export interface OfferWriter {
  /**
   * Begin an offer. Conditions written next belong to it.
   * @param member the member the component is for, or −1 for none
   * @param label the label of an unconditional transfer, or undefined for none
   */
  offer(component: string, lcuPerMonth: number, member: number, label: string | undefined): void;
  /**
   * Attach a condition to the offer begun last.
   * @param kind a {@link ConditionCode}
   * @param member member slot (an integer)
   * @param value `minRate` (school attendance), `withinMonths` (health visits), `hours` (training); ignored for meetings
   */
  condition(kind: number, member: number, value: number): void;
}

/** Writes one household's offers of one month into `out`, in the order `offers()` returns them. */
export type WriteOffers = (household: HouseholdView, month: MonthContext, out: OfferWriter) => void;

/** Property key of a built-in rule's {@link WriteOffers} (a symbol: not part of the rule's data or public shape). */
export const WRITE_OFFERS: unique symbol = Symbol("bansos.writeOffers");

/** A rule with the engine's allocation-free fast path. */
export interface WritingRule extends TransferRule {
  readonly [WRITE_OFFERS]: WriteOffers;
}

/** The rule's offer writer, if it has one. */
export function offerWriterOf(rule: TransferRule): WriteOffers | undefined {
  return (rule as Partial<WritingRule>)[WRITE_OFFERS];
}

/** An {@link OfferWriter} that builds the {@link Offer} objects `offers()` returns. */
class OfferCollector implements OfferWriter {
  readonly offers: Offer[] = [];
  private conditions: Condition[] | null = null;
  private pending: { component: string; lcuPerMonth: number; member: number; label: string | undefined } | null = null;

  offer(component: string, lcuPerMonth: number, member: number, label: string | undefined): void {
    this.flush();
    this.pending = { component, lcuPerMonth, member, label };
  }

  condition(kind: number, member: number, value: number): void {
    (this.conditions ??= []).push(conditionObject(kind, member, value));
  }

  /** Turn the offer begun last into an object (keys in the order the rules always used). */
  flush(): void {
    const p = this.pending;
    if (p === null) return;
    const offer: { -readonly [K in keyof Offer]: Offer[K] } = { component: p.component, lcuPerMonth: p.lcuPerMonth };
    if (p.member >= 0) offer.member = p.member;
    if (this.conditions !== null) offer.conditions = this.conditions;
    if (p.label !== undefined) offer.label = p.label;
    this.offers.push(offer);
    this.pending = null;
    this.conditions = null;
  }
}

function conditionObject(kind: number, member: number, value: number): Condition {
  switch (kind) {
    case ConditionCode.schoolAttendance:
      return { kind: "schoolAttendance", member, minRate: value };
    case ConditionCode.healthVisits:
      return { kind: "healthVisits", member, withinMonths: value };
    case ConditionCode.training:
      return { kind: "training", member, hours: value };
    default:
      return { kind: "meeting", member };
  }
}

/**
 * A rule whose `offers()` and engine fast path come from one writer, so the two
 * cannot disagree: `offers()` runs the writer with a collector of objects.
 * @param fields the rule without `offers` (name, cap, payment …)
 * @param write the rule's offers, written in order
 */
export function writingRule(fields: Omit<TransferRule, "offers">, write: WriteOffers): TransferRule {
  const rule: TransferRule = {
    ...fields,
    offers(household: HouseholdView, month: MonthContext): readonly Offer[] {
      const collector = new OfferCollector();
      write(household, month, collector);
      collector.flush();
      return collector.offers;
    },
  };
  return withOfferWriter(rule, write);
}

/**
 * Attach the engine's fast path to a rule whose `offers()` is written by hand;
 * `write` must write exactly the offers `offers()` returns, in the same order.
 */
export function withOfferWriter(rule: TransferRule, write: WriteOffers): TransferRule {
  // Not enumerable: the rule's visible shape stays what it was.
  Object.defineProperty(rule, WRITE_OFFERS, { value: write });
  return rule;
}
