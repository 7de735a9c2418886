import type { SimulationResult } from "../outcomes/types.js";

/**
 * Monthly amounts per beneficiary household of an unconditional transfer that
 * spends, month by month, exactly what a run of another programme spent: that
 * month's entitlements divided by that month's beneficiaries. Paid on the same
 * schedule to the same households (same targeting, same months), the
 * unconditional transfer then has the same fiscal cost in every payment month
 * and in total.
 * @param result a run of the programme to match
 * @returns local currency per household, by month index
 */
export function matchedUnconditionalAmounts(result: SimulationResult): number[] {
  if (result.final.totals.beneficiaryMonths <= 0) throw new Error("matchedUnconditionalAmounts: the run had no beneficiaries");
  return result.months.map((m) => (m.programme.beneficiaries > 0 ? m.programme.entitledLcu / m.programme.beneficiaries : 0));
}

/**
 * A scenario (as data) identical to the run's, but with an unconditional
 * transfer of the same fiscal cost, month by month, to the same households on
 * the same payment schedule (see {@link matchedUnconditionalAmounts}).
 * @param result the run to match (its scenario must have a programme)
 * @param name name of the new scenario
 */
export function budgetMatchedUnconditional(result: SimulationResult, name = "unconditional (budget-matched)"): Record<string, unknown> {
  const programme = result.scenario.programme;
  if (!programme) throw new Error("budgetMatchedUnconditional: the run has no programme to match");
  const amounts = matchedUnconditionalAmounts(result);
  return {
    ...result.scenario,
    name,
    programme: {
      name,
      rule: { kind: "unconditional", lcuPerMonth: amounts[0] ?? 0, lcuPerMonthByMonth: amounts },
      targeting: programme.targeting,
      payment: programme.payment,
      startMonth: programme.startMonth,
    },
  };
}
