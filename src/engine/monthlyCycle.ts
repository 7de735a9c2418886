import { Purpose } from "../random/streams.js";
import type { MonthContext } from "../rules/types.js";
import { enrolmentPlanOf } from "./enrolment.js";
import { HouseholdScratch } from "./householdScratch.js";
import { MonthFacts } from "./monthFacts.js";
import type { CycleContext, HouseholdPhase, MonthPhase } from "./phase.js";
import { MONTHLY_CYCLE } from "./phases/cycle.js";
import type { CycleSpec } from "./phases/cycle.js";
import { closePeerCounts, countPeer, peerBand } from "./phases/peers.js";
import { RunConstants } from "./runConstants.js";
import type { RunSetup } from "./runConstants.js";

/**
 * Runs the monthly cycle ({@link MONTHLY_CYCLE}) over a run's households:
 * `beginMonth` (month facts, month-start phases), `step(h)` for each household
 * (the household phases, in order), `endMonth` (month-end phases). Households do
 * not interact within a month, so running every phase for one household before
 * the next (cache friendly) gives the results of running each phase over all
 * households (docs/architecture.md, "The monthly cycle").
 */
export class MonthlyCycle {
  private readonly c: CycleContext;
  /** This month's active household phases, in cycle order (refilled by beginMonth, never reallocated). */
  private readonly active: HouseholdPhase[] = [];

  /**
   * @param setup what the run is built from
   * @param cycle the phases (default: the model's)
   */
  constructor(
    setup: RunSetup,
    private readonly cycle: CycleSpec = MONTHLY_CYCLE,
  ) {
    const run = new RunConstants(setup);
    this.c = { run, month: new MonthFacts(), household: new HouseholdScratch(run.maxSlots), state: setup.state };
  }

  /** The run's constants. */
  get run(): RunConstants {
    return this.c.run;
  }

  /**
   * The random initial state before month 0: locality and household shocks at their
   * stationary distributions, savings at the steady state of the consumption rule, the
   * programme's enrolment (targeting, budget, take-up), the starting peer shares.
   */
  initialise(households: ArrayLike<number>): void {
    const { run, state, household } = this.c;
    const { rng, population, p } = run;
    const hh = population.households;
    for (let l = 0; l < population.localityCount; l++) {
      state.localityShock[l] = p.localityShockSd * rng.normalAt(rng.stream(Purpose.localityShock, l, -1), 0);
    }
    // Savings start at the steady state of the consumption rule c = share × cash on hand.
    const keep = (1 - run.b.consumptionShare) / run.b.consumptionShare;
    const plan = enrolmentPlanOf(run, state, household.offerBuffer);
    state.eligible.set(plan.eligible);
    state.enrolledAtStart.set(plan.beneficiaries);
    if (run.flags.network) state.tieStrength.fill(run.interactions.socialCapital.initialStrength);
    state.amountScale[0] = plan.amountScale;
    state.targetingCostPerHousehold[0] = plan.assessed ? (run.programme?.administrativeCost.targetingSurveyPerHouseholdLcu ?? 0) : 0;
    for (let k = 0; k < households.length; k++) {
      const h = households[k] as number;
      state.incomeShock[h] = p.idiosyncraticShockSd * rng.normalAt(rng.stream(Purpose.incomeShock, h, -1), 0);
      state.savings[h] = keep * (hh.incomeLcuPerMonth[h] as number);
      let ae = 0;
      const base = hh.firstSlot[h] as number;
      for (let m = 0; m < (state.used[h] as number); m++) {
        if (state.alive[base + m] === 1) ae += -(state.birthMonth[base + m] as number) < 180 ? p.childEquivalenceWeight : 1;
      }
      state.lastLogConsumptionRatio[h] = Math.log((hh.incomeLcuPerMonth[h] as number) / ae / run.z);
      state.beneficiary[h] = plan.beneficiaries[h] as number;
      if (run.flags.peers) {
        for (let m = 0; m < (state.used[h] as number); m++) {
          const i = base + m;
          const band = peerBand(Math.floor(-(state.birthMonth[i] as number) / 12));
          if (state.alive[i] === 1 && band >= 0) countPeer(state.peerCount, hh.locality[h] as number, band, state.enrolled[i] as number);
        }
      }
    }
    if (run.flags.peers) {
      closePeerCounts(state.peerShare, state.peerBase, state.peerCount);
      state.peerBase.set(state.peerShare); // the starting shares are the baseline of the peer term
    }
  }

  /**
   * Set up month `t`: its facts, then the month-start phases.
   * @param out the month's accumulator
   * @param loc the month's block of the locality series (empty without interactions)
   */
  beginMonth(t: number, calendar: MonthContext, out: Float64Array, loc: Float64Array): void {
    const c = this.c;
    c.month.begin(c.run, c.state, t, calendar, out, loc);
    runMonthPhases(this.cycle.monthStart, c);
    const active = this.active;
    active.length = 0;
    for (const phase of this.cycle.households) if (phase.active(c.run, c.month)) active.push(phase);
  }

  /** Run the month's household phases for household `h`. */
  step(h: number): void {
    const c = this.c;
    const household = c.household;
    household.index = h;
    household.base = c.run.population.households.firstSlot[h] as number;
    household.living = -1; // not counted yet: demography counts the living members
    const active = this.active;
    // One call per phase through the list (V8: docs/performance.md, "Phase calls").
    for (let k = 0; k < active.length; k++) {
      const phase = active[k] as HouseholdPhase;
      const who = phase.households;
      if (who !== "all" && (who === "living") !== household.living > 0) continue;
      phase.run(c, h);
    }
  }

  /** Close the month: the month-end phases (segment "all"; locality aggregates that next month reads). */
  endMonth(): void {
    runMonthPhases(this.cycle.monthEnd, this.c);
  }
}

function runMonthPhases(phases: readonly MonthPhase[], c: CycleContext): void {
  for (const phase of phases) if (phase.active(c.run, c.month)) phase.run(c);
}
