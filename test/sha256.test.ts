/**
 * The core's SHA-256 (src/foundation/sha256.ts, FIPS 180-4) against the FIPS 180-4 / NIST
 * example vectors and against node:crypto on random messages of many lengths — around every
 * padding boundary (55, 56, 63, 64, 65 bytes and the next blocks) and large ones — whole and fed
 * in random pieces.
 */
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256, Sha256, toHex } from "../src/foundation/sha256.js";

const ascii = (text: string) => new TextEncoder().encode(text);
const node = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A deterministic generator of piece lengths (xorshift), so failures reproduce. */
function pieces(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 150;
  };
}

describe("SHA-256 (FIPS 180-4)", () => {
  it("gives the FIPS 180-4 example digests", () => {
    // NIST, "Examples with intermediate values" for SHA-256 (one block, two blocks) and the long-message vectors.
    expect(toHex(sha256(ascii("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(toHex(sha256(new Uint8Array(0)))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(sha256(ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")))).toBe(
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    );
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("equals node:crypto on random messages of every length 0…300 and at the padding boundaries of larger ones", () => {
    const lengths = [...Array.from({ length: 301 }, (_, n) => n), 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 65_535, 65_536, 65_537, 1_000_003];
    for (const n of lengths) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(toHex(sha256(bytes)), `length ${n}`).toBe(node(bytes));
    }
    for (const n of [0, 55, 56, 63, 64, 65])
      expect(toHex(sha256(new Uint8Array(n).fill(0xff))), `length ${n} of 0xff`).toBe(node(new Uint8Array(n).fill(0xff)));
  });

  it("gives the same digest for a message fed in any pieces, and reads a view at its offset", () => {
    const bytes = new Uint8Array(randomBytes(20_000));
    const next = pieces(7);
    for (let trial = 0; trial < 20; trial++) {
      const hash = new Sha256();
      for (let k = 0; k < bytes.length;) {
        const n = next();
        hash.update(bytes.subarray(k, k + n));
        k += n;
      }
      expect(hash.hex()).toBe(node(bytes));
    }
    const view = bytes.subarray(13, 13 + 777);
    expect(toHex(sha256(view))).toBe(node(view));
  });

  it("hashes a large message (16 MiB) as node:crypto does", () => {
    const bytes = new Uint8Array(randomBytes(16 * 2 ** 20));
    expect(new Sha256().update(bytes).hex()).toBe(node(bytes));
  });

  it("refuses use after the digest", () => {
    const hash = new Sha256().update(ascii("abc"));
    hash.digest();
    expect(() => hash.update(ascii("d"))).toThrow(/after digest/);
    expect(() => hash.digest()).toThrow(/twice/);
  });
});
