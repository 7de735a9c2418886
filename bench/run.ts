/**
 * Benchmark: the Mexico preset with the Progresa rule, 100,000 households × 36
 * months (override with --households / --months). Prints one JSON line:
 * households, persons, months, seconds, person-months per second, peak RSS.
 *
 * Run: npm run bench [-- --households 100000 --months 36]
 */
import { parseArgs } from "node:util";
import { createPopulation, parseScenario, simulate } from "../src/index.js";

const { values } = parseArgs({
  options: { households: { type: "string", default: "100000" }, months: { type: "string", default: "36" } },
});
const households = Number(values.households);
const months = Number(values.months);
const scenario = parseScenario({
  seed: "bench",
  months,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households },
  programme: { rule: { kind: "progresa" } },
});

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const t0 = performance.now();
const population = createPopulation(scenario);
const t1 = performance.now();
// Keep the result referenced so nothing is optimised away.
const result = simulate(scenario, { population });
const t2 = performance.now();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const persons = population.personCount;
const seconds = (t2 - t1) / 1000;
console.log(
  JSON.stringify({
    benchmark: "mexico-rural-1997 + progresa",
    households,
    persons,
    months,
    seconds: Number(seconds.toFixed(3)),
    populationSeconds: Number(((t1 - t0) / 1000).toFixed(3)),
    personMonthsPerSecond: Math.round((persons * months) / seconds),
    peakRssMiB: Math.round(peakRss / 1048576),
    paidLcu: Math.round(result.final.totals.paidLcu),
  }),
);
