/**
 * The checkpoint file: writing it (with its digest), and reading it back — structure first,
 * then the digest over its data and scenario, before `Run.resume` trusts any of it.
 */
import type { ResolvedScenario } from "../config/scenario.js";
import { base64ToBytes, bytesToBase64 } from "../foundation/base64.js";
import { bytesPart, integrityOf, integrityProblems, jsonPart } from "../foundation/integrity.js";
import type { FilePart, Integrity } from "../foundation/integrity.js";
import { VERSION } from "../foundation/version.js";
import { CheckpointError } from "./checkpointError.js";
import type { CheckpointProblem } from "./checkpointError.js";

/** The checkpoint layout this library writes and reads. */
const CHECKPOINT_FORMAT = "bansos-checkpoint/3";

/**
 * A serialisable snapshot of a run between two months: the resolved scenario,
 * the months completed, the whole run state and the accumulators so far, and a
 * digest over all of it. Typed arrays are base64 strings, so `JSON.stringify` works. The
 * population is not stored: it is rebuilt from the scenario, which is deterministic.
 */
export interface Checkpoint {
  /** Format tag and version of the checkpoint layout. */
  readonly format: typeof CHECKPOINT_FORMAT;
  /** Library version that wrote it. */
  readonly version: string;
  /** The resolved scenario (a code rule appears as { kind: "custom", name }). */
  readonly scenario: ResolvedScenario;
  /** Months completed (the next month to run). */
  readonly month: number;
  /** Households simulated by this run (base64 Int32Array), or null for all. */
  readonly households: string | null;
  /** Persons and slots of the population, to check the rebuilt one. */
  readonly population: {
    /** Persons at the start. */
    readonly persons: number;
    /** Person slots (persons plus spare slots for births). */
    readonly slots: number;
  };
  /** Every state array, base64 of its bytes. */
  readonly state: Readonly<Record<string, string>>;
  /** Accumulators of the completed months, base64 of a Float64Array. */
  readonly data: string;
  /** SHA-256 of every field above and of them all (see docs/reliability.md, section 6); `Run.resume` checks it first. */
  readonly integrity: Integrity;
}

/** The fields of a checkpoint, in the order of the file. */
const FIELDS = ["format", "version", "scenario", "month", "households", "population", "state", "data", "integrity"] as const;

/** The bytes of a typed array's view. */
function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The parts the digest covers: every field but the integrity record, base64 fields by their bytes. */
function parts(
  head: { format: string; version: string; scenario: unknown; month: number; population: unknown },
  households: Uint8Array | null,
  state: ReadonlyMap<string, Uint8Array>,
  data: Uint8Array,
): FilePart[] {
  return [
    jsonPart("format", head.format),
    jsonPart("version", head.version),
    jsonPart("scenario", head.scenario),
    jsonPart("month", head.month),
    households === null ? jsonPart("households", null) : bytesPart("households", households),
    jsonPart("population", head.population),
    bytesPart("data", data),
    ...[...state].map(([name, bytes]) => bytesPart(`state.${name}`, bytes)),
  ];
}

/** What a run puts in its checkpoint. */
interface CheckpointContents {
  readonly scenario: ResolvedScenario;
  readonly month: number;
  readonly households: Int32Array | null;
  readonly population: { readonly persons: number; readonly slots: number };
  readonly state: object;
  readonly data: Float64Array;
}

/** The checkpoint of a run's contents, with its digest. */
export function writeCheckpoint(contents: CheckpointContents): Checkpoint {
  const stateBytes = new Map(Object.entries(contents.state).map(([name, array]) => [name, bytesOf(array as ArrayBufferView)] as const));
  const households = contents.households ? bytesOf(contents.households) : null;
  const data = bytesOf(contents.data);
  const head = {
    format: CHECKPOINT_FORMAT as typeof CHECKPOINT_FORMAT,
    version: VERSION,
    scenario: contents.scenario,
    month: contents.month,
    population: contents.population,
  };
  const state: Record<string, string> = {};
  for (const [name, bytes] of stateBytes) state[name] = bytesToBase64(bytes);
  return {
    ...head,
    households: households === null ? null : bytesToBase64(households),
    state,
    data: bytesToBase64(data),
    integrity: integrityOf(parts(head, households, stateBytes, data)),
  };
}

/** A checkpoint read and verified: its fields, base64 decoded, not yet checked against a rebuilt run. */
export interface CheckpointRead {
  /** The scenario as recorded (not yet parsed). */
  readonly scenario: Record<string, unknown>;
  /** Months completed. */
  readonly month: number;
  /** Households of the run, or null for all. */
  readonly households: Int32Array | null;
  /** Persons and slots of the population. */
  readonly population: { readonly persons: number; readonly slots: number };
  /** State array name → its bytes. */
  readonly state: ReadonlyMap<string, Uint8Array>;
  /** The accumulators of the completed months. */
  readonly data: Float64Array;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: its type, and short values themselves. */
function found(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  if (value === null) return "null";
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Read a checkpoint (an object, or its JSON text) and verify it: structure (every field with
 * its type; base64 that decodes; byte lengths that fit their arrays), then its digest.
 * @param source named in the messages (e.g. a file name)
 * @throws CheckpointError listing every problem, before anything is trusted
 */
export function readCheckpoint(input: unknown, source: string | undefined): CheckpointRead {
  const fail = (problems: readonly CheckpointProblem[], cause?: unknown): never => {
    throw new CheckpointError(problems, source, cause === undefined ? undefined : { cause });
  };
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      fail([{ field: "(text)", problem: `not valid JSON (truncated or damaged?): ${message}` }], error);
    }
  }
  if (!isRecord(value)) return fail([{ field: "(root)", problem: `expected a checkpoint (an object from Run.checkpoint()), found ${found(value)}` }]);
  const cp = value;
  if (cp.format !== CHECKPOINT_FORMAT) {
    const older = typeof cp.format === "string" && /^bansos-checkpoint\/[12]$/.test(cp.format);
    fail([
      {
        field: "format",
        problem: older
          ? `${cp.format} is an older checkpoint layout, without a digest; this bansos reads ${CHECKPOINT_FORMAT} only: re-run from the start (or resume it with the version that wrote it)`
          : `expected "${CHECKPOINT_FORMAT}", found ${found(cp.format)}: not a bansos checkpoint`,
      },
    ]);
  }
  if (cp.version !== VERSION) {
    fail([
      {
        field: "version",
        problem: `the checkpoint was written by bansos ${typeof cp.version === "string" ? cp.version : found(cp.version)}; this is ${VERSION}, whose model may differ: resume it with the version that wrote it`,
      },
    ]);
  }
  const problems: CheckpointProblem[] = [];
  for (const key of Object.keys(cp)) {
    if (!(FIELDS as readonly string[]).includes(key)) problems.push({ field: key, problem: `not a field of a checkpoint (it has ${FIELDS.join(", ")})` });
  }
  if (!isRecord(cp.scenario)) problems.push({ field: "scenario", problem: `expected the resolved scenario (an object), found ${found(cp.scenario)}` });
  if (!isCount(cp.month)) problems.push({ field: "month", problem: `expected the months completed (an integer ≥ 0), found ${found(cp.month)}` });
  if (cp.households !== null && typeof cp.households !== "string")
    problems.push({ field: "households", problem: `expected null (all households) or base64 of an Int32Array, found ${found(cp.households)}` });
  const population = cp.population;
  if (!isRecord(population) || !isCount(population.persons) || !isCount(population.slots) || Object.keys(population).length !== 2)
    problems.push({ field: "population", problem: `expected { persons, slots } (integers ≥ 0), found ${found(population)}` });
  if (!isRecord(cp.state) || Object.keys(cp.state).length === 0) {
    problems.push({ field: "state", problem: `expected the state arrays (an object of name → base64), found ${found(cp.state)}` });
  } else {
    for (const [name, text] of Object.entries(cp.state)) {
      if (typeof text !== "string") problems.push({ field: `state.${name}`, problem: `expected base64 text, found ${found(text)}` });
    }
  }
  if (typeof cp.data !== "string") problems.push({ field: "data", problem: `expected base64 of the accumulators, found ${found(cp.data)}` });
  if (problems.length > 0) fail(problems);

  const decode = (field: string, text: string, unit: number): Uint8Array | undefined => {
    try {
      const bytes = base64ToBytes(text);
      if (bytes.length % unit !== 0) problems.push({ field, problem: `${bytes.length} bytes, not a whole number of ${unit}-byte values (truncated?)` });
      return bytes;
    } catch (error) {
      problems.push({ field, problem: `not valid base64 (${error instanceof Error ? error.message.replace(/^base64: /, "") : String(error)})` });
      return undefined;
    }
  };
  const households = cp.households === null ? null : decode("households", cp.households as string, 4);
  const data = decode("data", cp.data as string, 8);
  const state = new Map<string, Uint8Array>();
  for (const [name, text] of Object.entries(cp.state as Record<string, string>)) {
    const bytes = decode(`state.${name}`, text, 1);
    if (bytes) state.set(name, bytes);
  }
  if (problems.length > 0 || households === undefined || data === undefined) return fail(problems);

  const head = { format: CHECKPOINT_FORMAT, version: VERSION, scenario: cp.scenario, month: cp.month as number, population };
  const mismatches = integrityProblems(parts(head, households, state, data), cp.integrity);
  if (mismatches.length > 0) fail(mismatches);

  // Views of the decoded bytes: base64ToBytes returns a fresh buffer at offset 0, so they are aligned.
  return {
    scenario: cp.scenario as Record<string, unknown>,
    month: cp.month as number,
    households: households === null ? null : new Int32Array(households.buffer, households.byteOffset, households.byteLength / 4),
    population: population as { persons: number; slots: number },
    state,
    data: new Float64Array(data.buffer, data.byteOffset, data.byteLength / 8),
  };
}
