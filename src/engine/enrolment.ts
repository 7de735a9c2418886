import type { ResolvedScenario } from "../config/scenario.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { enrolHouseholds } from "../programme/targeting.js";
import type { EnrolmentPlan } from "../programme/targeting.js";
import { RandomStreams } from "../random/streams.js";
import { ruleFromSpec } from "../rules/specs.js";
import { isTransferRule } from "../rules/types.js";
import { monthContext } from "./calendar.js";
import { checkedCap } from "./monthFacts.js";
import { OfferBuffer } from "./offerBuffer.js";
import { collectOffers } from "./offers.js";
import { RunConstants } from "./runConstants.js";
import { createState } from "./state.js";
import type { SimulationState } from "./state.js";

/**
 * The programme's enrolment plan for a run (see `enrolHouseholds`): each household's full
 * entitlement in the programme's first month is what the rule offers it then, every condition
 * met, after the cap — asked of the rule exactly as the month's assessment asks it.
 * @param buffer offer buffer to reuse
 */
export function enrolmentPlanOf(run: RunConstants, state: SimulationState, buffer: OfferBuffer): EnrolmentPlan {
  const programme = run.programme;
  const H = run.population.householdCount;
  if (!programme || !run.rule)
    return { beneficiaries: new Uint8Array(H), eligible: new Uint8Array(H), score: new Float64Array(H), amountScale: 1, assessed: false };
  const t = programme.startMonth;
  const p = run.p;
  const calendar = monthContext(run.scenario.start, t, p.schoolMonths, p.schoolYearStartMonth);
  const cap = checkedCap(run.rule, calendar);
  const capProblem = typeof cap === "number" ? null : cap.problem;
  const firstSlot = run.population.households.firstSlot;
  const fullEntitlement = (h: number): number => {
    const base = firstSlot[h] as number;
    let living = 0;
    for (let m = 0; m < (state.used[h] as number); m++) living += state.alive[base + m] as number;
    if (living === 0) return 0;
    const offers = collectOffers(run, buffer, h, t, calendar, living, capProblem, null);
    let total = 0;
    for (let k = 0; k < offers.count; k++) total += offers.amount[k] as number;
    return typeof cap === "number" ? Math.min(cap, total) : 0;
  };
  return enrolHouseholds({ programme, population: run.population, rng: run.rng, classifiedPoor: run.classifiedPoor, fullEntitlement });
}

/**
 * Who a scenario's programme enrols before month 0 — targeting, budget and take-up — as a
 * run of it would (a run re-plans the same way, so this is what `simulate` does).
 * @param scenario a resolved scenario (see `parseScenario`)
 * @param population its population (created if omitted)
 * @example planEnrolment(parseScenario({ programme: { rule: { kind: "progresa" } } })).beneficiaries // 1 per household enrolled
 */
export function planEnrolment(scenario: ResolvedScenario, population: Population = createPopulation(scenario)): EnrolmentPlan {
  const programme = scenario.programme;
  const rule = programme ? (isTransferRule(programme.rule) ? programme.rule : ruleFromSpec(programme.rule)) : null;
  const payment = programme?.payment ?? { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };
  const state = createState(population, payment.lagMonths, scenario.months);
  const run = new RunConstants({ scenario, population, state, rng: new RandomStreams(scenario.seed), rule, payment, moneyScale: 1, households: [] });
  return enrolmentPlanOf(run, state, new OfferBuffer());
}
