import { SpillGroup } from "../../outcomes/layout.js";
import { ConditionKind } from "../offerBuffer.js";
import { collectOffers } from "../offers.js";
import { householdPhase } from "../phase.js";

/**
 * Programme assess: a beneficiary household receives this month's offers (the
 * rule is asked once); for each member the engine works out what compliance is
 * worth at the margin, after the household cap — the school stake (amount
 * secured by attending) and the health stake (amount that lapses without a
 * visit this month or next), and the stakes of training and meetings; and the
 * entitlement it expects if it complies, which the labour phase adds to its
 * resources (docs/model.md, P1).
 */
export const assess = householdPhase({
  name: "assess",
  equations: "P1",
  households: "living",
  reads: {
    household: ["living"],
    // The rule reads the household through its view: every person array it offers.
    state: [
      "used",
      "beneficiary",
      "eligible",
      "monthsSinceVisit",
      "alive",
      "birthMonth",
      "male",
      "enrolled",
      "gradesCompleted",
      "repeats",
      "pregnancy",
      "disabled",
      "trainingHours",
    ],
  },
  writes: { household: ["offers", "offerBuffer", "offeredTotal", "expected", "labelled", "spillGroup", "stakes"] },
  run({ run, month, household, state: st }, h) {
    const n = st.used[h] as number;
    const stakes = household.stakes;
    // The per-member stakes are zero beyond `stakes.slots`; only a beneficiary's assessment writes them.
    stakes.clear();
    let adultConditions = false;
    household.offers = null;
    household.offeredTotal = 0;
    household.expected = 0;
    household.labelled = 0;
    const on = run.treatedLocality[run.population.households.locality[h] as number] === 1 ? month.programmeOnTreated : month.programmeOnControl;
    const eligible = st.eligible[h] === 1;
    household.spillGroup = on
      ? st.beneficiary[h] === 1
        ? SpillGroup.recipients
        : eligible
          ? SpillGroup.eligibleNonRecipients
          : SpillGroup.ineligibleTreated
      : eligible
        ? SpillGroup.eligibleUntreated
        : SpillGroup.ineligibleUntreated;
    if (on && st.beneficiary[h] === 1) {
      stakes.slots = n;
      const offers = collectOffers(run, household.offerBuffer, h, month.t, month.calendar, household.living, month.capProblem, month);
      const { amount, firstCondition, endCondition, kind, member, value } = offers;
      const { schoolOffered, healthOffered, trainingOffered, meetingOffered, trainingHoursRequired } = stakes;
      const base = household.base;
      let total = 0;
      let labelled = 0;
      for (let k = 0; k < offers.count; k++) {
        const lcu = amount[k] as number;
        total += lcu;
        const a = firstCondition[k] as number;
        const z = endCondition[k] as number;
        if (a === z) {
          if (offers.label[k] === "education") labelled += lcu;
          continue;
        }
        for (let j = a; j < z; j++) {
          const m = member[j] as number;
          switch (kind[j]) {
            case ConditionKind.schoolAttendance:
              schoolOffered[m] = (schoolOffered[m] as number) + lcu;
              break;
            case ConditionKind.healthVisits:
              // At stake when the window closes within the next two months without a visit.
              if ((st.monthsSinceVisit[base + m] as number) + 2 >= (value[j] as number)) healthOffered[m] = (healthOffered[m] as number) + lcu;
              break;
            case ConditionKind.training:
              trainingOffered[m] = (trainingOffered[m] as number) + lcu;
              trainingHoursRequired[m] = Math.max(trainingHoursRequired[m] as number, value[j] as number);
              adultConditions = true;
              break;
            default: // a meeting (validation refused every other kind)
              meetingOffered[m] = (meetingOffered[m] as number) + lcu;
              adultConditions = true;
          }
        }
      }
      // Amounts and the cap scale together (budget, indexation), so the factor applies after the cap.
      const f = month.amountFactor;
      const cap = month.cap;
      const capped = Math.min(cap, total);
      for (let m = 0; m < n; m++) {
        const so = schoolOffered[m] as number;
        if (so > 0) stakes.school[m] = f * (capped - Math.min(cap, total - so));
        const ho = healthOffered[m] as number;
        if (ho > 0) stakes.health[m] = f * (capped - Math.min(cap, total - ho));
        if (adultConditions) {
          const to = trainingOffered[m] as number;
          if (to > 0) stakes.training[m] = f * (capped - Math.min(cap, total - to));
          const mo = meetingOffered[m] as number;
          if (mo > 0) stakes.meeting[m] = f * (capped - Math.min(cap, total - mo));
        }
      }
      household.offers = offers;
      household.offeredTotal = total;
      household.expected = f * capped;
      household.labelled = labelled * f;
    }
  },
});
