import type { ResolvedScenario } from "../config/scenario.js";
import { interactionFlags } from "../config/interactions.js";
import { LOC_FIELDS, MONTH_LENGTH } from "../outcomes/layout.js";
import { cohortLength } from "../outcomes/cohorts.js";
import { asksAdultActivities } from "../rules/specs.js";
import type { RuleSpec } from "../rules/specs.js";
import { isTransferRule } from "../rules/types.js";
import { CapacityError } from "../foundation/capacityError.js";
import { estimatedSlotsPerHousehold } from "../population/capacity.js";

/** Bytes per person slot: the population's arrays plus the run state's copies and extras (a run that adopts its population has 28 fewer). */
const BYTES_PER_SLOT = 79;
/** Of {@link BYTES_PER_SLOT}: the run state's copies of the population's person arrays, saved when a run adopts its population. */
const BYTES_PER_SLOT_COPIES = 28;
/** Of {@link BYTES_PER_SLOT}: training hours and activities, kept only for rules that ask adults for training or meetings. */
const BYTES_PER_SLOT_ADULT_ACTIVITIES = 5;
/** Bytes per directed tie of the locality network: target, reverse, kin, flows by month parity, debt, strength. */
const BYTES_PER_TIE = 4 + 4 + 1 + 16 + 16 + 8 + 4;
/** Bytes per household: the population's arrays plus the run state's (without the payment-lag ring). */
const BYTES_PER_HOUSEHOLD = 130;

/** Options of {@link estimateMemoryBytes}. */
export interface MemoryEstimateOptions {
  /**
   * The run adopts its population (see `SimulateOptions.adoptPopulation`; `simulate` without a
   * population always does): no copy of the person arrays, 28 bytes per person slot less.
   * Default false: the run copies a population it may share.
   */
  readonly adoptPopulation?: boolean;
}

/**
 * Estimated peak memory of one run, in bytes: person slots (members + spare
 * slots) × bytes per slot, households × bytes per household (and the payment
 * ring), and the monthly accumulators. Members per household are taken as 1.5×
 * the preset's typical size to stay on the safe side.
 * @example estimateMemoryBytes(parseScenario({ population: { households: 1_000_000 } }), { adoptPopulation: true }) // ≈ 0.7e9
 */
export function estimateMemoryBytes(scenario: ResolvedScenario, options: MemoryEstimateOptions = {}): number {
  const slotsPerHousehold = estimatedSlotsPerHousehold(scenario.population);
  const H = scenario.population.households;
  const lag = (scenario.programme?.payment.lagMonths ?? 0) + 1;
  const flags = interactionFlags(scenario.interactions);
  const L = scenario.population.localities;
  // Interactions: ties (network, flows, debts, strengths), locality arrays and the locality series.
  const interactions =
    (flags.network ? H * scenario.interactions.network.degree * BYTES_PER_TIE : 0) +
    (flags.diffusion ? 4 * H : 0) +
    (flags.socialCapital ? 2 * H : 0) +
    (flags.any ? L * (80 + 8 * LOC_FIELDS * scenario.months) : 0);
  const rule = scenario.programme?.rule;
  const activities = rule !== undefined && (isTransferRule(rule) || asksAdultActivities(rule as RuleSpec));
  const slotBytes = BYTES_PER_SLOT - (activities ? 0 : BYTES_PER_SLOT_ADULT_ACTIVITIES) - (options.adoptPopulation ? BYTES_PER_SLOT_COPIES : 0);
  return Math.ceil(
    H * slotsPerHousehold * slotBytes +
      H * (BYTES_PER_HOUSEHOLD + 8 * lag) +
      scenario.months * MONTH_LENGTH * 8 +
      2 * cohortLength(scenario.months) * 8 +
      interactions,
  );
}

/** Refuse a run that would exceed its memory limit (see {@link CapacityError}). */
export function checkMemory(scenario: ResolvedScenario, options: MemoryEstimateOptions = {}): void {
  const estimate = estimateMemoryBytes(scenario, options);
  if (estimate > scenario.limits.memoryBytes) throw new CapacityError(estimate, scenario.limits.memoryBytes, scenario.population.households);
}
