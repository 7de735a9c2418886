/**
 * A simulated cluster-randomised evaluation, replicated: in each replication
 * the seed draws a population and a random assignment of localities to
 * treatment, the engine runs the roll-out, a survey records children at
 * baseline and follow-ups, and the evaluator's estimators (./estimators.ts)
 * estimate the effect with cluster-robust intervals. Across replications this
 * gives the sampling distribution of each estimator, and — since the same
 * children can also be simulated with the programme everywhere and nowhere
 * (common random numbers) — their true effect, hence bias and the coverage of
 * the intervals.
 */
import { parseScenario } from "../config/scenario.js";
import type { ResolvedScenario } from "../config/scenario.js";
import { simulate } from "../engine/simulate.js";
import { createPopulation } from "../population/createPopulation.js";
import type { Population } from "../population/population.js";
import { treatedLocalities } from "../programme/rollout.js";
import { RandomStreams } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { didOfRounds, ittOfRound } from "./estimators.js";
import type { DidEstimate, IttEstimate } from "./estimators.js";
import { collectSurvey, surveyYear } from "./surveyRows.js";
import type { SurveyRow } from "./surveyRows.js";

/** Survey rounds, as month indices of the run (0 = its first month). */
export interface SurveyMonths {
  /** The baseline round (before the programme, or early in it: Progresa's October 1997 is month 1 from 1997-09). */
  readonly baseline: number;
  /** Follow-up rounds, each contrasted with the baseline. */
  readonly followUps: readonly number[];
}

/** Options of {@link rct}. */
export interface RctOptions {
  /** Replications (≥ 1; ≥ 2 for a standard deviation). */
  readonly replications: number;
  /** Seed; replication r runs on `RandomStreams.forReplication(seed, r)` (population, randomisation and behaviour). */
  readonly seed: Seed;
  /** When to survey. Every month must be < the scenario's `months`. */
  readonly surveyMonths: SurveyMonths;
  /** Ages surveyed, completed years, [min, max] (default [6, 16]). */
  readonly ages?: readonly [number, number];
  /** Children analysed: of households classified "poor" (the eligible; default) or "all". */
  readonly filter?: "poor" | "all";
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Also simulate the programme everywhere and nowhere for the true effect and coverage (default true; power analysis skips it). */
  readonly truth?: boolean;
  /** Called after each replication: done of total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** One replication's estimates at one follow-up. */
export interface RctReplication {
  /** Replication index (0-based). */
  readonly replication: number;
  /** Its seed. */
  readonly seed: Seed;
  /** Localities treated in this replication's draw. */
  readonly treatedLocalities: number;
  /** Difference of means, treated − control, at the follow-up. */
  readonly itt: IttEstimate;
  /** Difference-in-differences, follow-up vs baseline. */
  readonly did: DidEstimate;
  /**
   * The true effect at the follow-up: mean over the analysed follow-up
   * children of enrolled(programme in every locality) − enrolled(programme in
   * none), each child simulated both ways on the same streams. Null when
   * `truth` is false.
   */
  readonly trueEffect: number | null;
  /** The same at the baseline round (0 unless the programme had already moved enrolment). Null when `truth` is false. */
  readonly trueBaselineEffect: number | null;
}

/** An estimator's sampling distribution across replications, against the truth. */
export interface EstimatorSummary {
  /** Estimate of each replication. */
  readonly estimates: readonly number[];
  /** Mean of the estimates. */
  readonly mean: number;
  /** Standard deviation of the estimates across replications (divisor R − 1; 0 for R = 1): the true sampling SD. */
  readonly sd: number;
  /** Mean cluster-robust standard error: compare with `sd` (CR1 should match it on average). */
  readonly meanSe: number;
  /** Mean homoskedastic standard error: typically well below `sd` with clustered outcomes. */
  readonly meanNaiveSe: number;
  /**
   * The estimand, averaged across replications: for the ITT difference the
   * true effect at follow-up; for the DiD the true effect at follow-up minus
   * that at baseline (what a DiD identifies when the baseline is already
   * affected; identical when it is not). Null without `truth`.
   */
  readonly truth: number | null;
  /** mean − truth (null without `truth`). */
  readonly bias: number | null;
  /** Share of replications whose interval contains that replication's estimand (null without `truth`). */
  readonly coverage: number | null;
  /** Share of replications whose interval excludes 0 (p < 1 − level): the power, or the size when the effect is 0. */
  readonly rejectionRate: number;
}

/** Results at one follow-up round. */
export interface RctFollowUp {
  /** Month index of the round. */
  readonly month: number;
  /** Its calendar year. */
  readonly year: number;
  /** Per replication. */
  readonly replications: readonly RctReplication[];
  /** The difference of means at follow-up. */
  readonly itt: EstimatorSummary;
  /** The difference-in-differences against the baseline. */
  readonly did: EstimatorSummary;
  /** Mean across replications of the true effect at follow-up (null without `truth`). */
  readonly trueEffect: number | null;
}

/** Result of {@link rct}. */
export interface RctResult {
  /** The resolved scenario of replication 0 (with its roll-out). */
  readonly scenario: ResolvedScenario;
  /** Number of replications. */
  readonly replications: number;
  /** Confidence level of the intervals, e.g. 0.95. */
  readonly level: number;
  /** Ages surveyed, completed years, [min, max]. */
  readonly ages: readonly [number, number];
  /** Children analysed: of households classified "poor", or "all". */
  readonly filter: "poor" | "all";
  /** Survey rounds (month indices). */
  readonly surveyMonths: SurveyMonths;
  /** Calendar year of the baseline round. */
  readonly baselineYear: number;
  /** One entry per follow-up, in the order given. */
  readonly followUps: readonly RctFollowUp[];
}

/** The scenario input with a cluster-randomised roll-out (added when absent), on a given seed. */
function rctInput(input: unknown, seed: Seed): Record<string, unknown> {
  const base = (input ?? {}) as Record<string, unknown>;
  const programme = base.programme as Record<string, unknown> | null | undefined;
  if (!programme) throw new RangeError("rct: the scenario needs a programme to evaluate");
  // No roll-out, or parseScenario's default "all" (a resolved scenario always has one): randomise half.
  const given = programme.rollout as { kind?: unknown } | undefined;
  const rollout = given === undefined || given.kind === "all" ? { kind: "clusterRandomised" } : given;
  if (rollout.kind !== "clusterRandomised") {
    throw new RangeError(`rct: programme.rollout must be { kind: "clusterRandomised" }, "all" or absent, found kind "${String(rollout.kind)}"`);
  }
  return { ...base, seed, programme: { ...programme, rollout } };
}

/** Validated, normalised options. */
interface Plan {
  readonly baseline: number;
  readonly followUps: readonly number[];
  readonly minAge: number;
  readonly maxAge: number;
  readonly keep: (row: SurveyRow) => boolean;
  readonly level: number;
  readonly truth: boolean;
}

function plan(options: RctOptions): Plan {
  const { replications, surveyMonths } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  if (surveyMonths.followUps.length === 0) throw new RangeError("surveyMonths.followUps needs at least one month");
  const all = [surveyMonths.baseline, ...surveyMonths.followUps];
  for (const m of all) if (!(Number.isInteger(m) && m >= 0)) throw new RangeError(`survey months must be month indices ≥ 0, got ${m}`);
  for (const m of surveyMonths.followUps) {
    if (m <= surveyMonths.baseline) throw new RangeError(`follow-up month ${m} is not after the baseline month ${surveyMonths.baseline}`);
  }
  const [minAge, maxAge] = options.ages ?? [6, 16];
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const filter = options.filter ?? "poor";
  return {
    baseline: surveyMonths.baseline,
    followUps: surveyMonths.followUps,
    minAge,
    maxAge,
    keep: filter === "poor" ? (r) => r.poor : () => true,
    level,
    truth: options.truth ?? true,
  };
}

/** Enrolment by person in one round of a run. */
function enrolmentByPerson(rows: readonly SurveyRow[]): Map<number, boolean> {
  return new Map(rows.map((r) => [r.person, r.enrolled]));
}

/** Mean of enrolled(all) − enrolled(none) over the given children (those found in both runs). */
function trueEffectOver(rows: readonly SurveyRow[], all: Map<number, boolean>, none: Map<number, boolean>): number {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const a = all.get(r.person);
    const b = none.get(r.person);
    if (a === undefined || b === undefined) continue; // demography does not depend on the programme, so this should not happen
    sum += (a ? 1 : 0) - (b ? 1 : 0);
    n++;
  }
  if (n === 0) throw new Error("rct: none of the surveyed children was found in the counterfactual runs");
  return sum / n;
}

/** One replication: its scenario, treated count and per-follow-up results. */
interface ReplicationRun {
  readonly scenario: ResolvedScenario;
  readonly results: RctReplication[];
}

function runReplication(input: unknown, seed: Seed, r: number, p: Plan): ReplicationRun {
  const repSeed = RandomStreams.forReplication(seed, r);
  const experimental = rctInput(input, repSeed);
  const scenario = parseScenario(experimental);
  const last = Math.max(p.baseline, ...p.followUps);
  if (last >= scenario.months) throw new RangeError(`rct: survey month ${last} is beyond the run's ${scenario.months} months`);
  const population: Population = createPopulation(scenario);
  const treated = treatedLocalities(scenario);
  const months = [p.baseline, ...p.followUps];
  const survey = (s: ResolvedScenario) => {
    const c = collectSurvey({ months, start: s.start, treatedLocality: treated, minAge: p.minAge, maxAge: p.maxAge });
    simulate(s, { population, observe: c.observe });
    return c.byMonth;
  };
  const observed = survey(scenario);
  let everywhere: ReadonlyMap<number, readonly SurveyRow[]> | null = null;
  let nowhere: ReadonlyMap<number, readonly SurveyRow[]> | null = null;
  if (p.truth) {
    const programme = experimental.programme as Record<string, unknown>;
    everywhere = survey(parseScenario({ ...experimental, programme: { ...programme, rollout: { kind: "all" } } }));
    nowhere = survey(parseScenario({ ...experimental, programme: null }));
  }
  const baselineRows = observed.get(p.baseline) ?? [];
  const truthAt = (month: number, rows: readonly SurveyRow[]): number | null =>
    everywhere && nowhere
      ? trueEffectOver(rows.filter(p.keep), enrolmentByPerson(everywhere.get(month) ?? []), enrolmentByPerson(nowhere.get(month) ?? []))
      : null;
  const trueBaselineEffect = truthAt(p.baseline, baselineRows);
  let treatedCount = 0;
  for (let l = 0; l < treated.length; l++) treatedCount += treated[l] as number;
  const results = p.followUps.map((month): RctReplication => {
    const rows = observed.get(month) ?? [];
    return {
      replication: r,
      seed: repSeed,
      treatedLocalities: treatedCount,
      itt: ittOfRound(rows, { filter: p.keep, level: p.level }),
      did: didOfRounds(baselineRows, rows, { filter: p.keep, level: p.level }),
      trueEffect: truthAt(month, rows),
      trueBaselineEffect,
    };
  });
  return { scenario, results };
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

function summarise(
  reps: readonly RctReplication[],
  pick: (r: RctReplication) => IttEstimate | DidEstimate,
  estimand: (r: RctReplication) => number | null,
): EstimatorSummary {
  const estimates = reps.map((r) => pick(r).estimate);
  const truths = reps.map(estimand);
  const hasTruth = truths.every((v) => v !== null);
  const truth = hasTruth ? mean(truths as number[]) : null;
  const m = mean(estimates);
  return {
    estimates,
    mean: m,
    sd: sd(estimates),
    meanSe: mean(reps.map((r) => pick(r).se)),
    meanNaiveSe: mean(reps.map((r) => pick(r).naiveSe)),
    truth,
    bias: truth === null ? null : m - truth,
    coverage: hasTruth ? mean(reps.map((r, i) => (pick(r).lower <= truths[i]! && truths[i]! <= pick(r).upper ? 1 : 0))) : null,
    rejectionRate: mean(reps.map((r) => (pick(r).lower > 0 || pick(r).upper < 0 ? 1 : 0))),
  };
}

/**
 * Replicate a cluster-randomised evaluation of a scenario's programme, to see
 * how well an evaluator's estimators recover the effect the model knows.
 *
 * In each replication r (seed `RandomStreams.forReplication(seed, r)`):
 * 1. the population is drawn and localities are randomised
 *    (`treatedLocalities`): `programme.rollout` as given if cluster-randomised;
 *    if absent or `{ kind: "all" }` (the default `parseScenario` fills in,
 *    so resolved scenarios can be passed), `{ kind: "clusterRandomised" }`,
 *    half of the localities treated;
 * 2. the roll-out is simulated and children aged `ages` are surveyed at the
 *    baseline and follow-up months ({@link collectSurvey});
 * 3. for each follow-up, on the children of `filter` ("poor" households by
 *    default): the difference of means treated − control at follow-up
 *    (`ittDifference`) and the difference-in-differences against baseline
 *    (`differenceInDifferences`), both with locality-clustered CR1 errors and
 *    t(G − 1) intervals;
 * 4. unless `truth: false`, the same population and streams are simulated
 *    with the programme in every locality and in none; since a child's draws
 *    do not depend on the programme (common random numbers), the difference
 *    in each surveyed child's enrolment between the two runs is that child's
 *    effect, and its mean over the analysed children is the true effect.
 *
 * Across replications: each estimator's mean, SD (its actual sampling
 * spread), mean cluster-robust SE (which should match the SD), bias, coverage
 * of its intervals and rejection rate of "no effect".
 *
 * Notes. Households do not interact in the model (no spill-overs), so the
 * control arm is a clean counterfactual; estimates from real data need not
 * enjoy this. With a phase-in (`controlStartMonth`) a follow-up after the
 * control start measures earlier versus later exposure, while the "true
 * effect" stays everywhere-vs-nowhere.
 *
 * @param input a scenario (data) with a programme; `seed` is replaced per replication.
 * @param options replications, seed, survey months, ages, filter, level.
 * @returns per follow-up: replication estimates and their summaries.
 * @throws RangeError on invalid options, a scenario without programme, or
 *   survey months beyond the run.
 *
 * @example
 * const res = rct({ months: 14, population: { households: 2000, localities: 50 },
 *   programme: { rule: { kind: "progresa" } } },
 *   { replications: 20, seed: 1, surveyMonths: { baseline: 1, followUps: [13] } });
 * const did = res.followUps[0]!.did;
 * [did.mean, did.sd, did.meanSe, did.truth, did.coverage]; // estimate, spread, SE, true effect, coverage
 */
export function rct(input: unknown, options: RctOptions): RctResult {
  const p = plan(options);
  const runs: ReplicationRun[] = [];
  for (let r = 0; r < options.replications; r++) {
    runs.push(runReplication(input, options.seed, r, p));
    options.onProgress?.(r + 1, options.replications);
  }
  const first = runs[0]!;
  const baselineYear = surveyYear(first.scenario.start, p.baseline);
  const followUps = p.followUps.map((month, j): RctFollowUp => {
    const reps = runs.map((run) => run.results[j]!);
    return {
      month,
      year: surveyYear(first.scenario.start, month),
      replications: reps,
      itt: summarise(
        reps,
        (r) => r.itt,
        (r) => r.trueEffect,
      ),
      did: summarise(
        reps,
        (r) => r.did,
        (r) => (r.trueEffect === null || r.trueBaselineEffect === null ? null : r.trueEffect - r.trueBaselineEffect),
      ),
      trueEffect: reps.every((r) => r.trueEffect !== null) ? mean(reps.map((r) => r.trueEffect as number)) : null,
    };
  });
  return {
    scenario: first.scenario,
    replications: options.replications,
    level: p.level,
    ages: [p.minAge, p.maxAge],
    filter: options.filter ?? "poor",
    surveyMonths: options.surveyMonths,
    baselineYear,
    followUps,
  };
}
