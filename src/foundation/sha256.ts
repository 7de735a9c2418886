/**
 * SHA-256 (FIPS 180-4, section 6.2) in plain TypeScript over Uint8Array: no node:crypto, no Web
 * Crypto (whose digest is asynchronous), so the core computes the digests of checkpoints the same
 * way in Node and in browsers. test/sha256.test.ts checks it against node:crypto and the FIPS
 * test vectors.
 */

/** The 64 round constants K (FIPS 180-4, 4.2.2): the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The initial hash value H(0) (FIPS 180-4, 5.3.3): the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19] as const;

/** Bytes of one block (512 bits). */
const BLOCK = 64;

/**
 * An incremental SHA-256: feed the message in pieces with {@link Sha256.update}, then take
 * {@link Sha256.digest} once. The pieces are read, never kept, so a large message (the state
 * arrays of a checkpoint) is hashed without being copied into one buffer.
 * @example new Sha256().update(new Uint8Array([0x61, 0x62, 0x63])).hex() // "ba7816bf…f20015ad" (FIPS 180-4 example "abc")
 */
export class Sha256 {
  /** The working hash value H(i), eight 32-bit words. */
  private readonly h = Int32Array.from(H0);
  /** The message schedule W of the current block. */
  private readonly w = new Int32Array(64);
  /** The start of a block not yet complete. */
  private readonly pending = new Uint8Array(BLOCK);
  /** Bytes held in `pending`. */
  private held = 0;
  /** Message length so far, in bytes (exact below 2^53). */
  private length = 0;
  /** Set once the digest has been taken. */
  private finished = false;

  /**
   * Append bytes to the message.
   * @returns this hasher
   * @throws {Error} after {@link Sha256.digest}
   */
  update(bytes: Uint8Array): this {
    if (this.finished) throw new Error("Sha256: update() after digest()");
    let offset = 0;
    const n = bytes.length;
    this.length += n;
    if (this.held > 0) {
      const take = Math.min(n, BLOCK - this.held);
      this.pending.set(bytes.subarray(0, take), this.held);
      this.held += take;
      offset = take;
      if (this.held < BLOCK) return this;
      this.compress(this.pending, 0);
      this.held = 0;
    }
    for (; offset + BLOCK <= n; offset += BLOCK) this.compress(bytes, offset);
    if (offset < n) {
      this.pending.set(bytes.subarray(offset), 0);
      this.held = n - offset;
    }
    return this;
  }

  /**
   * Finish the message (padding of FIPS 180-4, 5.1.1) and return the 32-byte digest. The hasher
   * cannot be used afterwards.
   */
  digest(): Uint8Array {
    if (this.finished) throw new Error("Sha256: digest() taken twice");
    const bits = this.length * 8;
    // The message, a 1 bit, zeros up to 56 bytes mod 64, then the length in bits as 64-bit big-endian.
    const tail = new Uint8Array(this.held < 56 ? BLOCK : 2 * BLOCK);
    tail.set(this.pending.subarray(0, this.held), 0);
    tail[this.held] = 0x80;
    const end = tail.length;
    const high = Math.floor(bits / 2 ** 32);
    const low = bits - high * 2 ** 32;
    for (let k = 0; k < 4; k++) {
      tail[end - 8 + k] = (high >>> (24 - 8 * k)) & 0xff;
      tail[end - 4 + k] = (low >>> (24 - 8 * k)) & 0xff;
    }
    for (let offset = 0; offset < end; offset += BLOCK) this.compress(tail, offset);
    this.finished = true;
    const out = new Uint8Array(32);
    for (let k = 0; k < 8; k++) {
      const v = this.h[k] as number;
      out[4 * k] = v >>> 24;
      out[4 * k + 1] = (v >>> 16) & 0xff;
      out[4 * k + 2] = (v >>> 8) & 0xff;
      out[4 * k + 3] = v & 0xff;
    }
    return out;
  }

  /** {@link Sha256.digest} as 64 lowercase hexadecimal digits. */
  hex(): string {
    return toHex(this.digest());
  }

  /** The hash computation of FIPS 180-4, 6.2.2, for the block at `offset` of `bytes`. */
  private compress(bytes: Uint8Array, offset: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const i = offset + 4 * t;
      w[t] = ((bytes[i] as number) << 24) | ((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    const h = this.h;
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
    h[5] = (h[5] as number) + f;
    h[6] = (h[6] as number) + g;
    h[7] = (h[7] as number) + hh;
  }
}

/**
 * The SHA-256 digest (32 bytes) of a message.
 * @example toHex(sha256(new Uint8Array(0))) // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Sha256().update(bytes).digest();
}

/**
 * Bytes as lowercase hexadecimal, two digits a byte.
 * @example toHex(new Uint8Array([1, 171])) // "01ab"
 */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let k = 0; k < bytes.length; k++) out += ((bytes[k] as number) < 16 ? "0" : "") + (bytes[k] as number).toString(16);
  return out;
}
