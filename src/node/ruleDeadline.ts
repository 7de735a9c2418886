/**
 * A deadline for the calls of code rules in worker threads. A rule that never returns would
 * hang its run forever, and synchronous code cannot be interrupted from inside its thread; but
 * a worker thread can be stopped from outside. So the worker wraps each code rule
 * ({@link RuleGuard}): every call of `offers()`, of a `defineRule` rule's `write` and of
 * `capForMonth()` is marked in a small shared memory (the monitor) as it begins and ends, and
 * the calling thread samples the monitor ({@link RuleWatch}) and stops the worker when the same
 * call has been running longer than the deadline, with a {@link RuleTimeoutError} naming the
 * rule, the household and the month. Built-in rules (specs) cannot hang and are not wrapped.
 *
 * The monitor is an Int32Array over a SharedArrayBuffer: a sequence number, odd while a call is
 * in progress (one `Atomics.add` as a call begins, one as it ends, so it is a flag and a call
 * counter at once), and the household, month, rule and call of the latest call, written before
 * the sequence number (so a parent that reads an odd number reads that call's fields).
 */
import { RuleTimeoutError } from "../engine/ruleError.js";
import type { RuleCall } from "../engine/ruleError.js";
import { defineRule, offerWriterOf } from "../rules/offerWriter.js";
import type { OfferWriter, WriteOffers } from "../rules/offerWriter.js";
import { isTransferRule } from "../rules/types.js";
import type { HouseholdView, MonthContext, TransferRule } from "../rules/types.js";

/**
 * Default deadline of one call of a code rule in a worker thread, milliseconds: 10 s. A rule is
 * called once per household and month (its cap once a month), so a rule that took even 1 s a
 * call could not finish any real run (10,000 households × 12 months would take 33 hours);
 * 10 s therefore never stops a rule that works, and stops one that hangs within seconds.
 */
export const DEFAULT_RULE_DEADLINE_MS = 10_000;

/** Slots of the monitor. */
const SEQUENCE = 0;
const HOUSEHOLD = 1;
const MONTH = 2;
const RULE = 3;
const CALL = 4;
/** Int32 slots of a monitor. */
const MONITOR_LENGTH = 5;
/** Call codes of the monitor's CALL slot. */
const CALLS: readonly RuleCall[] = ["offers", "write", "capForMonth"];
const OFFERS = 0;
const WRITE = 1;
const CAP = 2;

/**
 * The deadline of an option `ruleDeadlineMs`: the default when absent, 0 for none (0 or
 * Infinity given), else the number; a RangeError for a negative number or NaN.
 */
export function ruleDeadlineOf(option: number | undefined): number {
  if (option === undefined) return DEFAULT_RULE_DEADLINE_MS;
  if (typeof option !== "number" || !(option >= 0))
    throw new RangeError(`ruleDeadlineMs must be a number of milliseconds ≥ 0 (0: no deadline), got ${String(option)}`);
  return option === Infinity ? 0 : option;
}

/** A new monitor for one worker, or null without a deadline. */
export function newMonitor(deadlineMs: number): Int32Array | null {
  return deadlineMs > 0 ? new Int32Array(new SharedArrayBuffer(MONITOR_LENGTH * Int32Array.BYTES_PER_ELEMENT)) : null;
}

/** The message a worker posts when it wraps a rule: the name the parent reports for rule `id`. */
export interface RuleNameMessage {
  /** Message tag. */
  readonly kind: "rule";
  /** Index of the rule in this worker's monitor. */
  readonly id: number;
  /** The rule's name. */
  readonly name: string;
}

/**
 * The worker's side: wraps the code rules of scenarios so that every call is marked in the
 * monitor. Each rule object is wrapped once (the same wrapper for every scenario that uses it).
 */
export class RuleGuard {
  private readonly monitor: Int32Array;
  private readonly announce: (message: RuleNameMessage) => void;
  private readonly wrapped = new WeakMap<TransferRule, TransferRule>();
  private rules = 0;

  /**
   * @param monitor the monitor the parent watches
   * @param announce posts a rule's name to the parent (before any call of the rule)
   */
  constructor(monitor: Int32Array, announce: (message: RuleNameMessage) => void) {
    this.monitor = monitor;
    this.announce = announce;
  }

  /** The scenario (as given, before parsing) with its code rule wrapped; anything else unchanged. */
  scenario(input: unknown): unknown {
    if (typeof input !== "object" || input === null) return input;
    const programme = (input as { programme?: unknown }).programme;
    if (typeof programme !== "object" || programme === null) return input;
    const rule = (programme as { rule?: unknown }).rule;
    if (!isTransferRule(rule)) return input;
    return { ...input, programme: { ...programme, rule: this.rule(rule) } };
  }

  /** A scenario entry of a comparison: a scenario, or a function returning one (wrapped as it returns). */
  entry(entry: unknown): unknown {
    if (typeof entry !== "function") return this.scenario(entry);
    return (...args: unknown[]) => this.scenario((entry as (...a: unknown[]) => unknown)(...args));
  }

  /** The rule wrapped: the same fields, its calls marked in the monitor. */
  rule(rule: TransferRule): TransferRule {
    const known = this.wrapped.get(rule);
    if (known) return known;
    const id = this.rules++;
    this.announce({ kind: "rule", id, name: rule.name });
    const m = this.monitor;
    const capForMonth =
      rule.capForMonth === undefined
        ? undefined
        : (month: MonthContext): number | undefined => {
            m[HOUSEHOLD] = -1;
            m[MONTH] = month.month;
            m[RULE] = id;
            m[CALL] = CAP;
            Atomics.add(m, SEQUENCE, 1);
            try {
              return rule.capForMonth!(month);
            } finally {
              Atomics.add(m, SEQUENCE, 1);
            }
          };
    const write = offerWriterOf(rule);
    let guarded: TransferRule;
    if (write !== undefined) {
      // A rule made with defineRule: wrap its writer and define it again, so the engine keeps its fast path.
      const guardedWrite: WriteOffers = (household: HouseholdView, month: MonthContext, out: OfferWriter): void => {
        m[HOUSEHOLD] = household.index;
        m[MONTH] = month.month;
        m[RULE] = id;
        m[CALL] = WRITE;
        Atomics.add(m, SEQUENCE, 1);
        try {
          write(household, month, out);
        } finally {
          Atomics.add(m, SEQUENCE, 1);
        }
      };
      guarded = defineRule({ name: rule.name, capLcuPerMonth: rule.capLcuPerMonth, capForMonth, payment: rule.payment, write: guardedWrite });
    } else {
      guarded = {
        name: rule.name,
        ...(rule.capLcuPerMonth === undefined ? {} : { capLcuPerMonth: rule.capLcuPerMonth }),
        ...(capForMonth === undefined ? {} : { capForMonth }),
        ...(rule.payment === undefined ? {} : { payment: rule.payment }),
        offers(household: HouseholdView, month: MonthContext) {
          m[HOUSEHOLD] = household.index;
          m[MONTH] = month.month;
          m[RULE] = id;
          m[CALL] = OFFERS;
          Atomics.add(m, SEQUENCE, 1);
          try {
            return rule.offers(household, month);
          } finally {
            Atomics.add(m, SEQUENCE, 1);
          }
        },
      };
    }
    this.wrapped.set(rule, guarded);
    return guarded;
  }
}

/**
 * The calling thread's side: samples one worker's monitor and says when the call in progress
 * has run longer than the deadline. The time of a call is counted from the first sample that
 * saw it, which is never before it began: a call shorter than the deadline is never stopped,
 * and a call that hangs is stopped within the deadline plus one sampling interval.
 */
export class RuleWatch {
  /** Milliseconds between samples: a tenth of the deadline, at least 5 and at most 100. */
  readonly intervalMs: number;
  private readonly monitor: Int32Array;
  private readonly deadlineMs: number;
  private readonly names = new Map<number, string>();
  private seen = 0;
  private since = 0;

  /**
   * @param monitor the worker's monitor
   * @param deadlineMs the deadline, milliseconds (> 0)
   */
  constructor(monitor: Int32Array, deadlineMs: number) {
    this.monitor = monitor;
    this.deadlineMs = deadlineMs;
    this.intervalMs = Math.min(100, Math.max(5, deadlineMs / 10));
  }

  /** Record the name of a rule the worker wrapped. */
  named(message: RuleNameMessage): void {
    this.names.set(message.id, message.name);
  }

  /** Sample the monitor at time `now` (ms, `performance.now()`): the error to stop the worker with, or null. */
  check(now: number): RuleTimeoutError | null {
    const m = this.monitor;
    const sequence = Atomics.load(m, SEQUENCE);
    if (sequence !== this.seen) {
      this.seen = sequence;
      this.since = now;
      return null;
    }
    if ((sequence & 1) === 0 || now - this.since <= this.deadlineMs) return null;
    const household = Atomics.load(m, HOUSEHOLD);
    const month = Atomics.load(m, MONTH);
    const rule = Atomics.load(m, RULE);
    const call = CALLS[Atomics.load(m, CALL)] ?? "offers";
    if (Atomics.load(m, SEQUENCE) !== sequence) return null; // the call ended while its fields were read
    return new RuleTimeoutError(this.names.get(rule) ?? `#${rule}`, household, month, call, this.deadlineMs);
  }
}
