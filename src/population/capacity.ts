import type { PopulationParameters } from "./parameters.js";

/**
 * Bytes per person slot of a population's arrays: birth month, height-for-age, growth potential,
 * school taste and earnings effect (4 bytes each) and nine one-byte fields.
 */
const POPULATION_BYTES_PER_SLOT = 25;
/** Bytes per household of a population's arrays (54) and of the transient arrays of its creation (the means-test design and log welfare, 64). */
const POPULATION_BYTES_PER_HOUSEHOLD = 118;

/** The population settings of a resolved scenario that size it. */
export interface PopulationSize {
  /** Households. */
  readonly households: number;
  /** Spare person slots per household for births. */
  readonly spareSlotsPerHousehold: number;
  /** The population parameters (their household composition). */
  readonly parameters: Pick<PopulationParameters, "childrenAtHomeMean" | "extraAdultProbability" | "elderlyProbability">;
}

/**
 * Person slots per household assumed by the memory estimates: 1.5× the preset's typical
 * household (head, spouse, children, extra adult, elderly member), to stay on the safe side,
 * plus the spare slots for births.
 */
export function estimatedSlotsPerHousehold(size: PopulationSize): number {
  const p = size.parameters;
  const typical = 3 + p.childrenAtHomeMean + p.extraAdultProbability + p.elderlyProbability;
  return 1.5 * typical + size.spareSlotsPerHousehold;
}

/** Estimated peak memory of creating a population, bytes: its person slots and households. */
export function estimatePopulationBytes(size: PopulationSize): number {
  return Math.ceil(size.households * (estimatedSlotsPerHousehold(size) * POPULATION_BYTES_PER_SLOT + POPULATION_BYTES_PER_HOUSEHOLD));
}
