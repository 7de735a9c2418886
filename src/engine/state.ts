import type { PersonArrays, Population } from "../population/population.js";

/**
 * Mutable state of one simulation run, struct-of-arrays. The person arrays
 * inherited from {@link PersonArrays} are copies of the population's (a
 * population serves many runs); the rest is state the monthly cycle carries
 * from month to month.
 */
export interface SimulationState extends Omit<PersonArrays, "role"> {
  /** 1 if enrolled in the previous school year. */
  readonly enrolledLastYear: Uint8Array;
  /** This month's attendance share (0 when not in school). */
  readonly attendance: Float32Array;
  /** Sum of attendance shares over this school year's months. */
  readonly attendanceSum: Float32Array;
  /** School months attended this school year. */
  readonly attendanceMonths: Uint8Array;
  /** Consecutive irregular months. */
  readonly irregularStreak: Uint8Array;
  /** 0 not working, 1 part-time, 2 full-time (children). */
  readonly work: Uint8Array;
  /** 1 if ill this month. */
  readonly ill: Uint8Array;
  /** Hours of programme training attended so far. */
  readonly trainingHours: Float32Array;
  /** This month's adult activities: bit 1 attended the required training hours, bit 2 attended the community meeting. */
  readonly activity: Uint8Array;
  // ---- households
  /** Person slots in use. */
  readonly used: Uint8Array;
  /** Idiosyncratic log-income shock (AR(1) state). */
  readonly incomeShock: Float64Array;
  /** Savings, local currency. */
  readonly savings: Float64Array;
  /** Last month's consumption per adult equivalent / poverty line (log), for newborns. */
  readonly lastLogConsumptionRatio: Float64Array;
  /** 1 if enrolled in the programme. */
  readonly beneficiary: Uint8Array;
  /** Entitlements matured (past their lag) and not yet paid, local currency. */
  readonly matured: Float64Array;
  /** Ring of entitlements still within their payment lag: lagMonths + 1 per household. */
  readonly lagRing: Float64Array;
  // ---- localities
  /** Consecutive months with a condition reported unmet (monitoring). */
  readonly failureStreak: Uint8Array;
  /** Consecutive months with every condition reported met while suspended. */
  readonly complianceStreak: Uint8Array;
  /** 1 while the household is suspended from payments. */
  readonly suspended: Uint8Array;
  /** Month from which a household found above the exit threshold leaves the programme (−1: none scheduled). */
  readonly graduateAt: Int32Array;
  /** 1 for a household that has graduated (and may re-enter). */
  readonly graduated: Uint8Array;
  /** Sum of consumption per adult equivalent over the final summary window (household outcomes). */
  readonly windowConsumption: Float64Array;
  /** Health and nutrition knowledge of the household, 0..1 (community meetings). */
  readonly knowledge: Float32Array;
  /** Training hours attended by the household's members so far (0: no earnings effect to compute). */
  readonly householdTrainingHours: Float32Array;
  /** Locality-wide log-income shock (AR(1) state). */
  readonly localityShock: Float64Array;
  /** Constants of the enrolment plan, kept with the state so a resumed run has them: [amount scale, targeting cost per household]. */
  readonly plan: Float64Array;
}

/** Fresh run state for a population; `lagMonths` sizes the payment-lag ring. */
export function createState(population: Population, lagMonths: number): SimulationState {
  const P = population.persons;
  const S = population.slotCount;
  const H = population.householdCount;
  return {
    birthMonth: P.birthMonth.slice(),
    male: P.male.slice(),
    alive: P.alive.slice(),
    gradesCompleted: P.gradesCompleted.slice(),
    enrolled: P.enrolled.slice(),
    repeats: P.repeats.slice(),
    haz: P.haz.slice(),
    hazPotential: P.hazPotential.slice(),
    schoolTaste: P.schoolTaste.slice(),
    monthsSinceVisit: P.monthsSinceVisit.slice(),
    pregnancy: P.pregnancy.slice(),
    disabled: P.disabled.slice(),
    enrolledLastYear: P.enrolled.slice(),
    attendance: new Float32Array(S),
    attendanceSum: new Float32Array(S),
    attendanceMonths: new Uint8Array(S),
    irregularStreak: new Uint8Array(S),
    work: new Uint8Array(S),
    ill: new Uint8Array(S),
    trainingHours: new Float32Array(S),
    activity: new Uint8Array(S),
    used: population.households.initialSize.slice(),
    incomeShock: new Float64Array(H),
    savings: new Float64Array(H),
    lastLogConsumptionRatio: new Float64Array(H),
    beneficiary: new Uint8Array(H),
    matured: new Float64Array(H),
    lagRing: new Float64Array(H * (lagMonths + 1)),
    failureStreak: new Uint8Array(H),
    complianceStreak: new Uint8Array(H),
    suspended: new Uint8Array(H),
    graduateAt: new Int32Array(H).fill(-1),
    graduated: new Uint8Array(H),
    windowConsumption: new Float64Array(H),
    knowledge: new Float32Array(H),
    householdTrainingHours: new Float32Array(H),
    localityShock: new Float64Array(population.localityCount),
    plan: Float64Array.of(1, 0),
  };
}
