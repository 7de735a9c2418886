import { hasErrorKind, markErrorKind } from "./errorKinds.js";

/**
 * Thrown before anything is allocated when a population or a run would not fit
 * in the memory limit (`limits.memoryBytes`). The message gives the estimate
 * and how to split the work.
 */
export class CapacityError extends Error {
  /** Estimated bytes the run needs. */
  readonly estimatedBytes: number;
  /** The limit it exceeds. */
  readonly limitBytes: number;

  /**
   * @param estimatedBytes estimated peak memory, bytes
   * @param limitBytes the limit, bytes
   * @param households households of the population or run
   */
  constructor(estimatedBytes: number, limitBytes: number, households: number) {
    const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
    const shards = Math.ceil(estimatedBytes / limitBytes) + 1;
    super(
      `This run needs about ${gib(estimatedBytes)} of memory for ${households.toLocaleString("en-US")} households, ` +
        `more than limits.memoryBytes (${gib(limitBytes)}). Split the households into at least ${shards} shards ` +
        `(runShard over disjoint household lists in separate processes, then mergeShards: the result is identical), ` +
        `or raise limits.memoryBytes if the machine has the memory.`,
    );
    this.name = "CapacityError";
    this.estimatedBytes = estimatedBytes;
    this.limitBytes = limitBytes;
    markErrorKind(this, "CapacityError");
  }

  /** True for a CapacityError made by any copy of bansos (the core, `bansos/node` and worker threads are bundled apart). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasErrorKind(value, "CapacityError");
  }
}
