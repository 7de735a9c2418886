const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Uint8Array(128).fill(255);
for (let k = 0; k < ALPHABET.length; k++) LOOKUP[ALPHABET.charCodeAt(k)] = k;

/**
 * Standard base64 (RFC 4648, with padding) of bytes, in chunks so large arrays
 * do not build huge intermediate strings. No Buffer or btoa needed: runs in any
 * JavaScript engine.
 * @example bytesToBase64(new Uint8Array([104, 105])) // "aGk="
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 16384;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    let out = "";
    for (let i = start; i < end; i += 3) {
      const a = bytes[i] as number;
      const b = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const c = i + 2 < end ? (bytes[i + 2] as number) : 0;
      out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
      out += i + 1 < end ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : "=";
      out += i + 2 < end ? ALPHABET[c & 63]! : "=";
    }
    parts.push(out);
  }
  return parts.join("");
}

/**
 * Bytes of a standard base64 string (as produced by {@link bytesToBase64}). Strict: only the
 * canonical encoding of some bytes is accepted (padding only at the end, unused bits zero), so
 * every string decodes to bytes that encode back to it — no two strings stand for the same bytes.
 * @throws {Error} on characters outside the alphabet, a length not a multiple of 4, padding
 *   inside the text or non-zero padding bits
 * @example base64ToBytes("aGk=") // Uint8Array [104, 105]
 */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`base64: length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  const last = text.length - padding;
  const digit = (k: number): number => {
    if (k >= last) return 0;
    const ch = text.charCodeAt(k);
    const d = ch < 128 ? (LOOKUP[ch] as number) : 255;
    if (d === 255) throw new Error(`base64: invalid character ${JSON.stringify(text[k])} at ${k}`);
    return d;
  };
  for (let i = 0; i < text.length; i += 4) {
    const triple = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3);
    if (o < out.length) out[o++] = (triple >> 16) & 255;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  if (padding > 0 && (digit(last - 1) & (padding === 2 ? 15 : 3)) !== 0)
    throw new Error(`base64: non-zero padding bits at ${last - 1} (not a canonical encoding)`);
  return out;
}
