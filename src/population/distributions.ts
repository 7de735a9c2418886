/**
 * Discrete draws by inverting the CDF with one uniform (so each draw uses a
 * fixed number of random numbers, whatever its value).
 */

/**
 * Poisson(mean) from one uniform.
 * @example poisson(2, 0.5) // 2 (the median of Poisson(2))
 */
export function poisson(mean: number, u: number): number {
  let k = 0;
  let prob = Math.exp(-mean);
  let cdf = prob;
  while (u > cdf && k < 60) {
    k++;
    prob *= mean / k;
    cdf += prob;
  }
  return k;
}

/**
 * A count with the given mean and standard deviation from one uniform:
 * negative binomial when over-dispersed (sd² > mean), Poisson otherwise.
 * Used for years of schooling, whose mean must survive the floor at zero
 * (a clamped normal would raise it).
 * @example countWithMeanSd(2.6, 2.3, 0.5) // the median, 2
 */
export function countWithMeanSd(mean: number, sd: number, u: number): number {
  const variance = sd * sd;
  if (mean <= 0) return 0;
  if (variance <= mean) return poisson(mean, u);
  const r = (mean * mean) / (variance - mean);
  const p = r / (r + mean);
  let k = 0;
  let prob = Math.pow(p, r);
  let cdf = prob;
  while (u > cdf && k < 200) {
    prob *= ((k + r) / (k + 1)) * (1 - p);
    k++;
    cdf += prob;
  }
  return k;
}
