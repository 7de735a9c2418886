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
  }
}

/** A value as a message shows it: a string in quotes (the member "0" is not the member 0), anything else as String() gives it. */
export function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
