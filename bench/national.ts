/**
 * National scale: the Indonesia preset with the PKH rule at 10,000,000 households × 12 months
 * (issue 6, item 4). Prints one JSON line — time (population, simulation, total), peak RSS,
 * bytes per person and per household — and appends it to bench/results.json.
 *
 * With more than one worker the run is sharded over worker threads (`simulateInWorkers`); every
 * worker holds a whole population and run state, so memory grows with the workers. By default
 * the script takes 2 workers when twice the estimated memory (`estimateMemoryBytes`) fits in 80%
 * of the free memory, and otherwise runs single-threaded (`simulate`). See docs/scaling.md.
 *
 * Run: npm run bench:national [-- --households 10000000 --months 12 --workers 1|2 --no-save]
 * (the npm script raises V8's heap limit: building 10 million households' compositions needs
 * several GiB of JavaScript heap for a moment.)
 */
import { freemem, loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { WorkerRunTimings } from "../src/node/index.js";
import { bundleBansos, loadCore, loadNode } from "./bundle.js";
import { peakRssBytes, recordGc } from "./measure.js";
import { appendResults, describeMachine } from "./results.js";
import { benchmarkScenario } from "./suite.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "10000000" },
    months: { type: "string", default: "12" },
    workers: { type: "string" },
    "no-save": { type: "boolean", default: false },
  },
});
// bansos bundled as the package ships it (bench/bundle.ts explains why).
const bundle = await bundleBansos();
process.once("exit", () => bundle.dispose());
const { createPopulation, estimateMemoryBytes, parseScenario, simulate } = await loadCore(bundle.dir);
const { simulateInWorkers } = await loadNode(bundle.dir);
const households = Number(values.households);
const months = Number(values.months);
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const scenario = parseScenario({
  ...benchmarkScenario({ preset: "indonesia-2020", rule: "pkh", households, months }),
  limits: { memoryBytes: 64 * GiB },
});
const estimate = estimateMemoryBytes(scenario, { adoptPopulation: true }); // the run (and each worker) adopts its population
const workers = values.workers !== undefined ? Number(values.workers) : 2 * estimate < 0.8 * freemem() ? 2 : 1;
console.error(
  `national: ${households.toLocaleString("en-US")} households × ${months} months, ${workers} worker(s); ` +
    `estimated ${(estimate / GiB).toFixed(1)} GiB per run, free ${(freemem() / GiB).toFixed(1)} GiB, load ${loadavg()[0]?.toFixed(2)}`,
);

const started = new Date();
const machine = describeMachine();
(globalThis as { gc?: () => void }).gc?.();
const baselineRss = process.memoryUsage().rss;
const loadAtStart = round(loadavg()[0] as number, 2);
const gc = recordGc();
const t0 = performance.now();
let populationSeconds: number;
let simulationSeconds: number;
let persons: number;
let paidLcu: number;
let timings: WorkerRunTimings | undefined;
if (workers === 1) {
  const population = createPopulation(scenario);
  const t1 = performance.now();
  console.error(`population: ${population.personCount.toLocaleString("en-US")} persons in ${((t1 - t0) / 1000).toFixed(1)} s`);
  const result = simulate(scenario, {
    population,
    adoptPopulation: true,
    observe: (t) => console.error(`month ${t + 1}/${months} at ${((performance.now() - t0) / 1000).toFixed(0)} s`),
  });
  populationSeconds = (t1 - t0) / 1000;
  simulationSeconds = (performance.now() - t1) / 1000;
  persons = population.personCount;
  paidLcu = result.final.totals.paidLcu;
} else {
  const result = await simulateInWorkers(scenario, {
    workers,
    onProgress: (done, total) => console.error(`shard-months ${done}/${total} at ${((performance.now() - t0) / 1000).toFixed(0)} s`),
    onTimings: (t) => (timings = t),
  });
  const shards = timings?.shards ?? [];
  populationSeconds = Math.max(...shards.map((s) => s.populationSeconds));
  simulationSeconds = Math.max(...shards.map((s) => s.simulationSeconds));
  persons = result.meta.personsAtStart;
  paidLcu = result.final.totals.paidLcu;
}
const total = (performance.now() - t0) / 1000;
const peakRss = peakRssBytes();
const pauses = await gc.pausesBetween(t0, performance.now());
gc.stop();
const line = {
  benchmark: "national indonesia-2020 + pkh",
  households,
  persons,
  months,
  workers,
  seconds: round(total),
  populationSeconds: round(populationSeconds),
  simulationSeconds: round(simulationSeconds),
  personMonthsPerSecond: Math.round((persons * months) / total),
  peakRssMiB: Math.round(peakRss / MiB),
  baselineRssMiB: Math.round(baselineRss / MiB),
  bytesPerPerson: Math.round((peakRss - baselineRss) / persons),
  bytesPerHousehold: Math.round((peakRss - baselineRss) / households),
  estimatedBytesPerRun: estimate,
  ...(timings ? { timings } : {}),
  gcPauseMs: round(pauses.totalMs, 1),
  gcCount: pauses.count,
  loadAverage: [loadAtStart, round(loadavg()[0] as number, 2)],
  paidLcu: Math.round(paidLcu),
};
console.log(JSON.stringify(line));

if (!values["no-save"]) await appendResults({ started, machine, selection: "national", results: [line] });
