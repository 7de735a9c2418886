/**
 * Quantiles of weighted microdata and of grouped (binned) data.
 */

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
}

/**
 * Weighted quantile: the inverse of the weighted empirical distribution
 * function, averaging the two neighbouring values where the cumulative weight
 * share hits `p` exactly (Hyndman & Fan 1996, definition 2, extended to weights).
 *
 * With unit weights this is the textbook median for both odd and even n
 * (median of [1, 2, 3, 4] is 2.5) and the "averaged inverse ECDF" quantile
 * otherwise. It depends on the data only through the weighted distribution, so
 * scaling all weights changes nothing and an integer weight is the same as
 * repeating the value. Because the comparison with p · W is made in floating
 * point, "exactly" means within a relative 1e-12 of the total weight.
 *
 * @param values finite values, in any order and any unit.
 * @param weights population weights (finite, ≥ 0; e.g. persons per household),
 *   or `undefined` for weight 1 each. Zero-weight values are ignored.
 * @param p probability in [0, 1]: 0 gives the smallest and 1 the largest value
 *   with positive weight.
 * @returns the p-quantile, in the unit of `values`.
 * @throws RangeError if there is no positive weight, on non-finite input,
 *   negative weights, mismatched lengths or p outside [0, 1].
 *
 * @example
 * weightedQuantile([4, 1, 3, 2], undefined, 0.5); // => 2.5
 * weightedQuantile([10, 20, 30], [1, 1, 2], 0.5); // => 25, as for [10, 20, 30, 30]
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, p: number): number {
  checkProbability(p);
  const n = values.length;
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError(`weights has length ${weights.length} but values has length ${n}`);
  }
  const kept: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    if (!Number.isFinite(y)) throw new RangeError(`values[${i}] is not finite: ${y}`);
    const w = weights === undefined ? 1 : weights[i]!;
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new RangeError(`weights[${i}] must be finite and ≥ 0, got ${w}`);
    }
    if (w > 0) {
      kept.push(i);
      total += w;
    }
  }
  if (kept.length === 0) throw new RangeError("weightedQuantile needs at least one positive weight");
  kept.sort((a, b) => values[a]! - values[b]!);

  const target = p * total;
  const tolerance = 1e-12 * total;
  let cumulative = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    cumulative += weights === undefined ? 1 : weights[i]!;
    if (cumulative >= target - tolerance) {
      const next = kept[k + 1];
      // At a jump of the distribution function any value between the two
      // neighbours inverts it; definition 2 takes the midpoint.
      if (cumulative <= target + tolerance && next !== undefined && p > 0) {
        return (values[i]! + values[next]!) / 2;
      }
      return values[i]!;
    }
  }
  // Unreachable: the last cumulative equals the total, and target ≤ total.
  return values[kept[kept.length - 1]!]!;
}

/**
 * Quantile of grouped data by linear interpolation inside the group (the
 * classical grouped-median formula L + (pN − F) / f · h, for any p).
 *
 * Group k holds `counts[k]` people spread evenly over
 * [`lowerEdges[k]`, `upperEdges[k]`]. Groups must be in increasing order and
 * must not overlap (`upperEdges[k − 1] ≤ lowerEdges[k]`); gaps between groups
 * are allowed, and a group may be a single point (lower = upper).
 *
 * @param counts people per group (finite, ≥ 0; need not be integers).
 * @param lowerEdges lower edge of each group, in the unit of the values.
 * @param upperEdges upper edge of each group, ≥ its lower edge.
 * @param p probability in [0, 1]: 0 gives the lower edge of the first
 *   non-empty group and 1 the upper edge of the last.
 * @returns the interpolated p-quantile. Where pN falls exactly on the boundary
 *   between two groups separated by a gap, the upper edge of the lower group.
 * @throws RangeError if there are no people, on mismatched lengths, non-finite
 *   or negative entries, reversed or overlapping edges, or p outside [0, 1].
 *
 * @example
 * // 5 people in [0, 10), 10 in [10, 20), 5 in [20, 30): median = 10 + (10 − 5)/10 · 10
 * quantileFromGroups([5, 10, 5], [0, 10, 20], [10, 20, 30], 0.5); // => 15
 */
export function quantileFromGroups(counts: ArrayLike<number>, lowerEdges: ArrayLike<number>, upperEdges: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const n = counts.length;
  if (lowerEdges.length !== n || upperEdges.length !== n) {
    throw new RangeError(`counts, lowerEdges and upperEdges must have equal lengths, got ${n}, ${lowerEdges.length}, ${upperEdges.length}`);
  }
  let total = 0;
  for (let k = 0; k < n; k++) {
    const c = counts[k]!;
    const lo = lowerEdges[k]!;
    const hi = upperEdges[k]!;
    if (!(Number.isFinite(c) && c >= 0)) {
      throw new RangeError(`counts[${k}] must be finite and ≥ 0, got ${c}`);
    }
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new RangeError(`group ${k} needs finite edges with lower ≤ upper, got [${lo}, ${hi}]`);
    }
    if (k > 0 && lo < upperEdges[k - 1]!) {
      throw new RangeError(`group ${k} starts at ${lo}, below the end ${upperEdges[k - 1]} of group ${k - 1}`);
    }
    total += c;
  }
  if (total === 0) throw new RangeError("quantileFromGroups needs at least one person");

  const target = p * total;
  let before = 0;
  let last = -1;
  for (let k = 0; k < n; k++) {
    const c = counts[k]!;
    if (c === 0) continue;
    last = k;
    if (before + c >= target) {
      // Clamp: with p = 0, target − before is 0; rounding must not step outside the group.
      const share = Math.min(1, Math.max(0, (target - before) / c));
      const lo = lowerEdges[k]!;
      return lo + share * (upperEdges[k]! - lo);
    }
    before += c;
  }
  // Only reached when rounding leaves the running total a hair below p · total.
  return upperEdges[last]!;
}
