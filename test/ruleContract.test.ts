/**
 * The rule contract after the restructuring into `defineRule` writers (issue 14):
 *
 * 1. the engine's fast path (a defined rule's `write` straight into the typed-array
 *    OfferBuffer) gives exactly the results of the same rule behind a plain `offers()`
 *    wrapper, for every built-in rule and its main option variants — including imperfect
 *    monitoring and a payment lag, so settle's monitoring draws are compared too — and
 *    the Offer objects of `offers()` are what the buffer holds;
 * 2. one validation (`offerProblem`) for both paths: the same bad offer gives the same
 *    RuleError message whether returned as an object or written through the writer, and
 *    with `onRuleError: "skip"` it is dropped, counted, and the money still adds up;
 * 3. bad household caps (NaN, negative, not a number, throwing) are refused;
 * 4. the HouseholdView refuses member indices that are not slots (`alive` excepted);
 * 5. monitoring draws of an offer's conditions stay apart past the 16th condition;
 * 6. a user rule written with `defineRule` behaves as its plain `offers()` equivalent.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RuleError,
  combine,
  communityMeetings,
  createPopulation,
  defineRule,
  healthCheck,
  jobTraining,
  parseScenario,
  pkh,
  progresa,
  schoolAttendance,
  simulate,
  unconditional,
} from "../src/index.js";
import type { Condition, HouseholdView, MonthContext, Offer, OfferWriter, Population, SimulationResult, TransferRule } from "../src/index.js";
import { ConditionKind, OfferBuffer } from "../src/engine/offerBuffer.js";
import { MAX_OFFERS_PER_HOUSEHOLD, monitoringCounter } from "../src/engine/offers.js";
import { offerWriterOf } from "../src/rules/offerWriter.js";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const MEXICO = { preset: "mexico-rural-1997", households: 300, localities: 12 } as const;
const INDONESIA = { preset: "indonesia-2020", households: 300, localities: 12 } as const;

/** Imperfect verification (and suspension), as in the fingerprint scenario with a lag. */
const IMPERFECT = { verificationProbability: 0.7, falseFailureRate: 0.05, falsePassRate: 0.1, unverified: "withhold", suspendAfterFailures: 2 } as const;

/** The same rule with no fast path: only its fields and an `offers()` that calls the rule's. */
function plainWrapper(r: TransferRule): TransferRule {
  return {
    name: r.name,
    ...(r.payment === undefined ? {} : { payment: r.payment }),
    ...(r.capLcuPerMonth === undefined ? {} : { capLcuPerMonth: r.capLcuPerMonth }),
    ...(r.capForMonth === undefined ? {} : { capForMonth: r.capForMonth.bind(r) }),
    offers: (h, m) => r.offers(h, m),
  };
}

/** The condition at index `j` of a buffer, as the object a rule would return. */
function conditionAt(b: OfferBuffer, j: number): Condition {
  const member = b.member[j] as number;
  const value = b.value[j] as number;
  switch (b.kind[j]) {
    case ConditionKind.schoolAttendance:
      return { kind: "schoolAttendance", member, minRate: value };
    case ConditionKind.healthVisits:
      return { kind: "healthVisits", member, withinMonths: value };
    case ConditionKind.training:
      return { kind: "training", member, hours: value };
    case ConditionKind.meeting:
      return { kind: "meeting", member };
    default:
      throw new Error(`condition ${j} has kind code ${String(b.kind[j])}`);
  }
}

/** What a buffer holds, as the Offer objects (keys in the order of Offer, absent fields absent). */
function offersIn(b: OfferBuffer): Offer[] {
  const offers: Offer[] = [];
  for (let k = 0; k < b.count; k++) {
    const conditions: Condition[] = [];
    for (let j = b.firstCondition[k] as number; j < (b.endCondition[k] as number); j++) conditions.push(conditionAt(b, j));
    const label = b.label[k];
    offers.push({
      component: b.component[k] as string,
      lcuPerMonth: b.amount[k] as number,
      ...(b.hasMember[k] === 1 ? { member: b.offerMember[k] as number } : {}),
      ...(conditions.length > 0 ? { conditions } : {}),
      ...(label === undefined ? {} : { label }),
    });
  }
  return offers;
}

/** What {@link checkingWrapper} saw. */
interface OfferCheck {
  /** Household-months compared. */
  calls: number;
  /** Offers compared. */
  offers: number;
  /** The first few disagreements. */
  readonly mismatches: { household: number; month: number; objects: readonly Offer[]; written: Offer[]; pushed: Offer[] }[];
}

/**
 * A plain `offers()` rule that, for every household-month the engine asks it about, also
 * runs the defined rule's writer into a fresh OfferBuffer (what the fast path does) and
 * copies the returned objects into another (what the plain path does), and records where
 * the three disagree. The engine's own HouseholdView is used: no observer needed.
 */
function checkingWrapper(r: TransferRule, check: OfferCheck): TransferRule {
  const write = offerWriterOf(r);
  if (write === undefined) throw new Error(`${r.name} has no offer writer`);
  const written = new OfferBuffer();
  const pushed = new OfferBuffer();
  return {
    ...plainWrapper(r),
    offers(h, m) {
      const objects = r.offers(h, m);
      written.clear();
      write(h, m, written);
      pushed.clear();
      for (const o of objects) pushed.push(o);
      check.calls++;
      check.offers += objects.length;
      const fromWriter = offersIn(written);
      const fromObjects = offersIn(pushed);
      if ((!isDeepStrictEqual(fromWriter, objects) || !isDeepStrictEqual(fromObjects, objects)) && check.mismatches.length < 3)
        check.mismatches.push({ household: h.index, month: m.month, objects, written: fromWriter, pushed: fromObjects });
      return objects;
    },
  };
}

/** Total of a programme outcome over the months of a run. */
function sumOf(r: SimulationResult, field: "offersSkipped" | "ruleFailuresSkipped" | "paidLcu" | "conditionsChecked" | "conditionsVerified"): number {
  return r.months.reduce((s, m) => s + m.programme[field], 0);
}

/** The RuleError a run stops with (fails the test if it completes or throws anything else). */
function ruleErrorOf(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error("expected the run to stop with a RuleError, but it completed");
}

/** Every number reachable from `value` (objects, arrays, typed arrays), with its path; functions are skipped. */
function* numbersIn(value: unknown, path = "result", seen = new Set<object>()): Generator<[string, number]> {
  if (typeof value === "number") yield [path, value];
  else if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) yield [`${path}[${i}]`, a[i] as number];
  } else if (typeof value === "object" && value !== null && !seen.has(value)) {
    seen.add(value);
    for (const [key, v] of Object.entries(value)) yield* numbersIn(v, `${path}.${key}`, seen);
  }
}

/** The paths of numbers in a result (and its tidy rows) that are not finite. */
function nonFinite(r: SimulationResult): string[] {
  const bad: string[] = [];
  for (const [path, v] of numbersIn({ months: r.months, final: r.final, meta: r.meta, rows: r.toRows() })) if (!Number.isFinite(v)) bad.push(`${path} = ${v}`);
  return bad;
}

/** Money conservation over a run: entitled = paid + unpaid at end + forfeited. */
function expectMoneyConserved(r: SimulationResult): void {
  const t = r.final.totals;
  expect(t.entitledLcu).toBeCloseTo(t.paidLcu + t.unpaidAtEndLcu + t.forfeitedLcu, 6);
}

// ---------------------------------------------------------------------------------------------
// 1. Fast path ≡ plain offers() wrapper
// ---------------------------------------------------------------------------------------------

interface FastPathCase {
  readonly name: string;
  readonly rule: TransferRule;
  /** The scenario input around the rule. */
  readonly scenario: (rule: TransferRule) => Record<string, unknown>;
  /** The scenario verifies imperfectly: some conditions go unverified. */
  readonly imperfect?: boolean;
}

const mexico =
  (months: number, extra: Record<string, unknown> = {}) =>
  (rule: TransferRule) => ({ seed: "contract-mx", months, start: "1997-09", population: MEXICO, programme: { rule, ...extra } });
const indonesia =
  (months: number, extra: Record<string, unknown> = {}) =>
  (rule: TransferRule) => ({ seed: "contract-id", months, population: INDONESIA, programme: { rule, ...extra } });
const lagAndMonitoring = { payment: { everyMonths: 2, lagMonths: 1 }, monitoring: IMPERFECT };

const SCHOOL_GRANTS = { primary: 60, lowerSecondary: 200, upperSecondary: 250 } as const;

const FAST_PATH_CASES: readonly FastPathCase[] = [
  // Progresa: 26 months from September 1997 cross every dated period and two school-year starts.
  { name: "progresa (dated)", rule: progresa(), scenario: mexico(26) },
  { name: "progresa 1998-II (fixed period)", rule: progresa({ schedule: "1998-II" }), scenario: mexico(14) },
  { name: "progresa, foodGrant false", rule: progresa({ foodGrant: false }), scenario: mexico(14) },
  { name: "progresa, healthTalks true", rule: progresa({ healthTalks: true }), scenario: mexico(14) },
  { name: "progresa, imperfect monitoring and a payment lag", rule: progresa(), scenario: mexico(16, lagAndMonitoring), imperfect: true },
  { name: "pkh 2021", rule: pkh(), scenario: indonesia(14) },
  {
    name: "pkh 2019, family development sessions, memberCap 3, imperfect monitoring and a lag",
    rule: pkh({ year: 2019, familyDevelopmentSessions: true, memberCap: 3 }),
    scenario: indonesia(14, lagAndMonitoring),
    imperfect: true,
  },
  { name: "pkh with a remoteLocality function", rule: pkh({ remoteLocality: (l) => l % 3 === 0 }), scenario: indonesia(14) },
  { name: "schoolAttendance", rule: schoolAttendance({ grantsLcuPerMonth: SCHOOL_GRANTS }), scenario: mexico(14) },
  { name: "healthCheck", rule: healthCheck({ lcuPerMonth: 100 }), scenario: mexico(14) },
  { name: "unconditional per household", rule: unconditional({ lcuPerMonth: 150 }), scenario: mexico(14) },
  { name: "unconditional per member", rule: unconditional({ lcuPerMonth: 40, perMember: true }), scenario: mexico(14) },
  { name: 'unconditional labelled "education"', rule: unconditional({ lcuPerMonth: 120, label: "education" }), scenario: mexico(14) },
  { name: "unconditional by month", rule: unconditional({ lcuPerMonth: 0, lcuPerMonthByMonth: [0, 50, 100, 150, 0, 200] }), scenario: mexico(14) },
  { name: "jobTraining", rule: jobTraining({ lcuPerMonth: 300, maxParticipants: 2 }), scenario: mexico(14, { targeting: { kind: "all" } }) },
  { name: "communityMeetings", rule: communityMeetings({ lcuPerMonth: 50 }), scenario: mexico(14) },
  {
    name: "combine of five rules under a cap, imperfect monitoring and a lag",
    rule: combine(
      [
        healthCheck({ lcuPerMonth: 100 }),
        unconditional({ lcuPerMonth: 80, label: "education" }),
        schoolAttendance({ grantsLcuPerMonth: SCHOOL_GRANTS }),
        communityMeetings({ lcuPerMonth: 40 }),
        jobTraining({ lcuPerMonth: 200 }),
      ],
      { capLcuPerMonth: 500 },
    ),
    scenario: mexico(18, lagAndMonitoring),
    imperfect: true,
  },
];

describe("the fast path gives exactly the results of the plain offers() wrapper", () => {
  it.each(FAST_PATH_CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(offerWriterOf(c.rule)).toBeTypeOf("function"); // the fast path is taken …
    const wrapper = plainWrapper(c.rule);
    expect(offerWriterOf(wrapper)).toBeUndefined(); // … and not for the wrapper
    const input = c.scenario(c.rule);
    const population = createPopulation(parseScenario(input));
    const fast = simulate(input, { population });
    const plain = simulate(c.scenario(wrapper), { population });
    // The comparison means something: the programme paid, and (when asked) monitoring missed some conditions.
    expect(sumOf(fast, "paidLcu")).toBeGreaterThan(0);
    if (c.imperfect) expect(sumOf(fast, "conditionsVerified")).toBeLessThan(sumOf(fast, "conditionsChecked"));
    expect(plain.months).toEqual(fast.months);
    expect(plain.final).toEqual(fast.final);
  });

  it.each(FAST_PATH_CASES.map((c) => [c.name, c] as const))("offers() returns what the buffer holds: %s", (_, c) => {
    const check: OfferCheck = { calls: 0, offers: 0, mismatches: [] };
    const input = c.scenario(checkingWrapper(c.rule, check));
    simulate({ ...input, months: Math.min(14, input.months as number) });
    expect(check.mismatches).toEqual([]);
    expect(check.calls).toBeGreaterThan(500);
    expect(check.offers).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. One validation, both paths
// ---------------------------------------------------------------------------------------------

/** A bad offer, as an object and (where the writer can say it) written. */
interface BadOffer {
  readonly name: string;
  /** The offer as a plain rule returns it. */
  readonly object: (h: HouseholdView) => Offer;
  /** The same offer through the writer; undefined when the writer cannot express it. */
  readonly write: ((h: HouseholdView, out: OfferWriter) => void) | undefined;
  /** What the message must say. */
  readonly problem: RegExp;
}

const MAX_OFFER = 5000;

const BAD_OFFERS: readonly BadOffer[] = [
  {
    name: "a condition of unknown kind",
    // Not a Condition for TypeScript; JavaScript (or JSON turned into offers) can say it.
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "visit", member: 0 } as unknown as Condition] }),
    write: undefined, // the writer has a method per kind: it cannot write an unknown one
    problem: /offer 1 \(bad\) has a condition of unknown kind "visit"; the kinds are schoolAttendance, healthVisits, training and meeting/,
  },
  {
    name: "minRate 1.5",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "schoolAttendance", member: 0, minRate: 1.5 }] }),
    write: (_, out) => out.offer("bad", 10).requireSchoolAttendance(0, 1.5),
    problem: /offer 1 \(bad\) has a schoolAttendance condition with minRate 1\.5; it must be a share in 0\.\.1/,
  },
  {
    name: "minRate NaN",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "schoolAttendance", member: 0, minRate: Number.NaN }] }),
    write: (_, out) => out.offer("bad", 10).requireSchoolAttendance(0, Number.NaN),
    problem: /schoolAttendance condition with minRate NaN; it must be a share in 0\.\.1/,
  },
  {
    name: "withinMonths 0",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "healthVisits", member: 0, withinMonths: 0 }] }),
    write: (_, out) => out.offer("bad", 10).requireHealthVisits(0, 0),
    problem: /healthVisits condition with withinMonths 0; it must be a finite number of months ≥ 1/,
  },
  {
    name: "withinMonths NaN",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "healthVisits", member: 0, withinMonths: Number.NaN }] }),
    write: (_, out) => out.offer("bad", 10).requireHealthVisits(0, Number.NaN),
    problem: /healthVisits condition with withinMonths NaN; it must be a finite number of months ≥ 1/,
  },
  {
    name: "withinMonths Infinity",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "healthVisits", member: 0, withinMonths: Number.POSITIVE_INFINITY }] }),
    write: (_, out) => out.offer("bad", 10).requireHealthVisits(0, Number.POSITIVE_INFINITY),
    problem: /healthVisits condition with withinMonths Infinity; it must be a finite number of months ≥ 1/,
  },
  {
    name: "hours 0",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "training", member: 0, hours: 0 }] }),
    write: (_, out) => out.offer("bad", 10).requireTraining(0, 0),
    problem: /training condition with hours 0; it must be a finite number of hours > 0/,
  },
  {
    name: "hours NaN",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "training", member: 0, hours: Number.NaN }] }),
    write: (_, out) => out.offer("bad", 10).requireTraining(0, Number.NaN),
    problem: /training condition with hours NaN; it must be a finite number of hours > 0/,
  },
  {
    name: "a condition on member = slots (outside the household)",
    object: (h) => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "meeting", member: h.slots }] }),
    write: (h, out) => out.offer("bad", 10).requireMeeting(h.slots),
    problem: /offer 1 \(bad\) has a condition on member (\d+), but the household has slots 0…\d+/,
  },
  {
    name: "a condition on member −1",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "healthVisits", member: -1, withinMonths: 3 }] }),
    write: (_, out) => out.offer("bad", 10).requireHealthVisits(-1, 3),
    problem: /has a condition on member -1, but the household has slots 0…\d+/,
  },
  {
    name: "a condition on member 1.5",
    object: () => ({ component: "bad", lcuPerMonth: 10, conditions: [{ kind: "schoolAttendance", member: 1.5, minRate: 0.8 }] }),
    write: (_, out) => out.offer("bad", 10).requireSchoolAttendance(1.5, 0.8),
    problem: /has a condition on member 1\.5, but the household has slots 0…\d+/,
  },
  {
    name: "an offer for a member outside the household",
    object: (h) => ({ component: "bad", lcuPerMonth: 10, member: h.slots + 2 }),
    write: (h, out) => out.offer("bad", 10).forMember(h.slots + 2),
    problem: /offer 1 \(bad\) is for member \d+, but the household has slots 0…\d+/,
  },
  {
    name: 'an offer for member "0" (a string, from JavaScript or JSON)',
    object: () => ({ component: "bad", lcuPerMonth: 10, member: "0" as unknown as number }),
    write: undefined, // the writer takes numbers
    problem: /offer 1 \(bad\) is for member "0", but the household has slots 0…\d+/,
  },
  {
    name: "amount NaN",
    object: () => ({ component: "bad", lcuPerMonth: Number.NaN }),
    write: (_, out) => out.offer("bad", Number.NaN),
    problem: /offer 1 \(bad\) has amount NaN; amounts must be finite and ≥ 0 \(local currency per month\)/,
  },
  {
    name: "amount −1",
    object: () => ({ component: "bad", lcuPerMonth: -1 }),
    write: (_, out) => out.offer("bad", -1),
    problem: /offer 1 \(bad\) has amount -1; amounts must be finite and ≥ 0/,
  },
  {
    name: "amount Infinity",
    object: () => ({ component: "bad", lcuPerMonth: Number.POSITIVE_INFINITY }),
    write: (_, out) => out.offer("bad", Number.POSITIVE_INFINITY),
    problem: /offer 1 \(bad\) has amount Infinity; amounts must be finite and ≥ 0/,
  },
  {
    name: "an amount above maxOfferLcuPerMonth",
    object: () => ({ component: "bad", lcuPerMonth: MAX_OFFER + 1 }),
    write: (_, out) => out.offer("bad", MAX_OFFER + 1),
    problem: new RegExp(
      `offer 1 \\(bad\\) has amount ${MAX_OFFER + 1}, above the credible maximum of ${MAX_OFFER} a month \\(programme\\.maxOfferLcuPerMonth\\)`,
    ),
  },
];

describe("one validation for offers returned and offers written", () => {
  const RULE = "contract rule";
  const GOOD: Offer = { component: "good", lcuPerMonth: 20 };
  /** Households 2, 7, 12, … get the bad offer after the good one from month 2. */
  const badHere = (h: HouseholdView, m: MonthContext) => h.index % 5 === 2 && m.month >= 2;
  const base = {
    seed: "contract-validation",
    months: 5,
    start: "1997-09",
    population: { ...MEXICO, households: 120 },
  } as const;
  const population: Population = createPopulation(parseScenario({ ...base, programme: null }));
  const run = (rule: TransferRule, onRuleError: "stop" | "skip") =>
    simulate(
      {
        ...base,
        programme: { rule, targeting: { kind: "all" }, payment: { everyMonths: 2, lagMonths: 1 }, maxOfferLcuPerMonth: MAX_OFFER, onRuleError },
      },
      { population },
    );
  /** Which household-months the rule made the bad offer to (the enrolment plan asks month 0 too: a set). */
  const plainRule = (bad: BadOffer, seen: Set<string>): TransferRule => ({
    name: RULE,
    offers: (h, m) => {
      if (!badHere(h, m)) return [GOOD];
      seen.add(`${h.index}:${m.month}`);
      return [GOOD, bad.object(h)];
    },
  });
  const writtenRule = (write: (h: HouseholdView, out: OfferWriter) => void): TransferRule =>
    defineRule({
      name: RULE,
      write(h, m, out) {
        out.offer(GOOD.component, GOOD.lcuPerMonth);
        if (badHere(h, m)) write(h, out);
      },
    });
  const clean = run({ name: RULE, offers: () => [GOOD] }, "stop");

  it.each(BAD_OFFERS.map((b) => [b.name, b] as const))("%s", (_, bad) => {
    // (a) A plain offers() rule stops the run with a RuleError naming rule, household, month and problem.
    const error = ruleErrorOf(() => run(plainRule(bad, new Set()), "stop"));
    expect(error.rule).toBe(RULE);
    expect(error.household).toBe(2); // the first household given the bad offer, in its first month
    expect(error.month).toBe(2);
    expect(error.message).toMatch(new RegExp(`^Transfer rule "${RULE}" failed for household 2 in month 2: `));
    expect(error.message).toMatch(bad.problem);

    // (b) The same offer written through defineRule's writer: the same check, the same message.
    if (bad.write !== undefined) {
      const written = ruleErrorOf(() => run(writtenRule(bad.write as NonNullable<BadOffer["write"]>), "stop"));
      expect(written.message).toBe(error.message);
      expect([written.rule, written.household, written.month]).toEqual([RULE, 2, 2]);
    }

    // (c) Skipped: the run completes, every bad offer is counted, nothing of it is verified or
    // paid, and the money adds up. Only the bad (last) offer is lost: the run is the clean run.
    const seen = new Set<string>();
    const skipped = run(plainRule(bad, seen), "skip");
    expect(seen.size).toBeGreaterThan(0);
    expect(sumOf(skipped, "offersSkipped")).toBe(seen.size);
    expect(sumOf(skipped, "ruleFailuresSkipped")).toBe(0);
    // The good offer is unconditional: a dropped condition is never verified (an unknown
    // kind is not taken for a meeting).
    for (const m of skipped.months) {
      expect(m.programme.conditionsChecked).toBe(0);
      expect(m.programme.meetingComplianceRate).toBeNull();
    }
    expectMoneyConserved(skipped);
    expect(skipped.final.totals.paidLcu).toBeGreaterThan(0);
    const withoutSkips = skipped.months.map((m) => ({ ...m, programme: { ...m.programme, offersSkipped: 0 } }));
    expect(withoutSkips).toEqual(clean.months);
    expect(nonFinite(skipped)).toEqual([]);
    if (bad.write !== undefined) {
      const writtenSkipped = run(writtenRule(bad.write), "skip");
      expect(writtenSkipped.months).toEqual(skipped.months);
      expect(writtenSkipped.final).toEqual(skipped.final);
    }
  });

  it.each([
    ["null", null],
    ["an object", { component: "x", lcuPerMonth: 10 }],
  ])("refuses offers() returning %s, as a failure of the whole rule", (_, value) => {
    const rule: TransferRule = { name: RULE, offers: (h) => (h.index === 3 ? (value as unknown as readonly Offer[]) : [GOOD]) };
    const error = ruleErrorOf(() => run(rule, "stop"));
    expect(error.message).toBe(`Transfer rule "${RULE}" failed for household 3 in month 0: offers() must return an array of offers`);
    expect(run(rule, "skip").months.map((m) => m.programme.ruleFailuresSkipped)).toEqual([1, 1, 1, 1, 1]);
  });

  it(`refuses more than ${MAX_OFFERS_PER_HOUSEHOLD} offers to one household-month, on both paths`, () => {
    const many = (h: HouseholdView) => h.index === 4;
    const plain: TransferRule = {
      name: RULE,
      offers: (h) => (many(h) ? Array.from({ length: MAX_OFFERS_PER_HOUSEHOLD + 1 }, () => GOOD) : [GOOD]),
    };
    const written = defineRule({
      name: RULE,
      write(h, _m, out) {
        const n = many(h) ? MAX_OFFERS_PER_HOUSEHOLD + 1 : 1;
        for (let k = 0; k < n; k++) out.offer(GOOD.component, GOOD.lcuPerMonth);
      },
    });
    const error = ruleErrorOf(() => run(plain, "stop"));
    expect(error.message).toBe(
      `Transfer rule "${RULE}" failed for household 4 in month 0: it made 4097 offers to one household, more than the 4096 a household-month may have`,
    );
    expect(ruleErrorOf(() => run(written, "stop")).message).toBe(error.message);
    const skipped = run(plain, "skip");
    expect(skipped.months.map((m) => m.programme.ruleFailuresSkipped)).toEqual([1, 1, 1, 1, 1]);
    expect(run(written, "skip").months).toEqual(skipped.months);
    // Exactly the limit is allowed.
    const atLimit: TransferRule = { name: RULE, offers: (h) => (many(h) ? Array.from({ length: MAX_OFFERS_PER_HOUSEHOLD }, () => GOOD) : [GOOD]) };
    expect(sumOf(run(atLimit, "stop"), "ruleFailuresSkipped")).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Caps
// ---------------------------------------------------------------------------------------------

describe("household caps that are not a number ≥ 0", () => {
  const base = { seed: "contract-caps", months: 6, start: "1997-09", population: { ...MEXICO, households: 120 } } as const;
  const population = createPopulation(parseScenario({ ...base, programme: null }));
  const run = (rule: TransferRule, onRuleError: "stop" | "skip") =>
    simulate({ ...base, programme: { rule, targeting: { kind: "all" }, payment: { everyMonths: 2, lagMonths: 1 }, onRuleError } }, { population });
  const BAD_MONTH = 3;
  const offers = (): readonly Offer[] => [
    { component: "a", lcuPerMonth: 300 },
    { component: "b", lcuPerMonth: 400 },
  ];

  const CAPS: readonly (readonly [string, () => unknown, RegExp])[] = [
    ["NaN", () => Number.NaN, /its household cap is NaN; a cap must be a number ≥ 0 \(local currency per month\) or undefined for none/],
    ["−5", () => -5, /its household cap is -5; a cap must be a number ≥ 0/],
    ["a string", () => "500", /its household cap is "500"; a cap must be a number ≥ 0/],
    [
      "a throw",
      () => {
        throw new Error("cap table unavailable");
      },
      /its household cap threw: cap table unavailable/,
    ],
  ];

  it.each(CAPS)("capForMonth returning %s", (_, badCap, problem) => {
    const capForMonth = (m: MonthContext) => (m.month === BAD_MONTH ? (badCap() as number) : 500);
    const plain: TransferRule = { name: "capped", capForMonth, offers };
    const written = defineRule({
      name: "capped",
      capForMonth,
      write(_h, _m, out) {
        for (const o of offers()) out.offer(o.component, o.lcuPerMonth);
      },
    });
    const error = ruleErrorOf(() => run(plain, "stop"));
    expect([error.rule, error.month]).toEqual(["capped", BAD_MONTH]);
    expect(error.message).toMatch(new RegExp(`^Transfer rule "capped" failed for household ${error.household} in month ${BAD_MONTH}: `));
    expect(error.message).toMatch(problem);
    expect(ruleErrorOf(() => run(written, "stop")).message).toBe(error.message);

    const skipped = run(plain, "skip");
    const failures = skipped.months.map((m) => m.programme.ruleFailuresSkipped);
    // Every beneficiary's offers are lost in the bad month, and only then.
    expect(failures).toEqual(skipped.months.map((m, t) => (t === BAD_MONTH ? m.programme.beneficiaries : 0)));
    expect(failures[BAD_MONTH]).toBeGreaterThan(0);
    expect(skipped.months[BAD_MONTH]?.programme.entitledLcu).toBe(0);
    expect(skipped.months[BAD_MONTH - 1]?.programme.entitledLcu).toBe(500 * (skipped.months[BAD_MONTH - 1]?.programme.beneficiaries ?? 0));
    expect(nonFinite(skipped)).toEqual([]);
    expectMoneyConserved(skipped);
    const writtenSkipped = run(written, "skip");
    expect(writtenSkipped.months).toEqual(skipped.months);
    expect(writtenSkipped.final).toEqual(skipped.final);
  });

  it.each([
    ["NaN", Number.NaN],
    ["−5", -5],
  ])("a constant capLcuPerMonth of %s", (_, cap) => {
    const plain: TransferRule = { name: "capped", capLcuPerMonth: cap, offers };
    const error = ruleErrorOf(() => run(plain, "stop"));
    expect([error.rule, error.month]).toEqual(["capped", 0]);
    expect(error.message).toMatch(new RegExp(`its household cap is ${String(cap)}`));
    const skipped = run(plain, "skip");
    expect(skipped.months.every((m) => m.programme.ruleFailuresSkipped === m.programme.beneficiaries && m.programme.beneficiaries > 0)).toBe(true);
    expect(skipped.final.totals.paidLcu).toBe(0);
    expect(nonFinite(skipped)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. HouseholdView bounds
// ---------------------------------------------------------------------------------------------

describe("HouseholdView refuses members that are not slots", () => {
  const base = { seed: "contract-view", months: 3, start: "1997-09", population: { ...MEXICO, households: 60 } } as const;
  const population = createPopulation(parseScenario({ ...base, programme: null }));
  const run = (rule: TransferRule, onRuleError: "stop" | "skip" = "stop") =>
    simulate({ ...base, programme: { rule, targeting: { kind: "all" }, onRuleError } }, { population });

  it.each([
    ["age(slots)", (h: HouseholdView) => h.age(h.slots), (h: HouseholdView) => h.slots],
    ["isMale(−1)", (h: HouseholdView) => h.isMale(-1), () => -1],
    ["schoolGrade(1.5)", (h: HouseholdView) => h.schoolGrade(1.5), () => 1.5],
    ["trainingHours(slots + 3)", (h: HouseholdView) => h.trainingHours(h.slots + 3), (h: HouseholdView) => h.slots + 3],
    ["pregnant(NaN)", (h: HouseholdView) => h.pregnant(Number.NaN), () => Number.NaN],
  ] as const)("%s stops the run with a RuleError, on both paths", (_, read, member) => {
    let expected = "";
    const plain: TransferRule = {
      name: "reads outside",
      offers: (h) => {
        expected = `member ${String(member(h))} is not a slot of household ${h.index} (slots 0…${h.slots - 1}; see HouseholdView.slots)`;
        read(h);
        return [];
      },
    };
    const error = ruleErrorOf(() => run(plain));
    expect([error.rule, error.household, error.month]).toEqual(["reads outside", 0, 0]);
    expect(error.message).toBe(`Transfer rule "reads outside" failed for household 0 in month 0: it threw: ${expected}`);
    expect(error.cause).toBeInstanceOf(RangeError);
    const written = defineRule({
      name: "reads outside",
      write(h) {
        read(h);
      },
    });
    expect(ruleErrorOf(() => run(written)).message).toBe(error.message);
    const skipped = run(written, "skip");
    expect(skipped.months.every((m) => m.programme.ruleFailuresSkipped === m.programme.beneficiaries && m.programme.beneficiaries > 0)).toBe(true);
  });

  it("alive() of a member that is not a slot is false (documented), not an error", () => {
    const answers: boolean[] = [];
    const rule: TransferRule = {
      name: "asks alive",
      offers: (h) => {
        answers.push(h.alive(h.slots), h.alive(h.slots + 1), h.alive(-1), h.alive(1.5), h.alive(Number.NaN));
        return [{ component: "cash", lcuPerMonth: 10 }];
      },
    };
    const r = run(rule);
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.every((a) => a === false)).toBe(true);
    expect(r.final.totals.paidLcu).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Monitoring counters
// ---------------------------------------------------------------------------------------------

describe("monitoring draws keep every condition of a household apart", () => {
  /** The counters of a household's conditions, offer by offer (conditions[k] = conditions of offer k). */
  const countersOf = (conditions: readonly number[]): number[] => {
    const counters: number[] = [];
    let j = 0;
    for (let k = 0; k < conditions.length; k++) for (let c = 0; c < (conditions[k] as number); c++, j++) counters.push(monitoringCounter(k, c, j));
    return counters;
  };
  /** Each condition draws at its counter d and at d + 1 and d + 2: windows of distinct multiples of 4 never meet. */
  const expectApart = (counters: readonly number[]) => {
    expect(counters.every((d) => d % 4 === 0 && d >= 0 && d + 2 < 2 ** 32)).toBe(true);
    expect(new Set(counters).size).toBe(counters.length);
  };

  it("conditions 0–15 of offer k keep their counters 4(16k + c): existing rules' draws are unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_OFFERS_PER_HOUSEHOLD - 1 }), fc.integer({ min: 0, max: 15 }), fc.nat(), (k, c, before) => {
        expect(monitoringCounter(k, c, before + c)).toBe(4 * (16 * k + c));
      }),
      { numRuns: 2000 },
    );
  });

  it(`no two conditions share a counter, for up to ${MAX_OFFERS_PER_HOUSEHOLD} offers of up to 40 conditions (property)`, () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: MAX_OFFERS_PER_HOUSEHOLD }), (conditions) =>
        expectApart(countersOf(conditions)),
      ),
      { numRuns: 60 },
    );
    // The extremes: every offer at 40 conditions, and the shape of the rule below (20 + 1).
    expectApart(countersOf(Array.from({ length: MAX_OFFERS_PER_HOUSEHOLD }, () => 40)));
    expectApart(countersOf([20, 1]));
    // Before, condition 16 of offer 0 drew at 4(16·0 + 16), the counter of condition 0 of offer 1.
    expect(monitoringCounter(0, 16, 16)).not.toBe(monitoringCounter(1, 0, 20));
  });

  it("a 20-condition offer and the next offer are verified independently in a run", () => {
    // With falsePassRate 1, falseFailureRate 0 and unverified conditions withheld, a condition
    // is reported met exactly when it is verified, whatever the household did; so an offer is
    // earned iff all its conditions were verified. Offer 0 (1000) has 20 conditions, offer 1
    // (1) has one. Had condition 16 of offer 0 shared its draws with offer 1's condition (the
    // old counters), earning offer 0 would imply earning offer 1: no entitlement of exactly 1000.
    const p = 0.9;
    const months = 12;
    const twentyAndOne = (h: HouseholdView): Offer[] => {
      const living: number[] = [];
      for (let m = 0; m < h.slots; m++) if (h.alive(m)) living.push(m);
      if (living.length === 0) return [];
      const visit = (m: number): Condition => ({ kind: "healthVisits", member: m, withinMonths: 24 });
      return [
        { component: "many", lcuPerMonth: 1000, conditions: Array.from({ length: 20 }, (_, c) => visit(living[c % living.length] as number)) },
        { component: "one", lcuPerMonth: 1, conditions: [visit(living[0] as number)] },
      ];
    };
    const plain: TransferRule = { name: "twenty and one", offers: twentyAndOne };
    const entitled: number[] = [];
    const scenario = (rule: TransferRule) => ({
      seed: "contract-monitoring",
      months,
      start: "1997-09",
      population: { ...MEXICO, households: 300 },
      programme: {
        rule,
        targeting: { kind: "all" },
        payment: { everyMonths: 3, lagMonths: 1 },
        monitoring: { verificationProbability: p, falseFailureRate: 0, falsePassRate: 1, unverified: "withhold" },
      },
    });
    const r = simulate(scenario(plain), {
      // With a one-month lag the ring slot of month t holds household h's entitlement of month t at the month's end
      // (in centavos: the ring holds whole money units).
      observe: (t, state) => {
        for (let h = 0; h < state.beneficiary.length; h++) if (state.beneficiary[h] === 1) entitled.push((state.lagRing[2 * h + (t % 2)] as number) / 100);
      },
    });
    expect(new Set(entitled).size).toBeLessThanOrEqual(4);
    expect(entitled.every((e) => e === 0 || e === 1 || e === 1000 || e === 1001)).toBe(true);
    const n = entitled.length;
    const many = entitled.filter((e) => e >= 1000).length;
    const manyNotOne = entitled.filter((e) => e === 1000).length;
    const one = entitled.filter((e) => e === 1 || e === 1001).length;
    expect(n).toBeGreaterThan(3000);
    // Offer 0 earned with probability p^20 (≈ 0.12), offer 1 with p, and independently.
    const within = (observed: number, expected: number, trials: number) =>
      expect(Math.abs(observed - expected)).toBeLessThan(5 * Math.sqrt(trials * (expected / trials) * (1 - expected / trials)));
    within(many, n * p ** 20, n);
    within(one, n * p, n);
    within(manyNotOne, many * (1 - p), many);
    expect(manyNotOne).toBeGreaterThan(0);
    expect(sumOf(r, "conditionsChecked")).toBe(21 * r.months.reduce((s, m) => s + m.programme.beneficiaries, 0));

    // The same rule on the fast path draws the same.
    const written = defineRule({
      name: "twenty and one",
      write(h, _m, out) {
        for (const o of twentyAndOne(h)) {
          out.offer(o.component, o.lcuPerMonth);
          for (const c of o.conditions ?? []) if (c.kind === "healthVisits") out.requireHealthVisits(c.member, c.withinMonths);
        }
      },
    });
    const fast = simulate(scenario(written));
    expect(fast.months).toEqual(r.months);
    expect(fast.final).toEqual(r.final);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. A user rule written with defineRule
// ---------------------------------------------------------------------------------------------

describe("a rule of your own written with defineRule", () => {
  // 100 a month per household, plus 150 per girl in grades 6–11 attending ≥ 80% of school
  // days, plus 30 per child under 5 with a clinic visit in the last 3 months; paid every two months.
  const payment = { everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 0 } as const;
  const plain: TransferRule = {
    name: "girls and infants",
    payment,
    capLcuPerMonth: 600,
    offers(h, month) {
      const offers: Offer[] = [{ component: "base", lcuPerMonth: 100 }];
      for (let m = 0; m < h.slots; m++) {
        if (!h.alive(m)) continue;
        const grade = h.schoolGrade(m);
        if (month.schoolMonth && !h.isMale(m) && grade >= 6 && grade <= 11)
          offers.push({ component: "girls", lcuPerMonth: 150, member: m, conditions: [{ kind: "schoolAttendance", member: m, minRate: 0.8 }] });
        if (h.age(m) < 5) offers.push({ component: "infant", lcuPerMonth: 30, member: m, conditions: [{ kind: "healthVisits", member: m, withinMonths: 3 }] });
      }
      return offers;
    },
  };
  const defined = defineRule({
    name: "girls and infants",
    payment,
    capLcuPerMonth: 600,
    write(h, month, out) {
      out.offer("base", 100);
      for (let m = 0; m < h.slots; m++) {
        if (!h.alive(m)) continue;
        const grade = h.schoolGrade(m);
        if (month.schoolMonth && !h.isMale(m) && grade >= 6 && grade <= 11) out.offer("girls", 150).forMember(m).requireSchoolAttendance(m, 0.8);
        if (h.age(m) < 5) out.offer("infant", 30).forMember(m).requireHealthVisits(m, 3);
      }
    },
  });

  it("has the shape of a TransferRule and the fast path", () => {
    expect(Object.keys(defined).sort()).toEqual(["capLcuPerMonth", "name", "offers", "payment"]);
    expect(offerWriterOf(defined)).toBeTypeOf("function");
    expect(offerWriterOf(plain)).toBeUndefined();
  });

  it("gives the same results as the plain rule, with perfect and with imperfect monitoring", () => {
    const scenario = (rule: TransferRule, monitoring: object) => ({
      seed: "contract-define",
      months: 14,
      start: "1997-09",
      population: MEXICO,
      programme: { rule, monitoring },
    });
    const population = createPopulation(parseScenario(scenario(plain, {})));
    for (const monitoring of [{}, IMPERFECT]) {
      const a = simulate(scenario(plain, monitoring), { population });
      const b = simulate(scenario(defined, monitoring), { population });
      expect(sumOf(a, "paidLcu")).toBeGreaterThan(0);
      expect(b.months).toEqual(a.months);
      expect(b.final).toEqual(a.final);
    }
  });

  it("returns from offers() the objects the plain rule returns", () => {
    const check = { calls: 0, mismatches: [] as { household: number; month: number }[] };
    const comparing: TransferRule = {
      name: "compare",
      offers(h, m) {
        const expected = plain.offers(h, m);
        check.calls++;
        if (!isDeepStrictEqual(defined.offers(h, m), expected)) check.mismatches.push({ household: h.index, month: m.month });
        return expected;
      },
    };
    simulate({ seed: "contract-define", months: 14, start: "1997-09", population: MEXICO, programme: { rule: comparing } });
    expect(check.mismatches).toEqual([]);
    expect(check.calls).toBeGreaterThan(500);
  });
});

describe("an offer object whose getter throws (a hostile rule)", () => {
  const input = (onRuleError: "stop" | "skip") => ({
    seed: "contract-getter",
    months: 3,
    start: "1997-09",
    population: { ...MEXICO, households: 60 },
    programme: {
      onRuleError,
      rule: {
        name: "getter",
        offers: (h: HouseholdView): readonly Offer[] =>
          h.index % 3 === 0
            ? [
                {
                  component: "x",
                  get lcuPerMonth(): number {
                    throw new Error("no amount today");
                  },
                },
              ]
            : [{ component: "x", lcuPerMonth: 100 }],
      } satisfies TransferRule,
    },
  });

  it("stops the run with a RuleError naming rule, household and month", () => {
    const error = ruleErrorOf(() => simulate(input("stop")));
    expect(error.message).toMatch(/^Transfer rule "getter" failed for household \d+ in month \d+: it threw: no amount today/);
  });

  it("with skip, loses that household's offers, counts it, and keeps the money whole", () => {
    const r = simulate(input("skip"));
    expect(r.final.totals.paidLcu).toBeGreaterThan(0);
    expect(r.months.every((m) => m.programme.ruleFailuresSkipped > 0)).toBe(true);
    expectMoneyConserved(r);
  });
});
