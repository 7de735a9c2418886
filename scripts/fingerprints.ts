/**
 * Fingerprints of reference runs, for refactoring the engine without changing its results:
 * the SHA-256 of `JSON.stringify` of every month record and of the final summary, for a set of
 * scenarios that exercise every phase (both presets, every built-in rule, payment lags,
 * imperfect monitoring, recertification, every interaction channel, rule errors skipped).
 * Run it before and after a change and compare: any difference means the results changed.
 *
 * Run: npx tsx scripts/fingerprints.ts              # from the sources
 *      npx tsx scripts/fingerprints.ts --dist       # from dist/ (npm run build first)
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { dist: { type: "boolean", default: false } } });
// A computed specifier: dist/ need not exist (nor be type-checked) for the sources' run.
const entry = new URL(values.dist ? "../dist/index.js" : "../src/index.ts", import.meta.url).href;
const lib = (await import(entry)) as typeof import("../src/index.js");

const mexico = { preset: "mexico-rural-1997", households: 2000 } as const;
const indonesia = { preset: "indonesia-2020", households: 1000 } as const;

const badRule = {
  name: "sometimes NaN",
  offers(h: { index: number; members: readonly unknown[] }) {
    return h.index % 7 === 0 ? [{ lcuPerMonth: Number.NaN, component: "x", conditions: [] }] : [{ lcuPerMonth: 50, component: "cash", conditions: [] }];
  },
};

const scenarios: Record<string, unknown> = {
  "mexico-progresa": { seed: "fp-1", months: 26, start: "1997-09", population: mexico, programme: { rule: { kind: "progresa" } } },
  "indonesia-pkh": { seed: "fp-2", months: 14, population: indonesia, programme: { rule: { kind: "pkh" } } },
  "progresa-talks-interactions": {
    seed: "fp-3",
    months: 20,
    start: "1997-09",
    population: { ...mexico, households: 1200 },
    programme: { rule: { kind: "progresa", healthTalks: true } },
    interactions: {
      network: { degree: 6 },
      peerEffects: { strength: 1.5 },
      riskSharing: { shareOfSurplus: 0.2 },
      localPrices: { elasticity: 0.5 },
      knowledgeDiffusion: 0.1,
      socialCapital: { initialStrength: 0.5, gainPerJointMeeting: 0.05, decayPerMonth: 0.01 },
    },
  },
  "job-training": { seed: "fp-4", months: 24, start: "1997-09", population: mexico, programme: { rule: { kind: "jobTraining", lcuPerMonth: 300 } } },
  "combined-lag-monitoring-recert": {
    seed: "fp-5",
    months: 30,
    start: "1997-09",
    population: mexico,
    programme: {
      rule: {
        kind: "combine",
        rules: [
          { kind: "healthCheck", lcuPerMonth: 100 },
          { kind: "unconditional", lcuPerMonth: 80, label: "education" },
          { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 60, lowerSecondary: 200, upperSecondary: 250 } },
          { kind: "communityMeetings", lcuPerMonth: 40 },
        ],
        capLcuPerMonth: 700,
      },
      payment: { everyMonths: 2, lagMonths: 1 },
      monitoring: { verificationProbability: 0.7, falseFailureRate: 0.05, falsePassRate: 0.1, unverified: "withhold", suspendAfterFailures: 2 },
      recertification: { everyMonths: 12, graceMonths: 2 },
      takeUp: { informationRate: 0.9, travelCostLcuPerKm: 2 },
    },
  },
  "pkh-2019-fds-cap": {
    seed: "fp-6",
    months: 14,
    population: indonesia,
    programme: { rule: { kind: "pkh", year: 2019, familyDevelopmentSessions: true, memberCap: 3 } },
  },
  "code-rule-skip": { seed: "fp-7", months: 8, population: { ...mexico, households: 500 }, programme: { rule: badRule, onRuleError: "skip" } },
  "no-programme": { seed: "fp-8", months: 18, population: mexico, programme: null },
};

for (const [name, scenario] of Object.entries(scenarios)) {
  const r = lib.simulate(scenario);
  const hash = createHash("sha256").update(JSON.stringify(r.months)).update(JSON.stringify(r.final)).digest("hex");
  console.log(`${name.padEnd(32)} ${hash}`);
}
