/**
 * Fingerprints of reference runs, for refactoring the engine without changing its results:
 * the SHA-256 of `JSON.stringify` of every month record and of the final summary, for a set of
 * scenarios that exercise every phase (both presets, every built-in rule, payment lags,
 * imperfect monitoring, recertification, every interaction channel, rule errors skipped).
 * Run it before and after a change and compare: any difference means the results changed.
 * The scenarios and the hash live in test/fixtures/fingerprintScenarios.ts; test/golden.test.ts
 * pins the same hashes and, to say what moved, 70 named outcomes of each run.
 *
 * Run: npx tsx scripts/fingerprints.ts              # from the sources
 *      npx tsx scripts/fingerprints.ts --dist       # from dist/ (npm run build first)
 */
import { parseArgs } from "node:util";
import { fingerprintHash, fingerprintScenarios } from "../test/fixtures/fingerprintScenarios.js";

const { values } = parseArgs({ options: { dist: { type: "boolean", default: false } } });
// A computed specifier: dist/ need not exist (nor be type-checked) for the sources' run.
const entry = new URL(values.dist ? "../dist/index.js" : "../src/index.ts", import.meta.url).href;
const lib = (await import(entry)) as typeof import("../src/index.js");

for (const [name, scenario] of Object.entries(fingerprintScenarios)) {
  const r = lib.simulate(scenario);
  // JSON.stringify(r.months), then JSON.stringify(r.final): see fingerprintHash.
  console.log(`${name.padEnd(32)} ${fingerprintHash(r)}`);
}
