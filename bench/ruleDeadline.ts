/**
 * What the rule deadline of the worker runs costs: the same code rule run by simulateInWorkers
 * (one worker) with the deadline (the default, 10 s: every call of the rule is marked in shared
 * memory) and without (`ruleDeadlineMs: 0`: the rule is not wrapped), alternately, `--reps`
 * times each; prints the median (and range) of the simulation time of each (the worker's `runShard`, from
 * `onTimings`, so thread start and population are left out), the difference per rule call, and
 * whether the results were identical. Rules: the plain `offers()` rule of
 * test/fixtures/codeRuleScenario.ts and a `defineRule` rule (test/fixtures/hostileRules.ts,
 * behaving). See docs/reliability.md.
 *
 *   npx tsx bench/ruleDeadline.ts [--households 20000] [--reps 5]
 */
import { isDeepStrictEqual, parseArgs } from "node:util";
import { parseScenario, simulate } from "../src/index.js";
import type { HouseholdView, MonthContext, SimulationResult, TransferRule } from "../src/index.js";
import { simulateInWorkers } from "../src/node/index.js";

const { values } = parseArgs({ options: { households: { type: "string", default: "20000" }, reps: { type: "string", default: "5" } } });
const households = Number(values.households);
const reps = Number(values.reps);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Calls of the rule's offers (or write) in one run in this thread: the calls the deadline marks. */
function callsOf(input: unknown): number {
  const scenario = input as { programme: { rule: TransferRule } };
  const rule = scenario.programme.rule;
  let calls = 0;
  const counted: TransferRule = {
    ...rule,
    offers: (h: HouseholdView, m: MonthContext) => {
      calls++;
      return rule.offers(h, m);
    },
  };
  simulate(parseScenario({ ...scenario, programme: { ...scenario.programme, rule: counted } }));
  return calls;
}

const cases = [
  { label: "plain offers() rule", module: new URL("../test/fixtures/codeRuleScenario.ts", import.meta.url), params: { households } },
  {
    label: "defineRule rule",
    module: new URL("../test/fixtures/hostileRules.ts", import.meta.url),
    params: { misbehaviour: "none", defined: true, households },
  },
];

for (const c of cases) {
  const factory = ((await import(c.module.href)) as { scenario: (p: unknown) => unknown }).scenario;
  const calls = callsOf(factory(c.params));
  const seconds: Record<"with" | "without", number[]> = { with: [], without: [] };
  const results: SimulationResult[] = [];
  for (let r = 0; r < reps; r++) {
    for (const variant of r % 2 === 0 ? (["with", "without"] as const) : (["without", "with"] as const)) {
      let simulation = 0;
      const result = await simulateInWorkers(
        { module: c.module, params: c.params },
        { workers: 1, ...(variant === "without" ? { ruleDeadlineMs: 0 } : {}), onTimings: (t) => (simulation = t.shards[0]!.simulationSeconds) },
      );
      seconds[variant].push(simulation);
      results.push(result);
    }
  }
  const identical = results.every((r) => isDeepStrictEqual(r, results[0]));
  const range = (xs: readonly number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  const withDeadline = median(seconds.with);
  const without = median(seconds.without);
  console.log(
    `${c.label}, ${households} households, ${calls} calls: with the deadline ${withDeadline.toFixed(3)} s, without ${without.toFixed(3)} s ` +
      `(median of ${reps}; ranges ${range(seconds.with)} and ${range(seconds.without)}): ${(((withDeadline - without) / without) * 100).toFixed(1)}%, ${(((withDeadline - without) / calls) * 1e9).toFixed(0)} ns a call; ` +
      `results identical: ${identical}`,
  );
}
