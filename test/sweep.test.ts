import { describe, expect, it } from "vitest";
import { sweep, sweepPoints, SWEEP_NO_PROGRAMME, unconditional } from "../src/index.js";
import { sweep as sweepInWorkers } from "../src/node/index.js";

const base = {
  name: "grants",
  months: 14, // through October 1998: one school-year decision under the programme
  start: "1997-09",
  population: { households: 400, localities: 10 },
  programme: {
    rule: { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 50, lowerSecondary: 100, upperSecondary: 0 }, maxGrade: 9 },
    targeting: { kind: "poor" },
  },
};
const grid = {
  "programme.rule.grantsLcuPerMonth.lowerSecondary": [100, 200],
  "behaviour.priceEffect": [0.5, 1],
};
const options = { replications: 2, seed: "sweep" };

describe("sweepPoints", () => {
  it("builds the cartesian product with each value at its path, the first key varying slowest", () => {
    const points = sweepPoints(base, grid);
    expect(points.map((p) => p.name)).toEqual([
      "lowerSecondary=100, priceEffect=0.5",
      "lowerSecondary=100, priceEffect=1",
      "lowerSecondary=200, priceEffect=0.5",
      "lowerSecondary=200, priceEffect=1",
    ]);
    const expected = [
      [100, 0.5],
      [100, 1],
      [200, 0.5],
      [200, 1],
    ];
    points.forEach((p, k) => {
      const [grant, price] = expected[k]!;
      expect(p.values).toEqual({ "programme.rule.grantsLcuPerMonth.lowerSecondary": grant, "behaviour.priceEffect": price });
      const s = p.scenario as typeof base & { behaviour: { priceEffect: number } };
      expect(s.name).toBe(p.name);
      expect(s.programme.rule.grantsLcuPerMonth).toEqual({ primary: 50, lowerSecondary: grant, upperSecondary: 0 });
      expect(s.behaviour).toEqual({ priceEffect: price }); // created: base has no behaviour
      expect(s.population).toEqual(base.population);
      expect(s.programme.targeting).toEqual(base.programme.targeting);
    });
  });

  it("does not modify the base, and points share no objects", () => {
    const before = structuredClone(base);
    const points = sweepPoints(base, grid);
    expect(base).toEqual(before);
    const a = points[0]!.scenario as typeof base;
    const b = points[1]!.scenario as typeof base;
    expect(a.population).not.toBe(base.population);
    expect(a.programme.rule).not.toBe(b.programme.rule);
    a.population.households = 1;
    expect(b.population.households).toBe(400);
    expect(base.population.households).toBe(400);
  });

  it("sets whole objects, creates missing or null parents, and labels objects by kind or name", () => {
    const rules = [{ kind: "progresa" }, { kind: "unconditional", lcuPerMonth: 150 }];
    const points = sweepPoints({ programme: null }, { "programme.rule": rules, "programme.targeting.kind": ["poor", "all"] });
    expect(points.map((p) => p.name)).toEqual([
      "rule=progresa, kind=poor",
      "rule=progresa, kind=all",
      "rule=unconditional, kind=poor",
      "rule=unconditional, kind=all",
    ]);
    expect(points[2]!.scenario).toEqual({ name: "rule=unconditional, kind=poor", programme: { rule: rules[1], targeting: { kind: "poor" } } });
    expect(points[2]!.values["programme.rule"]).toBe(rules[1]); // values as given
    expect((points[2]!.scenario.programme as { rule: unknown }).rule).not.toBe(rules[1]); // scenarios hold copies
  });

  it("keeps names unique: numbered labels on collisions, full paths for shared last segments, or labels given", () => {
    const grants = [
      { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 50, lowerSecondary: 100, upperSecondary: 0 } },
      { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 100, lowerSecondary: 200, upperSecondary: 0 } },
    ];
    expect(sweepPoints({}, { "programme.rule": grants }).map((p) => p.name)).toEqual(["rule=schoolAttendance#1", "rule=schoolAttendance#2"]);
    expect(sweepPoints({}, { "programme.rule": { "CCT 100": grants[0], "CCT 200": grants[1] } }).map((p) => p.name)).toEqual(["rule=CCT 100", "rule=CCT 200"]);
    expect(sweepPoints({}, { "a.x": [1], "b.x": [2] })[0]!.name).toBe("a.x=1, b.x=2");
    expect(sweepPoints({ name: "mine" }, {}).map((p) => p.name)).toEqual(["mine"]);
  });

  it("rejects bad grids with a clear message", () => {
    expect(() => sweepPoints(base, { "behaviour..priceEffect": [1] })).toThrow(/bad grid path/);
    expect(() => sweepPoints(base, { "behaviour.priceEffect": [] })).toThrow(/no values/);
    expect(() => sweepPoints(base, { "months.x": [1] })).toThrow(/"months" is a number/);
    expect(() => sweepPoints(base, { seed: [1, 2] })).toThrow(/cannot sweep "seed"/);
    expect(() => sweepPoints(base, { "__proto__.x": [1] })).toThrow(/reserved/);
    expect(() => sweepPoints(() => base, grid)).toThrow(TypeError);
  });
});

describe("sweep", () => {
  it("gives the same comparison single-threaded and on 1 and 2 workers, with progress to the total", async () => {
    const seen: [number, number][] = [];
    const direct = sweep(base, grid, { ...options, onProgress: (done, total) => seen.push([done, total]) });
    expect(direct.comparison.scenarios).toEqual([SWEEP_NO_PROGRAMME, ...direct.points.map((p) => p.name)]);
    expect(direct.comparison.baseline).toBe(SWEEP_NO_PROGRAMME);
    expect(direct.comparison.resolved[SWEEP_NO_PROGRAMME]?.programme).toBeNull();
    expect(seen).toHaveLength(10);
    expect(seen.at(-1)).toEqual([10, 10]);
    // The programme raises enrolment, more with the higher grant (paired differences, common random numbers).
    const enrolled = direct.comparison.outcomes.get("totals/enrolledChildMonths/all")!;
    const [p100, , p200] = direct.points.map((p) => enrolled.get(p.name)!.difference!.mean);
    expect(p100).toBeGreaterThan(0);
    expect(p200!).toBeGreaterThan(p100!);

    const workerSeen: [number, number][] = [];
    const one = await sweepInWorkers(base, grid, { ...options, workers: 1 });
    const two = await sweepInWorkers(base, grid, { ...options, workers: 2, onProgress: (done, total) => workerSeen.push([done, total]) });
    expect(one.points).toEqual(direct.points);
    expect(one.comparison).toEqual(direct.comparison);
    expect(two.comparison).toEqual(direct.comparison);
    expect(workerSeen).toHaveLength(10);
    expect(workerSeen.at(-1)).toEqual([10, 10]);
  });

  it("gives differences of exactly 0 for points identical to the baseline", () => {
    const rule = base.programme.rule;
    const { points, comparison } = sweep(base, { "programme.rule": [rule, rule] }, { ...options, baseline: "base" });
    expect(comparison.baseline).toBe("grants");
    expect(points.map((p) => p.name)).toEqual(["rule=schoolAttendance#1", "rule=schoolAttendance#2"]);
    let checked = 0;
    for (const row of comparison.outcomes.values()) {
      for (const p of points) {
        const d = row.get(p.name)?.difference;
        if (!d) continue;
        expect([d.mean, d.lower, d.upper]).toEqual([0, 0, 0]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(comparison.values.get(points[1]!.name)).toEqual(comparison.values.get(points[0]!.name));
  });

  it("validates every point before running anything", async () => {
    let runs = 0;
    expect(() => sweep(base, { "behaviour.priceEffect": [1, -1] }, { ...options, onProgress: () => runs++ })).toThrow(/priceEffect=-1/);
    expect(runs).toBe(0);
    await expect(sweepInWorkers(base, { "behaviour.priceEffect": [-1] }, { ...options, workers: 1 })).rejects.toThrow(/not valid/);
  });

  it("refuses code rules in workers (they cannot be cloned), naming the path", async () => {
    const rule = unconditional({ lcuPerMonth: 100 });
    await expect(sweepInWorkers({ ...base, programme: { rule } }, { "behaviour.priceEffect": [1] }, { ...options, workers: 1 })).rejects.toThrow(
      /programme\.rule\.offers is a function/,
    );
  });
});
