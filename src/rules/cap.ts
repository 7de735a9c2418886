import type { MonthContext, TransferRule } from "./types.js";

/**
 * A rule's household cap in a month, local currency: `capForMonth` when the
 * rule has it, else `capLcuPerMonth`, else no cap (Infinity).
 */
export function capOf(rule: TransferRule, month: MonthContext): number {
  return rule.capForMonth ? (rule.capForMonth(month) ?? Infinity) : (rule.capLcuPerMonth ?? Infinity);
}
