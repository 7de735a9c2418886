/**
 * Foster–Greer–Thorbecke (FGT) poverty measures.
 *
 * Reference: J. Foster, J. Greer and E. Thorbecke (1984), "A Class of
 * Decomposable Poverty Measures", Econometrica 52(3):761–766.
 *
 * For incomes y_i with population weights w_i (e.g. persons per household,
 * when y_i is per-capita household income) and poverty line z > 0:
 *
 *     P_α = (1 / W) · Σ_{i : y_i < z} w_i · ((z − y_i) / z)^α,   W = Σ w_i
 *
 * α = 0 is the headcount ratio, α = 1 the poverty gap index and α = 2 the
 * squared poverty gap ("severity"), which weights the poorest most.
 *
 * Someone exactly at the line is not poor. The 1984 paper counts incomes "no
 * greater than z" as poor; the strict inequality used here is the now-common
 * convention (e.g. Haughton & Khandker 2009, *Handbook on Poverty and
 * Inequality*, ch. 4) and makes P_0 the α → 0⁺ limit of P_α. For α > 0 the two
 * conventions agree, because a person at the line has a zero shortfall.
 */

/** The three standard FGT measures, each a population share in [0, 1] for non-negative incomes. */
export interface FgtMeasures {
  /** P_0: share of the (weighted) population with income below the line. */
  readonly headcount: number;
  /** P_1: mean normalised shortfall (z − y)/z, counting the non-poor as 0. */
  readonly gap: number;
  /** P_2: mean squared normalised shortfall. */
  readonly severity: number;
}

function checkInputs(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, povertyLine: number): void {
  if (!(Number.isFinite(povertyLine) && povertyLine > 0)) {
    throw new RangeError(`povertyLine must be a finite number > 0, got ${povertyLine}`);
  }
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`weights has length ${weights.length} but values has length ${values.length}`);
  }
  for (let i = 0; i < values.length; i++) {
    const y = values[i]!;
    if (!Number.isFinite(y)) throw new RangeError(`values[${i}] is not finite: ${y}`);
    if (weights !== undefined) {
      const w = weights[i]!;
      if (!(Number.isFinite(w) && w >= 0)) {
        throw new RangeError(`weights[${i}] must be finite and ≥ 0, got ${w}`);
      }
    }
  }
}

/**
 * Weighted FGT poverty measure P_α (Foster, Greer & Thorbecke 1984).
 *
 * @param values incomes (or consumption), in the same currency unit and period as
 *   `povertyLine`; any finite number. A negative income gives a normalised
 *   shortfall above 1, so P_1 and P_2 may then exceed 1.
 * @param weights population weight of each value (≥ 0, e.g. persons per
 *   household), or `undefined` for weight 1 each.
 * @param povertyLine the line z, finite and > 0. Incomes strictly below it are poor.
 * @param alpha poverty aversion α ≥ 0: 0 = headcount, 1 = gap, 2 = severity.
 * @returns P_α; 0 when the total weight is 0 (no population, hence no poor).
 * @throws RangeError on non-finite input, negative weights, mismatched lengths,
 *   a non-positive line or a negative α.
 *
 * @example
 * fgt([50, 100, 150, 200, 300], undefined, 120, 0); // => 0.4 (2 of 5 below 120)
 * fgt([50, 100, 150, 200, 300], undefined, 120, 1); // => 0.15
 */
export function fgt(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, povertyLine: number, alpha: number): number {
  if (!(Number.isFinite(alpha) && alpha >= 0)) {
    throw new RangeError(`alpha must be a finite number ≥ 0, got ${alpha}`);
  }
  checkInputs(values, weights, povertyLine);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    total += w;
    const y = values[i]!;
    if (y < povertyLine) {
      const g = (povertyLine - y) / povertyLine;
      // Exact fast paths for the common α; Math.pow covers the rest (g > 0 here).
      const term = alpha === 0 ? 1 : alpha === 1 ? g : alpha === 2 ? g * g : Math.pow(g, alpha);
      sum += w * term;
    }
  }
  return total > 0 ? sum / total : 0;
}

/**
 * Headcount, gap and severity (P_0, P_1, P_2) in one pass over the data.
 * Same inputs, conventions and errors as {@link fgt}.
 *
 * @param values incomes, same unit as `povertyLine`.
 * @param weights population weights (≥ 0) or `undefined` for weight 1 each.
 * @param povertyLine the line z > 0.
 * @returns the three measures; all 0 when the total weight is 0.
 *
 * @example
 * fgtAll([50, 100, 150, 200, 300], undefined, 120);
 * // => { headcount: 0.4, gap: 0.15, severity: 0.07361… (= 53/720) }
 */
export function fgtAll(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, povertyLine: number): FgtMeasures {
  checkInputs(values, weights, povertyLine);
  let total = 0;
  let poor = 0;
  let gap = 0;
  let severity = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    total += w;
    const y = values[i]!;
    if (y < povertyLine) {
      const g = (povertyLine - y) / povertyLine;
      poor += w;
      gap += w * g;
      severity += w * g * g;
    }
  }
  if (total === 0) return { headcount: 0, gap: 0, severity: 0 };
  return { headcount: poor / total, gap: gap / total, severity: severity / total };
}
