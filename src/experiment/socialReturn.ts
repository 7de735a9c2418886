/**
 * Returns of a programme from simulated lives: the adult earnings each person earns under the
 * scenario and under the baseline (common random numbers), month by month inside the run and,
 * after it, each person's remaining working life projected by the model's own equations
 * (docs/model.md, R1); against each month's actual costs. Two views: fiscal (benefits per unit
 * of public money spent, administration included) and social (transfers are transfers; the
 * costs are administration, the deadweight of raising the money and the children's forgone
 * earnings). Net present value, benefit-cost ratio and internal rate of return per replication
 * and across replications. See docs/evaluation.md.
 */
import { z } from "zod";
import type { ResolvedScenario } from "../config/scenario.js";
import { source } from "../foundation/source.js";
import type { Source, SourceMap } from "../foundation/source.js";
import { LIFETIME_YEARS } from "../outcomes/cohorts.js";
import type { Comparison } from "./compare.js";
import { meanInterval } from "./intervals.js";
import type { MeanInterval } from "./intervals.js";
import { ledgerMetric } from "./metrics.js";

/** Parameters of the evaluation (the earnings themselves come from the simulation). */
export const socialReturnParametersSchema = z.strictObject({
  /** Real discount rate per year. */
  discountRate: z.number().finite().gt(-1).max(10).default(0.05),
  /** Real growth of earnings per year from the run's start, which the simulation leaves out (applied to every earnings flow alike). */
  earningsGrowth: z.number().finite().gt(-1).max(1).default(0),
  /** Marginal cost of public funds: each unit of public money costs society this much (≥ 1; 1 = no deadweight). */
  marginalCostOfPublicFunds: z.number().finite().min(1).max(5).default(1.2),
  /** Value the working lives after the run (projected person by person); false: only the months simulated. */
  projectBeyondRun: z.boolean().default(true),
});

/** Evaluation parameters with every default filled in. */
export type SocialReturnParameters = z.output<typeof socialReturnParametersSchema>;
/** Evaluation parameters as users give them (every field optional). */
export type SocialReturnParametersInput = z.input<typeof socialReturnParametersSchema>;

/** The defaults. */
export const DEFAULT_SOCIAL_RETURN_PARAMETERS: SocialReturnParameters = socialReturnParametersSchema.parse({});

/** Where each default comes from. */
export const socialReturnParameterSources: SourceMap<SocialReturnParameters> = {
  discountRate: source.assumption("5% a year, real; the internal rate of return is reported beside it, to compare with about 8% [S17]"),
  earningsGrowth: source.assumption("0: the simulation holds real wages at their baseline level, so the evaluation adds no growth unless asked"),
  marginalCostOfPublicFunds: source.literature(
    "Dahlby (2008), The Marginal Cost of Public Funds: Theory and Applications, MIT Press",
    "1.2 is an assumption within the range of the estimates it surveys; set 1 for no deadweight of taxation",
  ),
  projectBeyondRun: source.assumption("working lives after the run are valued, projected by the model's own wage and work equations"),
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

/** Options of {@link socialReturn}. */
export interface SocialReturnOptions {
  /** Scenario the increments are taken against (default: the comparison's baseline). */
  readonly baseline?: string;
  /** Evaluation parameters (defaults: {@link DEFAULT_SOCIAL_RETURN_PARAMETERS}). */
  readonly parameters?: SocialReturnParametersInput;
  /** Confidence level of the intervals (default: the comparison's). */
  readonly level?: number;
}

/** Present values of the incremental costs by component, local currency at the run's start. */
export interface CostComponents {
  /** Transfers of offers conditioned on school attendance (education grants). */
  readonly educationGrants: number;
  /** Transfers of offers conditioned on health visits, not on school (food and health grants). */
  readonly foodHealthGrants: number;
  /** Every other transfer (unconditional, fixed, training and meeting stipends). */
  readonly otherTransfers: number;
  /** Administration: per beneficiary, verification, targeting. */
  readonly administration: number;
  /** Deadweight of raising the money: (MCPF − 1) × (transfers + administration). */
  readonly deadweight: number;
  /** Children's (under 18) earnings forgone: baseline minus scenario. */
  readonly forgoneChildEarnings: number;
}

/** One view (fiscal or social) in one replication. Money in local currency, present values at the run's start. */
export interface ReturnViewReplication {
  /** PV of the benefits counted in this view. */
  readonly pvBenefits: number;
  /** PV of the costs counted in this view. */
  readonly pvCosts: number;
  /** pvBenefits / pvCosts; null when pvCosts ≤ 0. */
  readonly benefitCostRatio: number | null;
  /** pvBenefits − pvCosts. */
  readonly netPresentValue: number;
  /** Rate at which the net stream's PV is 0; null when none lies in [−90%, 1000%]. */
  readonly internalRateOfReturn: number | null;
  /** Sign changes of the net stream (> 1: the IRR may not be unique). */
  readonly signChanges: number;
}

/** The figures of one replication. */
export interface SocialReturnReplication {
  /** Σ over cohorts of (mean grades under the scenario − under the baseline) × persons at the end; null without cohort metrics. */
  readonly extraYearsOfSchooling: number | null;
  /** PV of the adult (18+) labour earnings gained inside the run. */
  readonly pvAdultEarningsInRun: number;
  /** PV of the projected earnings gained after the run (0 when not projected). */
  readonly pvProjectedEarnings: number;
  /** Costs by component (PV). */
  readonly costs: CostComponents;
  /** Fiscal view: benefits are the families' earnings gained net of the children's forgone earnings; costs are transfers and administration. */
  readonly fiscal: ReturnViewReplication;
  /** Social view: benefits are the adult earnings gained; costs are administration, deadweight and the children's forgone earnings. */
  readonly social: ReturnViewReplication;
}

/** One view across replications. */
export interface ReturnView {
  /** PV of benefits, mean with its interval. */
  readonly pvBenefits: MeanInterval;
  /** PV of costs, mean with its interval. */
  readonly pvCosts: MeanInterval;
  /** Net present value, mean with its interval. */
  readonly netPresentValue: MeanInterval;
  /** Mean of the per-replication ratios; null unless every replication has one. */
  readonly benefitCostRatio: MeanInterval | null;
  /** mean pvBenefits / mean pvCosts; null when mean pvCosts ≤ 0. */
  readonly benefitCostRatioOfMeans: number | null;
  /** Mean of the per-replication IRRs; null unless every replication has one. */
  readonly internalRateOfReturn: MeanInterval | null;
  /** IRR of the mean net stream (more stable than the mean of IRRs). */
  readonly internalRateOfReturnOfMeans: number | null;
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
  /** Years simulated. */
  readonly runYears: number;
  /** The parameters used (defaults with the overrides applied). */
  readonly parameters: SocialReturnParameters;
  /** Source of every parameter. */
  readonly sources: SourceMap<SocialReturnParameters>;
  /** The figures of every replication. */
  readonly perReplication: readonly SocialReturnReplication[];
  /** Extra years of schooling at the end (person-years); null without cohort metrics. */
  readonly extraYearsOfSchooling: MeanInterval | null;
  /** PV of adult earnings gained inside the run. */
  readonly pvAdultEarningsInRun: MeanInterval;
  /** PV of projected earnings gained after the run. */
  readonly pvProjectedEarnings: MeanInterval;
  /** Costs by component (PV), each a mean with its interval. */
  readonly costs: { readonly [K in keyof CostComponents]: MeanInterval };
  /** Fiscal view: benefits per unit of fiscal cost (transfers and administration). */
  readonly fiscal: ReturnView;
  /** Social view: transfers are transfers; costs are administration, deadweight and forgone child earnings. */
  readonly social: ReturnView;
  /** What to compare the IRR with: about 8% for Progresa's grants via adult wages [S17]. */
  readonly reference: typeof PROGRESA_IRR_REFERENCE;
  /** Plain-language caveats, the assumption that grades become wages first. */
  readonly notes: readonly string[];
}

const COHORT_METRIC = /^cohorts\/(-?\d+)\/(boys|girls)\/meanGradesCompleted$/;

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

function viewOf(pvBenefits: number, pvCosts: number, stream: readonly CashFlow[]): ReturnViewReplication {
  return {
    pvBenefits,
    pvCosts,
    benefitCostRatio: pvCosts > 0 ? pvBenefits / pvCosts : null,
    netPresentValue: pvBenefits - pvCosts,
    internalRateOfReturn: internalRateOfReturn(stream),
    signChanges: signChanges(stream),
  };
}

function summariseView(views: readonly ReturnViewReplication[], streams: readonly CashFlow[][], level: number): ReturnView {
  const n = views.length;
  const pvB = meanInterval(
    views.map((v) => v.pvBenefits),
    level,
  );
  const pvC = meanInterval(
    views.map((v) => v.pvCosts),
    level,
  );
  const meanStream = mergeFlows(streams.flatMap((s) => s.map((f) => ({ time: f.time, amount: f.amount / n }))));
  return {
    pvBenefits: pvB,
    pvCosts: pvC,
    netPresentValue: meanInterval(
      views.map((v) => v.netPresentValue),
      level,
    ),
    benefitCostRatio: meanOrNull(
      views.map((v) => v.benefitCostRatio),
      level,
    ),
    benefitCostRatioOfMeans: pvC.mean > 0 ? pvB.mean / pvC.mean : null,
    internalRateOfReturn: meanOrNull(
      views.map((v) => v.internalRateOfReturn),
      level,
    ),
    internalRateOfReturnOfMeans: internalRateOfReturn(meanStream),
  };
}

/** The return to schooling of a resolved scenario's preset, for the note. */
function schoolingReturnNote(r: ResolvedScenario): string {
  const [men, women] = r.population.parameters.schoolingReturn;
  return (
    `adult earnings follow from grades completed by the preset's return to schooling (${(100 * men).toFixed(1)}% per grade for men, ${(100 * women).toFixed(1)}% for women; docs/model.md L1): ` +
    "that the extra grades become wages is the model's assumption — studies of CCTs find lasting schooling gains but mixed effects on adult earnings (Molina Millán et al. 2019)"
  );
}

/**
 * Returns of `scenario` against a baseline from simulated lives (docs/evaluation.md). In each
 * replication, with Δ the scenario's value minus the baseline's on the same population and draws:
 *
 * - every month t of the run (at time (t + ½)/12 years): Δ transfers paid, Δ administration,
 *   Δ adult (18+) labour earnings and Δ children's earnings (metrics "ledger/…/t");
 * - after the run, year k (at runYears + k + ½): Δ projected earnings of the persons alive at the
 *   end, each followed by the model's wage and work equations over the rest of life, weighted by
 *   survival (metrics "ledger/projectedEarnings/k"; docs/model.md R1);
 * - earnings grow by `earningsGrowth` a year from the start; everything is discounted at `discountRate`;
 * - fiscal view: benefits = Δ adult + Δ child earnings, costs = transfers + administration;
 * - social view: benefits = Δ adult earnings, costs = administration + (MCPF − 1)(transfers +
 *   administration) + forgone child earnings (−Δ child earnings);
 * - costs by component: transfers split in the proportions of the scenario's entitlements
 *   (education grants: offers conditioned on school; food and health grants: on health visits).
 *
 * Money is in the scenarios' currency and prices of the run's start (real).
 *
 * @throws Error if a scenario is missing, scenario and baseline differ in start or length or
 *   currency, or the ledger metrics are absent (a comparison made by an older version).
 */
export function socialReturn(comparison: Comparison, scenario: string, options: SocialReturnOptions = {}): SocialReturn {
  const baseline = options.baseline ?? comparison.baseline;
  const level = options.level ?? comparison.level;
  const p = socialReturnParametersSchema.parse(options.parameters ?? {});
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
  if (rs.population.parameters.currency !== rb.population.parameters.currency) {
    throw new Error(
      `socialReturn: "${scenario}" is in ${rs.population.parameters.currency} and "${baseline}" in ${rb.population.parameters.currency}; compare scenarios of one currency`,
    );
  }
  const n = comparison.replications;
  const months = rs.months;
  const series = (values: ReadonlyMap<string, readonly number[]>, name: string): readonly number[] => {
    const v = values.get(name);
    if (!v || v.length !== n) {
      throw new Error(`socialReturn: metric ${name} missing from the comparison (made by a version without the earnings ledger? re-run the comparison)`);
    }
    return v;
  };
  const delta = (flow: Parameters<typeof ledgerMetric>[0], index: number, r: number) =>
    (series(vs, ledgerMetric(flow, index))[r] as number) - (series(vb, ledgerMetric(flow, index))[r] as number);
  const discount = (time: number) => Math.pow(1 + p.discountRate, -time);
  const grow = (time: number) => Math.pow(1 + p.earningsGrowth, time);
  const runYears = months / 12;

  // Cost components: the scenario's entitlement shares (education, food and health, other).
  const own = (name: string) => vs.get(name)?.reduce((a, b) => a + b, 0) ?? 0;
  const entitled = own("totals/entitledLcu");
  const educationShare = entitled > 0 ? own("totals/entitledEducationLcu") / entitled : 0;
  const foodHealthShare = entitled > 0 ? own("totals/entitledFoodHealthLcu") / entitled : 0;

  // Extra years of schooling (a summary figure; benefits come from the earnings themselves).
  const cohortKeys = [...vs.keys()].filter((k) => COHORT_METRIC.test(k) && vb.get(k)?.length === n && vs.get(k)?.length === n);
  const extraYears = (r: number): number | null => {
    if (cohortKeys.length === 0) return null;
    let years = 0;
    for (const key of cohortKeys) {
      const persons = vs.get(key.replace(/meanGradesCompleted$/, "persons"));
      if (!persons || persons.length !== n) continue;
      years += ((vs.get(key)![r] as number) - (vb.get(key)![r] as number)) * (persons[r] as number);
    }
    return years;
  };

  const lambda = p.marginalCostOfPublicFunds - 1;
  const perReplication: SocialReturnReplication[] = [];
  const fiscalStreams: CashFlow[][] = [];
  const socialStreams: CashFlow[][] = [];
  for (let r = 0; r < n; r++) {
    let pvTransfers = 0;
    let pvAdministration = 0;
    let pvAdult = 0;
    let pvChild = 0;
    const fiscal: CashFlow[] = [];
    const social: CashFlow[] = [];
    for (let t = 0; t < months; t++) {
      const time = (t + 0.5) / 12;
      const d = discount(time);
      const transfers = delta("transfers", t, r);
      const administration = delta("administration", t, r);
      const adult = delta("adultEarnings", t, r) * grow(time);
      const child = delta("childEarnings", t, r) * grow(time);
      pvTransfers += transfers * d;
      pvAdministration += administration * d;
      pvAdult += adult * d;
      pvChild += child * d;
      fiscal.push({ time, amount: adult + child - transfers - administration });
      social.push({ time, amount: adult + child - administration - lambda * (transfers + administration) });
    }
    let pvProjected = 0;
    if (p.projectBeyondRun) {
      for (let k = 0; k < LIFETIME_YEARS; k++) {
        const time = runYears + k + 0.5;
        const gain = delta("projectedEarnings", k, r) * grow(time);
        if (gain === 0) continue;
        pvProjected += gain * discount(time);
        fiscal.push({ time, amount: gain });
        social.push({ time, amount: gain });
      }
    }
    const costs: CostComponents = {
      educationGrants: pvTransfers * educationShare,
      foodHealthGrants: pvTransfers * foodHealthShare,
      otherTransfers: pvTransfers * (1 - educationShare - foodHealthShare),
      administration: pvAdministration,
      deadweight: lambda * (pvTransfers + pvAdministration),
      forgoneChildEarnings: -pvChild,
    };
    const benefits = pvAdult + pvProjected;
    fiscalStreams.push(fiscal);
    socialStreams.push(social);
    perReplication.push({
      extraYearsOfSchooling: extraYears(r),
      pvAdultEarningsInRun: pvAdult,
      pvProjectedEarnings: pvProjected,
      costs,
      fiscal: viewOf(benefits + pvChild, pvTransfers + pvAdministration, fiscal),
      social: viewOf(benefits, costs.administration + costs.deadweight + costs.forgoneChildEarnings, social),
    });
  }

  const mi = (f: (x: SocialReturnReplication) => number) => meanInterval(perReplication.map(f), level);
  const notes: string[] = [schoolingReturnNote(rs)];
  notes.push(
    p.projectBeyondRun
      ? `after the run (${runYears} years), each person alive at the end is followed over the rest of life by the model's wage and work equations at the grades completed by then — a person still at school completes the current level (primary, lower or upper secondary) first — with the household's dependency hours at the end, survival by the preset's mortality, ${(100 * p.earningsGrowth).toFixed(1)}% real growth a year`
      : `only the ${runYears} years simulated are counted (projectBeyondRun: false): working lives after the run are left out`,
  );
  notes.push(
    "benefits are labour earnings only: consumption smoothing, the returns of productive assets, and health other than through adult height are not valued",
  );
  const noBcr = perReplication.filter((x) => x.fiscal.benefitCostRatio === null).length;
  if (noBcr > 0) notes.push(`incremental fiscal cost ≤ 0 in ${noBcr} replication(s): no fiscal benefit-cost ratio there (null)`);
  const multi = perReplication.filter((x) => x.social.signChanges > 1 || x.fiscal.signChanges > 1).length;
  if (multi > 0) notes.push(`a net stream changes sign more than once in ${multi} replication(s): the IRR may not be unique`);
  if (cohortKeys.length === 0) notes.push("the comparison has no cohort metrics: extra years of schooling are not reported");
  const years = perReplication.map((x) => x.extraYearsOfSchooling);
  return {
    scenario,
    baseline,
    level,
    replications: n,
    runYears,
    parameters: p,
    sources: socialReturnParameterSources,
    perReplication,
    extraYearsOfSchooling: years.every((y) => y !== null) ? meanInterval(years as number[], level) : null,
    pvAdultEarningsInRun: mi((x) => x.pvAdultEarningsInRun),
    pvProjectedEarnings: mi((x) => x.pvProjectedEarnings),
    costs: {
      educationGrants: mi((x) => x.costs.educationGrants),
      foodHealthGrants: mi((x) => x.costs.foodHealthGrants),
      otherTransfers: mi((x) => x.costs.otherTransfers),
      administration: mi((x) => x.costs.administration),
      deadweight: mi((x) => x.costs.deadweight),
      forgoneChildEarnings: mi((x) => x.costs.forgoneChildEarnings),
    },
    fiscal: summariseView(
      perReplication.map((x) => x.fiscal),
      fiscalStreams,
      level,
    ),
    social: summariseView(
      perReplication.map((x) => x.social),
      socialStreams,
      level,
    ),
    reference: PROGRESA_IRR_REFERENCE,
    notes,
  };
}
