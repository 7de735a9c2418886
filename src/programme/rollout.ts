import type { ResolvedScenario } from "../config/scenario.js";
import { Purpose, RandomStreams } from "../random/streams.js";

/**
 * Treatment status of every locality (1 treated, 0 control) under the scenario's
 * roll-out. With `clusterRandomised`, exactly round(treatedShare × localities)
 * localities are treated: those with the smallest random keys drawn from the
 * scenario seed (purpose "randomisation"), so the assignment is reproducible and
 * the same for every scenario run on the same seed. With `all` (or no
 * programme) every locality is "treated".
 * @example treatedLocalities(parseScenario({ programme: { rule: { kind: "progresa" }, rollout: { kind: "clusterRandomised" } } }))
 */
export function treatedLocalities(scenario: ResolvedScenario): Uint8Array {
  const L = scenario.population.localities;
  const out = new Uint8Array(L);
  const rollout = scenario.programme?.rollout;
  if (!rollout || rollout.kind === "all") return out.fill(1);
  const rng = new RandomStreams(scenario.seed);
  const keys = Float64Array.from({ length: L }, (_, l) => rng.uniform(Purpose.randomisation, l, 0, 0));
  const order = Int32Array.from({ length: L }, (_, l) => l).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const treated = Math.round(rollout.treatedShare * L);
  for (let k = 0; k < treated; k++) out[order[k] as number] = 1;
  return out;
}

/** First month in which a locality of the given status has the programme (Infinity: never). */
export function programmeStartMonth(scenario: ResolvedScenario, treated: boolean): number {
  const programme = scenario.programme;
  if (!programme) return Number.POSITIVE_INFINITY;
  if (treated || programme.rollout.kind === "all") return programme.startMonth;
  return programme.rollout.controlStartMonth ?? Number.POSITIVE_INFINITY;
}
