/**
 * Thrown instead of returning or writing a number that is NaN or infinite: a result that
 * would lie. Scenario fields are range-checked when parsed, so this names a defect of the
 * model or of a code rule; the message says which outcome and where.
 */
export class NonFiniteResultError extends Error {
  /** Where the number is, e.g. "months[13].segments.poor.consumptionPerAeLcu". */
  readonly path: string;
  /** The number found (NaN, Infinity or -Infinity). */
  readonly value: number;

  /**
   * @param what what was being made ("the result of scenario \"x\"", "the CSV export")
   * @param path where the number is
   * @param value the number
   */
  constructor(what: string, path: string, value: number) {
    super(
      `${what} would contain ${String(value)} at ${path}: refused rather than returned. Every scenario field is range-checked, ` +
        `so this is a defect (of the model, or of a code rule's amounts): please report it with the scenario.`,
    );
    this.name = "NonFiniteResultError";
    this.path = path;
    this.value = value;
  }
}

/**
 * Throw a {@link NonFiniteResultError} for the first number anywhere in `value` (objects,
 * arrays, typed arrays; `null` is allowed: it marks a statistic without a denominator) that is
 * NaN or infinite. Iterative, so deep values cannot overflow the stack.
 * @param what what `value` is, for the message
 */
export function assertFinite(value: unknown, what: string): void {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node === "number") {
      if (!Number.isFinite(node)) throw new NonFiniteResultError(what, path === "" ? "(the value itself)" : path, node);
    } else if (ArrayBuffer.isView(node) && !(node instanceof DataView)) {
      const array = node as unknown as ArrayLike<number>;
      for (let k = 0; k < array.length; k++)
        if (!Number.isFinite(array[k] as number)) throw new NonFiniteResultError(what, `${path}[${k}]`, array[k] as number);
    } else if (Array.isArray(node)) {
      for (let k = node.length - 1; k >= 0; k--) stack.push([node[k], `${path}[${k}]`]);
    } else if (node !== null && typeof node === "object") {
      const entries = Object.entries(node as Record<string, unknown>);
      for (let k = entries.length - 1; k >= 0; k--) {
        const [key, v] = entries[k] as [string, unknown];
        stack.push([v, path === "" ? key : `${path}.${key}`]);
      }
    }
  }
}
