import { defineRule, offerWriterOf } from "./offerWriter.js";
import type { WriteOffers } from "./offerWriter.js";
import type { HouseholdView, MonthContext, Offer, PaymentSchedule, TransferRule } from "./types.js";

/** Options of {@link combine}. */
export interface CombineOptions {
  /** Name of the combined rule (default: the inner names joined by " + "). */
  readonly name?: string;
  /** Household maximum of the combined rule, local currency per month (default: none). */
  readonly capLcuPerMonth?: number;
  /** Payment schedule of the combined rule (default: none, i.e. the engine's / scenario's). */
  readonly payment?: PaymentSchedule;
}

/**
 * Several rules as one: this month's offers are the inner rules' offers, concatenated in
 * the order of `rules`. The combined rule has only the cap given here (local currency per
 * month, applied to the sum of all paid components); the inner rules' own caps
 * (`capLcuPerMonth`, `capForMonth`) and payment schedules are NOT applied.
 *
 * @example
 * // Progresa's education grants plus a cash top-up, under a 900-peso household maximum
 * combine([progresa({ foodGrant: false, cap: false }), unconditional({ lcuPerMonth: 100 })], { capLcuPerMonth: 900 });
 */
export function combine(rules: readonly TransferRule[], options: CombineOptions = {}): TransferRule {
  const { name = rules.map((r) => r.name).join(" + "), capLcuPerMonth, payment } = options;
  if (rules.length === 0) throw new RangeError("combine: needs at least one rule");
  if (capLcuPerMonth !== undefined && (!Number.isFinite(capLcuPerMonth) || capLcuPerMonth < 0))
    throw new RangeError(`combine: capLcuPerMonth must be a finite number ≥ 0, got ${capLcuPerMonth}`);
  const inner = rules.slice();
  // When every inner rule is written as an offer writer, so is the combination.
  const writers = inner.map(offerWriterOf);
  if (writers.every((w) => w !== undefined)) {
    const write = writers as WriteOffers[];
    return defineRule({
      name,
      capLcuPerMonth,
      payment,
      write(household, month, out) {
        for (let k = 0; k < write.length; k++) (write[k] as WriteOffers)(household, month, out);
      },
    });
  }
  return {
    name,
    ...(capLcuPerMonth === undefined ? {} : { capLcuPerMonth }),
    ...(payment === undefined ? {} : { payment }),
    offers(household: HouseholdView, month: MonthContext): readonly Offer[] {
      // Avoid copying when at most one inner rule makes offers (the common case).
      let only: readonly Offer[] | undefined;
      let out: Offer[] | undefined;
      for (const rule of inner) {
        const offers = rule.offers(household, month);
        if (offers.length === 0) continue;
        if (only === undefined) only = offers;
        else {
          out ??= only.slice();
          for (const offer of offers) out.push(offer);
        }
      }
      return out ?? only ?? [];
    },
  };
}
