import {
  ChildField,
  childOffset,
  DistField,
  distOffset,
  GLOBAL_BASE,
  GlobalField,
  HIST_BINS,
  HIST_COUNT_OFFSET,
  HIST_LOG_MIN,
  HIST_LOG_WIDTH,
  HIST_SUM_OFFSET,
  RATE_SCALE,
  SegmentField,
  segmentBase,
  SpillField,
  spillOffset,
} from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";
import type { ContextOf } from "../phase.js";
import { countPeer } from "./peers.js";

/** Attendance share that counts as regular (the Progresa and PKH condition). */
const REGULAR_ATTENDANCE = 0.85;

const SF = SegmentField;
const CF = ChildField;

const reads = {
  household: [
    "living",
    "adultEquivalents",
    "adultEarnings",
    "childEarnings",
    "paid",
    "informalNet",
    "spillGroup",
    "consumptionPerAe",
    "logConsumptionRatio",
    "segment",
    "health",
    "labourEarnings",
    "investment",
  ],
  state: ["used", "alive", "birthMonth", "male", "enrolled", "attendance", "work", "gradesCompleted", "priceLevel", "savings", "productiveAssets"],
} as const;
const writes = { household: ["children"], state: ["peerCount", "localityMoney", "windowConsumption"] } as const;
type Context = ContextOf<typeof reads, typeof writes>;

/**
 * Record: the household's outcomes are added, as exact integers, to this
 * month's accumulator — in its own segment ("all" is their sum, filled at the
 * end of the month), its distribution groups and its spillover group; children's enrolment is counted for next month's
 * peer shares (I1), and the transfers and earnings for the locality's prices (I3).
 * Money and rates go in as fixed-point integers so sums are exact in any order.
 */
export const record = householdPhase({
  name: "record",
  equations: "I1, I3 (outcomes)",
  households: "living",
  reads,
  writes,
  run(c, h) {
    const { run, month, household, state: st } = c;
    household.children.clear();
    childOutcomes(c, h);
    recordHousehold(c, h);
    recordSpillover(c);
    if (run.flags.prices) {
      const l = run.population.households.locality[h] as number;
      const money = st.localityMoney;
      money[2 * l] = (money[2 * l] as number) + Math.round(household.paid * run.moneyScale);
      money[2 * l + 1] = (money[2 * l + 1] as number) + Math.round(household.adultEarnings * run.moneyScale);
      month.add(GLOBAL_BASE + GlobalField.priceLevelSum, Math.round((st.priceLevel[l] as number) * RATE_SCALE));
    }
  },
});

/** Each child 6–17 into its cell (age band × sex) of the household's segment; children and enrolment by band into `children`. */
function childOutcomes({ run, month, household, state: st }: Context, h: number): void {
  const t = month.t;
  const base = household.base;
  const n = st.used[h] as number;
  const tally = household.children;
  const out = month.out;
  const schoolMonth = month.calendar.schoolMonth;
  const peers = run.flags.peers;
  const locality = run.population.households.locality[h] as number;
  const block = segmentBase(household.segment);
  const { alive, birthMonth, male, enrolled: enrolledNow, attendance, work, gradesCompleted } = st;
  for (let m = 0; m < n; m++) {
    const i = base + m;
    if (alive[i] !== 1) continue;
    const age = Math.floor((t - (birthMonth[i] as number)) / 12);
    if (age < 6 || age > 17) continue;
    const band = age <= 11 ? 0 : age <= 14 ? 1 : 2;
    const enrolled = enrolledNow[i] as number;
    tally.children++;
    tally.enrolled += enrolled;
    tally.byBand[band]!++;
    tally.enrolledByBand[band]! += enrolled;
    if (peers) countPeer(st.peerCount, locality, band, enrolled);
    const att = attendance[i] as number;
    const inSchool = schoolMonth && att > 0;
    // The child's cell ("all" is filled at the end of the month: completeAllSegment).
    const o = block + childOffset(band * 2 + (male[i] as number), 0);
    out[o + CF.children]! += 1;
    out[o + CF.enrolled]! += enrolled === 1 ? 1 : 0;
    out[o + CF.working]! += work[i] !== 0 ? 1 : 0;
    out[o + CF.inSchoolMonth]! += inSchool ? 1 : 0;
    out[o + CF.attendanceSum]! += Math.round((inSchool ? att : 0) * RATE_SCALE);
    out[o + CF.regular]! += inSchool && att >= REGULAR_ATTENDANCE ? 1 : 0;
    out[o + CF.gradesSum]! += gradesCompleted[i] as number;
  }
}

/**
 * The household's outcomes (person-weighted where they are per person) in its own segment,
 * its baseline welfare decile and its remoteness tercile: consumption per adult equivalent and
 * its log ratio to the poverty line, the health and child counts.
 */
function recordHousehold({ run, month, household, state: st }: Context, h: number): void {
  const health = household.health;
  const children = household.children;
  const consumptionPerAe = household.consumptionPerAe;
  const logRatio = household.logConsumptionRatio;
  const living = household.living;
  const scale = run.moneyScale;
  const ratio = consumptionPerAe / run.z;
  const gap = ratio < 1 ? 1 - ratio : 0;
  let bin = Math.floor((logRatio - HIST_LOG_MIN) / HIST_LOG_WIDTH);
  bin = bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin;
  const consFixed = Math.round(consumptionPerAe * scale) * living;
  const gapFixed = Math.round(gap * RATE_SCALE) * living;
  const sevFixed = Math.round(gap * gap * RATE_SCALE) * living;
  const ratioFixed = Math.round(ratio * RATE_SCALE) * living;
  const paidFixed = Math.round(household.paid * scale);
  const childFixed = Math.round(household.childEarnings * scale);
  const adultFixed = Math.round(household.adultEarnings * scale);
  const totalFixed = Math.round(consumptionPerAe * household.adultEquivalents * scale);
  const poor = ratio < 1 ? living : 0;
  // Summed over the final window only; the addition runs every month, adding 0 before the window (V8: docs/performance.md, "Code that never ran").
  st.windowConsumption[h]! += month.t >= run.windowStart ? consumptionPerAe : 0;
  const out = month.out;
  for (let pass = 0; pass < 2; pass++) {
    const d = distOffset(pass === 0 ? (run.decile[h] as number) : (run.remotenessGroup[h] as number), 0);
    out[d + DistField.households]! += 1;
    out[d + DistField.persons]! += living;
    out[d + DistField.consumptionSum]! += consFixed;
    out[d + DistField.poor]! += poor;
    out[d + DistField.children]! += children.children;
    out[d + DistField.enrolled]! += children.enrolled;
    out[d + DistField.transfersReceived]! += paidFixed;
  }
  // The household's own segment only; "all" is their sum (completeAllSegment at the end of the month).
  const sb = segmentBase(household.segment);
  out[sb + SF.households]! += 1;
  out[sb + SF.persons]! += living;
  out[sb + SF.ill]! += health.ill;
  out[sb + SF.visits]! += health.visits;
  out[sb + SF.under5]! += health.under5;
  out[sb + SF.stunted]! += health.stunted;
  out[sb + SF.hazSum]! += health.hazFixed;
  out[sb + SF.age1to3]! += health.age1to3;
  out[sb + SF.stunted1to3]! += health.stunted1to3;
  out[sb + SF.consumptionSum]! += consFixed;
  out[sb + SF.poor]! += poor;
  out[sb + SF.gapSum]! += gapFixed;
  out[sb + SF.severitySum]! += sevFixed;
  out[sb + SF.transfersReceived]! += paidFixed;
  out[sb + SF.childEarnings]! += childFixed;
  out[sb + SF.adultEarnings]! += adultFixed;
  out[sb + SF.consumptionTotal]! += totalFixed;
  out[sb + SF.savingsSum]! += Math.round((st.savings[h] as number) * scale);
  out[sb + SF.assetsSum]! += Math.round((st.productiveAssets[h] as number) * scale);
  out[sb + SF.investment]! += Math.round(household.investment * scale);
  out[sb + SF.labourEarnings]! += Math.round(household.labourEarnings * scale);
  out[sb + HIST_COUNT_OFFSET + bin]! += living;
  out[sb + HIST_SUM_OFFSET + bin]! += ratioFixed;
}

/**
 * The household's outcomes in its spillover group: recipients, eligible non-recipients,
 * ineligible households where the programme runs; eligible and ineligible households where it does not.
 */
function recordSpillover({ run, month, household }: Context): void {
  const out = month.out;
  const o = spillOffset(household.spillGroup, 0);
  const living = household.living;
  const children = household.children;
  const consumptionPerAe = household.consumptionPerAe;
  out[o + SpillField.households]! += 1;
  out[o + SpillField.persons]! += living;
  out[o + SpillField.children6to11]! += children.byBand[0] as number;
  out[o + SpillField.enrolled6to11]! += children.enrolledByBand[0] as number;
  out[o + SpillField.children12to14]! += children.byBand[1] as number;
  out[o + SpillField.enrolled12to14]! += children.enrolledByBand[1] as number;
  out[o + SpillField.children15to17]! += children.byBand[2] as number;
  out[o + SpillField.enrolled15to17]! += children.enrolledByBand[2] as number;
  out[o + SpillField.consumptionSum]! += Math.round(consumptionPerAe * run.moneyScale) * living;
  if (consumptionPerAe / run.z < 1) out[o + SpillField.poor]! += living;
  out[o + SpillField.transfersReceived]! += Math.round(household.paid * run.moneyScale);
  if (household.informalNet !== 0) out[o + SpillField.informalNet]! += Math.round(household.informalNet * run.moneyScale);
  out[o + SpillField.visits]! += household.health.visits;
}
