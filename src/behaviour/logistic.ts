/**
 * The logistic function Λ(x) = 1 / (1 + e^(−x)): the probability of choosing an
 * option whose utility advantage is x under logistic taste shocks.
 * @example logistic(0) // 0.5
 */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

// Fast path of belowLogistic: e^(−v) = 2^(n/64) · e^r with n the integer nearest −64v/ln 2,
// so |r| ≤ ln 2/128; tables of 2^(j/64) for j = 0…63 and 2^k for k = −64…64.
const POW2_FRACTION = Float64Array.from({ length: 64 }, (_, j) => Math.pow(2, j / 64));
const POW2_INTEGER = Float64Array.from({ length: 129 }, (_, k) => Math.pow(2, k - 64));
const STEP = Math.LN2 / 64;
const STEPS_PER_UNIT = 64 * Math.LOG2E;
/** Adding and subtracting 1.5 · 2^52 rounds a double of magnitude below 2^51 to the nearest integer. */
const ROUND = 6755399441055744;
/**
 * Relative decision margin of the fast path. Its u·(1 + e^(−v)) is within 4e-11
 * (relative) of the exact product, so when it is further than this from 1 the
 * exact comparison `u < logistic(v)` has the same answer.
 */
const FAST_MARGIN = 1e-9;

/**
 * Exactly `u < logistic(v)` — the Bernoulli draw of a logit model — but
 * usually without `Math.exp` or a division. For |v| < 40 it tests
 * u · (1 + e^(−v)) < 1 with e^(−v) approximated as 2^(n/64) · e^r (n the
 * integer nearest −64v/ln 2, |r| ≤ ln 2/128, e^r by its cubic Taylor
 * polynomial): relative error below 4e-11, rounding included. When that
 * product is more than {@link FAST_MARGIN} from 1 the answer is certain;
 * otherwise (about one draw in 10^9) it is computed exactly as
 * `u < logistic(v)`. Results are therefore bit-identical to the plain
 * comparison, at a fraction of the cost (test/logistic.test.ts checks it).
 * @param u a uniform draw in (0, 1)
 * @param v the utility advantage (logit)
 */
export function belowLogistic(u: number, v: number): boolean {
  if (v > -40 && v < 40) {
    const steps = -v * STEPS_PER_UNIT + ROUND - ROUND;
    const r = -v - steps * STEP;
    const n = steps | 0;
    const e = (POW2_INTEGER[(n >> 6) + 64] as number) * (POW2_FRACTION[n & 63] as number) * (1 + r * (1 + r * (0.5 + r * (1 / 6))));
    const q = u * (1 + e);
    if (q < 1 - FAST_MARGIN) return true;
    if (q > 1 + FAST_MARGIN) return false;
  }
  return u < logistic(v);
}
