/**
 * `instanceof` for the error classes of bansos across copies of the library. The core
 * (`bansos`), the Node entry (`bansos/node`), the command and each worker thread are bundled
 * apart, so each has its own copy of `RuleError`, `ScenarioError` and `CapacityError`; an error
 * thrown by one copy would not be `instanceof` the class of another. Each error therefore carries
 * the names of its classes under a registered symbol (`Symbol.for`, the same in every copy and
 * every thread), and each class's `Symbol.hasInstance` checks that list.
 */

/** Property of an error holding the names of its bansos classes (not enumerable). */
const KINDS: unique symbol = Symbol.for("bansos.errorKinds");

/** Record that `error` is an instance of the bansos class `kind` (called by the class's constructor, after `super`). */
export function markErrorKind(error: Error, kind: string): void {
  const kinds = (error as { [KINDS]?: readonly string[] })[KINDS] ?? [];
  Object.defineProperty(error, KINDS, { value: [...kinds, kind], configurable: true });
}

/** True when `value` was made by the bansos class `kind` (or a subclass) of any copy of bansos. */
export function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const kinds = (value as { [KINDS]?: unknown })[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}
