/**
 * The integrity record of the files bansos writes and reads back (checkpoints, run and sweep
 * shard files): a SHA-256 of each part of the file and one over all of them, so a file that was
 * damaged, edited or relabelled after bansos wrote it is refused, naming the part that changed.
 * See docs/reliability.md, section 6, for what it protects against and what it does not.
 *
 * Definition (version `bansos-integrity/1`):
 * - a part is a named field of the file; its digest is SHA-256 of a kind byte and its content:
 *   `J` (0x4a) and the UTF-8 of the field's JSON text (`JSON.stringify`: keys in the order of the
 *   file, no white space, numbers in shortest round-trip form), or `B` (0x42) and the raw bytes
 *   that a base64 field decodes to (typed arrays in memory order);
 * - the digest of the file is SHA-256 of `bansos-integrity/1`, a 0 byte, then for each part in
 *   the order of its name (UTF-16 code units): the name in UTF-8, a 0 byte and the part's 32-byte
 *   digest.
 */
import { Sha256, toHex } from "./sha256.js";

/** The version tag of the digest definition, hashed first. */
const DEFINITION = "bansos-integrity/1";

/**
 * The digests recorded in a file: SHA-256 of each named part and of them all.
 * @see docs/reliability.md, section 6
 */
export interface Integrity {
  /** Always "sha256". */
  readonly algorithm: "sha256";
  /** SHA-256 over every part's name and digest (64 lowercase hex digits). */
  readonly digest: string;
  /** Part name (the field's path in the file, e.g. "state.enrolled") → SHA-256 of its content, hex. */
  readonly parts: Readonly<Record<string, string>>;
}

/** A part of a file: JSON text, or the bytes a base64 field stands for. */
type PartContent = { readonly json: string } | { readonly bytes: Uint8Array };

/** A named part of a file, for {@link integrityOf} and {@link integrityProblems}. */
export type FilePart = readonly [name: string, content: PartContent];

/** A part holding a JSON value (its `JSON.stringify` text; `undefined` counts as `null`). */
export function jsonPart(name: string, value: unknown): FilePart {
  return [name, { json: JSON.stringify(value) ?? "null" }];
}

/** A part holding raw bytes (what a base64 field decodes to). */
export function bytesPart(name: string, bytes: Uint8Array): FilePart {
  return [name, { bytes }];
}

const ENCODER = new TextEncoder();
const KIND_JSON = Uint8Array.of(0x4a);
const KIND_BYTES = Uint8Array.of(0x42);
const ZERO = Uint8Array.of(0);

function partDigest(content: PartContent): Uint8Array {
  const hash = new Sha256();
  if ("json" in content) hash.update(KIND_JSON).update(ENCODER.encode(content.json));
  else hash.update(KIND_BYTES).update(content.bytes);
  return hash.digest();
}

function digestOf(parts: readonly (readonly [string, Uint8Array])[]): string {
  const hash = new Sha256().update(ENCODER.encode(DEFINITION)).update(ZERO);
  for (const [name, digest] of parts) hash.update(ENCODER.encode(name)).update(ZERO).update(digest);
  return hash.hex();
}

function sortedDigests(parts: readonly FilePart[]): [string, Uint8Array][] {
  const names = new Set<string>();
  for (const [name] of parts) {
    if (names.has(name)) throw new Error(`integrity: part "${name}" given twice`);
    names.add(name);
  }
  return [...parts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, content]) => [name, partDigest(content)]);
}

/** The integrity record of a file's parts (every field but the record itself). */
export function integrityOf(parts: readonly FilePart[]): Integrity {
  const digests = sortedDigests(parts);
  return { algorithm: "sha256", digest: digestOf(digests), parts: Object.fromEntries(digests.map(([name, d]) => [name, toHex(d)])) };
}

/** One thing that did not match: the part (or `integrity…` field) and what is wrong. */
export interface IntegrityProblem {
  /** The part's name, or the field of the integrity record. */
  readonly field: string;
  /** What did not match, as a sentence fragment. */
  readonly problem: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** First 12 hex digits and an ellipsis, for messages. */
function short(hex: string): string {
  return `${hex.slice(0, 12)}…`;
}

/**
 * Check a file's parts against its recorded integrity record (as parsed: anything). Returns
 * every problem: a malformed record, a part whose content does not match its recorded digest,
 * a part present without a digest or a digest without its part, and (when every part matches) a
 * file digest that does not match the part digests. Empty when the file is as written.
 * @param where the path of the record in the file, e.g. "integrity"
 */
export function integrityProblems(parts: readonly FilePart[], recorded: unknown, where = "integrity"): IntegrityProblem[] {
  if (typeof recorded !== "object" || recorded === null || Array.isArray(recorded)) {
    return [{ field: where, problem: `missing or not an object: the file carries no digest (written by an older bansos, or the record was removed)` }];
  }
  const record = recorded as { algorithm?: unknown; digest?: unknown; parts?: unknown };
  const problems: IntegrityProblem[] = [];
  if (record.algorithm !== "sha256")
    problems.push({ field: `${where}.algorithm`, problem: `expected "sha256", found ${JSON.stringify(record.algorithm) ?? "nothing"}` });
  if (typeof record.digest !== "string" || !HEX64.test(record.digest))
    problems.push({ field: `${where}.digest`, problem: "expected 64 lowercase hex digits (a SHA-256)" });
  const recordedParts = record.parts;
  if (typeof recordedParts !== "object" || recordedParts === null || Array.isArray(recordedParts)) {
    problems.push({ field: `${where}.parts`, problem: "expected an object of part name → SHA-256" });
    return problems;
  }
  const listed = recordedParts as Record<string, unknown>;
  for (const [name, value] of Object.entries(listed)) {
    if (typeof value !== "string" || !HEX64.test(value))
      problems.push({ field: `${where}.parts["${name}"]`, problem: "expected 64 lowercase hex digits (a SHA-256)" });
  }
  if (problems.length > 0) return problems;
  const digests = sortedDigests(parts);
  const present = new Set(digests.map(([name]) => name));
  for (const [name, digest] of digests) {
    const want = listed[name];
    const got = toHex(digest);
    if (want === undefined) problems.push({ field: name, problem: "has no recorded digest (a field added after the file was written?)" });
    else if (want !== got)
      problems.push({
        field: name,
        problem: `does not match its recorded SHA-256 (recorded ${short(want as string)}, computed ${short(got)}): changed after the file was written`,
      });
  }
  for (const name of Object.keys(listed))
    if (!present.has(name)) problems.push({ field: name, problem: "is missing, but the digest records it (removed after the file was written)" });
  if (problems.length === 0 && digestOf(digests) !== record.digest) {
    problems.push({ field: `${where}.digest`, problem: "does not match the digests of the parts: the integrity record was edited" });
  }
  return problems;
}
