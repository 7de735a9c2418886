/**
 * The logistic function Λ(x) = 1 / (1 + e^(−x)): the probability of choosing an
 * option whose utility advantage is x under logistic taste shocks.
 * @example logistic(0) // 0.5
 */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * ln(resources per adult equivalent / poverty line), floored at 5% of the line
 * so that a household with no resources this month stays finite.
 * @param lcuPerMonth household resources, local currency per month
 * @param adultEquivalents household size in adult equivalents (> 0)
 * @param povertyLine poverty line, local currency per adult equivalent per month
 */
export function logWelfareRatio(lcuPerMonth: number, adultEquivalents: number, povertyLine: number): number {
  return Math.log(Math.max(lcuPerMonth / adultEquivalents, 0.05 * povertyLine) / povertyLine);
}
