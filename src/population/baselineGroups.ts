import type { Population } from "./population.js";

/**
 * Baseline welfare decile (0 = poorest … 9) of every household: households are
 * ordered by permanent income per adult equivalent at the start (the steady
 * state of their consumption) and cut into ten groups of equal population
 * (person-weighted). Fixed for a population, so every scenario run on it —
 * and every shard — uses the same groups.
 */
export function baselineWelfareDeciles(population: Population): Uint8Array {
  const H = population.householdCount;
  const hh = population.households;
  const P = population.persons;
  const w = population.parameters.childEquivalenceWeight;
  const perAe = new Float64Array(H);
  let total = 0;
  for (let h = 0; h < H; h++) {
    let ae = 0;
    const first = hh.firstSlot[h] as number;
    for (let m = 0; m < (hh.initialSize[h] as number); m++) ae += -(P.birthMonth[first + m] as number) < 180 ? w : 1;
    perAe[h] = (hh.incomeLcuPerMonth[h] as number) / ae;
    total += hh.initialSize[h] as number;
  }
  const order = Int32Array.from({ length: H }, (_, h) => h).sort((a, b) => (perAe[a] as number) - (perAe[b] as number) || a - b);
  const out = new Uint8Array(H);
  let before = 0;
  for (const h of order) {
    out[h] = Math.min(9, Math.floor((10 * before) / total));
    before += hh.initialSize[h] as number;
  }
  return out;
}

/** Remoteness tercile of every household's locality: 0 near (remoteness < 1/3), 1 middle, 2 remote (≥ 2/3). */
export function remotenessTerciles(population: Population): Uint8Array {
  const hh = population.households;
  return Uint8Array.from({ length: population.householdCount }, (_, h) => {
    const r = population.localities.remoteness[hh.locality[h] as number] as number;
    return r < 1 / 3 ? 0 : r < 2 / 3 ? 1 : 2;
  });
}

/**
 * True baseline welfare of every household: ln(permanent income per adult
 * equivalent at the start / poverty line), children under 15 weighted by the
 * preset's child equivalence weight. What a perfect consumption survey would
 * measure; targeting accuracy is judged against it (below 0 = truly poor).
 */
export function baselineLogWelfare(population: Population): Float64Array {
  const H = population.householdCount;
  const hh = population.households;
  const P = population.persons;
  const w = population.parameters.childEquivalenceWeight;
  const z = population.parameters.povertyLineLcuPerMonth;
  const out = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    let ae = 0;
    const first = hh.firstSlot[h] as number;
    for (let m = 0; m < (hh.initialSize[h] as number); m++) ae += -(P.birthMonth[first + m] as number) < 180 ? w : 1;
    out[h] = Math.log((hh.incomeLcuPerMonth[h] as number) / ae / z);
  }
  return out;
}
