/**
 * Property-based tests: invariants of `simulate` checked over randomly generated VALID
 * scenarios (fast-check, fixed seeds so CI is reproducible). Populations are tiny so the
 * whole file runs in well under a minute on two cores.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Run, createPopulation, finishRun, mergeShards, parseScenario, runShard, simulate } from "./src/index.js";
import type { RuleSpecInput, ScenarioInput, ShardResult, SimulationResult } from "./src/index.js";

// ---------------------------------------------------------------------------------------------
// Scenario arbitrary
// ---------------------------------------------------------------------------------------------

type PresetName = "mexico-rural-1997" | "indonesia-2020";

/** Poverty lines of the presets (local currency per adult equivalent per month): money is generated in these units. */
const POVERTY_LINE: Record<PresetName, number> = { "mexico-rural-1997": 350, "indonesia-2020": 550_458 };

/**
 * A real number in [min, max]. fc.double alone is heavily biased toward tiny magnitudes
 * (it draws uniformly over floating-point representations), so mostly draw uniformly on a
 * grid of a million steps; sometimes the bounds exactly, sometimes any double in range
 * (subnormals and awkward fractions included).
 */
const real = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((k) => Math.min(max, min + ((max - min) * k) / 1_000_000)) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true }) },
  );

/**
 * An amount of money between 0 and `lines` poverty lines: any real (fractions of a cent
 * or rupiah included, to exercise the engine's fixed-point rounding), exactly 0, or whole
 * currency units.
 */
const money = (pl: number, lines: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: real(0, lines * pl) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(lines * pl) }) },
  );

const rate = real(0, 1);

/** A clinic-visit schedule with some windows given (1–12 months), the rest defaulted. */
const visitSchedule = fc.record(
  {
    under2: fc.integer({ min: 1, max: 12 }),
    age2to5: fc.integer({ min: 1, max: 12 }),
    age6to17: fc.integer({ min: 1, max: 12 }),
    age18to59: fc.integer({ min: 1, max: 12 }),
    age60plus: fc.integer({ min: 1, max: 12 }),
    pregnant: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: [] },
);

/** A rule spec other than `combine`, amounts scaled to the preset's poverty line `pl`. */
function simpleRule(pl: number): fc.Arbitrary<RuleSpecInput> {
  // unconditional: 0–2 poverty lines per household (or per member), optionally by month.
  const unconditional = fc.record(
    {
      kind: fc.constant("unconditional" as const),
      lcuPerMonth: money(pl, 2),
      perMember: fc.boolean(),
      label: fc.constantFrom("food", "education"),
      lcuPerMonthByMonth: fc.array(money(pl, 2), { minLength: 1, maxLength: 6 }),
    },
    { requiredKeys: ["kind", "lcuPerMonth"] },
  );
  // schoolAttendance: grants 0–1 poverty line per child, any min rate, grade range 1–12 (min ≤ max), max age 0–20.
  const school = fc
    .record({
      kind: fc.constant("schoolAttendance" as const),
      grantsLcuPerMonth: fc.record({ primary: money(pl, 1), lowerSecondary: money(pl, 1), upperSecondary: money(pl, 1) }),
      minRate: rate,
      grades: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
      maxAge: real(0, 20),
      schoolMonthsOnly: fc.boolean(),
    })
    .map(({ grades, ...s }) => ({ ...s, minGrade: Math.min(...grades), maxGrade: Math.max(...grades) }));
  // healthCheck: 0–2 poverty lines per household, random visit windows.
  const health = fc.record(
    { kind: fc.constant("healthCheck" as const), lcuPerMonth: money(pl, 2), schedule: visitSchedule },
    { requiredKeys: ["kind", "lcuPerMonth"] },
  );
  // progresa: any amounts schedule, components on/off, cap on/off.
  const progresa = fc.record(
    {
      kind: fc.constant("progresa" as const),
      schedule: fc.constantFrom("dated", "1997", "1998-I", "1998-II", "1999-I", "1999-II"),
      foodGrant: fc.boolean(),
      educationGrants: fc.boolean(),
      schoolMaterials: fc.boolean(),
      cap: fc.boolean(),
      minAttendance: rate,
      maxRepeats: fc.integer({ min: 0, max: 3 }),
      maxAge: real(0, 20),
      healthSchedule: visitSchedule,
    },
    { requiredKeys: ["kind"] },
  );
  // pkh: 2019 or 2021 amounts (rupiah), member cap 0–6, age limits, fixed family amount 0–2M rupiah a year.
  const pkh = fc.record(
    {
      kind: fc.constant("pkh" as const),
      year: fc.constantFrom(2019 as const, 2021 as const),
      memberCap: fc.integer({ min: 0, max: 6 }),
      elderlyMinAge: real(40, 90),
      schoolMaxAge: real(5, 20),
      minAttendance: rate,
      fixedFamilyLcuPerYear: fc.integer({ min: 0, max: 2_000_000 }),
    },
    { requiredKeys: ["kind"] },
  );
  return fc.oneof(unconditional, school, health, progresa, pkh) as fc.Arbitrary<RuleSpecInput>;
}

/** Any rule spec: a simple one, or `combine` of two simple ones with an optional cap of 0–3 poverty lines. */
function ruleArb(pl: number): fc.Arbitrary<RuleSpecInput> {
  const combine = fc.record(
    {
      kind: fc.constant("combine" as const),
      rules: fc.tuple(simpleRule(pl), simpleRule(pl)),
      name: fc.constantFrom("combined", "cct+uct"),
      capLcuPerMonth: money(pl, 3),
    },
    { requiredKeys: ["kind", "rules"] },
  ) as fc.Arbitrary<RuleSpecInput>;
  return fc.oneof({ weight: 4, arbitrary: simpleRule(pl) }, { weight: 1, arbitrary: combine });
}

function usesPkh(rule: RuleSpecInput): boolean {
  return rule.kind === "pkh" || (rule.kind === "combine" && rule.rules.some(usesPkh));
}

type TargetingInput = { kind: "all" } | { kind: "poor" } | { kind: "meansTest"; threshold: number } | { kind: "budget"; budgetLcuPerMonth: number };

/** Targeting: everyone, the poor, a means-test threshold of 0.05–3, or a budget of 0–2 poverty lines per household. */
function targetingArb(pl: number, households: number): fc.Arbitrary<TargetingInput> {
  return fc.oneof(
    fc.constant({ kind: "all" as const }),
    fc.constant({ kind: "poor" as const }),
    fc.record({ kind: fc.constant("meansTest" as const), threshold: real(0.05, 3) }),
    fc.record({ kind: fc.constant("budget" as const), budgetLcuPerMonth: money(pl, 2 * households) }),
  );
}

/**
 * A programme: a rule, targeting, an optional payment schedule (every 1–6 months,
 * anchor calendar month 1–12, lag 0–3), a start month 0..months (= months: never starts),
 * and what a misbehaving offer does. With "skip" the credible maximum offer is random
 * (0.05–200 poverty lines), so offers above it are dropped and counted; with "stop" it is
 * the default (100 poverty lines) — except PKH in pesos, whose rupiah amounts would be
 * "absurd" offers, gets a maximum of 10^7.
 */
function programmeArb(pl: number, preset: PresetName, households: number, months: number, targeting?: fc.Arbitrary<TargetingInput>) {
  return fc
    .record(
      {
        rule: ruleArb(pl),
        targeting: targeting ?? targetingArb(pl, households),
        payment: fc.record(
          {
            everyMonths: fc.integer({ min: 1, max: 6 }),
            anchorCalendarMonth: fc.integer({ min: 1, max: 12 }),
            lagMonths: fc.integer({ min: 0, max: 3 }),
          },
          { requiredKeys: ["everyMonths"] },
        ),
        startMonth: fc.integer({ min: 0, max: months }),
        onRuleError: fc.constantFrom("stop" as const, "skip" as const),
        maxOffer: real(0.05 * pl, 200 * pl),
      },
      { requiredKeys: ["rule", "targeting", "onRuleError", "maxOffer"] },
    )
    .map(({ maxOffer, ...p }) => {
      if (p.onRuleError === "skip") return { ...p, maxOfferLcuPerMonth: maxOffer };
      if (preset === "mexico-rural-1997" && usesPkh(p.rule)) return { ...p, maxOfferLcuPerMonth: 1e7 };
      return p;
    });
}

/** Occasional behavioural overrides within their valid ranges. */
const behaviourArb = fc.record(
  {
    priceEffect: real(0, 5),
    consumptionShare: real(0.2, 1),
    incomeEffect: real(-1, 3),
    distanceCostPerKm: real(0, 0.5),
    partTimeWageShare: rate,
    dropoutAfterTwoIrregular: rate,
    visitPriceEffect: real(0, 80),
  },
  { requiredKeys: [] },
);

/** Seeds: strings, integers or any finite double. */
const seedArb: fc.Arbitrary<string | number> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** "YYYY-MM" between 1995-01 and 2025-12. */
const startArb = fc
  .record({ year: fc.integer({ min: 1995, max: 2025 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, "0")}`);

interface ScenarioOptions {
  /** Always a programme (never null). */
  readonly withProgramme?: boolean;
  /** Targeting arbitrary to use instead of the random one. */
  readonly targeting?: (pl: number, households: number) => fc.Arbitrary<TargetingInput>;
}

/**
 * A valid scenario: preset Mexico 1997 or Indonesia 2020; 20–150 households in
 * 1–min(households, 10) localities; 1–18 months from a random start (1995–2025); a string,
 * integer or double seed; sometimes a few spare person slots (0–3, so births can find no slot)
 * and a few behaviour overrides; and a programme (or null, about one time in five).
 */
function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      preset: fc.constantFrom<PresetName>("mexico-rural-1997", "indonesia-2020"),
      households: fc.integer({ min: 20, max: 150 }),
      months: fc.integer({ min: 1, max: 18 }),
    })
    .chain(({ preset, households, months }) => {
      const pl = POVERTY_LINE[preset];
      const programme = programmeArb(pl, preset, households, months, options.targeting?.(pl, households));
      return fc.record(
        {
          seed: seedArb,
          start: startArb,
          localities: fc.integer({ min: 1, max: Math.min(households, 10) }),
          spareSlots: fc.integer({ min: 0, max: 3 }),
          behaviour: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: behaviourArb }),
          programme: options.withProgramme ? programme : fc.option(programme, { freq: 5, nil: null }),
        },
        { requiredKeys: ["seed", "start", "localities", "programme", "behaviour"] },
      ).map(({ seed, start, localities, spareSlots, behaviour, programme }) => ({
        seed,
        months,
        start,
        population: {
          preset,
          households,
          localities,
          ...(spareSlots === undefined ? {} : { spareSlotsPerHousehold: spareSlots }),
        },
        ...(behaviour === undefined ? {} : { behaviour }),
        programme,
      }) as ScenarioInput);
    });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** fast-check settings: a fixed seed, so failures reproduce. */
const settings = (numRuns: number) => ({ seed: 42, numRuns }) as const;

/** Every number anywhere in a value, with its path. */
function numbers(value: unknown, path = "", out: [string, number][] = []): [string, number][] {
  if (typeof value === "number") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, k) => numbers(v, `${path}[${k}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}

/** Fixed-point money the engine keeps: cents below a poverty line of 10 000 (pesos), whole units above (rupiah). */
function fixed(r: SimulationResult): (x: number) => number {
  const scale = r.meta.povertyLineLcuPerMonth < 10_000 ? 100 : 1;
  return (x) => Math.round(x * scale);
}

function isPaymentMonth(calendarMonth: number, everyMonths: number, anchor: number): boolean {
  return (((calendarMonth - anchor) % everyMonths) + everyMonths) % everyMonths === 0;
}

const samples = fc.sample(scenarioArb(), { seed: 42, numRuns: 40 });
let stats: Record<string, number> = {};
const inc = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
const t0 = performance.now();
for (const s of samples) {
  const r = simulate(s);
  inc(`preset ${s.population?.preset}`);
  inc(s.programme ? `rule ${(s.programme as any).rule.kind}` : "no programme");
  if (s.programme) inc(`targeting ${(s.programme as any).targeting.kind}`);
  if (r.final.totals.paidLcu > 0) inc("paid>0");
  if (r.final.totals.withheldLcu > 0) inc("withheld>0");
  if (r.final.totals.unpaidAtEndLcu > 0) inc("unpaidAtEnd>0");
  if (r.months.some((m) => m.programme.offersSkipped > 0)) inc("skipped>0");
  if (r.final.totals.birthsWithoutSlot > 0) inc("birthsWithoutSlot>0");
  if (r.final.totals.deaths > 0) inc("deaths>0");
  if (s.behaviour) inc("behaviour");
  inc(`seed ${typeof s.seed}`);
}
console.log(stats, (performance.now()-t0)/40);
