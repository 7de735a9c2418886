import {
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
  spillOffset,
  segmentBase,
} from "../../outcomes/layout.js";
import type { CycleContext } from "../cycleContext.js";

const SF = SegmentField;

/**
 * Add a household's outcomes to its spillover group (recipients, eligible
 * non-recipients, ineligible households where the programme runs; eligible and
 * ineligible households where it does not).
 */
export function recordSpillover(c: CycleContext): void {
  const out = c.out;
  const o = spillOffset(c.spillGroup, 0);
  const living = c.living;
  const tally = c.tally;
  const consumptionPerAe = c.consumptionPerAe;
  out[o + SpillField.households]! += 1;
  out[o + SpillField.persons]! += living;
  out[o + SpillField.children6to11]! += tally.childrenByBand[0] as number;
  out[o + SpillField.enrolled6to11]! += tally.enrolledByBand[0] as number;
  out[o + SpillField.children12to14]! += tally.childrenByBand[1] as number;
  out[o + SpillField.enrolled12to14]! += tally.enrolledByBand[1] as number;
  out[o + SpillField.children15to17]! += tally.childrenByBand[2] as number;
  out[o + SpillField.enrolled15to17]! += tally.enrolledByBand[2] as number;
  out[o + SpillField.consumptionSum]! += Math.round(consumptionPerAe * c.moneyScale) * living;
  if (consumptionPerAe / c.z < 1) out[o + SpillField.poor]! += living;
  out[o + SpillField.transfersReceived]! += Math.round(c.paid * c.moneyScale);
  if (c.informalNet !== 0) out[o + SpillField.informalNet]! += Math.round(c.informalNet * c.moneyScale);
  out[o + SpillField.visits]! += tally.visits;
}

/**
 * Add a household's outcomes (person-weighted where they are per person) in
 * its own segment ("all" is filled at the end of the month): consumption per
 * adult equivalent and its log ratio to the poverty line from the context,
 * counts from `c.tally`. Money and rates go in as fixed-point integers so sums
 * are exact in any order.
 */
export function recordHousehold(c: CycleContext, segment: number): void {
  const tally = c.tally;
  const consumptionPerAe = c.consumptionPerAe;
  const logRatio = c.logConsumptionRatio;
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
  // Summed over the final window only; the addition runs every month (adding 0 before the window) so
  // that V8 does not meet it for the first time, and throw away this function's optimised code, then.
  c.state.windowConsumption[c.household]! += c.t >= c.windowStart ? consumptionPerAe : 0;
  const out = c.out;
  for (let pass = 0; pass < 2; pass++) {
    const d = distOffset(pass === 0 ? (c.decile[c.household] as number) : (c.remotenessGroup[c.household] as number), 0);
    out[d + DistField.households]! += 1;
    out[d + DistField.persons]! += living;
    out[d + DistField.consumptionSum]! += consFixed;
    out[d + DistField.poor]! += poor;
    out[d + DistField.children]! += tally.children;
    out[d + DistField.enrolled]! += tally.enrolledChildren;
    out[d + DistField.transfersReceived]! += paidFixed;
  }
  // The household's own segment only; "all" is their sum (completeAllSegment at the end of the month).
  const sb = segmentBase(segment);
  out[sb + SF.households]! += 1;
  out[sb + SF.persons]! += living;
  out[sb + SF.ill]! += tally.ill;
  out[sb + SF.visits]! += tally.visits;
  out[sb + SF.under5]! += tally.under5;
  out[sb + SF.stunted]! += tally.stunted;
  out[sb + SF.hazSum]! += tally.hazFixed;
  out[sb + SF.age1to3]! += tally.age1to3;
  out[sb + SF.stunted1to3]! += tally.stunted1to3;
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
