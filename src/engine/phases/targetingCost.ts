import { GLOBAL_BASE, GlobalField } from "../../outcomes/layout.js";
import { householdPhase } from "../phase.js";

/**
 * The one-off cost of the targeting exercise, charged in the programme's first
 * month for every household assessed before the start, whatever became of it
 * since (docs/model.md, "Costs").
 */
export const targetingCost = householdPhase({
  name: "targetingCost",
  equations: "costs",
  households: "all",
  reads: {},
  writes: {},
  when: "the programme's first month, when targeting assessed households",
  active: (_run, month) => month.chargeTargeting,
  run({ run, month }) {
    const cost = Math.round(month.targetingCostPerHousehold * run.moneyScale);
    month.add(GLOBAL_BASE + GlobalField.targetingCost, cost);
    month.add(GLOBAL_BASE + GlobalField.administrativeCost, cost);
  },
});
