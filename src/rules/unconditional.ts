import { defineRule } from "./offerWriter.js";
import type { MonthContext, TransferRule } from "./types.js";

/** Options of {@link unconditional}. */
export interface UnconditionalOptions {
  /** Amount in local currency per month: per household, or per living member when `perMember`. */
  readonly lcuPerMonth: number;
  /** Pay `lcuPerMonth` to every living member instead of once per household (default false). */
  readonly perMember?: boolean;
  /**
   * Label of the transfer (e.g. "education"), carried on the offer for the behaviour model's
   * labelling effect; no effect on payment. Default: none (a plain cash transfer).
   */
  readonly label?: string | undefined;
  /**
   * Amounts by month index from the scenario start (local currency per month), overriding
   * `lcuPerMonth`; months past the end use the last value. Used to match another
   * programme's spending month by month (see `budgetMatchedUnconditional`).
   */
  readonly lcuPerMonthByMonth?: readonly number[] | undefined;
}

/** Component name of the offers made by {@link unconditional}. */
export const UNCONDITIONAL_COMPONENT = "unconditional";

/**
 * An unconditional cash transfer (e.g. Indonesia's BLT: Rp100k per household per month):
 * one offer per beneficiary household per month, or one per living member when `perMember`.
 * The offers carry no conditions, so they work only through income (and, if labelled,
 * through the label). A zero amount makes no offers.
 *
 * @example
 * const blt = unconditional({ lcuPerMonth: 100_000 }); // Rp100k per household per month
 */
export function unconditional(options: UnconditionalOptions): TransferRule {
  const { perMember = false, label, lcuPerMonthByMonth: byMonth } = options;
  const amounts = byMonth && byMonth.length > 0 ? byMonth : [options.lcuPerMonth];
  for (const amount of amounts) {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`unconditional: amounts must be finite numbers ≥ 0, got ${amount}`);
  }
  const amountIn = (month: MonthContext) => amounts[Math.min(month.month, amounts.length - 1)] as number;
  const name = label === undefined ? "unconditional" : `unconditional (${label})`;

  if (!perMember) {
    return defineRule({
      name,
      write(_household, month, out) {
        const lcuPerMonth = amountIn(month);
        if (lcuPerMonth <= 0) return;
        out.offer(UNCONDITIONAL_COMPONENT, lcuPerMonth);
        if (label !== undefined) out.labelled(label);
      },
    });
  }

  return defineRule({
    name: `${name} per member`,
    write(household, month, out) {
      const lcuPerMonth = amountIn(month);
      if (lcuPerMonth <= 0) return;
      for (let m = 0; m < household.slots; m++) {
        if (!household.alive(m)) continue;
        out.offer(UNCONDITIONAL_COMPONENT, lcuPerMonth).forMember(m);
        if (label !== undefined) out.labelled(label);
      }
    },
  });
}
