/**
 * Layout of the monthly accumulator: one Float64Array of fixed length per month
 * holding exact integer sums (counts, and fixed-point money and rates). Integer
 * sums below 2^53 are exact in any order, so shards merge by plain addition and
 * a run gives bit-identical records however its households are ordered or split.
 */

/** Segments of households outcomes are reported for. */
export const SEGMENTS = ["all", "poor", "nonPoor"] as const;
/** A segment: all households, or those classified poor / non-poor by the baseline means test. */
export type Segment = (typeof SEGMENTS)[number];
/** Index of each segment in {@link SEGMENTS} (the accumulator's segment blocks, see {@link segmentBase}). */
export const SegmentIndex = { all: 0, poor: 1, nonPoor: 2 } as const;

/** Per child cell (age band × sex) fields. */
export const ChildField = {
  children: 0,
  enrolled: 1,
  working: 2,
  /** Enrolled children in a school month (denominator of attendance). */
  inSchoolMonth: 3,
  /** Sum of attendance shares, fixed point ({@link RATE_SCALE}). */
  attendanceSum: 4,
  /** Enrolled children attending at least 85% of days in a school month. */
  regular: 5,
  /** Sum of grades completed. */
  gradesSum: 6,
} as const;
const CHILD_FIELDS = 7;
/** Number of child cells: 3 age bands × 2 sexes (index = band * 2 + male). */
const CHILD_CELLS = 6;

/** Per segment scalar fields. */
export const SegmentField = {
  households: 0,
  persons: 1,
  ill: 2,
  visits: 3,
  under5: 4,
  stunted: 5,
  /** Sum of height-for-age z of under-5s, fixed point. */
  hazSum: 6,
  /** Person-weighted sum of consumption per adult equivalent, fixed-point money. */
  consumptionSum: 7,
  poor: 8,
  /** Sum of poverty gaps (z − c)/z over poor persons, fixed point. */
  gapSum: 9,
  /** Sum of squared gaps, fixed point. */
  severitySum: 10,
  /** Transfers received by the segment's households this month, fixed-point money. */
  transfersReceived: 11,
  /** Child earnings, fixed-point money. */
  childEarnings: 12,
  /** Adult earnings, fixed-point money. */
  adultEarnings: 13,
  /** Household consumption (not per adult equivalent), fixed-point money. */
  consumptionTotal: 14,
  /** Children aged 12–47 months (1–3 years). */
  age1to3: 15,
  /** Of them, stunted. */
  stunted1to3: 16,
  /** Liquid savings at the end of the month, fixed-point money. */
  savingsSum: 17,
  /** Value of productive assets at the end of the month, fixed-point money. */
  assetsSum: 18,
  /** Investment in productive assets this month, fixed-point money. */
  investment: 19,
  /** Members' labour earnings this month (before other income), fixed-point money. */
  labourEarnings: 20,
} as const;
const SEGMENT_SCALARS = 21;

/** Bins of the consumption histogram (for Gini and median): ln(c/z) from −4 to +4. */
export const HIST_BINS = 800;
/** Lower edge of the histogram in ln(consumption per adult equivalent / poverty line). */
export const HIST_LOG_MIN = -4;
/** Bin width in log units (1%). */
export const HIST_LOG_WIDTH = 0.01;

const SEGMENT_SIZE = SEGMENT_SCALARS + CHILD_CELLS * CHILD_FIELDS + 2 * HIST_BINS;

/** Offset of a segment's block. */
export function segmentBase(segment: number): number {
  return segment * SEGMENT_SIZE;
}
/** Offset of a child cell's field within a segment block. */
export function childOffset(cell: number, field: number): number {
  return SEGMENT_SCALARS + cell * CHILD_FIELDS + field;
}
/** Offset of histogram counts within a segment block. */
export const HIST_COUNT_OFFSET = SEGMENT_SCALARS + CHILD_CELLS * CHILD_FIELDS;
/** Offset of histogram sums (fixed-point c/z) within a segment block. */
export const HIST_SUM_OFFSET = HIST_COUNT_OFFSET + HIST_BINS;

/** Global (not per segment) fields, after the segment blocks. */
export const GlobalField = {
  beneficiaries: 0,
  recipients: 1,
  /** Fixed-point money. */
  paid: 2,
  entitled: 3,
  withheld: 4,
  offered: 5,
  conditionsChecked: 6,
  conditionsMet: 7,
  births: 8,
  deaths: 9,
  birthsWithoutSlot: 10,
  /** Entitlements earned but not yet paid at the end of the month (stock), fixed-point money. */
  unpaid: 11,
  /** Offers dropped because they were invalid (onRuleError "skip"). */
  offersSkipped: 12,
  /** Rule calls that threw and were skipped (onRuleError "skip"). */
  ruleFailuresSkipped: 13,
  /** Entitlements still owed to a household when its last member died: forfeited, fixed-point money. */
  forfeited: 14,
  /** Administrative cost, fixed-point money. */
  administrativeCost: 15,
  /** Conditions verified (monitoring). */
  conditionsVerified: 16,
  /** Conditions reported met (after verification errors and the unverified-condition policy). */
  conditionsReportedMet: 17,
  /** Beneficiary households suspended this month. */
  suspended: 18,
  /** Households that graduated (left the programme) this month. */
  graduations: 19,
  /** Graduated households that re-entered this month. */
  reentries: 20,
  /** Cost of verifying conditions (part of administrativeCost), fixed-point money. */
  verificationCost: 21,
  /** One-off cost of the targeting exercise (part of administrativeCost), fixed-point money. */
  targetingCost: 22,
  /** Conditions checked and met, by kind: school attendance, clinic visits, training, meetings. */
  schoolChecked: 23,
  schoolMet: 24,
  healthChecked: 25,
  healthMet: 26,
  trainingChecked: 27,
  trainingMet: 28,
  meetingChecked: 29,
  meetingMet: 30,
  /** Living adults aged 18–64. */
  adults: 31,
  /** Of them, employed. */
  employedAdults: 32,
  /** Adults who attended their required training hours this month. */
  trainingParticipants: 33,
  /** Training hours attended this month. */
  trainingHours: 34,
  /** Members who attended a required community meeting this month. */
  meetingAttendees: 35,
  /** Sum over households of health and nutrition knowledge (0..1), fixed-point (RATE_SCALE). */
  knowledgeSum: 36,
  /** Informal gifts, loans and repayments sent this month (risk sharing), fixed-point money. */
  informalGiven: 37,
  /** Informal gifts, loans and repayments received this month, fixed-point money. */
  informalReceived: 38,
  /** Informal flows that reached a household whose last member had died: lost, fixed-point money. */
  informalLapsed: 39,
  /** Sum over directed ties of their strength, fixed-point (RATE_SCALE). */
  tieStrengthSum: 40,
  /** Directed ties of living households. */
  ties: 41,
  /** Sum over households of their locality's food price level, fixed-point (RATE_SCALE). */
  priceLevelSum: 42,
  /** Of the entitlements, those of offers conditioned on school attendance (education grants), fixed-point money. */
  entitledEducation: 43,
  /** Of the entitlements, those of offers conditioned on health visits and not on school (food and health grants), fixed-point money. */
  entitledFoodHealth: 44,
} as const;
const GLOBAL_FIELDS = 45;

/** Offset of the global block. */
export const GLOBAL_BASE = SEGMENTS.length * SEGMENT_SIZE;

/**
 * Fill segment "all" of a month's accumulator as the sum of segments "poor" and
 * "nonPoor" (every household is in exactly one of them). The engine records each
 * household in its own segment only and calls this once at the end of the month:
 * sums of integers below 2^53 are exact, so the result equals adding every
 * household to "all" as well, at half the writes.
 */
export function completeAllSegment(acc: Float64Array): void {
  const poor = segmentBase(SegmentIndex.poor);
  const nonPoor = segmentBase(SegmentIndex.nonPoor);
  for (let f = 0; f < SEGMENT_SIZE; f++) acc[f] = (acc[poor + f] as number) + (acc[nonPoor + f] as number);
}

/**
 * Distribution block: groups of households by baseline welfare decile (10, by
 * permanent income per adult equivalent at the start, person-weighted) and by
 * locality remoteness tercile (3).
 */
export const DIST_GROUPS = 13;
/** First remoteness group in the distribution block (groups 10, 11, 12 = near, middle, remote). */
export const DIST_REMOTENESS = 10;
/** Fields per distribution group. */
export const DistField = {
  households: 0,
  persons: 1,
  /** Person-weighted consumption per adult equivalent, fixed-point money. */
  consumptionSum: 2,
  poor: 3,
  children: 4,
  enrolled: 5,
  /** Transfers received, fixed-point money. */
  transfersReceived: 6,
} as const;
const DIST_FIELDS = 7;
/** Offset of the distribution block. */
const DIST_BASE = GLOBAL_BASE + GLOBAL_FIELDS;
/** Offset of a distribution group's field. */
export function distOffset(group: number, field: number): number {
  return DIST_BASE + group * DIST_FIELDS + field;
}
/**
 * Spillover block: households by their exposure to the programme this month —
 * recipients, eligible non-recipients and ineligible households in localities
 * where the programme runs, and eligible and ineligible households where it does
 * not ("eligible": selected by the targeting, before budget and take-up).
 */
export const SpillGroup = {
  recipients: 0,
  eligibleNonRecipients: 1,
  ineligibleTreated: 2,
  eligibleUntreated: 3,
  ineligibleUntreated: 4,
} as const;
/** Names of the spillover groups in order. */
export const SPILL_GROUP_NAMES = ["recipients", "eligibleNonRecipients", "ineligibleTreated", "eligibleUntreated", "ineligibleUntreated"] as const;
/** Fields per spillover group. */
export const SpillField = {
  households: 0,
  persons: 1,
  /** Children and enrolled children by age band: 6–11, 12–14, 15–17 (children at 2 + 2b, enrolled at 3 + 2b). */
  children6to11: 2,
  enrolled6to11: 3,
  children12to14: 4,
  enrolled12to14: 5,
  children15to17: 6,
  enrolled15to17: 7,
  /** Person-weighted consumption per adult equivalent, fixed-point money. */
  consumptionSum: 8,
  poor: 9,
  /** Transfers received, fixed-point money. */
  transfersReceived: 10,
  /** Informal receipts minus gifts (risk sharing), fixed-point money. */
  informalNet: 11,
  visits: 12,
} as const;
const SPILL_FIELDS = 13;
const SPILL_GROUPS = 5;
/** Offset of the spillover block. */
const SPILL_BASE = DIST_BASE + DIST_GROUPS * DIST_FIELDS;
/** Offset of a spillover group's field. */
export function spillOffset(group: number, field: number): number {
  return SPILL_BASE + group * SPILL_FIELDS + field;
}
/**
 * Adult block: members aged 18–64 by sex (0 women, 1 men) × age band (18–24, 25–34, 35–44,
 * 45–64) × schooling (grades 0–5, 6–8, 9–11, 12+): cell = (sex · 4 + band) · 4 + schooling.
 */
export const AdultField = {
  persons: 0,
  /** Enrolled in school. */
  enrolled: 1,
  working: 2,
  /** Working outside agriculture. */
  nonAgricultural: 3,
  /** Working for wages (not own farm or family work). */
  wageWork: 4,
  /** Labour earnings this month, fixed-point money. */
  earnings: 5,
} as const;
/** Fields per adult cell. */
const ADULT_FIELDS = 6;
/** Age bands of the adult block: lowest age of each (the last ends at 64). */
export const ADULT_AGE_BANDS = [18, 25, 35, 45] as const;
/** Schooling bands of the adult block: fewest grades of each. */
export const ADULT_SCHOOLING_BANDS = [0, 6, 9, 12] as const;
/** Cells of the adult block. */
export const ADULT_CELLS = 2 * ADULT_AGE_BANDS.length * ADULT_SCHOOLING_BANDS.length;
const ADULT_BASE = SPILL_BASE + SPILL_GROUPS * SPILL_FIELDS;
/** Offset of an adult cell's field. */
export function adultOffset(cell: number, field: number): number {
  return ADULT_BASE + cell * ADULT_FIELDS + field;
}
/** The adult cell of a member: sex, age 18–64 and grades completed. */
export function adultCell(male: number, age: number, grades: number): number {
  const band = age < 25 ? 0 : age < 35 ? 1 : age < 45 ? 2 : 3;
  const school = grades < 6 ? 0 : grades < 9 ? 1 : grades < 12 ? 2 : 3;
  return (male * 4 + band) * 4 + school;
}
/** Length of one month's accumulator. */
export const MONTH_LENGTH = ADULT_BASE + ADULT_CELLS * ADULT_FIELDS;

/** Fixed-point scale of rates and shares (2^20). */
export const RATE_SCALE = 1048576;

/**
 * Locality series of a run with interactions: per month and locality, the sum
 * of its households' tie strengths (fixed-point, RATE_SCALE), their ties, and
 * the food price level in effect (fixed-point, RATE_SCALE; 0 for localities a
 * shard does not hold, so shards add up).
 */
export const LocField = { tieStrengthSum: 0, ties: 1, priceLevel: 2 } as const;
/** Fields per locality and month in the locality series. */
export const LOC_FIELDS = 3;
