import { logWelfareRatio } from "../../behaviour/logistic.js";
import type { Offer, TransferRule } from "../../rules/types.js";
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
  const { schoolStake, healthStake, schoolOffered, healthOffered } = c;
  for (let m = 0; m < n; m++) {
    schoolStake[m] = 0;
    healthStake[m] = 0;
    schoolOffered[m] = 0;
    healthOffered[m] = 0;
  }
  c.offers = null;
  c.offeredTotal = 0;
  c.expected = 0;
  if (c.programmeOn && st.beneficiary[h] === 1) {
    const offers = offersOf(c, h);
    let total = 0;
    for (let k = 0; k < offers.length; k++) {
      const o = offers[k] as Offer;
      total += o.lcuPerMonth;
      const conds = o.conditions;
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
        }
      }
    }
    const expected = Math.min(c.cap, total);
    for (let m = 0; m < n; m++) {
      const so = schoolOffered[m] as number;
      if (so > 0) schoolStake[m] = expected - Math.min(c.cap, total - so);
      const ho = healthOffered[m] as number;
      if (ho > 0) healthStake[m] = expected - Math.min(c.cap, total - ho);
    }
    c.offers = offers;
    c.offeredTotal = total;
    c.expected = expected;
  }
  c.resources = c.adultEarnings + c.expected;
  c.logResources = logWelfareRatio(c.resources, c.adultEquivalents, c.z);
}

/** Ask the rule for the household's offers and check them; a misbehaving rule stops the run. */
function offersOf(c: CycleContext, h: number): readonly Offer[] {
  const rule = c.rule as TransferRule;
  c.view.moveTo(h, c.t, c.living);
  let offers: readonly Offer[];
  try {
    offers = rule.offers(c.view, c.ctx);
  } catch (error) {
    throw new RuleError(rule.name, h, c.t, `it threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!Array.isArray(offers)) throw new RuleError(rule.name, h, c.t, "offers() must return an array of offers");
  const slots = c.state.used[h] as number;
  for (let k = 0; k < offers.length; k++) {
    const o = offers[k] as Offer;
    const amount = o?.lcuPerMonth;
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
      throw new RuleError(
        rule.name,
        h,
        c.t,
        `offer ${k} (${String(o?.component)}) has amount ${String(amount)}; amounts must be finite and ≥ 0 (local currency per month)`,
      );
    }
    const conds = o.conditions;
    if (!conds) continue;
    for (let j = 0; j < conds.length; j++) {
      const member = conds[j]!.member;
      if (!Number.isInteger(member) || member < 0 || member >= slots) {
        throw new RuleError(rule.name, h, c.t, `offer ${k} has a condition on member ${String(member)}, but the household has slots 0…${slots - 1}`);
      }
    }
  }
  return offers;
}
