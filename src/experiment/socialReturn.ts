/**
 * Social return of the extra schooling a scenario buys: the present value of
 * the adult earnings gain of the extra years of schooling (Mincer), against the
 * programme's cost; benefit-cost ratio, net present value and internal rate of
 * return, per replication and across replications. See docs/evaluation.md.
 */
import { z } from "zod";
import type { ResolvedScenario } from "../config/scenario.js";
import { source } from "../foundation/source.js";
import type { Source, SourceMap } from "../foundation/source.js";
import type { Comparison } from "./compare.js";
import { COST_METRIC } from "./costEffectiveness.js";
import { meanInterval } from "./intervals.js";
import type { MeanInterval } from "./intervals.js";

/**
 * Parameters of the social return. Defaults are for `mexico-rural-1997`
 * (pesos of 1997); money parameters must be given for any other preset.
 */
export const socialReturnParametersSchema = z
  .strictObject({
    /** Proportional adult earnings gain per extra year of schooling (Mincer coefficient), applied linearly. */
    mincerReturn: z.number().finite().min(0).max(1).default(0.09),
    /** Annual adult earnings at baseline schooling, local currency per year (prices of the run's start). */
    baseAnnualEarningsLcu: z.number().finite().positive().default(6960),
    /** Age at which working life starts (years). */
    workStartAge: z.number().finite().min(0).max(100).default(18),
    /** Age at which working life ends (years, exclusive). */
    workEndAge: z.number().finite().min(0).max(100).default(60),
    /** Real discount rate per year. */
    discountRate: z.number().finite().gt(-1).max(10).default(0.05),
    /** Real growth of earnings per year, from the run's start. */
    earningsGrowth: z.number().finite().gt(-1).max(1).default(0),
    /** Share of working-age years with earnings (employment × participation). */
    employmentShare: z.number().min(0).max(1).default(1),
    /**
     * Proportional adult earnings gain of each stunting case averted (a child
     * under 5 not stunted). 0: child health is left out of the benefits.
     */
    stuntingAvertedEarningsGain: z.number().finite().min(0).max(1).default(0),
  })
  .refine((p) => p.workEndAge > p.workStartAge, { message: "workEndAge must be above workStartAge", path: ["workEndAge"] });

/** Social-return parameters with every default filled in. */
export type SocialReturnParameters = z.output<typeof socialReturnParametersSchema>;
/** Social-return parameters as users give them (every field optional). */
export type SocialReturnParametersInput = z.input<typeof socialReturnParametersSchema>;

/** The defaults. */
export const DEFAULT_SOCIAL_RETURN_PARAMETERS: SocialReturnParameters = socialReturnParametersSchema.parse({});

/** Where each default comes from. */
export const socialReturnParameterSources: SourceMap<SocialReturnParameters> = {
  mincerReturn: source.literature(
    "Psacharopoulos & Patrinos (2018), 'Returns to investment in education: a decennial review of the global literature', Education Economics 26(5):445–458",
    "about 9% more earnings per year of schooling, world average; not in the evidence file",
  ),
  baseAnnualEarningsLcu: source.evidence(
    "S3",
    "a male day labourer earned about 29 pesos a day, about 580 a month at 20 days (evidence.md §3b); × 12 = 6,960 pesos a year (1997–98); applied to every adult",
  ),
  workStartAge: source.assumption("working life from age 18"),
  workEndAge: source.assumption("working life to age 60"),
  discountRate: source.assumption("5% a year, real"),
  earningsGrowth: source.assumption("no real earnings growth"),
  employmentShare: source.assumption("every working-age year earns the base wage (overstates for lower participation, e.g. of women)"),
  stuntingAvertedEarningsGain: source.assumption(
    "0: the evidence file gives no sourced link from child stunting to adult earnings, so health benefits are excluded; set a literature value to include them",
  ),
};

/** The reference the model's internal rate of return is compared with. */
export const PROGRESA_IRR_REFERENCE: {
  /** Internal rate of return, per year (0.08 = 8%). */
  readonly internalRateOfReturn: number;
  /** Where the figure comes from. */
  readonly source: Source;
} = {
  internalRateOfReturn: 0.08,
  source: source.evidence("S17", "internal rate of return of the Progresa grants via adult wages, about 8% (evidence.md §3)"),
};

/** Age, at the end of the run, at which a stunting case averted (a child under 5 over the final window) is valued. */
export const STUNTING_AVERTED_AGE_AT_END = 2.5;

/** A cash flow: `amount` (local currency, negative for costs) at `time` years from the reference date. */
export interface CashFlow {
  /** Years from the reference date. */
  readonly time: number;
  /** Local currency; negative for costs. */
  readonly amount: number;
}

/** Σ amount · (1 + rate)^(−time). */
export function presentValue(flows: readonly CashFlow[], rate: number): number {
  if (!(rate > -1)) throw new RangeError(`rate must be > −1, got ${rate}`);
  let pv = 0;
  for (const f of flows) pv += f.amount * Math.pow(1 + rate, -f.time);
  return pv;
}

/** Number of sign changes of a stream in time order (zeros skipped); one change ⇒ at most one IRR (Descartes). */
export function signChanges(flows: readonly CashFlow[]): number {
  let changes = 0;
  let last = 0;
  for (const f of [...flows].sort((a, b) => a.time - b.time)) {
    const s = Math.sign(f.amount);
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/**
 * Internal rate of return: the rate ρ with Σ amount · (1 + ρ)^(−time) = 0, by
 * bisection on [lower, upper] (default [−0.9, 10]). Returns null when the net
 * present value has the same sign at both ends (no rate in the bracket, e.g. a
 * stream of costs only). With more than one sign change in the stream several
 * rates may exist; bisection returns one (check with {@link signChanges}).
 *
 * @example
 * internalRateOfReturn([{ time: 0, amount: -100 }, { time: 1, amount: 110 }]); // ≈ 0.10
 */
export function internalRateOfReturn(flows: readonly CashFlow[], bracket: readonly [number, number] = [-0.9, 10]): number | null {
  let [lo, hi] = bracket;
  if (!(lo > -1 && hi > lo)) throw new RangeError(`bracket must satisfy −1 < lower < upper, got [${lo}, ${hi}]`);
  if (!flows.some((f) => f.amount !== 0)) return null; // every rate "works": no return to speak of
  let fLo = presentValue(flows, lo);
  const fHi = presentValue(flows, hi);
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi)) return null;
  if (fLo === 0) return lo;
  if (fHi === 0) return hi;
  if (Math.sign(fLo) === Math.sign(fHi)) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    const fMid = presentValue(flows, mid);
    if (fMid === 0) return mid;
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Cash flows of a proportional earnings gain `gainShare` (of base earnings) over
 * a person's remaining working life, for a person aged `ageNow` at time
 * `offset`: the year of age [a, a + 1) pays at its end, a + 1 (at time offset +
 * a + 1 − ageNow), pro rata for the part after ageNow and before workEndAge;
 * amounts grow by earningsGrowth from time 0.
 */
export function workingLifeFlows(gainShare: number, p: SocialReturnParameters, ageNow: number, offset = 0): CashFlow[] {
  const flows: CashFlow[] = [];
  const perYear = gainShare * p.baseAnnualEarningsLcu * p.employmentShare;
  for (let a = p.workStartAge; a < p.workEndAge; a++) {
    const yearEnd = Math.min(a + 1, p.workEndAge);
    const portion = yearEnd - Math.max(a, ageNow);
    if (portion <= 0) continue;
    const time = offset + yearEnd - ageNow;
    flows.push({ time, amount: perYear * portion * Math.pow(1 + p.earningsGrowth, time) });
  }
  return flows;
}

/**
 * Present value, at the time the person is `ageNow`, of the adult earnings gain
 * of `extraYears` more years of schooling for one person, in local currency:
 *
 *   PV = Σ over working years [a, a+1) ⊂ [workStartAge, workEndAge), a + 1 > ageNow, of
 *        β · extraYears · w · e · portion · ((1 + g) / (1 + r))^(a + 1 − ageNow)
 *
 * with β the Mincer return, w base annual earnings, e the employment share, g
 * earnings growth, r the discount rate, and portion the share of the year after
 * ageNow (1 for future years). For ageNow = workStartAge and g = 0 this is
 * β · extraYears · w · e · (1 − (1 + r)^(−n)) / r with n working years; a
 * younger person's is that times (1 + r)^(−(workStartAge − ageNow)).
 *
 * @example
 * lifetimeEarningsGain(1, {}, 18); // 0.09 × 6,960 × 17.4232… ≈ 10,914 pesos
 */
export function lifetimeEarningsGain(extraYears: number, params: SocialReturnParametersInput = {}, ageNow = 0): number {
  const p = socialReturnParametersSchema.parse(params);
  if (!Number.isFinite(extraYears) || !Number.isFinite(ageNow)) throw new RangeError("extraYears and ageNow must be finite");
  return presentValue(workingLifeFlows(p.mincerReturn * extraYears, p, ageNow), p.discountRate);
}

/** Options of {@link socialReturn}. */
export interface SocialReturnOptions {
  /** Scenario the increments are taken against (default: the comparison's baseline). */
  readonly baseline?: string;
  /** Parameters (defaults: {@link DEFAULT_SOCIAL_RETURN_PARAMETERS}; money ones are required outside mexico-rural-1997). */
  readonly parameters?: SocialReturnParametersInput;
  /** Confidence level of the intervals (default: the comparison's). */
  readonly level?: number;
}

/** The social return in one replication. Money in local currency, present values at the run's start. */
export interface SocialReturnReplication {
  /** Σ over cohorts of (mean grades under the scenario − under the baseline) × persons, at the end of the run. */
  readonly extraYearsOfSchooling: number;
  /** Stunted children under 5 fewer (final-window average); 0 when health is excluded. */
  readonly stuntingAverted: number;
  /** PV of the lifetime earnings gains from the extra schooling. */
  readonly pvSchoolingBenefits: number;
  /** PV of the earnings gains from stunting averted (0 when health is excluded). */
  readonly pvHealthBenefits: number;
  /** pvSchoolingBenefits + pvHealthBenefits. */
  readonly pvBenefits: number;
  /** PV of the incremental cost (transfers paid plus administrative cost). */
  readonly pvCosts: number;
  /** pvBenefits / pvCosts; null when pvCosts ≤ 0. */
  readonly benefitCostRatio: number | null;
  /** pvBenefits − pvCosts. */
  readonly netPresentValue: number;
  /** Rate at which PV benefits = PV costs; null when none lies in [−90%, 1000%]. */
  readonly internalRateOfReturn: number | null;
  /** Sign changes of the net cash-flow stream (> 1: the IRR may not be unique). */
  readonly signChanges: number;
}

/** Result of {@link socialReturn}. */
export interface SocialReturn {
  /** Name of the scenario evaluated. */
  readonly scenario: string;
  /** Name of the baseline it is compared with. */
  readonly baseline: string;
  /** Confidence level of the intervals, e.g. 0.95. */
  readonly level: number;
  /** Number of replications. */
  readonly replications: number;
  /** The parameters used (defaults with the overrides applied). */
  readonly parameters: SocialReturnParameters;
  /** Source of every parameter. */
  readonly sources: SourceMap<SocialReturnParameters>;
  /** Cohorts (birth year × sex) counted. */
  readonly cohorts: number;
  /** The figures of every replication. */
  readonly perReplication: readonly SocialReturnReplication[];
  /** Extra years of schooling (person-years), mean with its interval. */
  readonly extraYearsOfSchooling: MeanInterval;
  /** PV of benefits, local currency, mean with its interval. */
  readonly pvBenefits: MeanInterval;
  /** PV of incremental costs, local currency, mean with its interval. */
  readonly pvCosts: MeanInterval;
  /** Net present value, local currency, mean with its interval. */
  readonly netPresentValue: MeanInterval;
  /** Mean of the per-replication ratios; null unless every replication has one. */
  readonly benefitCostRatio: MeanInterval | null;
  /** mean pvBenefits / mean pvCosts; null when mean pvCosts ≤ 0. */
  readonly benefitCostRatioOfMeans: number | null;
  /** Mean of the per-replication IRRs; null unless every replication has one. */
  readonly internalRateOfReturn: MeanInterval | null;
  /** IRR of the mean cash-flow stream (more stable than the mean of IRRs). */
  readonly internalRateOfReturnOfMeans: number | null;
  /** What to compare the IRR with: about 8% for Progresa's grants via adult wages [S17]. */
  readonly reference: typeof PROGRESA_IRR_REFERENCE;
  /** Plain-language caveats. */
  readonly notes: readonly string[];
}

const COHORT_METRIC = /^cohorts\/(-?\d+)\/(boys|girls)\/meanGradesCompleted$/;

function yearMonth(text: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`socialReturn: bad start date "${text}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/**
 * Grades are credited at each school-year start after month 0 (docs/model.md,
 * S3): say how many transitions the run credits and how many months of
 * enrolment since the last one bring no grades yet.
 */
function schoolYearNote(r: ResolvedScenario): string {
  const start = yearMonth(r.start);
  const startMonth = r.population.parameters.schoolYearStartMonth;
  let transitions = 0;
  let last = -1;
  for (let t = 1; t < r.months; t++) {
    if (((start.month - 1 + t) % 12) + 1 === startMonth) {
      transitions++;
      last = t;
    }
  }
  const uncredited = last < 0 ? r.months : r.months - last;
  return (
    `schooling is counted as grades completed by the end of the run, credited at each school-year start (calendar month ${startMonth}): ` +
    `this run credits ${transitions} transition(s); enrolment in its last ${uncredited} month(s) brings no grades yet` +
    (uncredited > 1 ? " (end the run just after a school-year start to count the last school year)" : "") +
    "; grades after the run are not projected"
  );
}

/** Merge flows at equal times (to 1e-6 year), sorted by time. */
function mergeFlows(flows: readonly CashFlow[]): CashFlow[] {
  const byTime = new Map<number, number>();
  for (const f of flows) {
    const key = Math.round(f.time * 1e6);
    byTime.set(key, (byTime.get(key) ?? 0) + f.amount);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([k, amount]) => ({ time: k / 1e6, amount }));
}

function meanOrNull(values: readonly (number | null)[], level: number): MeanInterval | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length > 0 && defined.length === values.length ? meanInterval(defined, level) : null;
}

/**
 * Social return of the extra schooling of `scenario` against a baseline. In each replication:
 *
 * - extra years of schooling: Σ over birth cohorts and sexes of (mean grades
 *   completed at the end of the run under the scenario − under the baseline) ×
 *   persons (metrics `cohorts/<birthYear>/<sex>/…`);
 * - benefits: each cohort's extra years earn β · w · e a year over working life
 *   (see {@link lifetimeEarningsGain}), from its age at the end of the run
 *   (born mid-year), discounted to the run's start; plus, if
 *   stuntingAvertedEarningsGain > 0, stunting cases averted × that gain over
 *   the working life of a child aged 2.5 at the end;
 * - costs: incremental totals/costLcu (transfers plus administration), spread
 *   evenly over the programme's months (from its start month), month m at
 *   m / 12 years, discounted monthly;
 * - benefit-cost ratio, net present value, and the internal rate of return of
 *   that cash-flow stream (bisection).
 *
 * Money is in the scenarios' currency and prices of the run's start (real).
 *
 * @throws Error if a scenario is missing, scenario and baseline differ in start or
 *   length, cohort metrics are absent, or money parameters are missing for a
 *   preset other than mexico-rural-1997.
 */
export function socialReturn(comparison: Comparison, scenario: string, options: SocialReturnOptions = {}): SocialReturn {
  const baseline = options.baseline ?? comparison.baseline;
  const level = options.level ?? comparison.level;
  const input = options.parameters ?? {};
  const p = socialReturnParametersSchema.parse(input);
  const vs = comparison.values.get(scenario);
  const vb = comparison.values.get(baseline);
  if (!vs || !vb) throw new Error(`socialReturn: no scenario "${vs ? baseline : scenario}" in the comparison (${comparison.scenarios.join(", ")})`);
  if (scenario === baseline) throw new Error(`socialReturn: scenario and baseline are both "${scenario}"`);
  const rs: ResolvedScenario | undefined = comparison.resolved[scenario];
  const rb: ResolvedScenario | undefined = comparison.resolved[baseline];
  if (!rs || !rb) throw new Error("socialReturn: the comparison lacks the resolved scenarios (start date and length are needed)");
  if (rs.start !== rb.start || rs.months !== rb.months) {
    throw new Error(
      `socialReturn: "${scenario}" (${rs.start}, ${rs.months} months) and "${baseline}" (${rb.start}, ${rb.months} months) must cover the same months`,
    );
  }
  for (const r of [rs, rb]) {
    if (r.population.preset !== "mexico-rural-1997" && input.baseAnnualEarningsLcu === undefined) {
      throw new Error(
        `socialReturn: the default baseAnnualEarningsLcu (6,960) is in 1997 pesos for mexico-rural-1997; give parameters.baseAnnualEarningsLcu for preset ${r.population.preset}`,
      );
    }
  }
  const n = comparison.replications;
  const full = (v: readonly number[] | undefined): v is readonly number[] => v !== undefined && v.length === n;

  // ---- timing: the run ends `months` months after the start of month 0
  const start = yearMonth(rs.start);
  const runYears = rs.months / 12;
  const endYear = start.year + (start.month - 1 + rs.months) / 12;
  const programmeStart = Math.min(rs.programme?.startMonth ?? rb.programme?.startMonth ?? 0, rs.months - 1);

  // ---- cohorts
  const notes: string[] = [];
  const cohorts: { ageAtEnd: number; gradesS: readonly number[]; gradesB: readonly number[]; persons: readonly number[] }[] = [];
  const keys = new Set([...vs.keys(), ...vb.keys()].filter((k) => COHORT_METRIC.test(k)));
  let skipped = 0;
  for (const key of keys) {
    const m = COHORT_METRIC.exec(key)!;
    const gradesS = vs.get(key);
    const gradesB = vb.get(key);
    const persons = vs.get(`cohorts/${m[1]}/${m[2]}/persons`);
    if (!full(gradesS) || !full(gradesB) || !full(persons)) {
      skipped++;
      continue;
    }
    cohorts.push({ ageAtEnd: endYear - (Number(m[1]) + 0.5), gradesS, gradesB, persons });
  }
  if (cohorts.length === 0) {
    throw new Error("socialReturn: the comparison has no cohort metrics (cohorts/<birthYear>/<sex>/meanGradesCompleted and …/persons)");
  }
  if (skipped > 0)
    notes.push(
      `${skipped} cohort(s) not present in every replication of both scenarios were left out (cohorts born near the end of the run, with no schooling yet)`,
    );

  const costS = vs.get(COST_METRIC);
  const costB = vb.get(COST_METRIC);
  if (!full(costS) || !full(costB)) throw new Error(`socialReturn: metric ${COST_METRIC} missing`);
  const stuntedMetric = "all/stuntedChildren";
  const stuntedS = vs.get(stuntedMetric);
  const stuntedB = vb.get(stuntedMetric);
  const withHealth = p.stuntingAvertedEarningsGain > 0;
  if (withHealth && (!full(stuntedS) || !full(stuntedB)))
    throw new Error(`socialReturn: metric ${stuntedMetric} missing (needed for stuntingAvertedEarningsGain > 0)`);
  if (!withHealth)
    notes.push("child health is excluded from the benefits (stuntingAvertedEarningsGain = 0: no sourced health–earnings link in the evidence file)");

  const costMonths = rs.months - programmeStart;
  const streams: CashFlow[][] = [];
  const perReplication: SocialReturnReplication[] = [];
  for (let r = 0; r < n; r++) {
    const schooling: CashFlow[] = [];
    let extraYears = 0;
    for (const c of cohorts) {
      const years = (c.gradesS[r]! - c.gradesB[r]!) * c.persons[r]!;
      if (years === 0) continue;
      extraYears += years;
      schooling.push(...workingLifeFlows(p.mincerReturn * years, p, c.ageAtEnd, runYears));
    }
    const stuntingAverted = withHealth ? stuntedB![r]! - stuntedS![r]! : 0;
    const health = withHealth ? workingLifeFlows(p.stuntingAvertedEarningsGain * stuntingAverted, p, STUNTING_AVERTED_AGE_AT_END, runYears) : [];
    const cost = costS[r]! - costB[r]!;
    const costs: CashFlow[] = [];
    for (let m = programmeStart; m < rs.months; m++) costs.push({ time: m / 12, amount: -cost / costMonths });
    const pvSchoolingBenefits = presentValue(schooling, p.discountRate);
    const pvHealthBenefits = presentValue(health, p.discountRate);
    const pvBenefits = pvSchoolingBenefits + pvHealthBenefits;
    const pvCosts = -presentValue(costs, p.discountRate);
    const stream = mergeFlows([...costs, ...schooling, ...health]);
    streams.push(stream);
    perReplication.push({
      extraYearsOfSchooling: extraYears,
      stuntingAverted,
      pvSchoolingBenefits,
      pvHealthBenefits,
      pvBenefits,
      pvCosts,
      benefitCostRatio: pvCosts > 0 ? pvBenefits / pvCosts : null,
      netPresentValue: pvBenefits - pvCosts,
      internalRateOfReturn: internalRateOfReturn(stream),
      signChanges: signChanges(stream),
    });
  }

  const meanStream = mergeFlows(streams.flatMap((s) => s.map((f) => ({ time: f.time, amount: f.amount / n }))));
  const pick = (f: (x: SocialReturnReplication) => number) => perReplication.map(f);
  const pvB = meanInterval(
    pick((x) => x.pvBenefits),
    level,
  );
  const pvC = meanInterval(
    pick((x) => x.pvCosts),
    level,
  );
  const noBcr = perReplication.filter((x) => x.benefitCostRatio === null).length;
  if (noBcr > 0) notes.push(`PV of incremental cost ≤ 0 in ${noBcr} replication(s): no benefit-cost ratio there (null)`);
  const noIrr = perReplication.filter((x) => x.internalRateOfReturn === null).length;
  if (noIrr > 0) notes.push(`no internal rate of return in [−90%, 1000%] in ${noIrr} replication(s) (null): benefits and costs do not cross`);
  const multi = perReplication.filter((x) => x.signChanges > 1).length;
  if (multi > 0)
    notes.push(`the net cash flow changes sign more than once in ${multi} replication(s) (some cohorts lose schooling): the IRR may not be unique`);
  notes.push(schoolYearNote(rs));
  notes.push("costs are the whole programme's (every grant component and administration), benefits only schooling's; foregone child earnings are not counted");
  return {
    scenario,
    baseline,
    level,
    replications: n,
    parameters: p,
    sources: socialReturnParameterSources,
    cohorts: cohorts.length,
    perReplication,
    extraYearsOfSchooling: meanInterval(
      pick((x) => x.extraYearsOfSchooling),
      level,
    ),
    pvBenefits: pvB,
    pvCosts: pvC,
    netPresentValue: meanInterval(
      pick((x) => x.netPresentValue),
      level,
    ),
    benefitCostRatio: meanOrNull(
      perReplication.map((x) => x.benefitCostRatio),
      level,
    ),
    benefitCostRatioOfMeans: pvC.mean > 0 ? pvB.mean / pvC.mean : null,
    internalRateOfReturn: meanOrNull(
      perReplication.map((x) => x.internalRateOfReturn),
      level,
    ),
    internalRateOfReturnOfMeans: internalRateOfReturn(meanStream),
    reference: PROGRESA_IRR_REFERENCE,
    notes,
  };
}
