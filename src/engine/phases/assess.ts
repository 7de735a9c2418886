import { logWelfareRatio } from "../../behaviour/logistic.js";
import type { ResolvedProgramme } from "../../config/scenario.js";
import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { ConditionCode } from "../../rules/offerWriter.js";
import type { MonthContext, Offer, TransferRule } from "../../rules/types.js";
import type { OfferBuffer } from "../offerBuffer.js";
import type { CycleContext } from "../cycleContext.js";
import { RuleError } from "../ruleError.js";

/**
 * Phase 4, programme assess: a beneficiary household receives this month's
 * offers; for each member the engine works out what compliance is worth at the
 * margin, after the household cap: the school stake (amount secured by
 * attending) and the health stake (amount that lapses without a visit this
 * month or next). Resources for decisions are adult earnings plus the benefits the
 * household expects if it complies (docs/model.md, P1).
 */
export function assess(c: CycleContext, h: number): void {
  const st = c.state;
  const n = st.used[h] as number;
  const { schoolStake, healthStake, schoolOffered, healthOffered, trainingStake, meetingStake, trainingRequired, trainingOffered, meetingOffered } = c;
  // The per-member arrays are zero beyond `stakeSlots`; only a beneficiary's assessment writes them.
  for (let m = 0; m < c.stakeSlots; m++) {
    schoolStake[m] = 0;
    healthStake[m] = 0;
    schoolOffered[m] = 0;
    healthOffered[m] = 0;
    trainingStake[m] = 0;
    meetingStake[m] = 0;
    trainingRequired[m] = 0;
    trainingOffered[m] = 0;
    meetingOffered[m] = 0;
  }
  c.stakeSlots = 0;
  let adultConditions = false;
  c.offers = null;
  c.offeredTotal = 0;
  c.expected = 0;
  c.labelled = 0;
  const hh = c.population.households;
  const on = c.treatedLocality[hh.locality[h] as number] === 1 ? c.programmeOnTreated : c.programmeOnControl;
  c.spillGroup = on ? (st.beneficiary[h] === 1 ? 0 : st.eligible[h] === 1 ? 1 : 2) : st.eligible[h] === 1 ? 3 : 4;
  if (on && st.beneficiary[h] === 1) {
    c.stakeSlots = n;
    const offers = fillOffers(c, h, c.t, c.ctx, true);
    const { amount, firstCondition, endCondition, kind, member, value } = offers;
    let total = 0;
    for (let k = 0; k < offers.count; k++) {
      const lcu = amount[k] as number;
      total += lcu;
      const a = firstCondition[k] as number;
      const z = endCondition[k] as number;
      if (a === z) {
        if (offers.label[k] === "education") c.labelled += lcu;
        continue;
      }
      for (let j = a; j < z; j++) {
        const m = member[j] as number;
        switch (kind[j]) {
          case ConditionCode.schoolAttendance:
            schoolOffered[m] = (schoolOffered[m] as number) + lcu;
            break;
          case ConditionCode.healthVisits:
            // At stake when the window closes within the next two months without a visit.
            if ((st.monthsSinceVisit[c.base + m] as number) + 2 >= (value[j] as number)) healthOffered[m] = (healthOffered[m] as number) + lcu;
            break;
          case ConditionCode.training:
            trainingOffered[m] = (trainingOffered[m] as number) + lcu;
            trainingRequired[m] = Math.max(trainingRequired[m] as number, value[j] as number);
            adultConditions = true;
            break;
          case ConditionCode.meeting:
            meetingOffered[m] = (meetingOffered[m] as number) + lcu;
            adultConditions = true;
            break;
          default: // a code rule's condition of an unknown kind: no stake (settle verifies it as a meeting, as it always did)
        }
      }
    }
    // Amounts and the cap scale together (budget, indexation), so the factor applies after the cap.
    const f = c.amountFactor;
    const capped = Math.min(c.cap, total);
    const expected = f * capped;
    for (let m = 0; m < n; m++) {
      const so = schoolOffered[m] as number;
      if (so > 0) schoolStake[m] = f * (capped - Math.min(c.cap, total - so));
      const ho = healthOffered[m] as number;
      if (ho > 0) healthStake[m] = f * (capped - Math.min(c.cap, total - ho));
      if (adultConditions) {
        const to = trainingOffered[m] as number;
        if (to > 0) trainingStake[m] = f * (capped - Math.min(c.cap, total - to));
        const mo = meetingOffered[m] as number;
        if (mo > 0) meetingStake[m] = f * (capped - Math.min(c.cap, total - mo));
      }
    }
    c.offers = offers;
    c.offeredTotal = total;
    c.expected = expected;
    c.labelled *= f;
  }
  c.resources = c.adultEarnings + c.expected;
  c.logResources = logWelfareRatio(c.resources, c.adultEquivalents, c.z);
}

/**
 * Ask the rule for household `h`'s offers in month `t`, check them, and leave
 * them in the context's offer buffer (which is returned). A rule that throws,
 * returns something that is not an array, or offers an amount that is not
 * finite, negative or above `maxOfferLcuPerMonth`, or names a member that does
 * not exist, stops the run with a {@link RuleError} — or, with
 * `onRuleError: "skip"`, loses that offer (every offer if it threw) and the
 * skip is counted. Totals are never corrupted either way.
 * @param record whether to count skips in this month's accumulator
 */
export function fillOffers(c: CycleContext, h: number, t: number, ctx: MonthContext, record: boolean): OfferBuffer {
  const rule = c.rule as TransferRule;
  const programme = c.scenario.programme as ResolvedProgramme;
  const skip = programme.onRuleError === "skip";
  const buffer = c.offerBuffer;
  buffer.clear();
  c.view.moveTo(h, t, c.living);
  const slots = c.state.used[h] as number;
  const write = c.writeOffers;
  if (write !== undefined) {
    // Built-in rules write straight into the buffer (no objects); checked the same way.
    try {
      write(c.view, ctx, buffer);
    } catch (error) {
      buffer.clear();
      return ruleThrew(c, rule, h, t, error, skip, record);
    }
    for (let k = 0, original = 0; k < buffer.count; original++) {
      const problem = bufferedOfferProblem(buffer, k, original, slots, programme.maxOfferLcuPerMonth);
      if (problem === null) {
        k++;
        continue;
      }
      if (!skip) throw new RuleError(rule.name, h, t, problem);
      if (record) c.add(GLOBAL_BASE + GlobalField.offersSkipped, 1);
      buffer.remove(k);
    }
    return buffer;
  }
  let offers: readonly Offer[];
  try {
    offers = rule.offers(c.view, ctx);
    if (!Array.isArray(offers)) throw new Error("offers() must return an array of offers");
  } catch (error) {
    return ruleThrew(c, rule, h, t, error, skip, record);
  }
  for (let k = 0; k < offers.length; k++) {
    const o = offers[k] as Offer;
    const problem = offerProblem(o, k, slots, programme.maxOfferLcuPerMonth);
    if (problem === null) {
      buffer.push(o);
      continue;
    }
    if (!skip) throw new RuleError(rule.name, h, t, problem);
    if (record) c.add(GLOBAL_BASE + GlobalField.offersSkipped, 1);
  }
  return buffer;
}

/** A rule threw: stop the run, or (skip) count it and leave no offers. */
function ruleThrew(c: CycleContext, rule: TransferRule, h: number, t: number, error: unknown, skip: boolean, record: boolean): OfferBuffer {
  if (!skip) throw new RuleError(rule.name, h, t, `it threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  if (record) c.add(GLOBAL_BASE + GlobalField.ruleFailuresSkipped, 1);
  return c.offerBuffer;
}

/** What is wrong with the buffered offer `k` (number `original` as the rule wrote it), or null; as {@link offerProblem}. */
function bufferedOfferProblem(b: OfferBuffer, k: number, original: number, slots: number, maxAmount: number): string | null {
  const amount = b.amount[k] as number;
  const component = b.component[k];
  if (!Number.isFinite(amount) || amount < 0) {
    return `offer ${original} (${String(component)}) has amount ${String(amount)}; amounts must be finite and ≥ 0 (local currency per month)`;
  }
  if (amount > maxAmount) {
    return `offer ${original} (${String(component)}) has amount ${amount}, above the credible maximum of ${maxAmount} a month (programme.maxOfferLcuPerMonth)`;
  }
  for (let j = b.firstCondition[k] as number; j < (b.endCondition[k] as number); j++) {
    const member = b.member[j] as number;
    if (member < 0 || member >= slots) {
      return `offer ${original} has a condition on member ${String(member)}, but the household has slots 0…${slots - 1}`;
    }
  }
  return null;
}

/** What is wrong with an offer, or null. */
function offerProblem(o: Offer | undefined, k: number, slots: number, maxAmount: number): string | null {
  const amount = o?.lcuPerMonth;
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
    return `offer ${k} (${String(o?.component)}) has amount ${String(amount)}; amounts must be finite and ≥ 0 (local currency per month)`;
  }
  if (amount > maxAmount) {
    return `offer ${k} (${String(o?.component)}) has amount ${amount}, above the credible maximum of ${maxAmount} a month (programme.maxOfferLcuPerMonth)`;
  }
  const conds = o?.conditions;
  if (conds) {
    for (let j = 0; j < conds.length; j++) {
      const member = conds[j]?.member;
      if (typeof member !== "number" || !Number.isInteger(member) || member < 0 || member >= slots) {
        return `offer ${k} has a condition on member ${String(member)}, but the household has slots 0…${slots - 1}`;
      }
    }
  }
  return null;
}
