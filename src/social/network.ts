import type { Interactions } from "../config/interactions.js";
import type { Population } from "../population/population.js";
import { Purpose } from "../random/streams.js";
import type { RandomStreams } from "../random/streams.js";

/**
 * Household ties within localities, as compressed rows: the ties of household
 * h are `target[start[h]] … target[start[h + 1] − 1]`. Ties are undirected and
 * stored in both directions; `reverse[e]` is the index of the same tie seen
 * from the other end, `kin[e]` marks kin ties.
 */
export interface LocalityNetwork {
  /** Households + 1 row offsets. */
  readonly start: Int32Array;
  /** Tied household of each directed tie. */
  readonly target: Int32Array;
  /** Index of the opposite direction of each tie. */
  readonly reverse: Int32Array;
  /** 1 for a kin tie. */
  readonly kin: Uint8Array;
}

/**
 * Build the locality network (docs/model.md, I0): in each locality of n
 * households, a ring where each household is tied to its ⌊k/2⌋ nearest
 * neighbours on each side (k = min(degree, n − 1)); then each tie's far end is
 * redrawn, with probability `rewiring`, to a random household of the locality
 * it is not yet tied to (Watts & Strogatz 1998); a share `kinShare` of ties is
 * marked kin. Draws come from purpose "network" keyed by locality, so the
 * network depends only on the seed and the population — never on shards or
 * workers.
 * @example buildNetwork(population, new RandomStreams(1), { degree: 6, rewiring: 0.25, kinShare: 0.3 }).target.length // ≈ 6 × households
 */
export function buildNetwork(population: Population, rng: RandomStreams, p: Interactions["network"]): LocalityNetwork {
  const H = population.householdCount;
  const first = population.localities.firstHousehold;
  const pairsA: number[] = [];
  const pairsB: number[] = [];
  const pairsKin: number[] = [];
  for (let l = 0; l < population.localityCount; l++) {
    const a = first[l] as number;
    const n = (first[l + 1] as number) - a;
    if (n < 2) continue;
    const half = Math.max(1, Math.floor(Math.min(p.degree, n - 1) / 2));
    const s = rng.stream(Purpose.network, l, 0);
    let draw = 0;
    const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
    const edges = new Set<number>();
    const list: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      for (let d = 1; d <= half; d++) {
        const j = (i + d) % n;
        if (j === i || edges.has(key(i, j))) continue;
        edges.add(key(i, j));
        list.push([i, j]);
      }
    }
    for (const edge of list) {
      if (rng.uniformAt(s, draw++) >= p.rewiring) continue;
      const [i, j] = edge;
      // Redraw the far end among households not yet tied to i (a few tries; keep the tie otherwise).
      for (let attempt = 0; attempt < 8; attempt++) {
        const m = Math.floor(rng.uniformAt(s, draw++) * n);
        if (m === i || m === j || edges.has(key(i, m))) continue;
        edges.delete(key(i, j));
        edges.add(key(i, m));
        edge[1] = m;
        break;
      }
    }
    for (const [i, j] of list) {
      pairsA.push(a + i);
      pairsB.push(a + j);
      pairsKin.push(rng.uniformAt(s, draw++) < p.kinShare ? 1 : 0);
    }
  }
  const degree = new Int32Array(H);
  for (let k = 0; k < pairsA.length; k++) {
    degree[pairsA[k] as number]!++;
    degree[pairsB[k] as number]!++;
  }
  const start = new Int32Array(H + 1);
  for (let h = 0; h < H; h++) start[h + 1] = (start[h] as number) + (degree[h] as number);
  const E = start[H] as number;
  const target = new Int32Array(E);
  const reverse = new Int32Array(E);
  const kin = new Uint8Array(E);
  const fill = Int32Array.from(start.subarray(0, H));
  for (let k = 0; k < pairsA.length; k++) {
    const u = pairsA[k] as number;
    const v = pairsB[k] as number;
    const eu = fill[u]!++;
    const ev = fill[v]!++;
    target[eu] = v;
    target[ev] = u;
    reverse[eu] = ev;
    reverse[ev] = eu;
    kin[eu] = kin[ev] = pairsKin[k] as number;
  }
  return { start, target, reverse, kin };
}

/** Empty network (no ties), for runs without interactions that need one. */
export function emptyNetwork(households: number): LocalityNetwork {
  return { start: new Int32Array(households + 1), target: new Int32Array(0), reverse: new Int32Array(0), kin: new Uint8Array(0) };
}

/**
 * Clustering coefficient of a network: the share of pairs of a household's ties
 * that are tied to each other, averaged over households with two or more ties.
 */
export function clusteringCoefficient(net: LocalityNetwork): number {
  const H = net.start.length - 1;
  let sum = 0;
  let counted = 0;
  for (let h = 0; h < H; h++) {
    const a = net.start[h] as number;
    const b = net.start[h + 1] as number;
    const k = b - a;
    if (k < 2) continue;
    const ties = new Set<number>();
    for (let e = a; e < b; e++) ties.add(net.target[e] as number);
    let closed = 0;
    for (let e = a; e < b; e++) {
      const j = net.target[e] as number;
      for (let f = net.start[j] as number; f < (net.start[j + 1] as number); f++) if (ties.has(net.target[f] as number)) closed++;
    }
    sum += closed / (k * (k - 1));
    counted++;
  }
  return counted > 0 ? sum / counted : 0;
}
