import { describe, expect, it } from "vitest";
import { belowLogistic, logistic } from "../src/behaviour/logistic.js";

/** The next double above `a` (a > 0). */
function nextUp(a: number): number {
  const b = new Float64Array([a]);
  const bits = new BigInt64Array(b.buffer);
  bits[0] = (bits[0] as bigint) + 1n;
  return b[0] as number;
}

/** A small deterministic generator of 32-bit uniforms like the engine's (k + 0.5) / 2^32. */
function uniforms(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return (x + 0.5) / 4294967296;
  };
}

describe("belowLogistic: the engine's Bernoulli draw of a logit", () => {
  it("equals u < logistic(v) for random draws over and beyond the fast range", () => {
    const next = uniforms(7);
    let mismatches = 0;
    for (let k = 0; k < 400_000; k++) {
      const u = next();
      const v = (next() - 0.5) * 100; // −50 … 50: the fast path (|v| < 40) and the exact one
      if (belowLogistic(u, v) !== u < logistic(v)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("equals u < logistic(v) at and next to the threshold, where only the exact path can decide", () => {
    let mismatches = 0;
    for (let k = 0; k < 50_000; k++) {
      const v = Math.sin(k) * 39.9;
      const p = logistic(v);
      const candidates = [p, nextUp(p), p - (nextUp(p) - p), p * (1 - 1e-12), p * (1 + 1e-12), p * (1 - 2e-9), p * (1 + 2e-9)];
      for (const u of candidates) if (u > 0 && u < 1 && belowLogistic(u, v) !== u < p) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("handles the edges like the plain comparison", () => {
    for (const v of [Number.NaN, Infinity, -Infinity, 40, -40, 0, -0, 1e-300]) {
      for (const u of [1e-10, 0.5, 1 - 1e-10]) expect(belowLogistic(u, v)).toBe(u < logistic(v));
    }
  });
});
