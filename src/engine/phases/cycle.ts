import type { HouseholdPhase, MonthPhase } from "../phase.js";
import { adultActivities } from "./adultActivities.js";
import { assess } from "./assess.js";
import { decisions } from "./decisions.js";
import { demography } from "./demography.js";
import { extinction } from "./extinction.js";
import { labour } from "./labour.js";
import { completeSegments, foodPrices, knowledgeSnapshot } from "./monthEnd.js";
import { localityShocks, priceSeries } from "./monthStart.js";
import { peerShares } from "./peers.js";
import { recertification } from "./recertification.js";
import { record } from "./record.js";
import { riskSharing } from "./riskSharing.js";
import { schoolYear } from "./schoolYear.js";
import { settle } from "./settle.js";
import { socialCapital } from "./socialCapital.js";
import { targetingCost } from "./targetingCost.js";
import { welfare } from "./welfare.js";

/** The monthly cycle as lists of phases, in the order they run. */
export interface CycleSpec {
  /** Phases run once at the start of the month. */
  readonly monthStart: readonly MonthPhase[];
  /** Phases run for every household, in this order, one household after the other. */
  readonly households: readonly HouseholdPhase[];
  /** Phases run once at the end of the month, after every household. */
  readonly monthEnd: readonly MonthPhase[];
}

/**
 * The monthly cycle of DESIGN §2: the whole model, read in order. Each phase
 * declares what it reads and writes (src/engine/phase.ts); docs/architecture.md
 * tabulates them and test/phases.test.ts checks the table and that every value a
 * phase reads is written by an earlier phase. A household phase runs for every
 * household, for those with living members after demography, or for those just
 * found extinct; a phase may also be off for a whole month (`active`).
 */
export const MONTHLY_CYCLE: CycleSpec = Object.freeze({
  monthStart: Object.freeze([priceSeries, localityShocks]),
  households: Object.freeze([
    targetingCost,
    schoolYear,
    demography,
    extinction,
    recertification,
    assess,
    labour,
    decisions,
    adultActivities,
    settle,
    riskSharing,
    socialCapital,
    welfare,
    record,
  ]),
  monthEnd: Object.freeze([completeSegments, peerShares, foodPrices, knowledgeSnapshot]),
});
