import { GLOBAL_BASE, GlobalField, MONTH_LENGTH, RATE_SCALE, SPILL_GROUP_NAMES, SpillField, spillOffset } from "./layout.js";
import type { InteractionOutcomes, SpilloverCell, SpilloverGroup } from "./types.js";

/**
 * Outcomes of the five spillover groups over months `from…to` of a run's
 * accumulators (one month: from = to): ratios of sums, counts per month.
 */
export function spilloverSummary(data: Float64Array, from: number, to: number, moneyScale: number): Record<SpilloverGroup, SpilloverCell> {
  const months = to - from + 1;
  const out = {} as Record<SpilloverGroup, SpilloverCell>;
  SPILL_GROUP_NAMES.forEach((name, g) => {
    const sum = (field: number) => {
      let s = 0;
      for (let t = from; t <= to; t++) s += data[t * MONTH_LENGTH + spillOffset(g, field)] as number;
      return s;
    };
    const households = sum(SpillField.households);
    const persons = sum(SpillField.persons);
    const rate = (enrolled: number, children: number) => {
      const n = sum(children);
      return n > 0 ? sum(enrolled) / n : null;
    };
    out[name] = {
      households: households / months,
      persons: persons / months,
      children: {
        age6to11: sum(SpillField.children6to11) / months,
        age12to14: sum(SpillField.children12to14) / months,
        age15to17: sum(SpillField.children15to17) / months,
      },
      enrolment: {
        age6to11: rate(SpillField.enrolled6to11, SpillField.children6to11),
        age12to14: rate(SpillField.enrolled12to14, SpillField.children12to14),
        age15to17: rate(SpillField.enrolled15to17, SpillField.children15to17),
      },
      consumptionPerAeLcu: persons > 0 ? sum(SpillField.consumptionSum) / moneyScale / persons : null,
      povertyHeadcount: persons > 0 ? sum(SpillField.poor) / persons : null,
      transfersPerHouseholdLcu: households > 0 ? sum(SpillField.transfersReceived) / moneyScale / households : null,
      informalNetPerHouseholdLcu: households > 0 ? sum(SpillField.informalNet) / moneyScale / households : null,
      clinicVisitsPerPerson: persons > 0 ? sum(SpillField.visits) / persons : null,
    };
  });
  return out;
}

/** The interaction outcomes of one month's accumulator. */
export function interactionOutcomes(acc: Float64Array, moneyScale: number, households: number): InteractionOutcomes {
  const g = GLOBAL_BASE;
  const G = GlobalField;
  const ties = acc[g + G.ties] as number;
  const prices = acc[g + G.priceLevelSum] as number;
  return {
    informalGivenLcu: (acc[g + G.informalGiven] as number) / moneyScale,
    informalReceivedLcu: (acc[g + G.informalReceived] as number) / moneyScale,
    informalLapsedLcu: (acc[g + G.informalLapsed] as number) / moneyScale,
    socialCapitalIndex: ties > 0 ? (acc[g + G.tieStrengthSum] as number) / RATE_SCALE / ties : null,
    meanPriceLevel: prices > 0 && households > 0 ? prices / RATE_SCALE / households : null,
  };
}
