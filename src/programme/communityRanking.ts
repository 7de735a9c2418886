import type { Population } from "../population/population.js";
import { baselineLogWelfare } from "../population/baselineGroups.js";
import { Purpose } from "../random/streams.js";
import type { RandomStreams } from "../random/streams.js";

/** How neighbours perceive welfare (community targeting). */
export interface CommunityPerception {
  /** Standard deviation of the perception error, log points. */
  readonly perceptionNoiseSd: number;
  /** Share of households connected to the local elite, 0..1. */
  readonly eliteShare: number;
  /** How much poorer than they are connected households are made to appear, log points. */
  readonly eliteCapture: number;
}

/**
 * Perceived log welfare of every household (relative to the poverty line):
 * true log consumption per adult equivalent + a normal perception error −
 * `eliteCapture` if the household is connected to the elite. Draws come from
 * purpose "communityPerception", so the same seed gives the same perceptions.
 * Returns the perceptions and the elite-connection flags.
 */
export function perceivedWelfare(
  population: Population,
  rng: RandomStreams,
  p: CommunityPerception,
): {
  /** Perceived log welfare by household, log points relative to the poverty line. */
  perceived: Float64Array;
  /** 1 where the household is connected to the local elite, by household. */
  elite: Uint8Array;
} {
  const truth = baselineLogWelfare(population);
  const H = population.householdCount;
  const perceived = new Float64Array(H);
  const elite = new Uint8Array(H);
  for (let h = 0; h < H; h++) {
    const s = rng.stream(Purpose.communityPerception, h, 0);
    elite[h] = rng.uniformAt(s, 0) < p.eliteShare ? 1 : 0;
    perceived[h] = (truth[h] as number) + p.perceptionNoiseSd * rng.normalAt(s, 1) - p.eliteCapture * (elite[h] as number);
  }
  return { perceived, elite };
}

/**
 * The community's list: in each locality the round(share × households)
 * households with the lowest perceived welfare (ties by index), as a 0/1 flag
 * per household. Quotas per locality are how community targeting is usually
 * run (a number of slots per village).
 */
export function communityList(population: Population, perceived: Float64Array, share: number): Uint8Array {
  const out = new Uint8Array(population.householdCount);
  const first = population.localities.firstHousehold;
  for (let l = 0; l < population.localityCount; l++) {
    const a = first[l] as number;
    const b = first[l + 1] as number;
    const members = Int32Array.from({ length: b - a }, (_, k) => a + k).sort((x, y) => (perceived[x] as number) - (perceived[y] as number) || x - y);
    const slots = Math.round(share * (b - a));
    for (let k = 0; k < slots; k++) out[members[k] as number] = 1;
  }
  return out;
}
