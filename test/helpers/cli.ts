/**
 * Running the BUILT `bansos` command (dist/cli/main.js) in child processes, for
 * test/cli.test.ts and test/shards.test.ts. `npm test` builds before vitest;
 * when dist/cli/main.js is missing or older than src/cli/, the tests fail with
 * a message saying to run `npm run build` (they never build themselves: other
 * work may be using dist/ at the same time).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The built command. */
export const CLI = join(ROOT, "dist", "cli", "main.js");

/** Throws a clear message unless dist/cli/main.js exists and is newer than every file of src/cli/. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (\`npm test\` builds before running the tests).`);
  const built = statSync(CLI).mtimeMs;
  const src = join(ROOT, "src", "cli");
  const newer = readdirSync(src).filter((f) => statSync(join(src, f)).mtimeMs > built);
  if (newer.length > 0) throw new Error(`${CLI} is older than src/cli/${newer[0]}: run \`npm run build\` first.`);
}

/** What a run of the command gave. */
export interface CliRun {
  /** Exit code (null if killed by a signal). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `node dist/cli/main.js …args` in the repository root (or `cwd`), with colours off. */
export function bansos(args: readonly string[], options: { cwd?: string; nodeArgs?: readonly string[]; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), CLI, ...args],
      { cwd: options.cwd ?? ROOT, maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** True when running in CI (CI set and not "false"/"0"): tools CI installs must be there. */
export const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false" && process.env.CI !== "0";
