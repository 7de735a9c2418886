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
// affects every output bit, so nearby keys give unrelated outputs.
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
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
  private readonly purposeHash: Uint32Array;
  /** {@link RandomStreams.key1} as a signed 32-bit integer: the same bits for `^`, but a small integer for V8 (no boxed double to convert on every stream). */
  private readonly key1Bits: number;

  /** @param seed any string or number; the same seed gives the same streams everywhere. */
  constructor(seed: Seed) {
    const prng = seedrandom.alea(`bansos:${typeof seed}:${String(seed)}`);
    this.key0 = prng.int32() >>> 0;
    this.key1 = prng.int32() >>> 0;
    this.key1Bits = this.key1 | 0;
    this.purposeHash = new Uint32Array(PURPOSE_TABLE_SIZE);
    for (let p = 0; p < PURPOSE_TABLE_SIZE; p++) this.purposeHash[p] = purposeMix(this.key0, p);
  }

  /**
   * A stream handle for one (purpose, unit, month); pass it to
   * {@link RandomStreams.uniformAt} with a counter. Cheap: three mixes.
   * @param purpose a {@link Purpose} code
   * @param unit household or locality index (0 … 2^31)
   * @param month month index from the scenario start (population creation uses 0)
   */
  stream(purpose: PurposeCode, unit: number, month: number): number {
    let h = purpose < PURPOSE_TABLE_SIZE ? (this.purposeHash[purpose] as number) : purposeMix(this.key0, purpose);
    h = mix32(h ^ this.key1Bits ^ Math.imul(unit + 1, 0x85ebca6b));
    return mix32(h ^ Math.imul(month + 0x10000, 0xc2b2ae35));
  }

  /**
   * Uniform draw in the open interval (0, 1) at position `counter` of a stream,
   * with 32-bit resolution. Random access: draws can be taken in any order.
   */
  uniformAt(stream: number, counter: number): number {
    // A counter hashed within the stream (SplitMix-style Weyl step, then a full
    // avalanche): 32 bits of resolution, never exactly 0 or 1.
    return (mix32((stream + Math.imul(counter + 1, 0x9e3779b9)) | 0) + 0.5) / 4294967296;
  }

  /** Standard normal draw at position `counter` of a stream (one uniform, inverse CDF). */
  normalAt(stream: number, counter: number): number {
    return inverseNormalCdf(this.uniformAt(stream, counter));
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
  // The central region (95% of draws) here; the tails in their own function, so that
  // this one stays small enough for V8 to inline into the phases.
  if (p < 0.02425 || p > 1 - 0.02425) return inverseNormalTail(p);
  const a1 = -39.69683028665376, a2 = 220.9460984245205, a3 = -275.9285104469687;
  const a4 = 138.357751867269, a5 = -30.66479806614716, a6 = 2.506628277459239;
  const b1 = -54.47609879822406, b2 = 161.5858368580409, b3 = -155.6989798598866;
  const b4 = 66.80131188771972, b5 = -13.28068155288572;
  const q = p - 0.5;
  const r = q * q;
  return ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) /
    (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
}

/** The tails of {@link inverseNormalCdf}: p below 0.02425 or above 1 − 0.02425. */
function inverseNormalTail(p: number): number {
  const c1 = -0.007784894002430293, c2 = -0.3223964580411365, c3 = -2.400758277161838;
  const c4 = -2.549732539343734, c5 = 4.374664141464968, c6 = 2.938163982698783;
  const d1 = 0.007784695709041462, d2 = 0.3224671290700398, d3 = 2.445134137142996;
  const d4 = 3.754408661907416;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
}
