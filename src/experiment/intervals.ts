/**
 * Confidence intervals across simulation replications: Student t quantiles,
 * the t-interval of a mean, and the paired interval used with common random
 * numbers.
 *
 * The t distribution function is evaluated through the regularized incomplete
 * beta function, P(T > t) = ½ · I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz &
 * Stegun 1964, 26.7.1 with 26.5.27), using the continued fraction of A&S
 * 26.5.8 evaluated by the modified Lentz method (Press et al., *Numerical
 * Recipes*, 3rd ed., §6.4 and §5.2). That fraction loses about ν·ε of relative
 * accuracy, so above ν = 1e7 the normal approximation of A&S 26.7.8 takes over
 * (R's `pt` does the same above 4e5); from ν = 1e7 on, its relative error in
 * P(T > t) is below 2e-9 for |t| ≤ 12 and below 1e-6 out to |t| = 37
 * (P = 1e-300). The quantile inverts the distribution function by safeguarded
 * Newton iteration on ln P(T > t) against ln t, inside a bracket whose ends are
 * provably below and above the root (see {@link studentTQuantile}).
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// Lanczos (1964) approximation to ln Γ(x), g = 7 with the 9 coefficients
// computed by P. Godfrey; relative error near 1e-15 for the arguments used
// here (0 < x < 11). Below ½ the reflection formula is used.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

function lnGamma(x: number): number {
  if (x < 0.5) {
    // Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Remainder of Stirling's series, ln Γ(x) − [(x − ½) ln x − x + ln √(2π)],
// = Σ_k B_{2k} / (2k (2k − 1) x^{2k−1}) for k = 1..7 (A&S 6.1.40); for x ≥ 10
// the first omitted term is below 1e-16.
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  const series = 1 / 12 + r * (-1 / 360 + r * (1 / 1260 + r * (-1 / 1680 + r * (1 / 1188 + r * (-691 / 360360 + r / 156)))));
  return series / x;
}

// ln B(a, ½), the normalising constant of the t distribution with ν = 2a.
// For large a, ln Γ(a) − ln Γ(a + ½) cancels catastrophically (each term is
// ~ a ln a), so the Stirling parts are combined analytically first (the
// approach of R's nmath/lbeta.c):
//   ln B(a, ½) = ln Γ(½) + ½ − ½ ln(a + ½) + (a − ½) ln(a / (a + ½)) + corr(a) − corr(a + ½).
function lnBetaHalf(a: number): number {
  const lnGammaHalf = 0.5 * Math.log(Math.PI);
  if (a < 10) return lnGamma(a) + lnGammaHalf - lnGamma(a + 0.5);
  return lnGammaHalf + 0.5 - 0.5 * Math.log(a + 0.5) + (a - 0.5) * Math.log1p(-0.5 / (a + 0.5)) + stirlingCorrection(a) - stirlingCorrection(a + 0.5);
}

// Continued fraction for I_x(a, b) (A&S 26.5.8) by the modified Lentz method.
// Converges quickly for x < (a + 1)/(a + b + 2); the number of terms grows like
// √max(a, b), hence the generous cap.
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const maxTerms = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxTerms; m++) {
    const m2 = 2 * m;
    // Even step.
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge (a = ${a}, b = ${b}, x = ${x})`);
}

// ln of the standard normal upper tail, ln P(Z > z) for z ≥ 0, via
// P(Z > z) = ½ Q(½, z²/2) with Q the regularized upper incomplete gamma
// function: its series (A&S 6.5.29) below x = 1.5, its continued fraction
// (A&S 6.5.31, modified Lentz) above (Numerical Recipes §6.2).
function logNormalUpperTail(z: number): number {
  const x = (z * z) / 2;
  // ln of e^{−x} x^½ / Γ(½), the common factor; Γ(½) = √π.
  const lnFront = -x + 0.5 * Math.log(x) - 0.5 * Math.log(Math.PI);
  if (x < 1.5) {
    // P(½, x) = front / ½ · Σ_n x^n / ((3/2)(5/2)…(½ + n)).
    let term = 2;
    let sum = term;
    for (let n = 1; n < 200; n++) {
      term *= x / (0.5 + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return -Math.LN2 + Math.log1p(-Math.exp(lnFront) * sum);
  }
  const tiny = 1e-300;
  let b = x + 0.5; // x + 1 − a with a = ½
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -Math.LN2 + lnFront + Math.log(h);
}

// Above this many degrees of freedom the normal approximation is the more
// accurate of the two ways of computing the t tail (see the module comment).
const LARGE_DF = 1e7;

// ln(1 + t²/ν) for t ≥ 0, also where t²/ν overflows to Infinity.
function lnOnePlusR2(t: number, df: number): number {
  const r2 = (t * t) / df;
  return r2 < 1 ? Math.log1p(r2) : 2 * Math.log(t) - Math.log(df) + Math.log1p(1 / r2);
}

// ln P(T > t) for t ≥ 0, T ~ Student t with ν degrees of freedom.
// x = ν/(ν + t²) and y = 1 − x = t²/(ν + t²) are formed separately, together
// with their logarithms, so neither loses precision to cancellation.
function logUpperTail(t: number, df: number, lnB: number): number {
  if (t === 0) return -Math.LN2;
  if (t === Infinity) return -Infinity;
  if (df > LARGE_DF) {
    // A&S 26.7.8: z = t (1 − 1/(4ν)) / √(1 + t²/(2ν)) is nearly standard normal.
    // Written with 1/t² so that a huge t cannot overflow t².
    return logNormalUpperTail((1 - 1 / (4 * df)) / Math.sqrt(1 / (t * t) + 1 / (2 * df)));
  }
  const a = df / 2;
  const r2 = (t * t) / df;
  const lnX = -lnOnePlusR2(t, df); // ln 1/(1 + r²)
  // ln r²/(1 + r²), without the cancellation of ln r² − ln(1 + r²) for large r².
  const lnY = r2 > 1 ? -Math.log1p(1 / r2) : 2 * Math.log(t) - Math.log(df) + lnX;
  const x = Math.exp(lnX);
  const y = Math.exp(lnY);
  // ln of x^a y^½ / B(a, ½), the common factor of both continued fractions.
  const lnFront = a * lnX + 0.5 * lnY - lnB;
  if (x < (a + 1) / (a + 2.5)) {
    // I_x(a, ½) directly: small in the tail, so take logs throughout.
    return -Math.LN2 + lnFront + Math.log(betaContinuedFraction(a, 0.5, x) / a);
  }
  // I_x(a, ½) = 1 − I_y(½, a); here P(T > t) is close to ½.
  const complement = (Math.exp(lnFront) * betaContinuedFraction(0.5, a, y)) / 0.5;
  return -Math.LN2 + Math.log1p(-complement);
}

// ln f(t), the Student t density: f(t) = (1 + t²/ν)^{−(ν+1)/2} / (√ν B(ν/2, ½)).
function logDensity(t: number, df: number, lnB: number): number {
  return -lnB - 0.5 * Math.log(df) - ((df + 1) / 2) * lnOnePlusR2(t, df);
}

// Rough upper-tail t quantile for the starting point of the Newton iteration:
// the normal quantile by A&S 26.2.23 (absolute error < 4.5e-4), corrected for
// ν by the first two terms of the Cornish–Fisher expansion (A&S 26.7.5).
// Good for large ν; for small ν the bracket ends usually start closer.
function cornishFisherGuess(q: number, df: number): number {
  const w = Math.sqrt(-2 * Math.log(q));
  const z = w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308)));
  const z2 = z * z;
  return z + (z * (z2 + 1)) / (4 * df) + (z * (3 + z2 * (16 + 5 * z2))) / (96 * df * df);
}

function checkDf(df: number): void {
  if (!(Number.isFinite(df) && df > 0)) {
    throw new RangeError(`degrees of freedom must be a finite number > 0, got ${df}`);
  }
}

/**
 * Distribution function P(T ≤ t) of Student's t with `df` degrees of freedom.
 *
 * @param t the point at which to evaluate (any number, ±Infinity allowed).
 * @param df degrees of freedom, finite and > 0 (need not be an integer).
 * @returns the probability P(T ≤ t), in [0, 1].
 * @throws RangeError if `t` is NaN or `df` is not finite and positive.
 *
 * @example
 * studentTCdf(0, 7); // => 0.5
 * studentTCdf(1, 1); // => 0.75 (Cauchy: ½ + atan(1)/π)
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) throw new RangeError("t must not be NaN");
  const tail = Math.exp(logUpperTail(Math.abs(t), df, lnBetaHalf(df / 2)));
  return t < 0 ? tail : 1 - tail;
}

/**
 * Quantile (inverse distribution function) of Student's t: the t with
 * P(T ≤ t) = p, for `df` degrees of freedom.
 *
 * df = 1 and df = 2 use the closed forms t = tan(π(p − ½)) and
 * t = (2p − 1)/√(2p(1 − p)). Otherwise, with q = min(p, 1 − p), the root of
 * P(T > t) = q is bracketed by
 *   - t_lo = (½ − q)/f(0): P(T > t) is convex for t ≥ 0, so it lies above its
 *     tangent at 0, ½ − f(0)·t, and P(T > t_lo) ≥ q;
 *   - t_hi = (ν^{ν/2 − 1} / (B(ν/2, ½) q))^{1/ν}: since 1 + t²/ν > t²/ν, the
 *     density is below ν^{ν/2} t^{−ν−1} / B(ν/2, ½), whose tail integral
 *     ν^{ν/2 − 1} t^{−ν} / B(ν/2, ½) therefore bounds P(T > t) from above and
 *     equals q at t_hi, so P(T > t_hi) ≤ q;
 * and found by Newton steps on ln P(T > t) against ln t (nearly linear in the
 * power-law tail), starting from the best of the two ends and a Cornish–Fisher
 * guess, falling back to bisection whenever a step leaves the bracket; it
 * takes at most 4 steps in practice. Checked against 50-digit references for
 * p from 1e-300 to 1 − 1e-12, the error (relative where |t| > 1, absolute
 * below) is under 1e-12 for 1 ≤ df ≤ 1e5 and under 1e-9 for any df, well
 * inside the 1e-6 of printed tables.
 *
 * @param p probability in [0, 1]; 0 and 1 give −Infinity and +Infinity.
 * @param df degrees of freedom, finite and > 0 (need not be an integer).
 * @returns the p-quantile.
 * @throws RangeError if `p` is outside [0, 1] or `df` is not finite and positive.
 *
 * @example
 * studentTQuantile(0.975, 9); // => 2.262157… (two-sided 95%, n = 10)
 * studentTQuantile(0.025, 9); // => −2.262157…
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // q is exact: 1 − p has no rounding error for p ≥ ½ (Sterbenz).
  const q = p < 0.5 ? p : 1 - p;
  const sign = p < 0.5 ? -1 : 1;
  if (df === 1) return sign / Math.tan(Math.PI * q);
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));

  const lnB = lnBetaHalf(df / 2);
  const lnQ = Math.log(q);
  // Work in s = ln t; g(s) = ln P(T > e^s) − ln q is decreasing, with
  // g'(s) = −t f(t) / P(T > t).
  let lo = Math.log(0.5 - q) + lnB + 0.5 * Math.log(df); // ln t_lo, f(0) = 1/(√ν B)
  let hi = ((df / 2 - 1) * Math.log(df) - lnB - lnQ) / df; // ln t_hi
  const g = (s: number): number => logUpperTail(Math.exp(s), df, lnB) - lnQ;
  // The bounds hold in real arithmetic (for ν ≤ LARGE_DF, where the tail is the
  // exact one); widen if rounding or the approximation says otherwise.
  const lnMax = Math.log(Number.MAX_VALUE);
  hi = Math.min(hi, lnMax);
  let gHi = g(hi);
  while (gHi > 0) {
    // The root lies beyond the largest double (tiny q with ν < 1).
    if (hi >= lnMax) return sign * Infinity;
    hi = Math.min(hi + 1, lnMax);
    gHi = g(hi);
  }
  let gLo = g(lo);
  while (gLo < 0) {
    lo -= 1;
    gLo = g(lo);
  }

  // Start from the best of three points in ln-probability: the tail bound is
  // sharp for small q and small ν, the tangent bound for q near ½, and the
  // Cornish–Fisher guess for large ν.
  let s = gLo < -gHi ? lo : hi;
  const guess = Math.log(cornishFisherGuess(q, df)); // NaN (skipped) if the guess is ≤ 0
  if (guess > lo && guess < hi) {
    const gGuess = g(guess);
    if (Math.abs(gGuess) < Math.min(gLo, -gHi)) s = guess;
    if (gGuess > 0) lo = guess;
    else hi = guess;
  }
  for (let iteration = 0; iteration < 100; iteration++) {
    const t = Math.exp(s);
    const lnTail = logUpperTail(t, df, lnB);
    const value = lnTail - lnQ;
    if (value === 0) break;
    if (value > 0) lo = s;
    else hi = s;
    const slope = -Math.exp(s + logDensity(t, df, lnB) - lnTail);
    const newton = s - value / slope;
    // Quadratic convergence: after a step of 1e-9 the error is ~1e-18, far
    // below the rounding noise of g, so stop.
    if (Math.abs(newton - s) <= 1e-9 * Math.max(1, Math.abs(s))) {
      s = newton;
      break;
    }
    if (newton > lo && newton < hi) {
      s = newton;
    } else {
      s = (lo + hi) / 2;
      if (hi - lo <= 1e-15 * Math.max(1, Math.abs(s))) break;
    }
  }
  return sign * Math.exp(s);
}

/** A confidence interval for a mean, with the ingredients used to build it. */
export interface MeanInterval {
  /** Sample mean, in the unit of the input values. */
  readonly mean: number;
  /** Lower end of the interval: mean − halfWidth. */
  readonly lower: number;
  /** Upper end of the interval: mean + halfWidth. */
  readonly upper: number;
  /** Sample standard deviation (divisor n − 1); 0 when n = 1. */
  readonly sd: number;
  /** Number of observations (replications). With n = 1 the interval is degenerate. */
  readonly n: number;
  /** t_{(1+level)/2, n−1} · sd / √n; 0 when n = 1. */
  readonly halfWidth: number;
}

/**
 * Student t confidence interval for the mean of independent replications,
 * mean ± t_{(1+level)/2, n−1} · sd/√n.
 *
 * With a single replication there is no estimate of spread: the result has
 * `lower = upper = mean`, `sd = 0`, `halfWidth = 0` and `n = 1`, so callers can
 * tell a degenerate interval from a precise one by `n`. Nothing is ever NaN.
 *
 * @param values one outcome per replication (finite numbers, at least one).
 * @param level confidence level in (0, 1), default 0.95.
 * @returns the interval, in the unit of `values`.
 * @throws RangeError if `values` is empty or has a non-finite entry, or `level`
 *   is not in (0, 1).
 *
 * @example
 * meanInterval([1, 2, 3, 4, 5]);
 * // => { mean: 3, sd: 1.5811…, n: 5, halfWidth: 1.9632…, lower: 1.0368…, upper: 4.9632… }
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = values.length;
  if (n === 0) throw new RangeError("meanInterval needs at least one value");
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`values[${i}] is not finite: ${v}`);
    sum += v;
  }
  const mean = sum / n;
  if (n === 1) return { mean, lower: mean, upper: mean, sd: 0, n, halfWidth: 0 };
  // Corrected two-pass variance (Chan, Golub & LeVeque 1983): the second sum
  // removes the rounding error left in the mean.
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    squares += d * d;
    residual += d;
  }
  const variance = Math.max(0, (squares - (residual * residual) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const halfWidth = studentTQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, lower: mean - halfWidth, upper: mean + halfWidth, sd, n, halfWidth };
}

/**
 * Paired confidence interval for mean(a_i − b_i): the t-interval of the
 * per-replication differences. Use it when replication i of both arms ran on
 * the same random streams (common random numbers); the pairing removes the
 * shared noise, which makes the interval much narrower than comparing two
 * independent intervals.
 *
 * @param a outcome of arm A per replication.
 * @param b outcome of arm B per replication, same order and length as `a`.
 * @param level confidence level in (0, 1), default 0.95.
 * @returns {@link meanInterval} of the differences a_i − b_i (same degenerate
 *   n = 1 convention).
 * @throws Error if the lengths differ; RangeError as {@link meanInterval}.
 *
 * @example
 * pairedDifference([10, 12, 14], [9, 10, 14]);
 * // differences [1, 2, 0] => { mean: 1, sd: 1, n: 3, halfWidth: 2.4841…, … }
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): MeanInterval {
  if (a.length !== b.length) {
    throw new Error(`pairedDifference needs one b per a (paired replications), got ${a.length} and ${b.length} values`);
  }
  return meanInterval(
    a.map((v, i) => v - b[i]!),
    level,
  );
}
