import { logWelfareRatio } from "../../behaviour/logistic.js";
import type { ResolvedProgramme } from "../../config/scenario.js";
import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import type { MonthContext, Offer, TransferRule } from "../../rules/types.js";
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
  for (let m = 0; m < n; m++) {
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
  let adultConditions = false;
  c.offers = null;
  c.offeredTotal = 0;
  c.expected = 0;
  c.labelled = 0;
  const hh = c.population.households;
  const on = c.treatedLocality[hh.locality[h] as number] === 1 ? c.programmeOnTreated : c.programmeOnControl;
  c.spillGroup = on ? (st.beneficiary[h] === 1 ? 0 : st.eligible[h] === 1 ? 1 : 2) : st.eligible[h] === 1 ? 3 : 4;
  if (on && st.beneficiary[h] === 1) {
    const offers = offersOf(c, h, c.t, c.ctx, true);
    let total = 0;
    for (let k = 0; k < offers.length; k++) {
      const o = offers[k] as Offer;
      total += o.lcuPerMonth;
      const conds = o.conditions;
      if (o.label === "education" && (!conds || conds.length === 0)) c.labelled += o.lcuPerMonth;
      if (!conds) continue;
      for (let j = 0; j < conds.length; j++) {
        const cond = conds[j]!;
        if (cond.kind === "schoolAttendance") {
          schoolOffered[cond.member] = (schoolOffered[cond.member] as number) + o.lcuPerMonth;
        } else if (cond.kind === "healthVisits") {
          // At stake when the window closes within the next two months without a visit.
          if ((st.monthsSinceVisit[c.base + cond.member] as number) + 2 >= cond.withinMonths) {
            healthOffered[cond.member] = (healthOffered[cond.member] as number) + o.lcuPerMonth;
          }
        } else if (cond.kind === "training") {
          trainingOffered[cond.member] = (trainingOffered[cond.member] as number) + o.lcuPerMonth;
          trainingRequired[cond.member] = Math.max(trainingRequired[cond.member] as number, cond.hours);
          adultConditions = true;
        } else if (cond.kind === "meeting") {
          meetingOffered[cond.member] = (meetingOffered[cond.member] as number) + o.lcuPerMonth;
          adultConditions = true;
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

const NO_OFFERS: readonly Offer[] = Object.freeze([]);

/**
 * Ask the rule for household `h`'s offers in month `t` and check them. A rule
 * that throws, returns something that is not an array, or offers an amount that
 * is not finite, negative or above `maxOfferLcuPerMonth`, or names a member that
 * does not exist, stops the run with a {@link RuleError} — or, with
 * `onRuleError: "skip"`, loses that offer (every offer if it threw) and the
 * skip is counted. Totals are never corrupted either way.
 * @param record whether to count skips in this month's accumulator
 */
export function offersOf(c: CycleContext, h: number, t: number, ctx: MonthContext, record: boolean): readonly Offer[] {
  const rule = c.rule as TransferRule;
  const programme = c.scenario.programme as ResolvedProgramme;
  const skip = programme.onRuleError === "skip";
  c.view.moveTo(h, t, c.living);
  let offers: readonly Offer[];
  try {
    offers = rule.offers(c.view, ctx);
    if (!Array.isArray(offers)) throw new Error("offers() must return an array of offers");
  } catch (error) {
    if (!skip) throw new RuleError(rule.name, h, t, `it threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    if (record) c.add(GLOBAL_BASE + GlobalField.ruleFailuresSkipped, 1);
    return NO_OFFERS;
  }
  const slots = c.state.used[h] as number;
  let kept: Offer[] | null = null;
  for (let k = 0; k < offers.length; k++) {
    const o = offers[k] as Offer;
    const problem = offerProblem(o, k, slots, programme.maxOfferLcuPerMonth);
    if (problem === null) {
      kept?.push(o);
      continue;
    }
    if (!skip) throw new RuleError(rule.name, h, t, problem);
    if (record) c.add(GLOBAL_BASE + GlobalField.offersSkipped, 1);
    kept ??= offers.slice(0, k) as Offer[];
  }
  return kept ?? offers;
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
