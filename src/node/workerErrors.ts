/**
 * Errors crossing from a worker thread to the calling thread with their class and fields.
 * A thrown error reaches the parent of a worker only as a structured clone, which keeps the
 * message of an `Error` but not its class or fields; so a worker catches what its run throws,
 * sends it as data ({@link SerialisedError}: the class's name and fields) in a `failed` message,
 * and the parent rebuilds it ({@link rebuildError}): `error instanceof RuleError` holds in the
 * caller of `simulateInWorkers`, `compareInWorkers` and `sweepInWorkers` as it does for
 * `simulate`, with the same fields and message and the worker's stack.
 */
import { parentPort } from "node:worker_threads";
import { ScenarioError } from "../config/scenarioError.js";
import type { ScenarioProblem } from "../config/scenarioError.js";
import { RuleError } from "../engine/ruleError.js";
import { CapacityError } from "../foundation/capacityError.js";

/** The name, message and stack of an error (or of a thrown value that is not one). */
interface ErrorText {
  /** `error.name` ("Error", "TypeError", …; "Error" for a thrown value that is not an Error). */
  readonly name: string;
  /** `error.message`, or `String(value)`. */
  readonly message: string;
  /** `error.stack` in the worker, if any. */
  readonly stack: string | undefined;
}

/** An error as data a worker can post: its class (`kind`), its fields, message and stack. */
export type SerialisedError =
  | (ErrorText & {
      readonly kind: "RuleError";
      readonly rule: string;
      readonly household: number;
      readonly month: number;
      /** The rule's own error (what it threw), if any. */
      readonly cause: ErrorText | undefined;
    })
  | (ErrorText & { readonly kind: "ScenarioError"; readonly problems: readonly ScenarioProblem[] })
  | (ErrorText & { readonly kind: "CapacityError"; readonly estimatedBytes: number; readonly limitBytes: number })
  | (ErrorText & { readonly kind: "Error" });

/** The message a worker posts when its task failed. */
export interface FailedMessage {
  /** Message tag. */
  readonly kind: "failed";
  /** What was thrown. */
  readonly error: SerialisedError;
}

function textOf(error: unknown): ErrorText {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error), stack: undefined };
}

/** What a worker sends of a thrown value: class and fields of the errors of bansos, name, message and stack of anything else. */
export function serialiseError(error: unknown): SerialisedError {
  const text = textOf(error);
  if (error instanceof RuleError) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      ...text,
      kind: "RuleError",
      rule: error.rule,
      household: error.household,
      month: error.month,
      cause: cause === undefined ? undefined : textOf(cause),
    };
  }
  if (error instanceof ScenarioError) return { ...text, kind: "ScenarioError", problems: error.problems.map((p) => ({ ...p })) };
  if (error instanceof CapacityError) return { ...text, kind: "CapacityError", estimatedBytes: error.estimatedBytes, limitBytes: error.limitBytes };
  return { ...text, kind: "Error" };
}

/** The built-in error classes, rebuilt as themselves. */
const BUILT_IN: Readonly<Record<string, new (message: string) => Error>> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** A plain error (or a built-in one: TypeError …) with the worker's name, message and stack. */
function plainError(text: ErrorText): Error {
  const Class = BUILT_IN[text.name] ?? Error;
  const error = new Class(text.message);
  if (error.name !== text.name) error.name = text.name;
  if (text.stack !== undefined) error.stack = text.stack;
  return error;
}

/** The error a worker sent, rebuilt in this thread with its class, fields, message and the worker's stack. */
export function rebuildError(data: SerialisedError): Error {
  let error: Error;
  switch (data.kind) {
    case "RuleError":
      error = new RuleError(data.rule, data.household, data.month, "", data.cause === undefined ? undefined : { cause: plainError(data.cause) });
      break;
    case "ScenarioError":
      error = new ScenarioError(data.problems);
      break;
    case "CapacityError":
      error = new CapacityError(data.estimatedBytes, data.limitBytes, 0);
      break;
    default:
      return plainError(data);
  }
  error.message = data.message;
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/**
 * Run a worker's task and, if it throws, post the error as a {@link FailedMessage} (the worker
 * then ends normally; its parent rejects with the rebuilt error).
 */
export async function reportingFailures(task: () => void | Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    const message: FailedMessage = { kind: "failed", error: serialiseError(error) };
    parentPort?.postMessage(message);
  }
}
