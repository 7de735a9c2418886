import type { Indexation } from "../config/scenario.js";

/**
 * Real value in month `t` of one unit of currency set in the programme's first
 * month: with annual inflation π and indexation every N months from `startMonth`,
 * the last indexation was in month L = start + ⌊(t − start)/N⌋·N (L = start when
 * never indexed), and the factor is (1 + π)^(−(t − L)/12). Equal to 1 without
 * inflation, with monthly indexation, and in indexation months.
 * @example realValueFactor({ annualInflation: 0.12, everyMonths: 0 }, 0, 12) // 1/1.12
 */
export function realValueFactor(indexation: Indexation, startMonth: number, t: number): number {
  const { annualInflation, everyMonths } = indexation;
  if (annualInflation === 0 || t <= startMonth) return 1;
  const since = t - startMonth;
  const sinceIndexed = everyMonths > 0 ? since % everyMonths : since;
  return Math.pow(1 + annualInflation, -sinceIndexed / 12);
}
