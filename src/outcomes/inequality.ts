/**
 * Gini coefficient, exact for weighted microdata and for grouped data.
 *
 * Both functions use the population (not the small-sample) definition,
 *
 *     G = Σ_i Σ_j w_i w_j |y_i − y_j| / (2 W² μ),   W = Σ w_i,  μ = Σ w_i y_i / W,
 *
 * computed as one minus twice the area under the Lorenz curve. For discrete
 * data the Lorenz curve is piecewise linear, so the trapezoid rule
 *
 *     G = 1 − Σ_k (F_k − F_{k−1}) (L_k + L_{k−1})
 *
 * (F = cumulative population share, L = cumulative income share, units in
 * increasing order of income) is exact rather than an approximation.
 * With n equally weighted units the maximum is (n − 1)/n, so G < 1.
 */

// Trapezoid Gini over groups already in increasing order of mean value.
// Inputs are validated by the callers. Returns 0 for zero population or income.
function lorenzGini(n: number, count: (k: number) => number, sum: (k: number) => number): number {
  let population = 0;
  let income = 0;
  for (let k = 0; k < n; k++) {
    population += count(k);
    income += sum(k);
  }
  if (population === 0 || income === 0) return 0;
  // Σ_k f_k (2 S_{k−1} + s_k), with S the running income total; dividing by
  // W·S_total at the end gives Σ ΔF (L_k + L_{k−1}).
  let before = 0;
  let area = 0;
  for (let k = 0; k < n; k++) {
    const s = sum(k);
    area += count(k) * (2 * before + s);
    before += s;
  }
  const g = 1 - area / (population * income);
  // Rounding can leave a tiny negative for equal incomes; the true value is ≥ 0.
  return g > 0 ? g : 0;
}

/**
 * Gini coefficient of (optionally weighted) non-negative values.
 *
 * Sorts once, so O(n log n) time and O(n) extra memory.
 *
 * @param values non-negative finite amounts (e.g. per-capita household income).
 * @param weights population weight of each value (finite, ≥ 0), e.g. persons per
 *   household; `undefined` means weight 1 each. Integer weights give exactly the
 *   Gini of the data with each value repeated that many times.
 * @returns G in [0, 1); 0 when there is no population (empty input or all-zero
 *   weights) or no income (all values 0). Never NaN.
 * @throws RangeError on negative or non-finite values or weights, or mismatched lengths.
 *
 * @example
 * gini([1, 1, 1, 1]); // => 0
 * gini([0, 0, 0, 1]); // => 0.75
 * gini([1, 2], [3, 1]); // => 0.15, same as gini([1, 1, 1, 2])
 */
export function gini(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const n = values.length;
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError(`weights has length ${weights.length} but values has length ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    if (!(Number.isFinite(y) && y >= 0)) {
      throw new RangeError(`values[${i}] must be finite and ≥ 0, got ${y}`);
    }
    if (weights !== undefined) {
      const w = weights[i]!;
      if (!(Number.isFinite(w) && w >= 0)) {
        throw new RangeError(`weights[${i}] must be finite and ≥ 0, got ${w}`);
      }
    }
  }
  if (weights === undefined) {
    const sorted = Float64Array.from(values).sort();
    return lorenzGini(
      n,
      () => 1,
      (k) => sorted[k]!,
    );
  }
  // Sort indices, not values, so each weight stays with its value. Ties may end
  // up in any order: equal values contribute nothing to |y_i − y_j|.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  return lorenzGini(
    n,
    (k) => weights[order[k]!]!,
    (k) => weights[order[k]!]! * values[order[k]!]!,
  );
}

/**
 * Gini coefficient of grouped data (e.g. deciles, or income brackets).
 *
 * Group k has `counts[k]` people whose values add up to `sums[k]`. Each group is
 * treated as internally equal (everyone at the group mean), so the Lorenz curve
 * is the polygon through the group boundaries; the result is exact for data that
 * really are equal within groups and a lower bound otherwise.
 *
 * @param counts people per group (finite, ≥ 0; need not be integers). Empty
 *   groups (count 0, sum 0) are allowed anywhere.
 * @param sums total value per group (finite, ≥ 0), same unit as the values.
 *   Groups must be in increasing order of mean `sums[k] / counts[k]`.
 * @returns G in [0, 1); 0 for no people or no income. Never NaN.
 * @throws RangeError on negative or non-finite entries, mismatched lengths, a
 *   non-zero sum in an empty group, or groups out of order.
 *
 * @example
 * // Two groups of two: values {1, 1} and {3, 3}.
 * giniFromGroups([2, 2], [2, 6]); // => 0.25, same as gini([1, 1, 3, 3])
 */
export function giniFromGroups(counts: ArrayLike<number>, sums: ArrayLike<number>): number {
  const n = counts.length;
  if (sums.length !== n) {
    throw new RangeError(`sums has length ${sums.length} but counts has length ${n}`);
  }
  let previousMean = 0;
  for (let k = 0; k < n; k++) {
    const c = counts[k]!;
    const s = sums[k]!;
    if (!(Number.isFinite(c) && c >= 0)) {
      throw new RangeError(`counts[${k}] must be finite and ≥ 0, got ${c}`);
    }
    if (!(Number.isFinite(s) && s >= 0)) {
      throw new RangeError(`sums[${k}] must be finite and ≥ 0, got ${s}`);
    }
    if (c === 0) {
      if (s !== 0) throw new RangeError(`group ${k} has no people but sums[${k}] = ${s}`);
      continue;
    }
    const mean = s / c;
    // Relative slack: group sums accumulated in floating point may put equal
    // means a few ulps out of order.
    if (mean < previousMean * (1 - 1e-9)) {
      throw new RangeError(`groups must be in increasing order of mean value; group ${k} has mean ${mean} after ${previousMean}`);
    }
    previousMean = Math.max(previousMean, mean);
  }
  return lorenzGini(
    n,
    (k) => counts[k]!,
    (k) => sums[k]!,
  );
}
