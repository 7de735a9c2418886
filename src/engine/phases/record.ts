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
  childOffset,
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
  for (let pass = 0; pass < 2; pass++) {
    const o = segmentBase(pass === 0 ? 0 : segment) + childOffset(cell, 0);
    c.add(o + CF.children, 1);
    c.add(o + CF.enrolled, enrolled);
    c.add(o + CF.working, working);
    c.add(o + CF.inSchoolMonth, inSchool);
    c.add(o + CF.attendanceSum, attFixed);
    c.add(o + CF.regular, regular);
    c.add(o + CF.gradesSum, grades);
  }
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
  if (c.t >= c.windowStart) c.state.windowConsumption[c.household] = (c.state.windowConsumption[c.household] as number) + consumptionPerAe;
  for (let pass = 0; pass < 2; pass++) {
    const g = pass === 0 ? (c.decile[c.household] as number) : (c.remotenessGroup[c.household] as number);
    c.add(distOffset(g, DistField.households), 1);
    c.add(distOffset(g, DistField.persons), living);
    c.add(distOffset(g, DistField.consumptionSum), consFixed);
    c.add(distOffset(g, DistField.poor), poor);
    c.add(distOffset(g, DistField.children), c.children);
    c.add(distOffset(g, DistField.enrolled), c.enrolledChildren);
    c.add(distOffset(g, DistField.transfersReceived), paidFixed);
  }
  for (let pass = 0; pass < 2; pass++) {
    const sb = segmentBase(pass === 0 ? 0 : segment);
    c.add(sb + SF.households, 1);
    c.add(sb + SF.persons, living);
    c.add(sb + SF.ill, ill);
    c.add(sb + SF.visits, visits);
    c.add(sb + SF.under5, under5);
    c.add(sb + SF.stunted, stunted);
    c.add(sb + SF.hazSum, hazFixed);
    c.add(sb + SF.age1to3, age1to3);
    c.add(sb + SF.stunted1to3, stunted1to3);
    c.add(sb + SF.consumptionSum, consFixed);
    c.add(sb + SF.poor, poor);
    c.add(sb + SF.gapSum, gapFixed);
    c.add(sb + SF.severitySum, sevFixed);
    c.add(sb + SF.transfersReceived, paidFixed);
    c.add(sb + SF.childEarnings, childFixed);
    c.add(sb + SF.adultEarnings, adultFixed);
    c.add(sb + SF.consumptionTotal, totalFixed);
    c.add(sb + HIST_COUNT_OFFSET + bin, living);
    c.add(sb + HIST_SUM_OFFSET + bin, ratioFixed);
  }
}
