/** The shape of a `bansos` command (one module per command, dispatched by main.ts). */

/** A command of the `bansos` tool. */
export interface Command {
  /** Name as typed after `bansos`. */
  readonly name: string;
  /** One line for `bansos --help`. */
  readonly summary: string;
  /** Full help text (`bansos <name> --help`). */
  readonly help: string;
  /**
   * Run with the arguments after the command name. Throws `InputError` on bad
   * input (exit code 2); any other error is internal (exit code 1).
   */
  run(args: readonly string[]): Promise<void>;
}
