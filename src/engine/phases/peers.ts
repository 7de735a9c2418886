import type { ReadonlyNumbers } from "../phase.js";
import { monthPhase } from "../phase.js";
import type { RunConstants } from "../runConstants.js";

/** Age band of a child for peer groups: 0 for 6–11, 1 for 12–14, 2 for 15–17 (−1 otherwise). */
export function peerBand(age: number): number {
  return age < 6 || age > 17 ? -1 : age <= 11 ? 0 : age <= 14 ? 1 : 2;
}

/**
 * Peer term of a child's schooling utilities (docs/model.md, I1):
 * strength × (last month's enrolment share of the locality's children in the
 * child's age band − that share at the start). 0 when peer effects are off.
 */
export function peerTerm(run: RunConstants, peerShare: ReadonlyNumbers, peerBase: ReadonlyNumbers, locality: number, band: number): number {
  if (!run.flags.peers || band < 0) return 0;
  const k = 3 * locality + band;
  return run.interactions.peerEffects.strength * ((peerShare[k] as number) - (peerBase[k] as number));
}

/** Count a child (and whether enrolled) in its locality's peer group for this month. */
export function countPeer(peerCount: Float64Array, locality: number, band: number, enrolled: number): void {
  const k = 2 * (3 * locality + band);
  peerCount[k] = (peerCount[k] as number) + 1;
  peerCount[k + 1] = (peerCount[k + 1] as number) + enrolled;
}

/**
 * This month's counts become next month's shares (a locality band without children keeps its
 * starting share, `peerBase`), and the counts restart. (At the start, the shares then also
 * become the baseline.)
 */
export function closePeerCounts(peerShare: Float64Array, peerBase: ReadonlyNumbers, peerCount: Float64Array): void {
  for (let k = 0; k < peerShare.length; k++) {
    const children = peerCount[2 * k] as number;
    peerShare[k] = children > 0 ? (peerCount[2 * k + 1] as number) / children : (peerBase[k] as number);
    peerCount[2 * k] = 0;
    peerCount[2 * k + 1] = 0;
  }
}

/** End of month (I1): the locality's enrolment shares by age band, which next month's schooling decisions read. */
export const peerShares = monthPhase({
  name: "peerShares",
  equations: "I1",
  reads: { state: ["peerBase"] },
  writes: { state: ["peerShare", "peerCount"] },
  when: "peer effects on",
  active: (run) => run.flags.peers,
  run({ state: st }) {
    closePeerCounts(st.peerShare, st.peerBase, st.peerCount);
  },
});
