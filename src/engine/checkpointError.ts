/** One reason a checkpoint cannot be resumed: the field of the checkpoint (or option) and what is wrong. */
export interface CheckpointProblem {
  /** Path of the field, e.g. "state.enrolled", "scenario", "integrity.digest", "options.rule" ("(root)" for the whole). */
  readonly field: string;
  /** What did not match or is missing, as a sentence fragment. */
  readonly problem: string;
}

/**
 * Thrown by `Run.resume` when a checkpoint cannot be resumed: it is not a checkpoint, has an
 * older format or another library version, is malformed (missing fields, wrong types or
 * lengths, base64 that does not decode, truncated JSON text), does not match its digest
 * (damaged, edited or relabelled after it was written), or does not fit the options (a code
 * rule missing or of another name). The message names the source (when given) and every
 * problem; the same data is in {@link CheckpointError.problems}. Nothing is resumed.
 */
export class CheckpointError extends Error {
  /** Every problem found. */
  readonly problems: readonly CheckpointProblem[];
  /** Where the checkpoint came from (`ResumeOptions.source`, e.g. a file name), if given. */
  readonly source: string | undefined;

  /**
   * @param problems the problems (at least one)
   * @param source where the checkpoint came from, named in the message
   * @param options the error that caused this one, if any
   */
  constructor(problems: readonly CheckpointProblem[], source?: string, options?: { cause?: unknown }) {
    const lines = problems.map((p) => `  - ${source === undefined ? "" : `${source}: `}${p.field}: ${p.problem}`);
    const what = source === undefined ? "the checkpoint" : source;
    super(`Run.resume: cannot resume ${what} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`, options);
    this.name = "CheckpointError";
    this.problems = problems;
    this.source = source;
  }
}
