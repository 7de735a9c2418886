/**
 * The benchmark suite (docs/performance.md). Each benchmark runs in its own child process
 * (bench/one.ts), so its peak RSS and GC are its own, and prints one JSON line; the
 * parallel pair is followed by a line with the speed-up. The lines are also appended, as one
 * entry with a description of the machine, to bench/results.json (earlier entries are kept).
 *
 * Run: npm run bench                          # the suite: mexico-10k, -100k, -1m, indonesia-1m, parallel (several minutes)
 *      npm run bench -- --quick               # the small ones only (mexico-10k, and 1 vs 2 workers at 10k), seconds
 *      npm run bench -- --only mexico-100k    # names or groups (scale, parallel), comma-separated
 *      npm run bench -- --only parallel       # 1 vs 2 workers at 100k (with --quick: at 10k)
 *      npm run bench -- --no-save             # print only, leave bench/results.json alone
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { bundleBansos } from "./bundle.js";
import { appendResults, describeMachine } from "./results.js";
import { BENCHMARKS } from "./suite.js";
import type { Benchmark } from "./suite.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    "no-save": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`npm run bench [-- --quick | --only name,name] [--no-save]\nbenchmarks: ${BENCHMARKS.map((b) => `${b.name} (${b.group})`).join(", ")}`);
  process.exit(0);
}

let selected: readonly Benchmark[];
if (values.only !== undefined) {
  const wanted = values.only
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w || b.group === w));
  if (unknown.length > 0 || wanted.length === 0) {
    console.error(
      `--only: unknown benchmark ${unknown.map((u) => `"${u}"`).join(", ") || "(none given)"}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}, or a group: scale, parallel`,
    );
    process.exit(2);
  }
  // A name selects that benchmark; a group, its members in the suite (or in the quick set with --quick).
  selected = BENCHMARKS.filter((b) => wanted.includes(b.name) || (wanted.includes(b.group) && (values.quick ? b.quick : b.full)));
} else {
  selected = BENCHMARKS.filter((b) => (values.quick ? b.quick : b.full));
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** Run one benchmark in a child process; resolves with its JSON line parsed. */
function runChild(b: Benchmark, bundleDir: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(new URL("./one.ts", import.meta.url)), b.name], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BANSOS_BENCH_BUNDLE: bundleDir },
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`benchmark ${b.name} failed (exit code ${code}): ${out}`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

const started = new Date();
const machine = describeMachine();
const lines: Record<string, unknown>[] = [];
// Every benchmark runs bansos bundled as the package ships it (bench/bundle.ts explains why).
const bundle = await bundleBansos();
try {
  for (const b of selected) {
    const line = await runChild(b, bundle.dir);
    console.log(JSON.stringify(line));
    lines.push(line);
  }
} finally {
  bundle.dispose();
}

/**
 * What the machine itself gives two threads: the same pure arithmetic loop on 1 worker thread, then
 * on 2 at once; the ratio of work per second. On a virtual machine whose two vCPUs share a physical
 * core, or whose host is busy, it is well below 2, and it bounds any parallel speed-up.
 */
async function pureComputeSpeedUp(threads: number): Promise<number> {
  const code = "let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);";
  const run = async (n: number) => {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: n }, () => new Promise((resolve, reject) => new Worker(code, { eval: true }).once("message", resolve).once("error", reject))),
    );
    return (performance.now() - t0) / 1000;
  };
  const one = await run(1);
  const many = await run(threads);
  return (threads * one) / many;
}

// Speed-up of every parallel pair (same size, 1 and 2 or more workers).
const parallel = lines.filter((l) => typeof l.workers === "number");
const ceiling = new Map<number, number>();
for (const l of parallel) {
  const w = l.workers as number;
  if (w > 1 && !ceiling.has(w)) ceiling.set(w, Number((await pureComputeSpeedUp(w)).toFixed(2)));
}
for (const one of parallel.filter((l) => l.workers === 1)) {
  for (const many of parallel.filter((l) => l.households === one.households && l.months === one.months && (l.workers as number) > 1)) {
    const single = lines.find((l) => l.workers === undefined && l.households === one.households && l.months === one.months && l.preset === one.preset);
    const summary = {
      benchmark: `parallel ${one.preset} ${one.households} × ${one.months}`,
      workers: many.workers,
      seconds1Worker: one.seconds,
      secondsWorkers: many.seconds,
      speedUp: Number(((one.seconds as number) / (many.seconds as number)).toFixed(2)),
      // The same ratio for a pure arithmetic loop on as many threads, measured just after: the machine's ceiling.
      pureComputeSpeedUp: ceiling.get(many.workers as number),
      // Against simulate() in one thread, population included (from the scale benchmark, when it ran).
      ...(single
        ? { speedUpVsSimulate: Number((((single.seconds as number) + (single.populationSeconds as number)) / (many.seconds as number)).toFixed(2)) }
        : {}),
      paidIdentical: one.paidLcu === many.paidLcu && (!single || single.paidLcu === many.paidLcu),
    };
    console.log(JSON.stringify(summary));
    lines.push(summary);
  }
}

if (!values["no-save"]) {
  await appendResults({ started, machine, selection: values.only ?? (values.quick ? "--quick" : "full suite"), results: lines });
}
