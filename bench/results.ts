/** bench/results.json: every run of the suite (or of the national script) appends one entry. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/node/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Path of bench/results.json. */
export const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));

/** The machine, as recorded with every entry (CPU model from os.cpus(), cores, memory, Node, load). */
export function describeMachine(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** The checked-out commit, marked when the working tree has uncommitted changes (null outside git). */
export function gitCommit(): string | null {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}

/**
 * Append one entry { date, commit, selection, machine (at the start and load at the end), results }
 * to bench/results.json. Earlier entries are kept as they are (oldest first), so the file is a
 * history of measurements; prune it by hand when it grows long.
 */
export async function appendResults(entry: { started: Date; machine: Record<string, unknown>; selection: string; results: readonly unknown[] }): Promise<void> {
  interface ResultsFile {
    readonly description: string;
    readonly entries: unknown[];
  }
  const file: ResultsFile = existsSync(RESULTS_PATH)
    ? (JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as ResultsFile)
    : {
        description:
          "Results of `npm run bench` (bench/run.ts) and `npm run bench:national` (bench/national.ts): one entry per invocation, " +
          "oldest first; the scripts append entries and never rewrite them (a `note` may be added by hand). Fields: see docs/performance.md. The load averages " +
          "(1, 5, 15 minutes) show whether other work shared the machine.",
        entries: [],
      };
  file.entries.push({
    date: entry.started.toISOString(),
    commit: gitCommit(),
    selection: entry.selection,
    machine: { ...entry.machine, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
    results: entry.results,
  });
  await writeFileAtomic(RESULTS_PATH, `${JSON.stringify(file, null, 2)}\n`);
}
