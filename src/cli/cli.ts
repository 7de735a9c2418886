/**
 * The `bansos` command-line tool: dispatch to a command, `--help`,
 * `--version`, and the exit codes (0 success, 2 bad input, 1 internal error).
 */
import { VERSION } from "../foundation/version.js";
import type { Command } from "./command.js";
import { compareCommand } from "./compare.js";
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from "./errors.js";
import { mergeCommand } from "./merge.js";
import { runCommand } from "./run.js";
import { sweepCommand } from "./sweep.js";
import { validateCommand } from "./validate.js";

/** Every command, in the order `bansos --help` lists them. */
const COMMANDS: readonly Command[] = [runCommand, compareCommand, validateCommand, sweepCommand, mergeCommand];

/** The text of `bansos --help`. */
function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `bansos ${VERSION} — agent-based simulation of cash-transfer programmes

Usage: bansos <command> [arguments] [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Options:
  --help, -h      this help; bansos <command> --help for a command's
  --version, -v   print the version

Exit codes: 0 success; 2 bad input (missing file, malformed JSON, invalid field,
unknown command or option, a path that cannot be read or written: a directory in
the way, no permission, a read-only or full disk), one line per problem; 1 internal
error.

Examples:
  bansos run examples/scenarios/progresa.json --out out/progresa
  bansos compare examples/scenarios/no-programme.json examples/scenarios/progresa.json examples/scenarios/uct-same-cost.json --out out/compare
  bansos sweep examples/scenarios/sweep-grants.json --shard 1/4 --out out/shard-1
  bansos merge out/shard-* --out out/all`;
}

/**
 * Run the tool with the arguments after `bansos` and return the exit code:
 * 0 on success, 2 on bad input (each problem on its own line, prefixed
 * "bansos: "), 1 on an internal error (message and a hint to report it).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const streams = { stdout: process.stdout, stderr: process.stderr };
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      streams.stderr.write(mainHelp() + "\n");
      return EXIT_INPUT;
    }
    if (first === "--help" || first === "-h" || first === "help") {
      const command = first === "help" && rest[0] !== undefined ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      if (first === "help" && rest[0] !== undefined && !command)
        throw new InputError(`unknown command "${rest[0]}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
      streams.stdout.write((command ? command.help : mainHelp()) + "\n");
      return EXIT_OK;
    }
    if (first === "--version" || first === "-v" || first === "version") {
      streams.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (first.startsWith("-")) throw new InputError(`unknown option ${first} (bansos takes --help or --version before a command)`, "see bansos --help");
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) throw new InputError(`unknown command "${first}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`, "see bansos --help");
    await command.run(rest);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      streams.stderr.write(error.problems.map((p) => `bansos: ${p}\n`).join("") + (error.hint ? `(${error.hint})\n` : ""));
      return EXIT_INPUT;
    }
    const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
    streams.stderr.write(
      `bansos: internal error: ${message}\n` +
        `This is a bug in bansos ${VERSION} (or a system problem such as a failing disk). Please report it with the command line and input files` +
        (process.env.BANSOS_DEBUG ? `.\n${error instanceof Error ? (error.stack ?? "") : ""}\n` : "; BANSOS_DEBUG=1 prints the stack trace.\n"),
    );
    return EXIT_INTERNAL;
  }
}
