import { giniFromGroups } from "./inequality.js";
import {
  ChildField,
  GLOBAL_BASE,
  GlobalField,
  HIST_BINS,
  HIST_COUNT_OFFSET,
  HIST_LOG_MIN,
  HIST_LOG_WIDTH,
  HIST_SUM_OFFSET,
  RATE_SCALE,
  SEGMENTS,
  SegmentField,
  childOffset,
  segmentBase,
} from "./layout.js";
import type { Segment } from "./layout.js";
import { quantileFromGroups } from "./quantile.js";
import { interactionOutcomes, spilloverSummary } from "./spillovers.js";
import { workSummary } from "./work.js";
import type { ChildGroup, ChildRates, MonthRecord, SegmentOutcomes } from "./types.js";

/** Child cells (band × sex, index band * 2 + male) that make up each child group. */
const GROUP_CELLS: { readonly [G in ChildGroup]: readonly number[] } = {
  all: [0, 1, 2, 3, 4, 5],
  age6to11: [0, 1],
  age12to14: [2, 3],
  age15to17: [4, 5],
  boys: [1, 3, 5],
  girls: [0, 2, 4],
  boys6to11: [1],
  girls6to11: [0],
  boys12to14: [3],
  girls12to14: [2],
  boys15to17: [5],
  girls15to17: [4],
};

const HIST_LOWER = Float64Array.from({ length: HIST_BINS }, (_, k) => Math.exp(HIST_LOG_MIN + k * HIST_LOG_WIDTH));
const HIST_UPPER = Float64Array.from({ length: HIST_BINS }, (_, k) => Math.exp(HIST_LOG_MIN + (k + 1) * HIST_LOG_WIDTH));

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Rates per child group: numerator field over denominator field, summed over the group's cells. */
function childRates(acc: Float64Array, base: number, num: number, den: number, numScale = 1): ChildRates {
  const out = {} as Record<ChildGroup, number | null>;
  for (const group of Object.keys(GROUP_CELLS) as ChildGroup[]) {
    let n = 0;
    let d = 0;
    for (const cell of GROUP_CELLS[group]) {
      n += acc[base + childOffset(cell, num)] as number;
      d += acc[base + childOffset(cell, den)] as number;
    }
    out[group] = d > 0 ? n / numScale / d : null;
  }
  return out;
}

/**
 * Outcomes of one segment from one month's accumulator.
 * @param acc the month's accumulator
 * @param segment segment index (0 all, 1 poor, 2 non-poor)
 * @param moneyScale fixed-point scale of money
 * @param povertyLine poverty line, local currency per adult equivalent per month
 */
function segmentOutcomes(acc: Float64Array, segment: number, moneyScale: number, povertyLine: number): SegmentOutcomes {
  const b = segmentBase(segment);
  const F = SegmentField;
  const C = ChildField;
  const persons = acc[b + F.persons] as number;
  const under5 = acc[b + F.under5] as number;
  let children = 0;
  let enrolledChildren = 0;
  for (let cell = 0; cell < 6; cell++) {
    children += acc[b + childOffset(cell, C.children)] as number;
    enrolledChildren += acc[b + childOffset(cell, C.enrolled)] as number;
  }
  const counts = acc.subarray(b + HIST_COUNT_OFFSET, b + HIST_COUNT_OFFSET + HIST_BINS);
  const sums = acc.subarray(b + HIST_SUM_OFFSET, b + HIST_SUM_OFFSET + HIST_BINS);
  const median = persons > 0 ? quantileFromGroups(counts, HIST_LOWER, HIST_UPPER, 0.5) * povertyLine : null;
  return {
    households: acc[b + F.households] as number,
    persons,
    children,
    enrolledChildren,
    enrolment: childRates(acc, b, C.enrolled, C.children),
    attendance: childRates(acc, b, C.attendanceSum, C.inSchoolMonth, RATE_SCALE),
    regularAttendance: childRates(acc, b, C.regular, C.inSchoolMonth),
    childWork: childRates(acc, b, C.working, C.children),
    gradesCompleted: childRates(acc, b, C.gradesSum, C.children),
    clinicVisitsPerPerson: ratio(acc[b + F.visits] as number, persons),
    illness: ratio(acc[b + F.ill] as number, persons),
    stuntingUnder5: ratio(acc[b + F.stunted] as number, under5),
    childrenUnder5: under5,
    stuntedChildren: acc[b + F.stunted] as number,
    poorPersons: acc[b + F.poor] as number,
    clinicVisits: acc[b + F.visits] as number,
    stuntingAge1to3: ratio(acc[b + F.stunted1to3] as number, acc[b + F.age1to3] as number),
    meanHazUnder5: ratio((acc[b + F.hazSum] as number) / RATE_SCALE, under5),
    consumptionPerAeLcu: ratio((acc[b + F.consumptionSum] as number) / moneyScale, persons),
    medianConsumptionPerAeLcu: median,
    povertyHeadcount: ratio(acc[b + F.poor] as number, persons),
    povertyGap: ratio((acc[b + F.gapSum] as number) / RATE_SCALE, persons),
    povertySeverity: ratio((acc[b + F.severitySum] as number) / RATE_SCALE, persons),
    gini: persons > 0 ? giniFromGroups(counts, sums) : null,
    consumptionLcu: (acc[b + F.consumptionTotal] as number) / moneyScale,
    transfersReceivedLcu: (acc[b + F.transfersReceived] as number) / moneyScale,
    childEarningsLcu: (acc[b + F.childEarnings] as number) / moneyScale,
    adultEarningsLcu: (acc[b + F.adultEarnings] as number) / moneyScale,
    labourEarningsLcu: (acc[b + F.labourEarnings] as number) / moneyScale,
    savingsLcu: (acc[b + F.savingsSum] as number) / moneyScale,
    productiveAssetsLcu: (acc[b + F.assetsSum] as number) / moneyScale,
    investmentLcu: (acc[b + F.investment] as number) / moneyScale,
  };
}

/** Build a month's record from its accumulator. */
export function monthRecord(acc: Float64Array, month: number, date: string, schoolMonth: boolean, moneyScale: number, povertyLine: number): MonthRecord {
  const g = GLOBAL_BASE;
  const G = GlobalField;
  const money = (field: number) => (acc[g + field] as number) / moneyScale;
  const segments = {} as Record<Segment, SegmentOutcomes>;
  SEGMENTS.forEach((name, k) => {
    segments[name] = segmentOutcomes(acc, k, moneyScale, povertyLine);
  });
  const checked = acc[g + G.conditionsChecked] as number;
  const met = acc[g + G.conditionsMet] as number;
  return {
    month,
    date,
    schoolMonth,
    segments,
    programme: {
      beneficiaries: acc[g + G.beneficiaries] as number,
      recipients: acc[g + G.recipients] as number,
      paidLcu: money(G.paid),
      entitledLcu: money(G.entitled),
      withheldLcu: money(G.withheld),
      offeredLcu: money(G.offered),
      unpaidLcu: money(G.unpaid),
      forfeitedLcu: money(G.forfeited),
      administrativeCostLcu: money(G.administrativeCost),
      verificationCostLcu: money(G.verificationCost),
      targetingCostLcu: money(G.targetingCost),
      entitledEducationLcu: money(G.entitledEducation),
      entitledFoodHealthLcu: money(G.entitledFoodHealth),
      coverage: ratio(acc[g + G.beneficiaries] as number, segments.all.households),
      costLcu: money(G.paid) + money(G.administrativeCost),
      conditionsChecked: checked,
      conditionsMet: met,
      complianceRate: ratio(met, checked),
      schoolComplianceRate: ratio(acc[g + G.schoolMet] as number, acc[g + G.schoolChecked] as number),
      healthComplianceRate: ratio(acc[g + G.healthMet] as number, acc[g + G.healthChecked] as number),
      trainingComplianceRate: ratio(acc[g + G.trainingMet] as number, acc[g + G.trainingChecked] as number),
      meetingComplianceRate: ratio(acc[g + G.meetingMet] as number, acc[g + G.meetingChecked] as number),
      conditionsVerified: acc[g + G.conditionsVerified] as number,
      conditionsReportedMet: acc[g + G.conditionsReportedMet] as number,
      suspendedHouseholds: acc[g + G.suspended] as number,
      graduations: acc[g + G.graduations] as number,
      reentries: acc[g + G.reentries] as number,
      offersSkipped: acc[g + G.offersSkipped] as number,
      ruleFailuresSkipped: acc[g + G.ruleFailuresSkipped] as number,
    },
    adults: {
      adults: acc[g + G.adults] as number,
      employmentRate: ratio(acc[g + G.employedAdults] as number, acc[g + G.adults] as number),
      trainingParticipants: acc[g + G.trainingParticipants] as number,
      trainingHours: acc[g + G.trainingHours] as number,
      meetingAttendees: acc[g + G.meetingAttendees] as number,
      knowledgeIndex: ratio((acc[g + G.knowledgeSum] as number) / RATE_SCALE, segments.all.households),
    },
    work: workSummary(acc, 0, 0, moneyScale),
    spillovers: spilloverSummary(acc, 0, 0, moneyScale),
    interactions: interactionOutcomes(acc, moneyScale, segments.all.households),
    demography: {
      births: acc[g + G.births] as number,
      deaths: acc[g + G.deaths] as number,
      birthsWithoutSlot: acc[g + G.birthsWithoutSlot] as number,
    },
  };
}
