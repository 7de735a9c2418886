/**
 * Golden values: results that refactorings of the engine must leave bit-identical.
 *
 * - The reference scenario: the SHA-256 of the canonical JSON of its whole result (FINGERPRINT).
 * - The fingerprint scenarios of test/fixtures/fingerprintScenarios.ts (those scripts/fingerprints.ts
 *   prints): for each, twenty named monthly outcomes at month 0, the middle month and the last
 *   month, plus ten values of the final summary (70 in all), stored with full double precision in
 *   test/golden/outcomes.json and compared name by name (a failure lists every moved outcome,
 *   expected and actual), then its hash as the script computes it (FINGERPRINT_HASHES).
 *
 * When a change moves results on purpose, regenerate — and only then:
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
 *
 * rewrites test/golden/outcomes.json and prints the new FINGERPRINT_HASHES; paste them below (the
 * run fails until the pinned hashes match), review `git diff test/golden/outcomes.json`, and add a
 * line to CHANGELOG.md saying why. Without UPDATE_GOLDEN=1 this test never writes a file.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { simulate } from "../src/index.js";
import type { MonthRecord, SimulationResult } from "../src/index.js";
import { fingerprintHash, fingerprintScenarios } from "./fixtures/fingerprintScenarios.js";
import type { FingerprintScenarioName } from "./fixtures/fingerprintScenarios.js";

/** JSON with object keys sorted, so the fingerprint depends on values only. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Golden fingerprint (pure-rand style) of a small reference scenario: the SHA-256 of the
 * canonical JSON of its whole result. It changes only when the model, the random streams
 * or the outputs change on purpose; such a commit updates the value below and adds a line
 * to CHANGELOG.md saying why.
 */
const REFERENCE = {
  seed: "golden-reference",
  months: 14,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households: 300, localities: 10 },
  programme: { rule: { kind: "progresa" } },
} as const;
const FINGERPRINT = "9ecf054d9928bdba87b2f3a31ca0af9d6931140434c33dc15f998ec9da2d52d0";

describe("golden fingerprint of the reference scenario", () => {
  it("has not changed", () => {
    const hash = createHash("sha256")
      .update(canonical(simulate(REFERENCE)))
      .digest("hex");
    expect(hash).toBe(FINGERPRINT);
  });
});

// ---- fingerprint scenarios: named outcomes, then the hash

/** Regenerate test/golden/outcomes.json (and print the hashes) instead of comparing with it. */
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const OUTCOMES_FILE = new URL("./golden/outcomes.json", import.meta.url);
const REGENERATE = "UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts";

/** The hash of each fingerprint scenario, as scripts/fingerprints.ts prints it (see fingerprintHash). */
const FINGERPRINT_HASHES: Readonly<Record<FingerprintScenarioName, string>> = {
  "mexico-progresa": "219159c1e0a0fd0c02526ee2f2ee87075e9360cb448d749838098e4998bc5ce6",
  "indonesia-pkh": "c66904e28b7ca64cf2cbddc4bc24421994e90ee285c38942f462d8ba661de609",
  "progresa-talks-interactions": "18aa99633121d33c8a5ef6afafa047006f98653eefe08929c617a1b47620abc0",
  "job-training": "996352804a1168f53bcafacd8f8ac5fe0d1f0303a8f09c86f4eb1f7c69012ae6",
  "combined-lag-monitoring-recert": "b8f73d739c91fbc7a7ab1d40495861df5ad74ef7578cba8b16a9f59b4ad6d027",
  "pkh-2019-fds-cap": "2597e4a66d09648b40192742e653ede30d88c8cb8795b1706132710a2bf8eb54",
  "code-rule-skip": "802419750f3ab9b2b9e80ffebfe3fc11eb5b49279cfcde9112a7739cd06df20a",
  "no-programme": "0328592676c23d8fedad2c49124f7faee66054471bf339e1ae4c93786d754ad3",
};

/**
 * Monthly outcomes, each recorded at month 0, the middle month (⌊months/2⌋) and the last month
 * as "<name>@month<index>". A name is the path of the value in a month record, without
 * "segments." (so "poor.enrolment.age12to14" is `months[m].segments.poor.enrolment.age12to14`).
 */
const MONTHLY: Readonly<Record<string, (m: MonthRecord) => number | null>> = {
  "poor.enrolment.age12to14": (m) => m.segments.poor.enrolment.age12to14,
  "poor.enrolment.age15to17": (m) => m.segments.poor.enrolment.age15to17,
  "poor.childWork.all": (m) => m.segments.poor.childWork.all,
  "poor.clinicVisitsPerPerson": (m) => m.segments.poor.clinicVisitsPerPerson,
  "poor.stuntingUnder5": (m) => m.segments.poor.stuntingUnder5,
  "poor.consumptionPerAeLcu": (m) => m.segments.poor.consumptionPerAeLcu,
  "poor.povertyHeadcount": (m) => m.segments.poor.povertyHeadcount,
  "poor.povertyGap": (m) => m.segments.poor.povertyGap,
  "poor.labourEarningsLcu": (m) => m.segments.poor.labourEarningsLcu,
  "poor.savingsLcu": (m) => m.segments.poor.savingsLcu,
  "poor.productiveAssetsLcu": (m) => m.segments.poor.productiveAssetsLcu,
  "adults.employmentRate": (m) => m.adults.employmentRate,
  "programme.beneficiaries": (m) => m.programme.beneficiaries,
  "programme.paidLcu": (m) => m.programme.paidLcu,
  "programme.entitledLcu": (m) => m.programme.entitledLcu,
  "programme.withheldLcu": (m) => m.programme.withheldLcu,
  "programme.unpaidLcu": (m) => m.programme.unpaidLcu,
  "programme.forfeitedLcu": (m) => m.programme.forfeitedLcu,
  "programme.conditionsChecked": (m) => m.programme.conditionsChecked,
  "programme.conditionsMet": (m) => m.programme.conditionsMet,
  "programme.offersSkipped": (m) => m.programme.offersSkipped,
  "interactions.informalGivenLcu": (m) => m.interactions.informalGivenLcu,
  "demography.births": (m) => m.demography.births,
  "demography.deaths": (m) => m.demography.deaths,
};

/** Values of the final summary: window means of the poor segment and run totals (suspensions and graduations too: monitoring and recertification). "final.poor.x" is `final.segments.poor.x`. */
const FINAL: Readonly<Record<string, (r: SimulationResult) => number | null>> = {
  "final.poor.enrolment.age12to14": (r) => r.final.segments.poor.enrolment.age12to14,
  "final.poor.povertyHeadcount": (r) => r.final.segments.poor.povertyHeadcount,
  "final.totals.paidLcu": (r) => r.final.totals.paidLcu,
  "final.totals.entitledLcu": (r) => r.final.totals.entitledLcu,
  "final.totals.unpaidAtEndLcu": (r) => r.final.totals.unpaidAtEndLcu,
  "final.totals.forfeitedLcu": (r) => r.final.totals.forfeitedLcu,
  "final.totals.births": (r) => r.final.totals.births,
  "final.totals.deaths": (r) => r.final.totals.deaths,
  "final.totals.suspendedHouseholdMonths": (r) => r.final.totals.suspendedHouseholdMonths,
  "final.totals.graduations": (r) => r.final.totals.graduations,
  "final.totals.entitledEducationLcu": (r) => r.final.totals.entitledEducationLcu,
  "final.projectedEarningsLcuPerYear.0": (r) => r.final.projectedEarningsLcuPerYear[0] ?? null,
};

/** An outcome as stored in JSON: a number (full precision: JSON keeps the shortest round-trip form), null, or a non-finite number as a string ("NaN"). */
type Stored = number | null | string;
type Outcomes = Readonly<Record<string, Stored>>;

function stored(value: number | null): Stored {
  return value === null || Number.isFinite(value) ? value : String(value);
}

/** The named outcomes of a run, in a fixed order (monthly outcomes by name then month, then the final values). */
function namedOutcomes(r: SimulationResult): Record<string, Stored> {
  const n = r.months.length;
  const sample = [...new Set([0, Math.floor(n / 2), n - 1])];
  const out: Record<string, Stored> = {};
  for (const [name, get] of Object.entries(MONTHLY)) {
    for (const m of sample) {
      const record = r.months[m];
      if (record) out[`${name}@month${m}`] = stored(get(record));
    }
  }
  for (const [name, get] of Object.entries(FINAL)) out[name] = stored(get(r));
  return out;
}

/** One line per outcome that differs (or is only on one side), expected then actual. */
function movedOutcomes(expected: Outcomes, actual: Outcomes): string[] {
  const show = (v: Stored | undefined) => JSON.stringify(v);
  const moved: string[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!Object.hasOwn(actual, name)) moved.push(`${name}: expected ${show(e)}, actual: no longer computed`);
    else if (a !== e) moved.push(`${name}: expected ${show(e)}, actual ${show(a)}${typeof a === "number" && typeof e === "number" ? ` (Δ ${a - e})` : ""}`);
  }
  for (const [name, a] of Object.entries(actual)) {
    if (!Object.hasOwn(expected, name)) moved.push(`${name}: not in test/golden/outcomes.json, actual ${show(a)}`);
  }
  return moved;
}

interface OutcomesFile {
  readonly $comment: string;
  readonly scenarios: Readonly<Record<string, Outcomes>>;
}

function readOutcomesFile(): Readonly<Record<string, Outcomes>> {
  if (!existsSync(OUTCOMES_FILE)) return {};
  return (JSON.parse(readFileSync(OUTCOMES_FILE, "utf8")) as OutcomesFile).scenarios;
}

describe("fingerprint scenarios (test/fixtures/fingerprintScenarios.ts): named outcomes, then the hash", () => {
  const golden = readOutcomesFile();
  const names = Object.keys(fingerprintScenarios) as FingerprintScenarioName[];
  const computed = new Map<FingerprintScenarioName, { outcomes: Outcomes; hash: string }>();

  afterAll(() => {
    if (!UPDATE) return;
    // Scenarios not run (e.g. filtered out with -t) keep their stored outcomes and pinned hash.
    const scenarios: Record<string, Outcomes> = {};
    for (const name of names) {
      const outcomes = computed.get(name)?.outcomes ?? golden[name];
      if (outcomes) scenarios[name] = outcomes;
    }
    const file: OutcomesFile = { $comment: `Generated by \`${REGENERATE}\`: do not edit by hand (see test/golden.test.ts).`, scenarios };
    writeFileSync(OUTCOMES_FILE, `${JSON.stringify(file, null, 2)}\n`);
    const lines = names.map((name) => `  ${JSON.stringify(name)}: "${computed.get(name)?.hash ?? FINGERPRINT_HASHES[name]}",`);
    console.log(
      `Wrote ${Object.keys(scenarios).length} scenarios to test/golden/outcomes.json. Paste into test/golden.test.ts:\n` +
        `const FINGERPRINT_HASHES: Readonly<Record<FingerprintScenarioName, string>> = {\n${lines.join("\n")}\n};`,
    );
  });

  for (const name of names) {
    it(name, () => {
      const result = simulate(fingerprintScenarios[name]);
      const outcomes = namedOutcomes(result);
      const hash = fingerprintHash(result);
      computed.set(name, { outcomes, hash });
      if (!UPDATE) {
        const expected = golden[name];
        if (expected === undefined) expect.fail(`${name} has no outcomes in test/golden/outcomes.json: regenerate with ${REGENERATE}`);
        const moved = movedOutcomes(expected, outcomes);
        if (moved.length > 0) {
          const pinned = FINGERPRINT_HASHES[name];
          expect.fail(
            `${moved.length} of ${Object.keys(expected).length} named outcomes of ${name} moved (expected = test/golden/outcomes.json, Δ = actual − expected):\n` +
              `${moved.join("\n")}\n` +
              `hash: ${hash === pinned ? "as pinned (so test/golden/outcomes.json is stale or was edited by hand)" : `expected ${pinned}, actual ${hash}`}`,
          );
        }
      }
      expect(
        hash,
        UPDATE
          ? `the pinned hash of ${name} differs: paste the FINGERPRINT_HASHES printed by this run`
          : `no named outcome of ${name} moved, but its hash did: another value of months or final changed (compare the JSON of the run before and after)`,
      ).toBe(FINGERPRINT_HASHES[name]);
    });
  }
});
