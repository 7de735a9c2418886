import {
  ChildField,
  DistField,
  distOffset,
  HIST_BINS,
  HIST_COUNT_OFFSET,
  HIST_LOG_MIN,
  HIST_LOG_WIDTH,
  HIST_SUM_OFFSET,
  RATE_SCALE,
  SegmentField,
  SpillField,
  childOffset,
  spillOffset,
  segmentBase,
} from "../../outcomes/layout.js";
import type { CycleContext } from "../cycleContext.js";

const CF = ChildField;
const SF = SegmentField;

/** Add one child's outcomes to its cell, in segment "all" and in the household's segment. */
export function recordChild(
  c: CycleContext,
  segment: number,
  cell: number,
  enrolled: number,
  working: number,
  inSchool: number,
  attendance: number,
  regular: number,
  grades: number,
): void {
  const attFixed = Math.round(attendance * RATE_SCALE);
  const out = c.out;
  for (let pass = 0; pass < 2; pass++) {
    const o = segmentBase(pass === 0 ? 0 : segment) + childOffset(cell, 0);
    out[o + CF.children]! += 1;
    out[o + CF.enrolled]! += enrolled;
    out[o + CF.working]! += working;
    out[o + CF.inSchoolMonth]! += inSchool;
    out[o + CF.attendanceSum]! += attFixed;
    out[o + CF.regular]! += regular;
    out[o + CF.gradesSum]! += grades;
  }
}

/**
 * Add a household's outcomes to its spillover group (recipients, eligible
 * non-recipients, ineligible households where the programme runs; eligible and
 * ineligible households where it does not).
 */
export function recordSpillover(
  c: CycleContext,
  children6to11: number,
  enrolled6to11: number,
  children12to14: number,
  enrolled12to14: number,
  children15to17: number,
  enrolled15to17: number,
  consumptionPerAe: number,
  visits: number,
): void {
  const out = c.out;
  const o = spillOffset(c.spillGroup, 0);
  const living = c.living;
  out[o + SpillField.households]! += 1;
  out[o + SpillField.persons]! += living;
  out[o + SpillField.children6to11]! += children6to11;
  out[o + SpillField.enrolled6to11]! += enrolled6to11;
  out[o + SpillField.children12to14]! += children12to14;
  out[o + SpillField.enrolled12to14]! += enrolled12to14;
  out[o + SpillField.children15to17]! += children15to17;
  out[o + SpillField.enrolled15to17]! += enrolled15to17;
  out[o + SpillField.consumptionSum]! += Math.round(consumptionPerAe * c.moneyScale) * living;
  if (consumptionPerAe / c.z < 1) out[o + SpillField.poor]! += living;
  out[o + SpillField.transfersReceived]! += Math.round(c.paid * c.moneyScale);
  if (c.informalNet !== 0) out[o + SpillField.informalNet]! += Math.round(c.informalNet * c.moneyScale);
  out[o + SpillField.visits]! += visits;
}

/**
 * Add a household's outcomes (person-weighted where they are per person) in
 * segment "all" and in its own segment. Money and rates go in as fixed-point
 * integers so sums are exact in any order.
 * @param consumptionPerAe consumption per adult equivalent, local currency per month
 * @param logRatio ln(consumption per adult equivalent / poverty line)
 */
export function recordHousehold(
  c: CycleContext,
  segment: number,
  consumptionPerAe: number,
  logRatio: number,
  ill: number,
  visits: number,
  under5: number,
  stunted: number,
  hazFixed: number,
  age1to3: number,
  stunted1to3: number,
): void {
  const living = c.living;
  const scale = c.moneyScale;
  const ratio = consumptionPerAe / c.z;
  const gap = ratio < 1 ? 1 - ratio : 0;
  let bin = Math.floor((logRatio - HIST_LOG_MIN) / HIST_LOG_WIDTH);
  bin = bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin;
  const consFixed = Math.round(consumptionPerAe * scale) * living;
  const gapFixed = Math.round(gap * RATE_SCALE) * living;
  const sevFixed = Math.round(gap * gap * RATE_SCALE) * living;
  const ratioFixed = Math.round(ratio * RATE_SCALE) * living;
  const paidFixed = Math.round(c.paid * scale);
  const childFixed = Math.round(c.childEarnings * scale);
  const adultFixed = Math.round(c.adultEarnings * scale);
  const totalFixed = Math.round(consumptionPerAe * c.adultEquivalents * scale);
  const poor = ratio < 1 ? living : 0;
  if (c.t >= c.windowStart) c.state.windowConsumption[c.household]! += consumptionPerAe;
  const out = c.out;
  for (let pass = 0; pass < 2; pass++) {
    const d = distOffset(pass === 0 ? (c.decile[c.household] as number) : (c.remotenessGroup[c.household] as number), 0);
    out[d + DistField.households]! += 1;
    out[d + DistField.persons]! += living;
    out[d + DistField.consumptionSum]! += consFixed;
    out[d + DistField.poor]! += poor;
    out[d + DistField.children]! += c.children;
    out[d + DistField.enrolled]! += c.enrolledChildren;
    out[d + DistField.transfersReceived]! += paidFixed;
  }
  for (let pass = 0; pass < 2; pass++) {
    const sb = segmentBase(pass === 0 ? 0 : segment);
    out[sb + SF.households]! += 1;
    out[sb + SF.persons]! += living;
    out[sb + SF.ill]! += ill;
    out[sb + SF.visits]! += visits;
    out[sb + SF.under5]! += under5;
    out[sb + SF.stunted]! += stunted;
    out[sb + SF.hazSum]! += hazFixed;
    out[sb + SF.age1to3]! += age1to3;
    out[sb + SF.stunted1to3]! += stunted1to3;
    out[sb + SF.consumptionSum]! += consFixed;
    out[sb + SF.poor]! += poor;
    out[sb + SF.gapSum]! += gapFixed;
    out[sb + SF.severitySum]! += sevFixed;
    out[sb + SF.transfersReceived]! += paidFixed;
    out[sb + SF.childEarnings]! += childFixed;
    out[sb + SF.adultEarnings]! += adultFixed;
    out[sb + SF.consumptionTotal]! += totalFixed;
    out[sb + HIST_COUNT_OFFSET + bin]! += living;
    out[sb + HIST_SUM_OFFSET + bin]! += ratioFixed;
  }
}
