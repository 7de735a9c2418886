import { hasErrorKind, markErrorKind } from "../foundation/errorKinds.js";

/**
 * Thrown when a transfer rule misbehaves: it throws, or returns an amount that
 * is not a finite non-negative number, or names a member that does not exist.
 * The run stops; no partial totals are returned.
 */
export class RuleError extends Error {
  /** Name of the rule. */
  readonly rule: string;
  /** Household index. */
  readonly household: number;
  /** Month index. */
  readonly month: number;

  constructor(rule: string, household: number, month: number, problem: string, options?: { cause?: unknown }) {
    super(`Transfer rule "${rule}" failed for household ${household} in month ${month}: ${problem}`, options);
    this.name = "RuleError";
    this.rule = rule;
    this.household = household;
    this.month = month;
    markErrorKind(this, "RuleError");
  }

  /** True for a RuleError made by any copy of bansos (the core, `bansos/node` and worker threads are bundled apart). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasErrorKind(value, "RuleError");
  }
}

/** The call of a code rule that a deadline stopped (see {@link RuleTimeoutError.call}). */
export type RuleCall = "offers" | "write" | "capForMonth";

/**
 * Thrown by the worker-thread runs of `bansos/node` (`simulateInWorkers`, `compareInWorkers`)
 * when a call of a code rule did not return within their `ruleDeadlineMs`: the worker thread
 * running it was stopped (synchronous code cannot be interrupted otherwise), and so was the run.
 * In the calling thread nothing can stop a rule that never returns; run it in workers to have
 * a deadline.
 */
export class RuleTimeoutError extends RuleError {
  /** Which call did not return: `offers()`, the `write` of a rule made with `defineRule`, or `capForMonth()`. */
  readonly call: RuleCall;
  /** The deadline it exceeded, milliseconds. */
  readonly deadlineMs: number;

  /**
   * @param rule name of the rule
   * @param household household index; −1 for `capForMonth`, which is asked once a month for no household
   * @param month month index
   * @param call the call that did not return
   * @param deadlineMs the deadline, milliseconds
   */
  constructor(rule: string, household: number, month: number, call: RuleCall, deadlineMs: number) {
    const problem =
      `${call}() did not return within the deadline of ${deadlineMs / 1000} s, so the worker thread running it was stopped. ` +
      "A rule that needs longer can have it: the option ruleDeadlineMs of simulateInWorkers and compareInWorkers (0 turns the deadline off)";
    super(rule, household, month, problem);
    if (household < 0) this.message = `Transfer rule "${rule}" failed in month ${month} (its household cap, asked once a month): ${problem}`;
    this.name = "RuleTimeoutError";
    this.call = call;
    this.deadlineMs = deadlineMs;
    markErrorKind(this, "RuleTimeoutError");
  }

  /** True for a RuleTimeoutError made by any copy of bansos. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasErrorKind(value, "RuleTimeoutError");
  }
}

/** A value as a message shows it: a string in quotes (the member "0" is not the member 0), anything else as String() gives it. */
export function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
