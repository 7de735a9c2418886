import { GLOBAL_BASE, GlobalField } from "../outcomes/layout.js";
import type { ResolvedProgramme } from "../config/scenario.js";
import type { MonthContext, Offer, TransferRule } from "../rules/types.js";
import { ConditionKind } from "./offerBuffer.js";
import type { OfferBuffer } from "./offerBuffer.js";
import { RuleError, shown } from "./ruleError.js";
import type { RunConstants } from "./runConstants.js";

/**
 * Most offers a rule may make to one household in one month. Far above any programme's
 * components (Progresa: two per child and one food grant), it bounds a runaway rule and keeps
 * the monitoring draws of every condition apart (see `monitoringCounter`).
 */
export const MAX_OFFERS_PER_HOUSEHOLD = 4096;

/** Where skipped offers and rule failures are counted (this month's accumulator), or null to count nothing (targeting). */
export interface SkipCounter {
  /** Add `value` to field `offset` of this month's accumulator. */
  add(offset: number, value: number): void;
}

/**
 * Ask the rule for household `h`'s offers in month `t`, check them, and leave
 * them in `buffer` (which is returned). A rule that throws, returns something
 * that is not an array, writes more than {@link MAX_OFFERS_PER_HOUSEHOLD}
 * offers, or makes an offer that {@link offerProblem} refuses stops the run
 * with a {@link RuleError} naming the rule, household and month — or, with
 * `onRuleError: "skip"`, loses that offer (every offer if the rule failed as a
 * whole) and the skip is counted. Totals are never corrupted either way.
 * @param living living members of the household (the view's `size`)
 * @param capProblem what is wrong with the rule's cap this month, or null (see `MonthFacts.capProblem`)
 * @param counter where skips are counted, or null
 */
export function collectOffers(
  run: RunConstants,
  buffer: OfferBuffer,
  h: number,
  t: number,
  calendar: MonthContext,
  living: number,
  capProblem: string | null,
  counter: SkipCounter | null,
): OfferBuffer {
  const programme = run.programme as ResolvedProgramme;
  const rule = run.rule as TransferRule;
  const skip = programme.onRuleError === "skip";
  buffer.clear();
  if (capProblem !== null) return ruleFailed(run, buffer, h, t, capProblem, undefined, skip, counter);
  const view = run.view;
  view.moveTo(h, t, living);
  const write = run.writeOffers;
  if (write !== undefined) {
    try {
      write(view, calendar, buffer);
    } catch (error) {
      return ruleFailed(run, buffer, h, t, `it threw: ${messageOf(error)}`, error, skip, counter);
    }
  } else {
    // The problem is reported after the try: a RuleError thrown by ruleFailed must not be caught and wrapped as "it threw".
    let problem: string | null = null;
    try {
      const offers: unknown = rule.offers(view, calendar);
      if (!Array.isArray(offers)) problem = "offers() must return an array of offers";
      else if (offers.length > MAX_OFFERS_PER_HOUSEHOLD) problem = tooMany(offers.length);
      else for (let k = 0; k < offers.length; k++) buffer.push(offers[k] as Offer);
    } catch (error) {
      // A getter of an offer object may throw while it is copied.
      return ruleFailed(run, buffer, h, t, `it threw: ${messageOf(error)}`, error, skip, counter);
    }
    if (problem !== null) return ruleFailed(run, buffer, h, t, problem, undefined, skip, counter);
  }
  if (buffer.count > MAX_OFFERS_PER_HOUSEHOLD) return ruleFailed(run, buffer, h, t, tooMany(buffer.count), undefined, skip, counter);
  const slots = view.slots;
  for (let k = 0, original = 0; k < buffer.count; original++) {
    const problem = offerProblem(buffer, k, original, slots, programme.maxOfferLcuPerMonth);
    if (problem === null) {
      k++;
      continue;
    }
    if (!skip) throw new RuleError(rule.name, h, t, problem);
    counter?.add(GLOBAL_BASE + GlobalField.offersSkipped, 1);
    buffer.remove(k);
  }
  return buffer;
}

function tooMany(n: number): string {
  return `it made ${n} offers to one household, more than the ${MAX_OFFERS_PER_HOUSEHOLD} a household-month may have`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The rule failed as a whole for this household and month: stop the run, or (skip) count it and leave no offers. */
function ruleFailed(
  run: RunConstants,
  buffer: OfferBuffer,
  h: number,
  t: number,
  problem: string,
  cause: unknown,
  skip: boolean,
  counter: SkipCounter | null,
): OfferBuffer {
  if (!skip) throw new RuleError((run.rule as TransferRule).name, h, t, problem, cause === undefined ? undefined : { cause });
  counter?.add(GLOBAL_BASE + GlobalField.ruleFailuresSkipped, 1);
  buffer.clear();
  return buffer;
}

/** True for an integer slot 0 … slots − 1. */
function isSlot(m: number, slots: number): boolean {
  return Number.isInteger(m) && m >= 0 && m < slots;
}

/**
 * What is wrong with offer `k` of the buffer (number `original` as the rule made it), or null:
 * the one check every offer passes, whether a rule wrote it or returned it as an object.
 * An offer needs a finite amount ≥ 0 and at most `maxAmount` (`programme.maxOfferLcuPerMonth`),
 * a member (if named) that is one of the household's slots, and conditions of a known kind on
 * such members with a `minRate` in 0..1, a `withinMonths` ≥ 1 (finite) or `hours` > 0 (finite).
 * @param slots the household's member slots in use
 */
function offerProblem(b: OfferBuffer, k: number, original: number, slots: number, maxAmount: number): string | null {
  const amount = b.amount[k] as number;
  if (!Number.isFinite(amount) || amount < 0) {
    const source = b.source[k];
    return `${offerName(b, k, original)} has amount ${shown(source ? source.lcuPerMonth : amount)}; amounts must be finite and ≥ 0 (local currency per month)`;
  }
  if (amount > maxAmount) {
    return `${offerName(b, k, original)} has amount ${amount}, above the credible maximum of ${maxAmount} a month (programme.maxOfferLcuPerMonth)`;
  }
  if (b.hasMember[k] === 1 && !isSlot(b.offerMember[k] as number, slots)) {
    const source = b.source[k];
    return `${offerName(b, k, original)} is for member ${shown(source ? source.member : b.offerMember[k])}, but ${slotRange(slots)}`;
  }
  const first = b.firstCondition[k] as number;
  for (let j = first; j < (b.endCondition[k] as number); j++) {
    const member = b.member[j] as number;
    const value = b.value[j] as number;
    if (!isSlot(member, slots)) {
      const raw = b.source[k]?.conditions?.[j - first];
      return `${offerName(b, k, original)} has a condition on member ${shown(raw ? raw.member : member)}, but ${slotRange(slots)}`;
    }
    const kind = b.kind[j];
    if (kind === ConditionKind.schoolAttendance) {
      if (!(value >= 0 && value <= 1)) return `${offerName(b, k, original)} has a schoolAttendance condition with minRate ${value}; it must be a share in 0..1`;
    } else if (kind === ConditionKind.healthVisits) {
      if (!(value >= 1 && Number.isFinite(value)))
        return `${offerName(b, k, original)} has a healthVisits condition with withinMonths ${value}; it must be a finite number of months ≥ 1`;
    } else if (kind === ConditionKind.training) {
      if (!(value > 0 && Number.isFinite(value)))
        return `${offerName(b, k, original)} has a training condition with hours ${value}; it must be a finite number of hours > 0`;
    } else if (kind !== ConditionKind.meeting) {
      const written = b.unknownKind[j];
      return `${offerName(b, k, original)} has a condition of unknown kind ${shown(written)}; the kinds are schoolAttendance, healthVisits, training and meeting`;
    }
  }
  return null;
}

/** "offer 2 (education)": how messages name offer `k` (number `original` as the rule made it), built only for a message (V8: docs/performance.md, "Lazy messages"). */
function offerName(b: OfferBuffer, k: number, original: number): string {
  return `offer ${original} (${String(b.component[k])})`;
}

function slotRange(slots: number): string {
  return `the household has slots 0…${slots - 1}`;
}

/**
 * The counter of the monitoring draws of condition `c` of offer `k` (j: the condition's index
 * among all the household's conditions this month). Conditions 0–15 of an offer keep the
 * counters they always had, 4(16k + c); later ones take 4(2^24 + j). The two ranges cannot
 * meet because k < {@link MAX_OFFERS_PER_HOUSEHOLD} keeps 16k + 15 below 2^24, so no two
 * conditions share a draw (each uses the counter and the next two).
 */
export function monitoringCounter(k: number, c: number, j: number): number {
  return c < 16 ? 4 * (16 * k + c) : 4 * (2 ** 24 + j);
}
