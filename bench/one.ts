/**
 * One benchmark, in its own process (started by bench/run.ts, so peak RSS and GC are this
 * benchmark's alone). Prints one JSON line.
 *
 * Run by hand: node --expose-gc --import tsx bench/one.ts mexico-10k
 */
import { loadavg } from "node:os";
import type { WorkerRunTimings } from "../src/node/index.js";
import { loadCore, loadNode } from "./bundle.js";
import { loopAllocationProbe, peakRssBytes, recordGc } from "./measure.js";
import { BENCHMARKS, benchmarkScenario } from "./suite.js";

const name = process.argv[2];
const benchmark = BENCHMARKS.find((b) => b.name === name);
if (!benchmark) {
  console.error(`unknown benchmark "${name}"; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
// bansos bundled by bench/run.ts (as the package ships it), or the sources when run by hand.
const bundleDir = process.env.BANSOS_BENCH_BUNDLE;
const { createPopulation, parseScenario, simulate } = await loadCore(bundleDir);
const node = benchmark.group === "parallel" ? await loadNode(bundleDir) : null;
const MiB = 2 ** 20;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const scenario = parseScenario(benchmarkScenario(benchmark));
const loadAtStart = round(loadavg()[0] as number, 2);

// Baseline: the process with its modules loaded and the heap collected, before any population exists.
(globalThis as { gc?: () => void }).gc?.();
const baselineRss = process.memoryUsage().rss;
const gc = recordGc();

if (benchmark.group === "scale") {
  const t0 = performance.now();
  const population = createPopulation(scenario);
  const t1 = performance.now();
  const probe = loopAllocationProbe(scenario.months);
  // The population serves this run only, as in a national run: the run adopts its arrays.
  const result = simulate(scenario, { population, observe: probe.observe, adoptPopulation: true });
  const t2 = performance.now();
  const peakRss = peakRssBytes();
  const pauses = await gc.pausesBetween(t1, t2);
  const populationPauses = await gc.pausesBetween(t0, t1);
  gc.stop();
  const persons = population.personCount;
  const seconds = (t2 - t1) / 1000;
  const allocation = probe.result();
  const allocPerPm = allocation ? allocation.bytes / (persons * allocation.months) : null;
  console.log(
    JSON.stringify({
      ...header(persons),
      seconds: round(seconds),
      populationSeconds: round((t1 - t0) / 1000),
      personMonthsPerSecond: Math.round((persons * scenario.months) / seconds),
      peakRssMiB: Math.round(peakRss / MiB),
      baselineRssMiB: Math.round(baselineRss / MiB),
      bytesPerPerson: Math.round((peakRss - baselineRss) / persons),
      gcPauseMs: round(pauses.totalMs, 1),
      gcCount: pauses.count,
      gcMaxPauseMs: round(pauses.maxMs, 1),
      populationGcPauseMs: round(populationPauses.totalMs, 1),
      loopAllocatedBytesPerPersonMonth: allocPerPm === null ? null : round(allocPerPm, 2),
      allocatesPerPerson: allocPerPm === null ? null : allocPerPm >= 1,
      loadAverage: [loadAtStart, round(loadavg()[0] as number, 2)],
      paidLcu: Math.round(result.final.totals.paidLcu),
    }),
  );
} else if (node) {
  const { simulateInWorkers } = node;
  let timings: WorkerRunTimings | undefined;
  const t0 = performance.now();
  const result = await simulateInWorkers(scenario, { workers: benchmark.workers ?? 2, onTimings: (t) => (timings = t) });
  const t1 = performance.now();
  const peakRss = peakRssBytes();
  const pauses = await gc.pausesBetween(t0, t1);
  gc.stop();
  const persons = result.meta.personsAtStart;
  const seconds = (t1 - t0) / 1000;
  const shards = timings?.shards ?? [];
  const max = (f: (s: WorkerRunTimings["shards"][number]) => number) => round(Math.max(...shards.map(f)));
  console.log(
    JSON.stringify({
      ...header(persons),
      workers: benchmark.workers,
      // End to end: thread start, population built in every worker, shards run, accumulators moved, merge.
      seconds: round(seconds),
      personMonthsPerSecond: Math.round((persons * scenario.months) / seconds),
      startSeconds: max((s) => s.startSeconds),
      populationSeconds: max((s) => s.populationSeconds),
      simulationSeconds: max((s) => s.simulationSeconds),
      shardSimulationSeconds: shards.map((s) => round(s.simulationSeconds)),
      transferSeconds: max((s) => s.transferSeconds),
      waitSeconds: round(timings?.waitSeconds ?? NaN),
      mergeSeconds: round(timings?.mergeSeconds ?? NaN),
      peakRssMiB: Math.round(peakRss / MiB),
      baselineRssMiB: Math.round(baselineRss / MiB),
      bytesPerPerson: Math.round((peakRss - baselineRss) / persons),
      // The main thread's collections only (PerformanceObserver sees its own isolate, not the workers').
      gcPauseMs: round(pauses.totalMs, 1),
      gcCount: pauses.count,
      loadAverage: [loadAtStart, round(loadavg()[0] as number, 2)],
      paidLcu: Math.round(result.final.totals.paidLcu),
    }),
  );
}

/** The fields every benchmark line starts with. */
function header(persons: number) {
  const b = benchmark as NonNullable<typeof benchmark>; // checked above (the process exits otherwise)
  return {
    benchmark: b.name,
    preset: b.preset,
    rule: b.rule,
    households: b.households,
    persons,
    months: scenario.months,
    bundled: bundleDir !== undefined,
  };
}
