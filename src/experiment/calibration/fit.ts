import type { BehaviourParameters } from "../../behaviour/parameters.js";
import { parseScenario } from "../../config/scenario.js";
import type { Observer } from "../../engine/run.js";
import { runShard } from "../../engine/simulate.js";
import { createPopulation } from "../../population/createPopulation.js";
import type { Population } from "../../population/population.js";
import { FIRST_AGE, LAST_AGE, PANEL_MAX_AGE, PANEL_MIN_AGE } from "./targets.js";
import type { BaselineTargets } from "./targets.js";

/**
 * Fit of the `mexico-rural-1997` enrolment equation to the baseline targets
 * (docs/model.md, "Calibration"). The preset is simulated WITHOUT any programme
 * from September 1997, through the public API (parseScenario, createPopulation,
 * runShard with an observe hook), and enrolment is measured in the model's own
 * Octobers — months 13 and 25, after its own school-year decisions — which stand
 * for the pre-programme cross-section. Every step is deterministic: one seed, one
 * population, common random numbers across iterations.
 */

/** The parameters the baseline fit moves. */
interface FittedParameters {
  /** α(age, sex), ages 6–17. */
  readonly enrolInterceptBoys: readonly number[];
  readonly enrolInterceptGirls: readonly number[];
  /** τ7, τ10: shifts at the entry to grades 7 and 10. */
  readonly enrolTransitionLowerSecondary: number;
  readonly enrolTransitionUpperSecondary: number;
  /** b: coefficient on ln(resources per adult equivalent / poverty line). */
  readonly incomeEffect: number;
}

/** Enrolment moments of a simulation (same definitions as {@link BaselineTargets}). */
export interface SimulatedMoments {
  /** Enrolment of boys and girls by age 6–17. */
  readonly boys: readonly number[];
  readonly girls: readonly number[];
  /** Children aged 6–16 with exactly 6 / with 9 or more grades completed. */
  readonly afterGrade6: number;
  readonly afterGrade9: number;
  /** Age-standardised enrolment gap, non-poor minus poor, ages 10–16 (weights of the targets). */
  readonly povertyGap: number;
  /** Enrolment of non-poor and poor children by age 10–16. */
  readonly povertyByAge: readonly { readonly age: number; readonly nonPoor: number; readonly poor: number }[];
}

/** One moment of the fit: simulated against target. */
interface MomentFit {
  readonly moment: string;
  readonly simulated: number;
  readonly target: number;
}

/** Fit quality of a set of moments. */
interface FitStatistics {
  /** Every moment, simulated vs target: boys 6…17, girls 6…17, after 6 grades, after 9 grades, poverty gap. */
  readonly moments: readonly MomentFit[];
  /** Root mean squared error of the 26 enrolment rates (boys, girls by age; after 6 and 9 grades). */
  readonly rmseEnrolment: number;
  /** Largest absolute error among the 26 enrolment rates. */
  readonly maxAbsErrorEnrolment: number;
  /** Simulated minus target poverty gap. */
  readonly povertyGapError: number;
  /** Root mean squared error of all 27 moments (the 26 rates and the poverty gap). */
  readonly rmseAll: number;
}

/** One iteration of the fit, for the log. */
interface FitIteration {
  readonly iteration: number;
  readonly rmseEnrolment: number;
  readonly povertyGap: number;
  readonly incomeEffect: number;
  /** Slope d(gap)/d(b) used for the next update of b (NaN on the last iteration). */
  readonly slope: number;
}

/** Result of {@link fitBaseline}. */
export interface BaselineFit {
  /** Fitted values (rounded to 3 decimals; the statistics are those of these exact values). */
  readonly parameters: FittedParameters;
  /** Starting values (the preset's current ones unless given). */
  readonly start: FittedParameters;
  /** Fit statistics of the fitted values on the fitting seed and population. */
  readonly statistics: FitStatistics;
  /** Moments simulated with the fitted values. */
  readonly simulated: SimulatedMoments;
  readonly history: readonly FitIteration[];
  readonly households: number;
  readonly iterations: number;
  readonly seed: string | number;
  /** Simulations run (iterations + 1, plus the probe that starts the secant). */
  readonly simulations: number;
}

/** Options of {@link fitBaseline}. */
export interface FitOptions {
  /** Households simulated (one population, reused in every iteration). */
  readonly households: number;
  /** Parameter updates; the moments are simulated iterations + 1 times (plus one probe). */
  readonly iterations: number;
  /** Seed of the population and the run. */
  readonly seed: string | number;
  /** Damping of every update (default 0.8). */
  readonly damping?: number;
  /** Starting values (default: the preset's current parameters). */
  readonly start?: FittedParameters;
  /** Called after each iteration's simulation (e.g. to log progress). */
  readonly onIteration?: (step: FitIteration) => void;
  /**
   * Also fit the income effect b to the poverty gap (scripts/calibrate.ts does; default
   * false here, so a caller holding b gets the gap reported only).
   */
  readonly fitIncomeEffect?: boolean;
}

const PRESET = "mexico-rural-1997";
/** Months of the calibration run (September 1997 + 26 months). */
const MONTHS = 26;
/** The model's Octobers: October 1998 and October 1999. */
const MOMENT_MONTHS: readonly number[] = [13, 25];
/** Step of b for the probe run that starts the secant. */
const PROBE_STEP = 0.25;
/** Largest change of b in one iteration. */
const MAX_B_STEP = 0.5;
/** Smallest change of b between iterations for which the secant slope is trusted. */
const MIN_SECANT_STEP = 0.02;

const logit = (p: number) => Math.log(p / (1 - p));
const clampP = (p: number) => Math.min(0.995, Math.max(0.005, p));
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Collects the calibration moments from a run: pass `observe` to `runShard` /
 * `simulate`, then call `moments()`. Ages are completed years at the survey
 * month (⌊(t − birth month)/12⌋, as the engine computes them); a child is poor
 * when its household's means-test score is below `population.meansTestCutoff`.
 * @param targets the targets (their age weights define the poverty gap)
 * @param months survey months (default: 13 and 25)
 */
export function collectBaselineMoments(
  targets: Pick<BaselineTargets, "povertyByAge">,
  months: readonly number[] = MOMENT_MONTHS,
): { observe: Observer; moments: () => SimulatedMoments } {
  const nAges = LAST_AGE - FIRST_AGE + 1;
  const n = { boys: new Float64Array(nAges), girls: new Float64Array(nAges) };
  const e = { boys: new Float64Array(nAges), girls: new Float64Array(nAges) };
  const nPov = { nonPoor: new Float64Array(nAges), poor: new Float64Array(nAges) };
  const ePov = { nonPoor: new Float64Array(nAges), poor: new Float64Array(nAges) };
  const grade = { n6: 0, e6: 0, n9: 0, e9: 0 };
  const wanted = new Set(months);

  const observe: Observer = (t, st, population) => {
    if (!wanted.has(t)) return;
    const hh = population.households;
    const cutoff = population.meansTestCutoff;
    for (let h = 0; h < population.householdCount; h++) {
      const first = hh.firstSlot[h] as number;
      const used = st.used[h] as number;
      const side = (hh.meansTestScore[h] as number) < cutoff ? "poor" : "nonPoor";
      for (let i = first; i < first + used; i++) {
        if (st.alive[i] !== 1) continue;
        const age = Math.floor((t - (st.birthMonth[i] as number)) / 12);
        if (age < FIRST_AGE || age > LAST_AGE) continue;
        const k = age - FIRST_AGE;
        const enrolled = st.enrolled[i] as number;
        const sex = st.male[i] === 1 ? "boys" : "girls";
        n[sex][k]! += 1;
        e[sex][k]! += enrolled;
        nPov[side][k]! += 1;
        ePov[side][k]! += enrolled;
        if (age <= 16) {
          const g = st.gradesCompleted[i] as number;
          if (g === 6) {
            grade.n6++;
            grade.e6 += enrolled;
          }
          if (g >= 9) {
            grade.n9++;
            grade.e9 += enrolled;
          }
        }
      }
    }
  };

  const ratio = (num: number, den: number, what: string) => {
    if (!(den > 0)) throw new Error(`calibration moments: no ${what} observed (too few households?)`);
    return num / den;
  };

  const moments = (): SimulatedMoments => {
    const boys: number[] = [];
    const girls: number[] = [];
    for (let k = 0; k < nAges; k++) {
      boys.push(ratio(e.boys[k] as number, n.boys[k] as number, `boys aged ${FIRST_AGE + k}`));
      girls.push(ratio(e.girls[k] as number, n.girls[k] as number, `girls aged ${FIRST_AGE + k}`));
    }
    const povertyByAge: { age: number; nonPoor: number; poor: number }[] = [];
    let povertyGap = 0;
    for (const cell of targets.povertyByAge) {
      if (cell.age < PANEL_MIN_AGE || cell.age > PANEL_MAX_AGE) throw new RangeError(`poverty-gap age ${cell.age} outside ${PANEL_MIN_AGE}–${PANEL_MAX_AGE}`);
      const k = cell.age - FIRST_AGE;
      const nonPoor = ratio(ePov.nonPoor[k] as number, nPov.nonPoor[k] as number, `non-poor children aged ${cell.age}`);
      const poor = ratio(ePov.poor[k] as number, nPov.poor[k] as number, `poor children aged ${cell.age}`);
      povertyByAge.push({ age: cell.age, nonPoor, poor });
      povertyGap += cell.weight * (nonPoor - poor);
    }
    return {
      boys,
      girls,
      afterGrade6: ratio(grade.e6, grade.n6, "children with 6 grades"),
      afterGrade9: ratio(grade.e9, grade.n9, "children with 9 grades"),
      povertyGap,
      povertyByAge,
    };
  };
  return { observe, moments };
}

/** The preset's current values of the fitted parameters. */
function presetFittedParameters(): FittedParameters {
  const b = parseScenario({ population: { preset: PRESET, households: 10 } }).behaviour;
  return pick(b);
}

function pick(b: FittedParameters): FittedParameters {
  return {
    enrolInterceptBoys: [...b.enrolInterceptBoys],
    enrolInterceptGirls: [...b.enrolInterceptGirls],
    enrolTransitionLowerSecondary: b.enrolTransitionLowerSecondary,
    enrolTransitionUpperSecondary: b.enrolTransitionUpperSecondary,
    incomeEffect: b.incomeEffect,
  };
}

/**
 * Simulate the preset without a programme with the given parameters and measure the moments.
 * @param parameters values of the fitted parameters (the rest are the preset's)
 * @param targets the targets (for the poverty-gap weights)
 * @param options households and seed, or a population to reuse (drawn for the same settings)
 */
function simulateBaselineMoments(
  parameters: FittedParameters,
  targets: Pick<BaselineTargets, "povertyByAge">,
  options: { readonly households: number; readonly seed: string | number; readonly population?: Population },
): SimulatedMoments {
  const scenario = parseScenario({
    seed: options.seed,
    months: MONTHS,
    start: "1997-09",
    population: { preset: PRESET, households: options.households },
    behaviour: pick(parameters) as Partial<BehaviourParameters>,
    programme: null,
  });
  const population = options.population ?? createPopulation(scenario);
  const collector = collectBaselineMoments(targets);
  runShard(scenario, population, undefined, collector.observe);
  return collector.moments();
}

/**
 * Simulated moments against the targets.
 * @param m simulated moments
 * @param targets the targets
 */
function fitStatistics(m: SimulatedMoments, targets: BaselineTargets): FitStatistics {
  const moments: MomentFit[] = [];
  targets.ages.forEach((age, k) => moments.push({ moment: `boys ${age}`, simulated: m.boys[k] as number, target: targets.boys[k] as number }));
  targets.ages.forEach((age, k) => moments.push({ moment: `girls ${age}`, simulated: m.girls[k] as number, target: targets.girls[k] as number }));
  moments.push({ moment: "after 6 grades", simulated: m.afterGrade6, target: targets.afterGrade6 });
  moments.push({ moment: "after 9 grades", simulated: m.afterGrade9, target: targets.afterGrade9 });
  const rates = moments.map((x) => x.simulated - x.target);
  moments.push({ moment: "poverty gap 10–16", simulated: m.povertyGap, target: targets.povertyGap });
  const all = moments.map((x) => x.simulated - x.target);
  const rms = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
  return {
    moments,
    rmseEnrolment: rms(rates),
    maxAbsErrorEnrolment: Math.max(...rates.map(Math.abs)),
    povertyGapError: m.povertyGap - targets.povertyGap,
    rmseAll: rms(all),
  };
}

/**
 * Fit the enrolment intercepts α(age, sex), the transition shifts τ7, τ10 and the
 * income effect b to the baseline targets.
 *
 * Each iteration simulates the moments and then moves
 *  - α(a, s) by 0.8·(logit target − logit simulated) of its own age×sex rate,
 *  - τ7, τ10 by the same step on enrolment after 6 and after ≥ 9 grades,
 *  - b by a damped secant step on the poverty gap: b ← b + 0.8·(gap* − gap)/slope,
 *    where slope = d gap / d b is first measured by a probe run at b + 0.25 and then
 *    updated from successive iterates when b moved by at least 0.02 (kept within
 *    ¼–4× the probe slope); a step is at most ±0.5.
 * Parameters are rounded to 3 decimals after every update, so the final statistics
 * are exactly those of the values returned.
 * @param targets the targets (see `baselineTargets`)
 * @param options households, iterations, seed
 */
export function fitBaseline(targets: BaselineTargets, options: FitOptions): BaselineFit {
  const { households, iterations, seed } = options;
  if (!(Number.isInteger(households) && households > 0)) throw new RangeError(`households must be a positive integer, got ${households}`);
  if (!(Number.isInteger(iterations) && iterations >= 0)) throw new RangeError(`iterations must be an integer ≥ 0, got ${iterations}`);
  const damping = options.damping ?? 0.8;
  const start = pick(options.start ?? presetFittedParameters());
  const nAges = LAST_AGE - FIRST_AGE + 1;
  if (start.enrolInterceptBoys.length !== nAges || start.enrolInterceptGirls.length !== nAges) {
    throw new RangeError(`start intercepts must have ${nAges} values (ages ${FIRST_AGE}–${LAST_AGE})`);
  }

  // One population for every iteration: createPopulation does not read behaviour.
  const population = createPopulation(parseScenario({ seed, months: MONTHS, start: "1997-09", population: { preset: PRESET, households }, programme: null }));
  let simulations = 0;
  const simulate = (p: FittedParameters) => {
    simulations++;
    return simulateBaselineMoments(p, targets, { households, seed, population });
  };

  const boys = start.enrolInterceptBoys.map(round3);
  const girls = start.enrolInterceptGirls.map(round3);
  let tau7 = round3(start.enrolTransitionLowerSecondary);
  let tau10 = round3(start.enrolTransitionUpperSecondary);
  let b = round3(start.incomeEffect);
  const current = (): FittedParameters => ({
    enrolInterceptBoys: [...boys],
    enrolInterceptGirls: [...girls],
    enrolTransitionLowerSecondary: tau7,
    enrolTransitionUpperSecondary: tau10,
    incomeEffect: b,
  });

  const history: FitIteration[] = [];
  let moments = simulate(current());
  let probeSlope = NaN;
  let slope = NaN;
  let previous: { b: number; gap: number } | null = null;
  for (let it = 0; ; it++) {
    const stats = fitStatistics(moments, targets);
    if (it === iterations) {
      const step = { iteration: it, rmseEnrolment: stats.rmseEnrolment, povertyGap: moments.povertyGap, incomeEffect: b, slope: NaN };
      history.push(step);
      options.onIteration?.(step);
      return {
        parameters: current(),
        start,
        statistics: stats,
        simulated: moments,
        history,
        households,
        iterations,
        seed,
        simulations,
      };
    }

    // Slope of the poverty gap in b.
    if (!options.fitIncomeEffect) {
      slope = NaN;
    } else if (it === 0) {
      const probe = simulate({ ...current(), incomeEffect: b + PROBE_STEP });
      probeSlope = (probe.povertyGap - moments.povertyGap) / PROBE_STEP;
      if (!(probeSlope > 1e-4)) {
        throw new Error(`calibration: the poverty gap does not rise with the income effect (slope ${probeSlope.toFixed(5)} at b = ${b}); cannot fit b`);
      }
      slope = probeSlope;
    } else if (previous && Math.abs(b - previous.b) >= MIN_SECANT_STEP) {
      const secant = (moments.povertyGap - previous.gap) / (b - previous.b);
      slope = Math.min(4 * probeSlope, Math.max(probeSlope / 4, secant));
    }
    const step = { iteration: it, rmseEnrolment: stats.rmseEnrolment, povertyGap: moments.povertyGap, incomeEffect: b, slope };
    history.push(step);
    options.onIteration?.(step);

    // Updates.
    for (let k = 0; k < nAges; k++) {
      boys[k] = round3((boys[k] as number) + damping * (logit(clampP(targets.boys[k] as number)) - logit(clampP(moments.boys[k] as number))));
      girls[k] = round3((girls[k] as number) + damping * (logit(clampP(targets.girls[k] as number)) - logit(clampP(moments.girls[k] as number))));
    }
    tau7 = round3(tau7 + damping * (logit(clampP(targets.afterGrade6)) - logit(clampP(moments.afterGrade6))));
    tau10 = round3(tau10 + damping * (logit(clampP(targets.afterGrade9)) - logit(clampP(moments.afterGrade9))));
    previous = { b, gap: moments.povertyGap };
    if (options.fitIncomeEffect) {
      const db = (damping * (targets.povertyGap - moments.povertyGap)) / slope;
      b = round3(b + Math.min(MAX_B_STEP, Math.max(-MAX_B_STEP, db)));
    }

    moments = simulate(current());
  }
}
