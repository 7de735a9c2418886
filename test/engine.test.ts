import { describe, expect, it } from "vitest";
import {
  RuleError,
  ScenarioError,
  budgetMatchedUnconditional,
  compare,
  createPopulation,
  finishRun,
  mergeShards,
  parseScenario,
  runShard,
  simulate,
} from "../src/index.js";
import type { ReplicationContext, SimulationResult, TransferRule } from "../src/index.js";

const small = { seed: "engine-test", months: 24, start: "1997-09", population: { households: 1500, localities: 40 } } as const;
const progresa = { ...small, programme: { rule: { kind: "progresa" } } } as const;

/** Every number anywhere in a value, with its path. */
function numbers(value: unknown, path = "", out: [string, number][] = []): [string, number][] {
  if (typeof value === "number") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, k) => numbers(v, `${path}[${k}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}

describe("simulate: reproducibility", () => {
  const a = simulate(progresa);

  it("gives deep-equal results for the same scenario and seed", () => {
    expect(simulate(progresa)).toEqual(a);
  });

  it("gives different results for another seed", () => {
    const b = simulate({ ...progresa, seed: "another" });
    expect(b.final.segments.all.consumptionPerAeLcu).not.toBe(a.final.segments.all.consumptionPerAeLcu);
  });

  it("does not depend on the order households are processed in", () => {
    const scenario = parseScenario(progresa);
    const population = createPopulation(scenario);
    const order = Int32Array.from({ length: population.householdCount }, (_, k) => population.householdCount - 1 - k);
    const forward = runShard(scenario, population);
    const backward = runShard(scenario, population, order);
    expect(backward.data).toEqual(forward.data);
  });

  it("gives the same result from two shards merged as from one run", () => {
    const scenario = parseScenario(progresa);
    const population = createPopulation(scenario);
    const H = population.householdCount;
    // Odd and even households: shards need not be contiguous.
    const odd = Int32Array.from({ length: Math.floor(H / 2) }, (_, k) => 2 * k + 1);
    const even = Int32Array.from({ length: Math.ceil(H / 2) }, (_, k) => 2 * k);
    const merged = finishRun(mergeShards([runShard(scenario, population, odd), runShard(scenario, population, even)]), population);
    expect(merged).toEqual(a);
  });
});

describe("simulate: accounting", () => {
  const r = simulate(progresa);

  it("has no NaN or infinity anywhere in the results", () => {
    const bad = numbers(r).filter(([, v]) => !Number.isFinite(v));
    expect(bad).toEqual([]);
  });

  it("keeps every rate within 0..1", () => {
    for (const m of r.months) {
      for (const seg of Object.values(m.segments)) {
        for (const key of ["enrolment", "attendance", "regularAttendance", "childWork"] as const) {
          for (const v of Object.values(seg[key])) if (v !== null) (expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1));
        }
        for (const v of [seg.illness, seg.stuntingUnder5, seg.povertyHeadcount, seg.povertyGap, seg.povertySeverity, seg.gini]) {
          if (v !== null) (expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1));
        }
      }
    }
  });

  it("adds up payments: money paid = money received by households = reported cost, every month", () => {
    let paid = 0;
    for (const m of r.months) {
      expect(m.segments.all.transfersReceivedLcu).toBe(m.programme.paidLcu);
      expect(m.programme.costLcu).toBe(m.programme.paidLcu);
      // Segments partition the households: poor + non-poor = all (exact integer sums in cents).
      expect(Math.round((m.segments.poor.transfersReceivedLcu + m.segments.nonPoor.transfersReceivedLcu) * 100)).toBe(
        Math.round(m.segments.all.transfersReceivedLcu * 100),
      );
      paid += m.programme.paidLcu;
    }
    expect(paid).toBeGreaterThan(0);
    expect(r.final.totals.paidLcu).toBeCloseTo(paid, 6);
    // Entitlements are either paid or still owed at the end (rounding: at most a cent per household-month).
    const { entitledLcu, paidLcu, unpaidAtEndLcu, forfeitedLcu, beneficiaryMonths } = r.final.totals;
    expect(Math.abs(entitledLcu - paidLcu - unpaidAtEndLcu - forfeitedLcu)).toBeLessThanOrEqual(0.01 * beneficiaryMonths);
  });

  it("accounts for every person: persons(t) = persons(t−1) + births − deaths", () => {
    let previous = r.meta.personsAtStart;
    for (const m of r.months) {
      expect(m.segments.all.persons).toBe(previous + m.demography.births - m.demography.deaths);
      previous = m.segments.all.persons;
    }
    expect(r.final.totals.births).toBeGreaterThan(0);
    expect(r.final.totals.deaths).toBeGreaterThan(0);
  });

  it("pays Progresa every two months and PKH in January, April, July and October", () => {
    const paidMonths = r.months.filter((m) => m.programme.paidLcu > 0).map((m) => Number(m.date.slice(5)));
    expect(paidMonths.length).toBeGreaterThan(0);
    for (const cm of paidMonths) expect(cm % 2).toBe(1);
    const pkh = simulate({
      seed: 2,
      months: 12,
      population: { preset: "indonesia-2020", households: 800 },
      programme: { rule: { kind: "pkh" } },
    });
    const pkhMonths = pkh.months.filter((m) => m.programme.paidLcu > 0).map((m) => Number(m.date.slice(5)));
    expect(pkhMonths).toEqual([1, 4, 7, 10]);
    expect(numbers(pkh).filter(([, v]) => !Number.isFinite(v))).toEqual([]);
  });

  it("gives tidy rows with month, outcome, group and a finite value", () => {
    const rows = r.toRows();
    expect(rows.length).toBeGreaterThan(1000);
    for (const row of rows.slice(0, 500)) {
      expect(Number.isFinite(row.value)).toBe(true);
      expect(typeof row.outcome).toBe("string");
      expect(typeof row.group).toBe("string");
    }
    const e = rows.find((x) => x.month === 13 && x.segment === "poor" && x.outcome === "enrolment" && x.group === "age12to14");
    expect(e?.value).toBe(r.months[13]?.segments.poor.enrolment.age12to14);
    // toRows is not data: the result serialises to JSON without it.
    expect(Object.keys(r)).not.toContain("toRows");
    expect(JSON.parse(JSON.stringify(r)).months.length).toBe(24);
  });

  it("records the resolved scenario that ran", () => {
    expect(r.scenario.programme?.payment).toEqual({ everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 0 });
    expect(r.scenario.behaviour.priceEffect).toBeGreaterThan(0);
    expect(r.meta.currency).toBe("MXN");
  });
});

describe("transfer rules written by users", () => {
  const perChild: TransferRule = {
    name: "per-child",
    offers(h) {
      const out = [];
      for (let m = 0; m < h.slots; m++) if (h.alive(m) && h.age(m) < 18) out.push({ component: "child", lcuPerMonth: 40, member: m });
      return out;
    },
  };

  it("runs a code rule and records it by name", () => {
    const r = simulate({ ...small, months: 6, programme: { rule: perChild, targeting: { kind: "all" } } });
    expect(r.scenario.programme?.rule).toEqual({ kind: "custom", name: "per-child" });
    expect(r.final.totals.paidLcu).toBeGreaterThan(0);
    // 40 per child per month, paid monthly: the total is a multiple of 40.
    expect(r.final.totals.paidLcu % 40).toBe(0);
  });

  it.each([
    ["NaN", Number.NaN],
    ["a negative amount", -1],
    ["infinity", Number.POSITIVE_INFINITY],
  ])("stops with a RuleError naming the rule, household and month when a rule returns %s", (_, amount) => {
    const bad: TransferRule = { name: "bad-rule", offers: (h, m) => (h.index === 7 && m.month === 2 ? [{ component: "x", lcuPerMonth: amount }] : []) };
    const run = () => simulate({ ...small, months: 4, programme: { rule: bad, targeting: { kind: "all" } } });
    expect(run).toThrow(RuleError);
    expect(run).toThrow(/"bad-rule".*household 7.*month 2/);
  });

  it("stops with a RuleError when a rule throws, keeping the cause", () => {
    const throwing: TransferRule = {
      name: "throws",
      offers: () => {
        throw new Error("boom");
      },
    };
    try {
      simulate({ ...small, months: 2, programme: { rule: throwing, targeting: { kind: "all" } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).rule).toBe("throws");
      expect((error as Error).message).toMatch(/boom/);
    }
  });

  it("rejects bad scenarios with a ScenarioError before running", () => {
    expect(() => simulate({ ...small, months: 0 })).toThrow(ScenarioError);
    expect(() => simulate({ ...small, population: { preset: "atlantis" } })).toThrow(/population\.preset/);
  });
});

describe("conditional vs unconditional transfers of equal cost", () => {
  const none = { ...small, name: "none", population: { households: 3000, localities: 75 }, programme: null };
  const cct = { ...none, name: "cct", programme: { rule: { kind: "progresa" } } };
  const uct = ({ results }: ReplicationContext) => budgetMatchedUnconditional(results.get("cct") as SimulationResult, "uct");
  const cmp = compare([none, cct, uct], { replications: 4, seed: "cct-vs-uct" });
  const get = (metric: string, scenario: string) => cmp.outcomes.get(metric)?.get(scenario);

  it("matches the budget: the UCT costs what the CCT cost", () => {
    const cctCost = cmp.values.get("cct")?.get("totals/costLcu") ?? [];
    const uctCost = cmp.values.get("uct")?.get("totals/costLcu") ?? [];
    expect(cctCost.length).toBe(4);
    cctCost.forEach((c, k) => expect(Math.abs((uctCost[k] as number) / c - 1)).toBeLessThan(1e-4));
  });

  it("raises secondary-age enrolment more under the CCT than under the UCT", () => {
    for (const group of ["age12to14", "age15to17"]) {
      const c = get(`poor/enrolment/${group}`, "cct")?.difference;
      const u = get(`poor/enrolment/${group}`, "uct")?.difference;
      expect(c && u).toBeTruthy();
      expect(c!.lower).toBeGreaterThan(0);
      expect(c!.mean).toBeGreaterThan(u!.mean);
    }
    const cctMinusUct = cmp.values
      .get("cct")!
      .get("poor/enrolment/age12to14")!
      .map((v, k) => v - cmp.values.get("uct")!.get("poor/enrolment/age12to14")![k]!);
    expect(Math.min(...cctMinusUct)).toBeGreaterThan(0);
  });

  it("raises consumption at least as much under the UCT as under the CCT", () => {
    // Total household consumption of the eligible: the same money reaches them, but the CCT
    // also pulls children out of paid work, so it cannot buy more consumption in total.
    const u = cmp.values.get("uct")!.get("poor/consumptionLcu")!;
    const c = cmp.values.get("cct")!.get("poor/consumptionLcu")!;
    expect(get("poor/consumptionLcu", "uct")!.difference!.lower).toBeGreaterThan(0);
    u.forEach((v, k) => expect(v).toBeGreaterThanOrEqual(c[k]!));
  });

  it("gives paired differences far tighter than independent comparisons (common random numbers)", () => {
    for (const metric of ["poor/consumptionPerAeLcu", "poor/povertyHeadcount"]) {
      const a = cmp.values.get("none")!.get(metric)!;
      const b = cmp.values.get("cct")!.get(metric)!;
      const sd = (x: readonly number[]) => {
        const mu = x.reduce((s, v) => s + v, 0) / x.length;
        return Math.sqrt(x.reduce((s, v) => s + (v - mu) ** 2, 0) / (x.length - 1));
      };
      const independent = Math.sqrt(sd(a) ** 2 + sd(b) ** 2);
      const paired = sd(b.map((v, k) => v - a[k]!));
      expect(paired).toBeLessThan(0.4 * independent);
    }
  });

  it("acts through income only under the UCT: no condition is verified, nothing withheld", () => {
    const uctWithheld = cmp.values.get("uct")!.get("totals/withheldLcu")!;
    expect(uctWithheld.every((v) => v === 0)).toBe(true);
    expect(
      cmp.values
        .get("cct")!
        .get("totals/withheldLcu")!
        .every((v) => v > 0),
    ).toBe(true);
  });
});
