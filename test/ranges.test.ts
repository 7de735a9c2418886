/**
 * Every number a scenario can set has a physically meaningful range in its schema, and values
 * that would overflow a run are refused by name (issue 15). The schemas are walked as data, so a
 * new field without a range fails here.
 */
import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioError, scenarioSchema, simulate } from "../src/index.js";

interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly element?: unknown;
  readonly items?: readonly unknown[];
  readonly innerType?: unknown;
  readonly options?: readonly unknown[];
  readonly in?: unknown;
  readonly out?: unknown;
  readonly left?: unknown;
  readonly right?: unknown;
}
interface Node {
  readonly _zod: { readonly def: Def };
  readonly minValue?: number | null;
  readonly maxValue?: number | null;
  readonly shape?: Readonly<Record<string, unknown>>;
}

/** Every number schema reachable from `root`, with its path ("population.parameters.incomeLogMean", "…[]" for elements). */
function numberFields(root: unknown): { path: string; min: number; max: number }[] {
  const out: { path: string; min: number; max: number }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string) => {
    if (node === undefined || node === null || seen.has(node)) return;
    seen.add(node);
    const n = node as Node;
    const def = n._zod.def;
    switch (def.type) {
      case "number":
        out.push({ path, min: n.minValue ?? -Infinity, max: n.maxValue ?? Infinity });
        return;
      case "object":
        for (const [k, v] of Object.entries(n.shape ?? {})) walk(v, path === "" ? k : `${path}.${k}`);
        return;
      case "array":
        walk(def.element, `${path}[]`);
        return;
      case "tuple":
        def.items?.forEach((item, k) => walk(item, `${path}[${k}]`));
        return;
      case "union":
        def.options?.forEach((o) => walk(o, path));
        return;
      case "pipe":
        walk(def.in, path);
        return;
      default:
        if (def.innerType) walk(def.innerType, path);
    }
  };
  walk(root, "");
  return out;
}

describe("ranges of every number in a scenario", () => {
  const fields = numberFields(scenarioSchema);
  // The resolved parameters are checked against these (presets + overrides: parseScenario).
  const parameterFields = [...numberFields((scenarioSchema.shape.population as unknown as Node)._zod.def.innerType ?? scenarioSchema.shape.population)];

  it("finds the numbers (the walk works)", () => {
    expect(fields.length).toBeGreaterThan(150);
    expect(fields.some((f) => f.path === "population.parameters.incomeLogMean")).toBe(true);
    expect(fields.some((f) => f.path.startsWith("programme.rule"))).toBe(true);
    expect(parameterFields.length).toBeGreaterThan(30);
  });

  it("gives every one a finite lower and upper bound (the seed excepted: any finite number)", () => {
    const SAFE = Number.MAX_SAFE_INTEGER;
    const unbounded = fields
      .filter((f) => f.path !== "seed")
      .filter((f) => !(Number.isFinite(f.min) && Number.isFinite(f.max) && Math.abs(f.min) < SAFE && Math.abs(f.max) < SAFE))
      .map((f) => `${f.path}: [${f.min}, ${f.max}]`);
    expect(unbounded).toEqual([]);
  });

  // The hostile inputs of the issue: each refused by parseScenario with the field and its range.
  const hostile: [string, unknown, RegExp][] = [
    ["headSchooling", { population: { parameters: { headSchooling: [1e308, 1e308] } } }, /population\.parameters\.headSchooling\[0\]: expected 0 ≤ x ≤ 20/],
    ["initialHazMean", { population: { parameters: { initialHazMean: 1e308 } } }, /population\.parameters\.initialHazMean: expected -6 ≤ x ≤ 6/],
    ["hazNoiseSd", { behaviour: { hazNoiseSd: 1e308 } }, /behaviour\.hazNoiseSd: expected 0 ≤ x ≤ 6/],
    [
      "perBeneficiaryMonthLcu",
      { programme: { rule: { kind: "progresa" }, administrativeCost: { perBeneficiaryMonthLcu: 1e308 } } },
      /programme\.administrativeCost\.perBeneficiaryMonthLcu: expected 0 ≤ x ≤ 1e12/,
    ],
    ["incomeLogMean", { population: { parameters: { incomeLogMean: 1e6 } } }, /population\.parameters\.incomeLogMean: expected -5 ≤ x ≤ 5/],
    ["seasonalFactors", { population: { parameters: { seasonalFactors: new Array(12).fill(1e300) } } }, /seasonalFactors\[0\]: expected 0 < x ≤ 10/],
    ["childWageLcuPerMonth", { behaviour: { childWageLcuPerMonth: new Array(12).fill(1e308) } }, /behaviour\.childWageLcuPerMonth\[0\]: expected 0 ≤ x ≤ 1e9/],
    [
      "child wage of 1,000 poverty lines",
      { behaviour: { childWageLcuPerMonth: new Array(12).fill(350_000) } },
      /childWageLcuPerMonth\[0\]: expected 0 ≤ x ≤ 35000 \(100 poverty lines/,
    ],
    [
      "admin cost of 1,000 poverty lines",
      { programme: { rule: { kind: "progresa" }, administrativeCost: { perBeneficiaryMonthLcu: 350_000 } } },
      /perBeneficiaryMonthLcu: expected 0 ≤ x ≤ 35000/,
    ],
    ["a rule amount of 1e300", { programme: { rule: { kind: "unconditional", lcuPerMonth: 1e300 } } }, /programme\.rule\.lcuPerMonth: expected 0 ≤ x ≤ 1e12/],
    ["a distance of 1e6 km", { population: { parameters: { clinicKm: 1e6 } } }, /clinicKm: expected 0 ≤ x ≤ 500 \(km\)/],
    ["a logit of 1e10", { behaviour: { incomeEffect: 1e10 } }, /behaviour\.incomeEffect: expected -50 ≤ x ≤ 50/],
    ["a poverty line of 1e300", { population: { parameters: { povertyLineLcuPerMonth: 1e300 } } }, /povertyLineLcuPerMonth: expected 0 < x ≤ 1e9/],
    ["start 9999-12 for 2 months", { start: "9999-12", months: 2 }, /months: expected a run that ends by 9999-12/],
  ];
  for (const [name, input, message] of hostile) {
    it(`refuses ${name} with the field and its range`, () => {
      let error: unknown;
      try {
        parseScenario(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it("refuses a combine nested 800 deep by name, without overflowing the stack", () => {
    let rule: unknown = { kind: "unconditional", lcuPerMonth: 10 };
    for (let k = 0; k < 800; k++) rule = { kind: "combine", rules: [rule] };
    expect(() => parseScenario({ programme: { rule } })).toThrow(ScenarioError);
    expect(() => parseScenario({ programme: { rule } })).toThrow(/programme\.rule\.rules\[0\](\.rules\[0\]){7}: expected combine specs nested at most 8 deep/);
    let ok: unknown = { kind: "unconditional", lcuPerMonth: 10 };
    for (let k = 0; k < 7; k++) ok = { kind: "combine", rules: [ok] };
    expect(simulate({ months: 2, population: { households: 20 }, programme: { rule: ok } }).final.totals.paidLcu).toBeGreaterThan(0);
  });

  it("accepts the extremes of every range (the presets' own values and the bounds are valid scenarios)", () => {
    // The widest parameters a user may set still give finite results.
    const r = simulate({
      seed: "extremes",
      months: 3,
      population: {
        households: 40,
        parameters: { incomeLogMean: 5, incomeLogSd: 3, idiosyncraticShockSd: 3, localityShockSd: 3, seasonalFactors: new Array(12).fill(10) },
      },
      behaviour: { hazNoiseSd: 6, incomeEffect: 50, childWageLcuPerMonth: new Array(12).fill(35_000) },
      programme: { rule: { kind: "unconditional", lcuPerMonth: 35_000 }, administrativeCost: { perBeneficiaryMonthLcu: 35_000 } },
    });
    expect(r.final.totals.costLcu).toBeGreaterThan(0);
  });
});
