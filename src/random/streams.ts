import seedrandom from "seedrandom";

/**
 * Purposes of random draws. Every phase of the monthly cycle draws from its own
 * purpose, so adding a phase (or a draw inside one phase) never shifts the draws
 * of another. Values are part of the reproducibility contract: never renumber,
 * only append.
 */
export const Purpose = {
  /** Household composition, income, proxies (population creation). */
  populationHousehold: 1,
  /** Locality characteristics (population creation). */
  populationLocality: 2,
  /** Idiosyncratic household income shock (economy phase). */
  incomeShock: 3,
  /** Locality-wide (covariate) income shock (economy phase). */
  localityShock: 4,
  /** Grade progression at the school-year boundary (calendar phase). */
  progression: 5,
  /** Enrolment decision at the school-year boundary (behaviour phase). */
  enrolment: 6,
  /** Monthly attendance decision and attendance share (behaviour phase). */
  attendance: 7,
  /** Child work when out of school (behaviour phase). */
  childWork: 8,
  /** Clinic visits (behaviour phase). */
  clinic: 9,
  /** Illness (welfare phase). */
  illness: 10,
  /** Growth in height-for-age (welfare phase). */
  growth: 11,
  /** Conception, birth and the newborn's traits (demography phase). */
  fertility: 12,
  /** Mortality (demography phase). */
  mortality: 13,
  /** Mid-year dropout (behaviour phase). */
  dropout: 14,
  /** Random assignment of localities to treatment (cluster-randomised roll-out). */
  randomisation: 15,
  /** Verification of conditions and its errors (programme settle phase). */
  monitoring: 16,
  /** Whether an eligible household learns of the programme (take-up). */
  takeUp: 17,
  /** Which households a proxy-means-test survey samples (targeting). */
  targetingSurvey: 18,
  /** Neighbours' perception of a household's welfare and its elite ties (community targeting). */
  communityPerception: 19,
  /** An adult's persistent propensity to be employed (labour phase). */
  employment: 20,
  /** Attendance of required training hours (adult activities). */
  training: 21,
  /** Attendance of community meetings (adult activities). */
  meetings: 22,
  /** Ties of the locality network (interactions). */
  network: 23,
} as const;

/** A purpose code from {@link Purpose}. */
export type PurposeCode = (typeof Purpose)[keyof typeof Purpose];

/** A seed as users give it: any string or finite number. */
export type Seed = string | number;

// 32-bit avalanche mix (the "lowbias32" finaliser family): every input bit
// affects every output bit, so nearby keys give unrelated outputs. The result is
// the 32 bits as a signed integer (V8: docs/performance.md, "Small integers").
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return x ^ (x >>> 16);
}

/** The 32 random bits at position `counter` of a stream, as a signed integer (see {@link RandomStreams.uniformAt}). */
function drawBits(stream: number, counter: number): number {
  // A counter hashed within the stream: SplitMix-style Weyl step, then a full avalanche.
  return mix32((stream + Math.imul(counter + 1, 0x9e3779b9)) | 0);
}

// Acklam's rational approximation of the inverse normal CDF: the central region's
// coefficients (a, b) and the region's bounds, [P_LOW, 1 − P_LOW].
const A1 = -39.69683028665376,
  A2 = 220.9460984245205,
  A3 = -275.9285104469687;
const A4 = 138.357751867269,
  A5 = -30.66479806614716,
  A6 = 2.506628277459239;
const B1 = -54.47609879822406,
  B2 = 161.5858368580409,
  B3 = -155.6989798598866;
const B4 = 66.80131188771972,
  B5 = -13.28068155288572;
const P_LOW = 0.02425;

/**
 * The uniform draw in the open interval (0, 1) given by 32 random bits (signed or unsigned):
 * (bits as an unsigned integer + 0.5) / 2^32, with 32-bit resolution, never exactly 0 or 1.
 * See {@link RandomStreams.bitsAt}.
 */
export function uniformOf(bits: number): number {
  return ((bits >>> 0) + 0.5) / 4294967296;
}

/** Purpose codes 0 … PURPOSE_TABLE_SIZE − 1 have their first mixing step precomputed. */
const PURPOSE_TABLE_SIZE = 64;

/** First mixing step of a stream handle: depends only on the key's first half and the purpose. */
function purposeMix(key0: number, purpose: number): number {
  return mix32(key0 ^ Math.imul(purpose, 0x9e3779b1));
}

/**
 * Counter-based random streams keyed by (purpose, unit, month, counter).
 *
 * The user seed goes once through seedrandom's `alea` generator to derive a
 * 64-bit key; every draw is then a pure hash of the key and its coordinates.
 * A draw therefore never depends on iteration order, on the number of workers,
 * or on what other phases drew before it (DESIGN §6). Units are household or
 * locality indices; `counter` enumerates draws within one unit-month (for
 * example `member * k + j`).
 *
 * @example
 * const rng = new RandomStreams("demo");
 * const base = rng.stream(Purpose.enrolment, 17, 12); // household 17, month 12
 * const u = rng.uniformAt(base, 3);                   // 4th draw of that stream, in (0, 1)
 */
export class RandomStreams {
  /** First 32 bits of the key derived from the seed. */
  readonly key0: number;
  /** Second 32 bits of the key derived from the seed. */
  readonly key1: number;
  /**
   * First mixing step of {@link RandomStreams.stream} for each purpose code below
   * {@link PURPOSE_TABLE_SIZE}, computed once: it depends only on the key and the purpose,
   * so a stream handle costs two mixes instead of three (same values).
   */
  private readonly purposeHash: Int32Array;
  /** {@link RandomStreams.key1} as a signed 32-bit integer: the same bits for `^` (V8: docs/performance.md, "Small integers"). */
  private readonly key1Bits: number;

  /** @param seed any string or number; the same seed gives the same streams everywhere. */
  constructor(seed: Seed) {
    const prng = seedrandom.alea(`bansos:${typeof seed}:${String(seed)}`);
    this.key0 = prng.int32() >>> 0;
    this.key1 = prng.int32() >>> 0;
    this.key1Bits = this.key1 | 0;
    this.purposeHash = new Int32Array(PURPOSE_TABLE_SIZE);
    for (let p = 0; p < PURPOSE_TABLE_SIZE; p++) this.purposeHash[p] = purposeMix(this.key0, p);
  }

  /**
   * A stream handle for one (purpose, unit, month); pass it to
   * {@link RandomStreams.uniformAt} with a counter. Cheap: two mixes. The handle is
   * a signed 32-bit integer, any of the 2^32 (V8: docs/performance.md, "Small integers").
   * @param purpose a {@link Purpose} code
   * @param unit household or locality index (0 … 2^31)
   * @param month month index from the scenario start (population creation uses 0)
   */
  stream(purpose: PurposeCode, unit: number, month: number): number {
    const h = purpose < PURPOSE_TABLE_SIZE ? (this.purposeHash[purpose] as number) : purposeMix(this.key0, purpose);
    return mix32(mix32(h ^ this.key1Bits ^ Math.imul(unit + 1, 0x85ebca6b)) ^ Math.imul(month + 0x10000, 0xc2b2ae35));
  }

  /**
   * Uniform draw in the open interval (0, 1) at position `counter` of a stream,
   * with 32-bit resolution. Random access: draws can be taken in any order.
   */
  uniformAt(stream: number, counter: number): number {
    return uniformOf(drawBits(stream, counter));
  }

  /**
   * The 32 random bits at position `counter` of a stream, as a signed integer:
   * `uniformOf(bitsAt(stream, counter))` is exactly `uniformAt(stream, counter)`. The
   * monthly loop draws this way (V8: docs/performance.md, "Boxed doubles").
   */
  bitsAt(stream: number, counter: number): number {
    return drawBits(stream, counter);
  }

  /** Standard normal draw at position `counter` of a stream (one uniform, inverse CDF). */
  normalAt(stream: number, counter: number): number {
    return inverseNormalCdf(this.uniformAt(stream, counter));
  }

  /**
   * {@link RandomStreams.normalAt}'s draw, written into `out[at]`: the form the monthly loop
   * uses, with no floating-point number crossing a call (V8: docs/performance.md, "Boxed doubles").
   */
  normalInto(stream: number, counter: number, out: Float64Array, at: number): void {
    const p = uniformOf(drawBits(stream, counter));
    if (p < P_LOW || p > 1 - P_LOW) {
      this.normalTailInto(stream, counter, out, at); // one draw in 20, out of line
      return;
    }
    // The central region of inverseNormalCdf, written out (V8: docs/performance.md, "Boxed doubles").
    const q = p - 0.5;
    const r = q * q;
    out[at] = ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
  }

  /** The tails of {@link RandomStreams.normalInto}. */
  private normalTailInto(stream: number, counter: number, out: Float64Array, at: number): void {
    out[at] = inverseNormalTail(this.uniformAt(stream, counter));
  }

  /** Convenience: uniform draw for (purpose, unit, month, counter) in (0, 1). */
  uniform(purpose: PurposeCode, unit: number, month: number, counter: number): number {
    return this.uniformAt(this.stream(purpose, unit, month), counter);
  }

  /** Derive the streams of replication `r` (0-based) from this seed; replication 0 is this seed itself. */
  static forReplication(seed: Seed, replication: number): Seed {
    // The seed's type stays part of the key: 1 and "1" give different replications too.
    return replication === 0 ? seed : `${typeof seed}:${String(seed)}#rep${replication}`;
  }
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative
 * error below 1.15e-9 over (0, 1)).
 * @param p probability in (0, 1)
 * @returns z with Φ(z) = p
 * @example inverseNormalCdf(0.975) // ≈ 1.959964
 */
export function inverseNormalCdf(p: number): number {
  // The tails out of line, and a unary plus on their result (V8: docs/performance.md, "Inlining budget", "Boxed doubles").
  if (p < P_LOW || p > 1 - P_LOW) return +inverseNormalTail(p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

/** The tails of {@link inverseNormalCdf}: p below P_LOW = 0.02425 or above 1 − P_LOW. */
function inverseNormalTail(p: number): number {
  const c1 = -0.007784894002430293,
    c2 = -0.3223964580411365,
    c3 = -2.400758277161838;
  const c4 = -2.549732539343734,
    c5 = 4.374664141464968,
    c6 = 2.938163982698783;
  const d1 = 0.007784695709041462,
    d2 = 0.3224671290700398,
    d3 = 2.445134137142996;
  const d4 = 3.754408661907416;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
}
