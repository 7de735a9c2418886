import type { CycleContext } from "../engine/cycleContext.js";

/** Age band of a child for peer groups: 0 for 6–11, 1 for 12–14, 2 for 15–17 (−1 otherwise). */
export function peerBand(age: number): number {
  return age < 6 || age > 17 ? -1 : age <= 11 ? 0 : age <= 14 ? 1 : 2;
}

/**
 * Peer term of a child's schooling utilities (docs/model.md, I1):
 * strength × (last month's enrolment share of the locality's children in the
 * child's age band − that share at the start). 0 when peer effects are off.
 */
export function peerTerm(c: CycleContext, locality: number, band: number): number {
  if (!c.flags.peers || band < 0) return 0;
  const k = 3 * locality + band;
  return c.interactions.peerEffects.strength * ((c.state.peerShare[k] as number) - (c.state.peerBase[k] as number));
}

/** Count a child (and whether enrolled) in its locality's peer group for this month. */
export function countPeer(c: CycleContext, locality: number, band: number, enrolled: number): void {
  const k = 2 * (3 * locality + band);
  const counts = c.state.peerCount;
  counts[k] = (counts[k] as number) + 1;
  counts[k + 1] = (counts[k + 1] as number) + enrolled;
}

/**
 * End of month: this month's counts become next month's shares (a locality
 * band without children keeps its starting share), and the counts restart.
 * At the start (`initial`), the shares also become the baseline.
 */
export function closePeerMonth(c: CycleContext, initial: boolean): void {
  const { peerShare, peerBase, peerCount } = c.state;
  for (let k = 0; k < peerShare.length; k++) {
    const children = peerCount[2 * k] as number;
    const share = children > 0 ? (peerCount[2 * k + 1] as number) / children : (peerBase[k] as number);
    peerShare[k] = share;
    if (initial) peerBase[k] = share;
    peerCount[2 * k] = 0;
    peerCount[2 * k + 1] = 0;
  }
}
