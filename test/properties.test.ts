/**
 * Property-based tests: invariants of `simulate` checked over randomly generated VALID
 * scenarios (fast-check, fixed seeds so CI is reproducible). Populations are tiny so the
 * whole file runs in well under a minute on two cores.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Run, createPopulation, defineRule, finishRun, mergeShards, parseScenario, runShard, simulate } from "../src/index.js";
import type { HouseholdView, MonthContext, Offer, RuleSpecInput, ScenarioInput, ShardResult, SimulationResult, TransferRule } from "../src/index.js";

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

/**
 * A rule given as code: a plain `offers()` object or one made with `defineRule`, offering each
 * living member (or only the household) an amount of 0–1 poverty lines, conditional on school
 * attendance, a clinic visit or nothing, and optionally capped — the shapes users write.
 */
function codeRuleArb(pl: number): fc.Arbitrary<TransferRule> {
  return fc
    .record({
      written: fc.boolean(),
      perMember: fc.boolean(),
      amount: money(pl, 1),
      condition: fc.constantFrom("none", "school", "visits"),
      withinMonths: fc.integer({ min: 1, max: 12 }),
      cap: fc.option(money(pl, 2), { nil: undefined }),
    })
    .map(({ written, perMember, amount, condition, withinMonths, cap }) => {
      const write = (h: HouseholdView, _month: MonthContext, out: { offer(c: string, a: number): unknown }) => {
        for (let m = 0; m < h.slots; m++) {
          if (!h.alive(m)) continue;
          const w = out.offer("code", amount) as {
            forMember(m: number): { requireSchoolAttendance(m: number, r: number): unknown; requireHealthVisits(m: number, k: number): unknown };
          };
          const o = w.forMember(m);
          if (condition === "school") o.requireSchoolAttendance(m, 0.85);
          else if (condition === "visits") o.requireHealthVisits(m, withinMonths);
          if (!perMember) break;
        }
      };
      const fields = { name: `code rule (${written ? "written" : "offers"})`, ...(cap === undefined ? {} : { capLcuPerMonth: cap }) };
      if (written) return defineRule({ ...fields, write: (h, month, out) => write(h, month, out) });
      const rule: TransferRule = {
        ...fields,
        offers(h: HouseholdView): readonly Offer[] {
          const offers: Offer[] = [];
          for (let m = 0; m < h.slots; m++) {
            if (!h.alive(m)) continue;
            const conditions =
              condition === "school"
                ? [{ kind: "schoolAttendance" as const, member: m, minRate: 0.85 }]
                : condition === "visits"
                  ? [{ kind: "healthVisits" as const, member: m, withinMonths }]
                  : [];
            offers.push({ component: "code", lcuPerMonth: amount, member: m, conditions });
            if (!perMember) break;
          }
          return offers;
        },
      };
      return rule;
    });
}

function usesPkh(rule: RuleSpecInput): boolean {
  return rule.kind === "pkh" || (rule.kind === "combine" && rule.rules.some(usesPkh));
}

type TargetingInput =
  | { kind: "all" }
  | { kind: "poor" }
  | { kind: "meansTest"; threshold: number }
  | { kind: "budget"; budgetLcuPerMonth: number }
  | { kind: "pmt"; surveyShare: number; threshold?: number; quota?: number }
  | { kind: "community"; share: number; perceptionNoiseSd: number; eliteShare: number; eliteCapture: number }
  | { kind: "hybrid"; share: number; perceptionNoiseSd: number; pmtThreshold: number; surveyShare: number };

/**
 * Targeting: everyone, the poor, a means-test threshold of 0.05–3, a budget of 0–2 poverty
 * lines per household, a PMT on a survey sample (threshold or quota), community ranking, or hybrid.
 */
function targetingArb(pl: number, households: number): fc.Arbitrary<TargetingInput> {
  const surveyShare = fc.double({ min: Math.min(1, 50 / households), max: 1, noNaN: true });
  return fc.oneof(
    fc.constant({ kind: "all" as const }),
    fc.constant({ kind: "poor" as const }),
    fc.record({ kind: fc.constant("meansTest" as const), threshold: real(0.05, 3) }),
    fc.record({ kind: fc.constant("budget" as const), budgetLcuPerMonth: money(pl, 2 * households) }),
    fc.oneof(
      fc.record({ kind: fc.constant("pmt" as const), surveyShare, threshold: real(0.05, 3) }),
      fc.record({ kind: fc.constant("pmt" as const), surveyShare, quota: rate }),
    ),
    fc.record({ kind: fc.constant("community" as const), share: rate, perceptionNoiseSd: real(0, 2), eliteShare: rate, eliteCapture: real(0, 2) }),
    fc.record({ kind: fc.constant("hybrid" as const), share: rate, perceptionNoiseSd: real(0, 2), pmtThreshold: real(0.05, 3), surveyShare }),
  );
}

/**
 * A programme: a rule, targeting, an optional payment schedule (every 1–6 months,
 * anchor calendar month 1–12, lag 0–3 within the run), a start month within the run, an
 * optional budget (quota or scaled amounts), optional inflation and indexation,
 * and what a misbehaving offer does. With "skip" the credible maximum offer is random
 * (0.05–200 poverty lines), so offers above it are dropped and counted; with "stop" it is
 * the default (100 poverty lines) — except PKH in pesos, whose rupiah amounts would be
 * "absurd" offers, gets a maximum of 1,000 poverty lines (the most a scenario may set).
 */
function programmeArb(pl: number, preset: PresetName, households: number, months: number, targeting?: fc.Arbitrary<TargetingInput>) {
  return fc
    .record(
      {
        rule: fc.oneof({ weight: 5, arbitrary: ruleArb(pl) as fc.Arbitrary<RuleSpecInput | TransferRule> }, { weight: 1, arbitrary: codeRuleArb(pl) }),
        targeting: targeting ?? targetingArb(pl, households),
        payment: fc.record(
          {
            everyMonths: fc.integer({ min: 1, max: 6 }),
            anchorCalendarMonth: fc.integer({ min: 1, max: 12 }),
            lagMonths: fc.integer({ min: 0, max: Math.min(3, months - 1) }),
          },
          { requiredKeys: ["everyMonths"] },
        ),
        // Mostly from the first month, so that money flows within short horizons.
        startMonth: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: months - 1 }) }),
        // Budgets enforced by quota or by scaling amounts, and inflation with or without indexation.
        budget: fc.record({ lcuPerMonth: money(pl, 2 * households), enforce: fc.constantFrom("quota" as const, "scaleAmounts" as const) }),
        indexation: fc.record({ annualInflation: real(0, 0.5), everyMonths: fc.integer({ min: 0, max: months }) }),
        // Programme operations: recertification with grace and re-entry, take-up, monitoring and suspension.
        recertification: fc.record({
          everyMonths: fc.integer({ min: 0, max: months }),
          exitThreshold: real(0.3, 3),
          graceMonths: fc.integer({ min: 0, max: 3 }),
          reentry: fc.boolean(),
        }),
        takeUp: fc.record({ informationRate: rate, travelCostLcuPerKm: money(pl, 0.05) }),
        monitoring: fc.record({
          verificationProbability: rate,
          falseFailureRate: rate,
          falsePassRate: rate,
          unverified: fc.constantFrom("honour" as const, "withhold" as const),
          suspendAfterFailures: fc.integer({ min: 0, max: 3 }),
          reinstateAfterCompliantMonths: fc.integer({ min: 1, max: 3 }),
        }),
        onRuleError: fc.constantFrom("stop" as const, "skip" as const),
        maxOffer: real(0.05 * pl, 200 * pl),
      },
      { requiredKeys: ["rule", "targeting", "onRuleError", "maxOffer"] },
    )
    .map(({ maxOffer, ...p }) => {
      if (p.targeting.kind === "budget") delete (p as { budget?: unknown }).budget; // one budget only
      if (p.onRuleError === "skip") return { ...p, maxOfferLcuPerMonth: maxOffer };
      if (preset === "mexico-rural-1997" && typeof (p.rule as { kind?: unknown }).kind === "string" && usesPkh(p.rule as RuleSpecInput))
        return { ...p, maxOfferLcuPerMonth: 1000 * pl };
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

/**
 * Seeds: strings, integers or any finite double (parseScenario turns −0 into 0, since JSON — and
 * so a checkpoint — cannot keep −0).
 */
const seedArb: fc.Arbitrary<string | number> = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

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
      return fc
        .record(
          {
            seed: seedArb,
            start: startArb,
            localities: fc.integer({ min: 1, max: Math.min(households, 10) }),
            spareSlots: fc.integer({ min: 0, max: 3 }),
            behaviour: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: behaviourArb }),
            programme: options.withProgramme ? programme : fc.option(programme, { freq: 5, nil: null }),
          },
          { requiredKeys: ["seed", "start", "localities", "programme", "behaviour"] },
        )
        .map(
          ({ seed, start, localities, spareSlots, behaviour, programme }) =>
            ({
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
            }) as ScenarioInput,
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/**
 * fast-check settings: a fixed seed, so CI is reproducible and failures reproduce. For a
 * deeper local search: FC_SEED=7 FC_RUNS_FACTOR=20 npx vitest run test/properties.test.ts
 */
const settings = (numRuns: number) => ({
  seed: Number(process.env.FC_SEED ?? 42),
  numRuns: Math.round(numRuns * Number(process.env.FC_RUNS_FACTOR ?? 1)),
});

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

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe("properties of simulate over random valid scenarios", () => {
  it("conserves money every month and in total", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const r = simulate(input);
        const f = fixed(r);
        const programme = r.scenario.programme;
        let paid = 0;
        for (const m of r.months) {
          const p = m.programme;
          // Paid by the programme = received by households = fiscal cost.
          expect(f(m.segments.all.transfersReceivedLcu)).toBe(f(p.paidLcu));
          expect(f(p.costLcu)).toBe(f(p.paidLcu));
          // The poor and non-poor segments partition the households.
          expect(f(m.segments.poor.transfersReceivedLcu) + f(m.segments.nonPoor.transfersReceivedLcu)).toBe(f(m.segments.all.transfersReceivedLcu));
          // Offered = entitled + withheld, and nothing is negative.
          expect(f(p.offeredLcu)).toBe(f(p.entitledLcu) + f(p.withheldLcu));
          for (const v of [p.paidLcu, p.entitledLcu, p.withheldLcu, p.offeredLcu, p.unpaidLcu]) expect(v).toBeGreaterThanOrEqual(0);
          // Only households the programme enrolled are beneficiaries or paid (a household that has
          // graduated is still paid what it earned before; re-entry is for graduates only).
          expect(p.recipients).toBeLessThanOrEqual(r.meta.targetedHouseholds);
          expect(p.beneficiaries).toBeLessThanOrEqual(r.meta.targetedHouseholds);
          if (!programme || m.month < programme.startMonth) {
            expect(p.beneficiaries).toBe(0);
            expect(p.entitledLcu).toBe(0);
            expect(p.paidLcu).toBe(0);
          }
          // Nothing is paid outside payment months.
          if (programme && !isPaymentMonth(Number(m.date.slice(5)), programme.payment.everyMonths, programme.payment.anchorCalendarMonth)) {
            expect(p.paidLcu).toBe(0);
          }
          paid += p.paidLcu;
        }
        const t = r.final.totals;
        expect(t.paidLcu).toBeCloseTo(paid, 6);
        expect(t.costLcu).toBeCloseTo(paid, 6);
        expect(t.transfersReceivedLcu.all).toBeCloseTo(paid, 6);
        // Every entitlement is paid, still owed at the end, or forfeited by a household that died
        // out — to the cent (to the rupiah), month by month and in total.
        let owed = 0;
        for (const m of r.months) {
          const p = m.programme;
          expect(f(p.entitledLcu) - f(p.paidLcu) - f(p.forfeitedLcu), `month ${m.month}: entitled − paid − forfeited = change in unpaid`).toBe(
            f(p.unpaidLcu) - owed,
          );
          owed = f(p.unpaidLcu);
        }
        expect(f(t.entitledLcu) - f(t.paidLcu) - f(t.unpaidAtEndLcu) - f(t.forfeitedLcu)).toBe(0);
        if (!programme) expect(r.meta.targetedHouseholds).toBe(0);
      }),
      settings(120),
    );
  });

  // Regression (found by the property above with FC_SEED=1..3 FC_RUNS_FACTOR=15): when the last
  // member of a beneficiary household died, its matured and lagged entitlements vanished from the
  // accounts. Now they are recorded as forfeited. Here (seed 352, found by a search over seeds
  // 1…400 after the earnings of issue 16 changed the draws) a beneficiary household dies out in
  // month 6 (1995-07) holding 90 pesos entitled before: entitled 20965 = paid 18990 + unpaid 1885 + forfeited 90.
  it("keeps the entitlements of a household that dies out in the accounts (shrunk counterexample)", () => {
    const r = simulate({
      seed: 352,
      months: 10,
      start: "1995-01",
      population: { preset: "mexico-rural-1997", households: 33, localities: 2 },
      programme: { rule: { kind: "progresa" }, targeting: { kind: "meansTest", threshold: 0.4453 }, onRuleError: "stop" },
    });
    const t = r.final.totals;
    expect(r.months[6]!.programme.forfeitedLcu).toBe(90);
    expect(t.forfeitedLcu).toBe(90);
    expect(Math.abs(t.entitledLcu - t.paidLcu - t.unpaidAtEndLcu - t.forfeitedLcu)).toBeLessThanOrEqual(t.beneficiaryMonths);
  });

  it("has no NaN or infinity anywhere, tidy rows included", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const r = simulate(input);
        expect(numbers(r).filter(([, v]) => !Number.isFinite(v))).toEqual([]);
        const rows = r.toRows();
        expect(rows.filter((row) => !Number.isFinite(row.value) || !Number.isInteger(row.month))).toEqual([]);
      }),
      settings(30),
    );
  });

  it("keeps every rate within 0..1", () => {
    const inUnit = (where: string, v: number | null) => {
      if (v === null) return;
      if (!(v >= 0 && v <= 1)) throw new Error(`${where} = ${v}, outside 0..1`);
    };
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const r = simulate(input);
        const segmentSets = [...r.months.map((m) => [`month ${m.month}`, m.segments] as const), ["final", r.final.segments] as const];
        for (const [when, segments] of segmentSets) {
          for (const [name, seg] of Object.entries(segments)) {
            for (const key of ["enrolment", "attendance", "regularAttendance", "childWork"] as const) {
              for (const [group, v] of Object.entries(seg[key])) inUnit(`${when} ${name} ${key}.${group}`, v);
            }
            for (const key of ["illness", "stuntingUnder5", "stuntingAge1to3", "povertyHeadcount", "povertyGap", "povertySeverity", "gini"] as const) {
              inUnit(`${when} ${name} ${key}`, seg[key]);
            }
            expect(seg.enrolledChildren).toBeLessThanOrEqual(seg.children);
          }
        }
        for (const m of r.months) inUnit(`month ${m.month} complianceRate`, m.programme.complianceRate);
      }),
      settings(30),
    );
  });

  it("accounts for every person: persons(t) = persons(t−1) + births(t) − deaths(t)", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const r = simulate(input);
        let previous = r.meta.personsAtStart;
        for (const m of r.months) {
          expect(m.segments.all.persons).toBe(previous + m.demography.births - m.demography.deaths);
          expect(m.segments.poor.persons + m.segments.nonPoor.persons).toBe(m.segments.all.persons);
          previous = m.segments.all.persons;
        }
        expect(r.final.totals.births).toBe(r.months.reduce((s, m) => s + m.demography.births, 0));
        expect(r.final.totals.deaths).toBe(r.months.reduce((s, m) => s + m.demography.deaths, 0));
      }),
      settings(30),
    );
  });

  it("is deterministic, and shards in any order merge into the whole run", () => {
    const split = fc.record({
      k: fc.integer({ min: 1, max: 4 }),
      /** Shard of household h: assign[h] mod k. */
      assign: fc.array(fc.nat(3), { minLength: 150, maxLength: 150 }),
      /** Order the shards run in (a permutation of 0..3, restricted to 0..k−1). */
      order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
      /** Whether to reverse the households within each shard. */
      reverse: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(scenarioArb(), split, (input, { k, assign, order, reverse }) => {
        const whole = simulate(input);
        expect(simulate(input)).toEqual(whole);
        const scenario = parseScenario(input);
        const population = createPopulation(scenario);
        const H = population.householdCount;
        const lists: number[][] = Array.from({ length: k }, () => []);
        for (let h = 0; h < H; h++) lists[(assign[h] as number) % k]!.push(h);
        const shards: ShardResult[] = [];
        for (const s of order.filter((s) => s < k)) {
          const list = reverse[s] ? [...lists[s]!].reverse() : lists[s]!;
          shards.push(runShard(scenario, population, list));
        }
        const merged = mergeShards(shards);
        expect(merged.households).toBe(H);
        expect(finishRun(merged, population)).toEqual(whole);
      }),
      settings(25),
    );
  });

  it("never enrols fewer households, and enrols a superset, when the budget grows", () => {
    const budgetOnly = (pl: number, households: number) => fc.record({ kind: fc.constant("budget" as const), budgetLcuPerMonth: money(pl, 2 * households) });
    fc.assert(
      fc.property(scenarioArb({ withProgramme: true, targeting: budgetOnly }), real(0, 1), (input, extra) => {
        const programme = input.programme!;
        const targeting = programme.targeting as { kind: "budget"; budgetLcuPerMonth: number };
        const b = targeting.budgetLcuPerMonth;
        const households = input.population!.households!;
        const pl = POVERTY_LINE[input.population!.preset as PresetName];
        // b2 ≥ b: up to 2 poverty lines per household more.
        const b2 = b + extra * 2 * households * pl;
        const run = (budget: number) => {
          let enrolled: Uint8Array | null = null;
          const r = simulate(
            { ...input, programme: { ...programme, targeting: { kind: "budget", budgetLcuPerMonth: budget } } },
            { observe: (_t, state) => void (enrolled ??= state.beneficiary.slice()) },
          );
          return { r, enrolled: enrolled as unknown as Uint8Array };
        };
        const small = run(b);
        const large = run(b2);
        expect(large.r.meta.targetedHouseholds).toBeGreaterThanOrEqual(small.r.meta.targetedHouseholds);
        for (let h = 0; h < households; h++) if (small.enrolled[h] === 1) expect(large.enrolled[h], `household ${h}`).toBe(1);
        const start = programme.startMonth ?? 0;
        const atStart = (r: SimulationResult) => r.months[start]?.programme.beneficiaries ?? 0;
        expect(atStart(large.r)).toBeGreaterThanOrEqual(atStart(small.r));
      }),
      settings(30),
    );
  });

  it("resumes from a JSON checkpoint at any month with exactly the uninterrupted result", () => {
    fc.assert(
      fc.property(scenarioArb(), real(0, 1), fc.boolean(), (input, at, passPopulation) => {
        const scenario = parseScenario(input);
        const population = createPopulation(scenario);
        const k = Math.round(at * scenario.months);
        const uninterrupted = finishRun(Run.start(scenario, population).advance().shard(), population);
        const first = Run.start(scenario, population).advance(k);
        expect(first.month).toBe(k);
        const checkpoint = JSON.parse(JSON.stringify(first.checkpoint()));
        const rule = scenario.programme?.rule;
        const code = rule !== undefined && typeof (rule as { offers?: unknown }).offers === "function" ? { rule: rule as TransferRule } : {};
        const resumed = Run.resume(checkpoint, { ...code, ...(passPopulation ? { population } : {}) }).advance();
        expect(resumed.done).toBe(true);
        expect(finishRun(resumed.shard(), population)).toEqual(uninterrupted);
      }),
      settings(30),
    );
  });
});
