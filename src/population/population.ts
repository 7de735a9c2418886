import type { PopulationParameters } from "./parameters.js";
import type { Preset } from "./preset.js";

/**
 * Workers with more dependants work longer hours (docs/model.md, L2): a household's labour earnings
 * are its members' wages times exp(−share·(ln(workers / adult equivalents) − meanLogWorkersPerAe)).
 */
export interface DependencyHours {
  /** κ, 0..1: the share of a difference in workers per adult equivalent that hours make up. */
  readonly share: number;
  /** c̄: the person-weighted mean of ln(workers / adult equivalents) at the start. */
  readonly meanLogWorkersPerAe: number;
}

/** Role of a member in the household. */
export const Role = {
  /** Household head. */
  head: 0,
  /** The head's spouse. */
  spouse: 1,
  /** A child living at home at the start. */
  child: 2,
  /** An extra adult member, 18–59 at the start. */
  otherAdult: 3,
  /** An elderly member, 60+ at the start. */
  elderly: 4,
} as const;

/** Per-household arrays (index = household). Money in local currency per month. */
export interface HouseholdArrays {
  /** Locality index. */
  readonly locality: Int32Array;
  /** First person slot of the household in the person arrays. */
  readonly firstSlot: Int32Array;
  /** Number of person slots reserved (initial members + spare slots for births). */
  readonly capacity: Uint8Array;
  /** Members at the start. */
  readonly initialSize: Uint8Array;
  /** Permanent adult earnings, local currency per month. */
  readonly incomeLcuPerMonth: Float64Array;
  /** Household head's years of schooling (proxy). */
  readonly headSchooling: Uint8Array;
  /** 1 if the household speaks an indigenous language (proxy). */
  readonly indigenous: Uint8Array;
  /** 1 if the dwelling has a dirt floor (proxy). */
  readonly dirtFloor: Uint8Array;
  /** Count of durable assets 0…6 (proxy). */
  readonly assets: Uint8Array;
  /** Means-test score: predicted consumption per adult equivalent / poverty line, from the proxies. */
  readonly meansTestScore: Float64Array;
  /** Distance to a primary school, km. */
  readonly primarySchoolKm: Float32Array;
  /** Distance to a lower-secondary school, km. */
  readonly lowerSecondaryKm: Float32Array;
  /** Distance to an upper-secondary school, km. */
  readonly upperSecondaryKm: Float32Array;
  /** Distance to a clinic, km. */
  readonly clinicKm: Float32Array;
  /** Income that is not members' earnings (remittances, pensions, other transfers), local currency per month (docs/model.md, L1). */
  readonly otherIncomeLcuPerMonth: Float64Array;
}

/** Per-locality arrays (index = locality). */
export interface LocalityArrays {
  /** First household of the locality; households of locality l are firstHousehold[l] … firstHousehold[l+1]-1. */
  readonly firstHousehold: Int32Array;
  /** Remoteness 0 (near town) … 1 (remote). */
  readonly remoteness: Float32Array;
  /** Locality effect on log income. */
  readonly incomeLogEffect: Float32Array;
}

/**
 * Per-person arrays (index = person slot). Slots of household h are
 * firstSlot[h] … firstSlot[h] + capacity[h] − 1; the first initialSize[h] hold
 * the starting members, the rest are free for births.
 */
export interface PersonArrays {
  /** Month of birth relative to month 0 of the scenario (negative for people born before). */
  readonly birthMonth: Int32Array;
  /** 1 male, 0 female. */
  readonly male: Uint8Array;
  /** 1 alive, 0 dead or empty slot. */
  readonly alive: Uint8Array;
  /** Role in the household ({@link Role}). */
  readonly role: Uint8Array;
  /** Grades (years of schooling) completed. */
  readonly gradesCompleted: Uint8Array;
  /** 1 if enrolled in the current school year. */
  readonly enrolled: Uint8Array;
  /** Times the grade now attended (grades completed + 1) has already been repeated. */
  readonly repeats: Uint8Array;
  /** Height-for-age z-score. */
  readonly haz: Float32Array;
  /** Persistent standard-normal growth potential (scaled by the population's hazPotentialSd). */
  readonly hazPotential: Float32Array;
  /** Persistent standard-normal taste for school (scaled by the behaviour's schoolTasteSd). */
  readonly schoolTaste: Float32Array;
  /** Months since the last clinic visit (capped at 255). */
  readonly monthsSinceVisit: Uint8Array;
  /** Months pregnant 0…8, or −1 if not pregnant. */
  readonly pregnancy: Int8Array;
  /** 1 with a severe disability. */
  readonly disabled: Uint8Array;
  /** Persistent earnings effect α of the member, log points (docs/model.md, L1). */
  readonly wageEffect: Float32Array;
}

/**
 * A synthetic population as struct-of-typed-arrays (DESIGN §5). Immutable once
 * created: a simulation copies what it changes, so one population serves many
 * scenarios (common random numbers) — unless a run adopts it (`adoptPopulation`),
 * using its person arrays as the run's state; it then refuses another run.
 */
export interface Population {
  /** The preset it was drawn from. */
  readonly preset: Preset;
  /** The resolved population parameters used. */
  readonly parameters: PopulationParameters;
  /** Number of households. */
  readonly householdCount: number;
  /** Number of localities. */
  readonly localityCount: number;
  /** Total person slots (members + spare slots). */
  readonly slotCount: number;
  /** Members at the start. */
  readonly personCount: number;
  /** Score below which a household is classified poor (the preset's classifiedPoorShare quantile). */
  readonly meansTestCutoff: number;
  /** Coefficients of the means test, fitted by least squares on the population (intercept first). */
  readonly meansTestCoefficients: readonly number[];
  /** Mean of the members' persistent earnings effects α, log points (docs/model.md, L1), toward which newborns' effects regress. */
  readonly meanWageEffect: number;
  /** How workers' hours answer their household's dependants (docs/model.md, L2). */
  readonly dependencyHours: DependencyHours;
  /** Seed the population was drawn with. */
  readonly seed: string | number;
  /** Per-household arrays (index = household). */
  readonly households: HouseholdArrays;
  /** Per-locality arrays (index = locality). */
  readonly localities: LocalityArrays;
  /** Per-person arrays (index = person slot). */
  readonly persons: PersonArrays;
}
