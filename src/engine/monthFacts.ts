import { realValueFactor } from "../programme/indexation.js";
import { programmeStartMonth } from "../programme/rollout.js";
import { capOf } from "../rules/cap.js";
import type { MonthContext } from "../rules/types.js";
import { isPaymentMonth } from "./calendar.js";
import { shown } from "./ruleError.js";
import type { RunConstants } from "./runConstants.js";
import type { SimulationState } from "./state.js";

/**
 * The facts of the month being simulated, the same for every household: the
 * calendar, whether the programme runs, this month's cap and payment day, and
 * the month's accumulators. Set by {@link MonthFacts.begin} before the month's
 * phases; phases only read them (and add to the accumulators).
 */
export class MonthFacts {
  /** Month index from the scenario start. */
  t = 0;
  /** Calendar facts of the month (what rules see). */
  calendar!: MonthContext;
  /** A school-year transition happens this month (a school-year start after month 0). */
  transition = false;
  /** The programme offers benefits this month in treated localities (all localities without a randomised roll-out). */
  programmeOnTreated = false;
  /** The programme offers benefits this month in control localities. */
  programmeOnControl = false;
  /** Household cap this month, local currency (Infinity if none). */
  cap = Infinity;
  /** What is wrong with the rule's cap this month (it threw, or is not a number ≥ 0), or null. */
  capProblem: string | null = null;
  /** Real value of this month's amounts: budget scaling × indexation (1 by default). */
  amountFactor = 1;
  /** One-off targeting cost per household assessed, local currency (0 when targeting assesses nobody). */
  targetingCostPerHousehold = 0;
  /** The programme's first month: the targeting exercise is charged now. */
  chargeTargeting = false;
  /** Matured entitlements are paid this month. */
  payNow = false;
  /** This month's accumulator (MONTH_LENGTH exact sums, layout in outcomes/layout.ts). */
  out: Float64Array = new Float64Array(0);
  /** This month's locality series block (LOC_FIELDS per locality; empty without interactions). */
  loc: Float64Array = new Float64Array(0);

  /**
   * Set up month `t`.
   * @param out the month's accumulator
   * @param loc the month's block of the locality series (empty without interactions)
   */
  begin(run: RunConstants, state: SimulationState, t: number, calendar: MonthContext, out: Float64Array, loc: Float64Array): void {
    this.t = t;
    this.calendar = calendar;
    this.out = out;
    this.loc = loc;
    this.transition = calendar.schoolYearStart && t > 0;
    const rule = run.rule;
    const ended = run.programme?.endMonth != null && t >= run.programme.endMonth;
    this.programmeOnTreated = rule !== null && !ended && t >= programmeStartMonth(run.scenario, true);
    this.programmeOnControl = rule !== null && !ended && t >= programmeStartMonth(run.scenario, false);
    this.cap = Infinity;
    this.capProblem = null;
    if (rule) {
      const cap = checkedCap(rule, calendar);
      if (typeof cap === "number") this.cap = cap;
      else this.capProblem = cap.problem;
    }
    const programme = run.programme;
    this.targetingCostPerHousehold = state.targetingCostPerHousehold[0] as number;
    this.amountFactor = programme ? (state.amountScale[0] as number) * realValueFactor(programme.indexation, programme.startMonth, t) : 1;
    this.chargeTargeting = programme !== null && t === programme.startMonth && this.targetingCostPerHousehold > 0;
    this.payNow = isPaymentMonth(calendar.calendarMonth, run.payment.everyMonths, run.payment.anchorCalendarMonth);
  }

  /** Add `value` to field `offset` of this month's accumulator. */
  add(offset: number, value: number): void {
    this.out[offset] = (this.out[offset] as number) + value;
  }
}

/** The rule's cap in a month, local currency (Infinity: none), or what is wrong with it. */
export function checkedCap(rule: Parameters<typeof capOf>[0], calendar: MonthContext): number | { readonly problem: string } {
  let cap: unknown;
  try {
    cap = capOf(rule, calendar);
  } catch (error) {
    return { problem: `its household cap threw: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof cap !== "number" || !(cap >= 0)) {
    return { problem: `its household cap is ${shown(cap)}; a cap must be a number ≥ 0 (local currency per month) or undefined for none` };
  }
  return cap;
}
