import { z } from "zod";
import { between, moneyAmount } from "../foundation/ranges.js";
import { behaviourOverrideSchema, behaviourParametersSchema } from "../behaviour/parameters.js";
import type { BehaviourParameters } from "../behaviour/parameters.js";
import { populationOverrideSchema, populationParametersSchema } from "../population/parameters.js";
import type { PopulationParameters } from "../population/parameters.js";
import { PRESET_NAMES, presets } from "../population/presets/index.js";
import type { PresetName } from "../population/presets/index.js";
import { MAX_RULE_NESTING, ruleFromSpec, ruleSpecSchema, tooDeepRule } from "../rules/specs.js";
import type { RuleSpec } from "../rules/specs.js";
import { isTransferRule } from "../rules/types.js";
import type { PaymentSchedule, TransferRule } from "../rules/types.js";
import { interactionsSchema } from "./interactions.js";
import type { Interactions } from "./interactions.js";
import { ScenarioError } from "./scenarioError.js";
import type { ScenarioProblem } from "./scenarioError.js";

/** How neighbours perceive welfare in community and hybrid targeting (see `perceivedWelfare`). */
const communityPerceptionFields = {
  /** Standard deviation of the neighbours' perception error, log points (default 0.5). */
  perceptionNoiseSd: between(0, 5, { unit: "log points" }).default(0.5),
  /** Share of households connected to the local elite, 0..1 (default 0.1). */
  eliteShare: z.number().min(0).max(1).default(0.1),
  /** How much poorer elite-connected households are made to appear, log points (default 0). */
  eliteCapture: between(0, 5, { unit: "log points" }).default(0),
};

/** Who is enrolled in the programme: targeting kinds (docs/model.md, "Means test and targeting"). */
export const targetingSchema = z.discriminatedUnion("kind", [
  /** Every household. */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("all"),
  }),
  /** Every household (the policy term for `all`). */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("universal"),
  }),
  /**
   * Households with a member in any of the listed categories at the programme's start:
   * a child of school age (6–17), a child under 5, a pregnant member, an elderly member (60+).
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("categorical"),
    /** Categories that qualify a household (at least one). */
    categories: z.array(z.enum(["schoolAgeChild", "under5", "pregnant", "elderly"])).min(1),
  }),
  /**
   * The poorest localities first: localities ranked by their households' mean means-test score
   * (lowest first) until `localityShare` of localities are covered; every household there is enrolled.
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("geographic"),
    /** Share of localities covered, 0..1. */
    localityShare: z.number().min(0).max(1),
  }),
  /**
   * A proxy-means test fitted on a survey sample: ordinary least squares of log
   * consumption per adult equivalent (relative to the poverty line) on observable
   * proxies (dirt floor, assets, head's schooling, log household size, indigenous,
   * share of children under 15) among a random `surveyShare` of households; every
   * household is then scored by its predicted consumption (poverty lines). Enrol
   * by `threshold` (score below it) or by `quota` (the poorest-scoring share of households) — one of the two.
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("pmt"),
    /** Share of households in the survey sample the test is fitted on, (0, 1] (default 0.1). */
    surveyShare: z.number().gt(0).max(1).default(0.1),
    /** Enrol households whose score is below this, poverty lines (consumption per adult equivalent). */
    threshold: between(0, 100, { minOpen: true, unit: "poverty lines" }).optional(),
    /** Enrol the poorest-scoring share of households, 0..1. */
    quota: z.number().min(0).max(1).optional(),
  }),
  /**
   * Community targeting: in each locality, neighbours rank households by perceived
   * welfare and the poorest-ranked `share` of its households are enrolled. Perceived
   * log welfare = true log consumption per adult equivalent + N(0, perceptionNoiseSd²)
   * − eliteCapture for households connected to the local elite (a random `eliteShare`).
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("community"),
    /** Share of each locality's households enrolled (poorest-ranked first), 0..1. */
    share: z.number().min(0).max(1),
    ...communityPerceptionFields,
  }),
  /**
   * Hybrid: the community's list (as in `community`) verified by a proxy-means test
   * (as in `pmt`): a listed household is enrolled only if its PMT score is below `pmtThreshold`.
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("hybrid"),
    /** Share of each locality's households on the community's list (poorest-ranked first), 0..1. */
    share: z.number().min(0).max(1),
    ...communityPerceptionFields,
    /** Share of households in the survey sample the PMT is fitted on, (0, 1] (default 0.1). */
    surveyShare: z.number().gt(0).max(1).default(0.1),
    /** A listed household is enrolled only if its PMT score is below this, poverty lines. */
    pmtThreshold: between(0, 100, { minOpen: true, unit: "poverty lines" }),
  }),
  /** Households classified poor by the population's means test (score below the preset's cut-off). */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("poor"),
  }),
  /** Households whose means-test score (predicted consumption per adult equivalent / poverty line) is below a threshold. */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("meansTest"),
    /** Enrol households whose score is below this, poverty lines (e.g. 1: predicted consumption below the line). */
    threshold: between(0, 100, { minOpen: true, unit: "poverty lines" }),
  }),
  /**
   * A quota set by a budget: households in order of means-test score (poorest first) are
   * enrolled while the sum of their full monthly entitlements (every condition met, after
   * the cap, in the programme's first month) stays within the budget.
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("budget"),
    /** Budget for the first month's full entitlements, local currency per month. */
    budgetLcuPerMonth: moneyAmount("local currency per month"),
  }),
]);

/** Targeting as resolved. */
export type Targeting = z.infer<typeof targetingSchema>;

/** How the programme reaches localities. */
export const rolloutSchema = z.discriminatedUnion("kind", [
  /** Every locality from the programme's start month. */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("all"),
  }),
  /**
   * A cluster-randomised evaluation like Progresa's: a random round(treatedShare × localities)
   * localities get the programme from its start month; the others (control) from
   * `controlStartMonth` if given (phase-in), else never.
   */
  z.strictObject({
    /** Discriminant. */
    kind: z.literal("clusterRandomised"),
    /** Share of localities treated from the start month, 0..1 (default 0.5). */
    treatedShare: z.number().min(0).max(1).default(0.5),
    /** Month index from which control localities get the programme too (phase-in); default never. */
    controlStartMonth: between(0, 1200, { int: true, unit: "months" }).optional(),
  }),
]);

/** Roll-out as resolved. */
export type Rollout = z.infer<typeof rolloutSchema>;

/** Administrative cost of a programme, added to transfers in its cost and reported apart from them. */
export const administrativeCostSchema = z.strictObject({
  /** Local currency per beneficiary household per month (delivery, case management). */
  perBeneficiaryMonthLcu: moneyAmount("local currency per beneficiary household-month").default(0),
  /** Share of transfers paid (e.g. 0.09: Progresa's administration was about 9% of cost [S15]). */
  shareOfTransfers: z.number().min(0).max(10).default(0),
  /** Local currency per condition verified (school or clinic records, meeting lists). */
  perVerificationLcu: moneyAmount("local currency per condition verified").default(0),
  /**
   * One-off cost of the targeting exercise, local currency per household assessed (a census or
   * registry survey for a means test, a ranking meeting for community targeting): every household
   * except under `all`/`universal` targeting, charged in the programme's first month.
   */
  targetingSurveyPerHouseholdLcu: moneyAmount("local currency per household").default(0),
});

/**
 * A budget constraint: the programme may spend at most `lcuPerMonth` on transfers in its first
 * month (full entitlements, every condition met, after the cap). "quota" enrols targeted households
 * poorest first by the targeting score while the budget lasts; "scaleAmounts" enrols every targeted
 * household and scales every amount (and the cap) by budget ÷ full cost when that is below 1.
 */
export const budgetSchema = z.strictObject({
  /** Most spent on transfers in the first month (full entitlements), local currency per month. */
  lcuPerMonth: moneyAmount("local currency per month"),
  /** How the budget binds: enrol poorest first while it lasts ("quota", default) or scale every amount ("scaleAmounts"). */
  enforce: z.enum(["quota", "scaleAmounts"]).default("quota"),
});

/** Budget constraint as resolved. */
export type Budget = z.infer<typeof budgetSchema>;

/**
 * Inflation and indexation. Amounts are set in currency of the programme's first month; prices
 * rise at `annualInflation`, so an amount not indexed loses real value month by month. Every
 * `everyMonths` months from the start amounts are raised to restore their real value (0: never;
 * 1: every month, i.e. fully indexed). The model's incomes and poverty line are real, so only the
 * transfers are deflated.
 */
export const indexationSchema = z.strictObject({
  /** Annual inflation rate, 0..1 (e.g. 0.04). */
  annualInflation: z.number().min(0).max(1).default(0),
  /** Months between indexations (0: never indexed). */
  everyMonths: z.int().min(0).max(120).default(0),
});

/** Indexation as resolved. */
export type Indexation = z.infer<typeof indexationSchema>;

/**
 * How conditions are checked (programme operations): each condition is verified with a
 * probability, verification errs both ways, unverified conditions count as met ("soft"
 * conditionality) or not ("hard"), and repeated failure suspends a household until it
 * complies again. The defaults verify everything without error and never suspend.
 */
export const monitoringSchema = z.strictObject({
  /** Probability that a condition is verified this month, 0..1. */
  verificationProbability: z.number().min(0).max(1).default(1),
  /** Probability that a condition that holds is reported as unmet (e.g. a pupil present reported absent), 0..1. */
  falseFailureRate: z.number().min(0).max(1).default(0),
  /** Probability that an unmet condition is reported as met, 0..1. */
  falsePassRate: z.number().min(0).max(1).default(0),
  /** Unverified conditions: "honour" them (soft conditionality) or "withhold" the component (hard). */
  unverified: z.enum(["honour", "withhold"]).default("honour"),
  /** Suspend a household after this many consecutive months with a condition reported unmet (0: never). */
  suspendAfterFailures: z.int().min(0).max(120).default(0),
  /** Reinstate a suspended household after this many consecutive months with every condition reported met. */
  reinstateAfterCompliantMonths: z.int().min(1).max(120).default(1),
});

/** Monitoring as resolved. */
export type Monitoring = z.infer<typeof monitoringSchema>;

/** Payment schedule as data. */
export const paymentScheduleSchema = z.strictObject({
  /** Pay every k months, 1..12 (1 = monthly, 2 = bimonthly, 3 = quarterly …). */
  everyMonths: z.int().min(1).max(12),
  /** Calendar month (1..12) of one payment; the others follow every `everyMonths` (default 1, January). */
  anchorCalendarMonth: z.int().min(1).max(12).default(1),
  /** Months between earning an entitlement and the first payment that may include it, 0..12 (default 0). */
  lagMonths: z.int().min(0).max(12).default(0),
});

/** Most spare person slots a household may reserve for births (slots are counted in a byte). */
const MAX_SPARE_SLOTS = 30;

/** The object without keys whose value is undefined. */
function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Default memory limit of one run: 8 GiB (raise it on bigger machines, or shard). */
export const DEFAULT_MEMORY_LIMIT_BYTES = 8 * 2 ** 30;

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a "YYYY-MM" date' });

/** Schema of a scenario as users write it (JSON-able except for code rules). */
export const scenarioSchema = z.strictObject({
  /** Name used in reports, 1 to 200 characters (it is the first cell of every exported row). */
  name: z.string().min(1).max(200).default("scenario"),
  /** Seed of every random stream; string or finite number. */
  seed: z
    .union([
      z.string(),
      z
        .number()
        .finite()
        .transform((v) => (v === 0 ? 0 : v)),
    ])
    .default(1), // −0 → 0: JSON cannot keep −0
  /** Number of months simulated (≥ 1). */
  months: z.int().min(1).max(1200).default(36),
  /** Calendar month of month 0, "YYYY-MM"; default: the preset's. */
  start: yearMonth.optional(),
  /** The synthetic population: preset, size and parameter overrides. */
  population: z
    .strictObject({
      /** Preset of population and behaviour parameters (default "mexico-rural-1997"). */
      preset: z.enum(PRESET_NAMES).default("mexico-rural-1997"),
      /** Number of households. */
      households: z.int().min(1).max(100_000_000).default(20_000),
      /** Number of localities; default: one per 40 households. */
      localities: between(1, 100_000_000, { int: true }).optional(),
      /** Extra person slots per household for births; default grows with the horizon. */
      spareSlotsPerHousehold: z.int().min(0).max(MAX_SPARE_SLOTS).optional(),
      /** Overrides of the preset's population parameters. */
      parameters: populationOverrideSchema.default({}),
    })
    .default({ preset: "mexico-rural-1997", households: 20_000, parameters: {} }),
  /** Overrides of the preset's behavioural parameters. */
  behaviour: behaviourOverrideSchema.default({}),
  /** How households interact inside their locality (default: not at all). */
  interactions: interactionsSchema.prefault({}),
  /** Resource limits checked before a run allocates anything. */
  limits: z
    .strictObject({
      /** Largest estimated memory of one run, bytes (see estimateMemoryBytes). */
      memoryBytes: between(0, 2 ** 50, { minOpen: true, unit: "bytes" }).default(DEFAULT_MEMORY_LIMIT_BYTES),
    })
    .prefault({}),
  /** The programme, or null for none. */
  programme: z
    .strictObject({
      /** Name used in reports; default: the rule's name. */
      name: z.string().min(1).optional(),
      /** Transfer rule as data (`{ kind: "progresa" }`) or as code (a TransferRule object). */
      rule: z.union([ruleSpecSchema, z.custom<TransferRule>(isTransferRule, { message: "a rule spec { kind: … } or a TransferRule object" })]),
      /** Who is enrolled. */
      targeting: targetingSchema.default({ kind: "poor" }),
      /** Payment schedule; default: the rule's own. */
      payment: paymentScheduleSchema.optional(),
      /** Month index in which the programme starts (before it, nothing is offered). */
      startMonth: between(0, 1200, { int: true, unit: "months" }).default(0),
      /**
       * Month index from which the programme offers nothing more (null: it runs to the end).
       * Entitlements earned before are still paid; households' expectations drop with the offers.
       */
      endMonth: between(1, 1200, { int: true, unit: "months" }).nullable().default(null),
      /** Which localities get it when (default: all from the start month). */
      rollout: rolloutSchema.default({ kind: "all" }),
      /** Administrative cost added to transfers (default none). */
      administrativeCost: administrativeCostSchema.prefault({}),
      /** Budget constraint on transfers (default none). */
      budget: budgetSchema.nullable().optional(),
      /** Inflation and indexation of amounts (default: no inflation). */
      indexation: indexationSchema.prefault({}),
      /** How conditions are verified, and penalties (default: perfect verification, no suspension). */
      monitoring: monitoringSchema.prefault({}),
      /**
       * Recertification (default: never): every `everyMonths` months after the start the programme
       * measures each enrolled household's consumption per adult equivalent; above `exitThreshold`
       * (in poverty lines) it graduates after `graceMonths`; a graduated household that is back
       * below the threshold at a later recertification re-enters when `reentry` is true.
       */
      recertification: z
        .strictObject({
          /** Months between recertifications (0: never, the default). */
          everyMonths: z.int().min(0).max(120).default(0),
          /** Consumption per adult equivalent above which a household graduates, poverty lines (default 1.5). */
          exitThreshold: between(0, 100, { minOpen: true, unit: "poverty lines" }).default(1.5),
          /** Months a household found above the threshold keeps the programme before it exits (default 0). */
          graceMonths: z.int().min(0).max(120).default(0),
          /** Whether a graduated household back below the threshold re-enters (default true). */
          reentry: z.boolean().default(true),
        })
        .prefault({}),
      /** Take-up by eligible households (default: full). */
      takeUp: z
        .strictObject({
          /** Probability that an eligible household knows of the programme, 0..1. */
          informationRate: z.number().min(0).max(1).default(1),
          /** Cost of travel to the pay point, local currency per km (each way), weighed against one payment period's benefit. */
          travelCostLcuPerKm: moneyAmount("local currency per km").default(0),
        })
        .prefault({}),
      /**
       * What a misbehaving rule does (throws, or offers NaN, a negative or an absurd amount):
       * "stop" the run with a RuleError, or "skip" the offer (all offers if it threw) and count it.
       */
      onRuleError: z.enum(["stop", "skip"]).default("stop"),
      /** Largest credible single offer, local currency per month; default 100 poverty lines. */
      maxOfferLcuPerMonth: between(0, 1e12, { minOpen: true, unit: "local currency per month" }).optional(),
    })
    .nullable()
    .default(null),
});

/** A scenario as users write it. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** The programme of a resolved scenario. */
export interface ResolvedProgramme {
  /** Name used in reports. */
  readonly name: string;
  /** The rule as data, or the user's TransferRule object. */
  readonly rule: RuleSpec | TransferRule;
  /** Who is enrolled. */
  readonly targeting: Targeting;
  /** When entitlements are paid. */
  readonly payment: PaymentSchedule;
  /** First month (index) with offers. */
  readonly startMonth: number;
  /** First month (index) without offers again; null: the programme runs to the end of the run. */
  readonly endMonth: number | null;
  /** Which localities get the programme when. */
  readonly rollout: Rollout;
  /** Administrative cost, added to transfers in the programme's cost. */
  readonly administrativeCost: {
    /** Local currency per beneficiary household per month. */
    readonly perBeneficiaryMonthLcu: number;
    /** Share of transfers paid. */
    readonly shareOfTransfers: number;
    /** Local currency per condition verified. */
    readonly perVerificationLcu: number;
    /** One-off targeting cost, local currency per household assessed. */
    readonly targetingSurveyPerHouseholdLcu: number;
  };
  /** Budget constraint on transfers, or null. */
  readonly budget: Budget | null;
  /** Inflation and indexation of amounts. */
  readonly indexation: Indexation;
  /** How conditions are verified, and penalties. */
  readonly monitoring: Monitoring;
  /** Recertification, graduation and re-entry. */
  readonly recertification: {
    /** Months between recertifications (0: never). */
    readonly everyMonths: number;
    /** Exit threshold, poverty lines of consumption per adult equivalent. */
    readonly exitThreshold: number;
    /** Months of grace before a household above the threshold exits. */
    readonly graceMonths: number;
    /** Whether graduated households may re-enter. */
    readonly reentry: boolean;
  };
  /** Take-up by eligible households. */
  readonly takeUp: {
    /** Probability that an eligible household knows of the programme, 0..1. */
    readonly informationRate: number;
    /** Cost of travel to the pay point, local currency per km (each way). */
    readonly travelCostLcuPerKm: number;
  };
  /** What a misbehaving rule does: stop the run, or skip the offer and count it. */
  readonly onRuleError: "stop" | "skip";
  /** Largest credible single offer, local currency per month. */
  readonly maxOfferLcuPerMonth: number;
}

/** A scenario with every default filled in: exactly what runs. */
export interface ResolvedScenario {
  /** Name used in reports. */
  readonly name: string;
  /** Seed of every random stream. */
  readonly seed: string | number;
  /** Number of months simulated. */
  readonly months: number;
  /** "YYYY-MM" of month 0. */
  readonly start: string;
  /** The synthetic population. */
  readonly population: {
    /** Preset the parameters start from. */
    readonly preset: PresetName;
    /** Number of households. */
    readonly households: number;
    /** Number of localities. */
    readonly localities: number;
    /** Extra person slots per household for births. */
    readonly spareSlotsPerHousehold: number;
    /** Population parameters: the preset's with the overrides applied. */
    readonly parameters: PopulationParameters;
  };
  /** Behavioural parameters: the preset's with the overrides applied. */
  readonly behaviour: BehaviourParameters;
  /** How households interact inside their locality. */
  readonly interactions: Interactions;
  /** The programme, or null for none. */
  readonly programme: ResolvedProgramme | null;
  /** Resource limits. */
  readonly limits: {
    /** Largest estimated memory of one run, bytes. */
    readonly memoryBytes: number;
  };
}

const MONTHLY: PaymentSchedule = { everyMonths: 1, anchorCalendarMonth: 1, lagMonths: 0 };

/**
 * Validate a scenario and fill every default (preset parameters, start date,
 * localities, payment schedule).
 * @throws {ScenarioError} listing every bad field with its path, what was expected and what was found
 * @example
 * const s = parseScenario({ population: { households: 1000 }, programme: { rule: { kind: "progresa" } } });
 * s.programme?.payment.everyMonths; // 2 (Progresa pays bimonthly)
 */
export function parseScenario(input: unknown): ResolvedScenario {
  const deep = tooDeepRule((input as { programme?: { rule?: unknown } } | null | undefined)?.programme?.rule);
  if (deep !== null) {
    throw new ScenarioError([
      {
        path: `programme.rule.${deep}`,
        expected: `combine specs nested at most ${MAX_RULE_NESTING} deep (flatten the rules into one combine)`,
        found: "a deeper rule",
      },
    ]);
  }
  const parsed = scenarioSchema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw ScenarioError.fromZod(parsed.error.issues);
  const s = parsed.data;
  const preset = presets[s.population.preset];
  const problems: ScenarioProblem[] = [];

  // Copies, so a resolved scenario never shares arrays with the presets; keys set to
  // undefined mean "not given" and keep the preset's value.
  const populationParameters = structuredClone({ ...preset.population, ...definedOnly(s.population.parameters) });
  const behaviour = structuredClone({ ...preset.behaviour, ...definedOnly(s.behaviour) });
  // Re-check merged parameters: overrides were partial, the whole must still hold together.
  const pp = populationParametersSchema.safeParse(populationParameters, { reportInput: true });
  if (!pp.success) problems.push(...ScenarioError.fromZod(pp.error.issues, ["population", "parameters"]).problems);
  const bp = behaviourParametersSchema.safeParse(behaviour, { reportInput: true });
  if (!bp.success) problems.push(...ScenarioError.fromZod(bp.error.issues, ["behaviour"]).problems);
  problems.push(...crossFieldProblems(populationParameters, behaviour));

  const localities = s.population.localities ?? Math.max(1, Math.round(s.population.households / 40));
  if (localities > s.population.households) {
    problems.push({
      path: "population.localities",
      expected: `at most the number of households (${s.population.households})`,
      found: String(localities),
    });
  }
  // Dates print as YYYY-MM: the run must end by December 9999.
  const start = s.start ?? preset.defaultStart;
  const [startYear = 0, startMonth = 1] = start.split("-").map(Number);
  const lastIndex = startYear * 12 + (startMonth - 1) + s.months - 1;
  if (lastIndex > 9999 * 12 + 11) {
    problems.push({
      path: "months",
      expected: `a run that ends by 9999-12 (from ${start}: at most ${9999 * 12 + 11 - (startYear * 12 + startMonth - 1) + 1} months)`,
      found: String(s.months),
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  if (s.programme) problems.push(...programmeProblems(s.programme, s.months, s.population.households, populationParameters.povertyLineLcuPerMonth));
  if (problems.length > 0) throw new ScenarioError(problems);

  let programme: ResolvedProgramme | null = null;
  if (s.programme) {
    const rule = s.programme.rule;
    const built = isTransferRule(rule) ? rule : ruleFromSpec(rule);
    programme = {
      name: s.programme.name ?? built.name,
      rule,
      targeting: s.programme.targeting,
      payment: s.programme.payment ?? built.payment ?? MONTHLY,
      startMonth: s.programme.startMonth,
      endMonth: s.programme.endMonth,
      rollout: s.programme.rollout,
      administrativeCost: s.programme.administrativeCost,
      budget: s.programme.budget ?? null,
      indexation: s.programme.indexation,
      monitoring: s.programme.monitoring,
      takeUp: s.programme.takeUp,
      recertification: s.programme.recertification,
      onRuleError: s.programme.onRuleError,
      maxOfferLcuPerMonth: s.programme.maxOfferLcuPerMonth ?? 100 * populationParameters.povertyLineLcuPerMonth,
    };
  }
  return {
    name: s.name,
    seed: s.seed,
    months: s.months,
    start: s.start ?? preset.defaultStart,
    population: {
      preset: s.population.preset,
      households: s.population.households,
      localities,
      spareSlotsPerHousehold: s.population.spareSlotsPerHousehold ?? Math.min(MAX_SPARE_SLOTS, 2 + Math.ceil(s.months / 24)),
      parameters: populationParameters,
    },
    behaviour,
    interactions: s.interactions,
    programme,
    limits: s.limits,
  };
}

/** Smallest PMT survey sample, households (or a census of a smaller population): fewer cannot fit seven coefficients credibly. */
const MIN_SURVEY_HOUSEHOLDS = 50;

/** Combinations of programme settings that are each valid but make no sense together. */
function programmeProblems(
  p: NonNullable<z.output<typeof scenarioSchema>["programme"]>,
  months: number,
  households: number,
  povertyLine: number,
): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  // Money per household: at most 100 poverty lines (an offer's credible maximum at most 1,000), so
  // that exact sums over millions of household-months stay below 2^53 in fixed point.
  const perHousehold: [string, number][] = [
    ["programme.administrativeCost.perBeneficiaryMonthLcu", p.administrativeCost.perBeneficiaryMonthLcu],
    ["programme.administrativeCost.perVerificationLcu", p.administrativeCost.perVerificationLcu],
    ["programme.administrativeCost.targetingSurveyPerHouseholdLcu", p.administrativeCost.targetingSurveyPerHouseholdLcu],
    ["programme.takeUp.travelCostLcuPerKm", p.takeUp.travelCostLcuPerKm],
  ];
  for (const [path, v] of perHousehold) {
    if (v > 100 * povertyLine) out.push({ path, expected: `0 ≤ x ≤ ${100 * povertyLine} (100 poverty lines)`, found: String(v) });
  }
  if (p.maxOfferLcuPerMonth !== undefined && p.maxOfferLcuPerMonth > 1000 * povertyLine) {
    out.push({
      path: "programme.maxOfferLcuPerMonth",
      expected: `0 < x ≤ ${1000 * povertyLine} (1,000 poverty lines a month)`,
      found: String(p.maxOfferLcuPerMonth),
    });
  }
  const t = p.targeting;
  if (t.kind === "pmt") {
    if (t.threshold !== undefined && t.quota !== undefined) {
      out.push({
        path: "programme.targeting",
        expected: "either threshold or quota, not both (remove one)",
        found: `threshold ${t.threshold} and quota ${t.quota}`,
      });
    } else if (t.threshold === undefined && t.quota === undefined) {
      out.push({ path: "programme.targeting", expected: "a threshold (score in poverty lines) or a quota (share of households)", found: "neither" });
    }
  }
  const minSurvey = Math.min(MIN_SURVEY_HOUSEHOLDS, households);
  if ((t.kind === "pmt" || t.kind === "hybrid") && t.surveyShare * households < minSurvey) {
    out.push({
      path: "programme.targeting.surveyShare",
      expected: `a survey of at least ${minSurvey} households (surveyShare ≥ ${(minSurvey / households).toPrecision(2)} for ${households} households)`,
      found: String(t.surveyShare),
    });
  }
  if (t.kind === "budget" && p.budget) {
    out.push({
      path: "programme.budget",
      expected: 'no budget with targeting kind "budget" (it is one already; use one or the other)',
      found: JSON.stringify(p.budget),
    });
  }
  if (p.startMonth >= months) {
    out.push({ path: "programme.startMonth", expected: `a month within the run (0…${months - 1})`, found: String(p.startMonth) });
  }
  if (p.endMonth !== null && p.endMonth <= p.startMonth) {
    out.push({ path: "programme.endMonth", expected: `a month after programme.startMonth (${p.startMonth}), or null for no end`, found: String(p.endMonth) });
  }
  if (p.payment && p.payment.lagMonths >= months) {
    out.push({
      path: "programme.payment.lagMonths",
      expected: `a lag shorter than the run (${months} months): nothing would ever be paid`,
      found: String(p.payment.lagMonths),
    });
  }
  if (p.recertification.everyMonths > months) {
    out.push({
      path: "programme.recertification.everyMonths",
      expected: `at most the run's length (${months} months), or 0 for never`,
      found: String(p.recertification.everyMonths),
    });
  }
  if (p.indexation.everyMonths > months) {
    out.push({
      path: "programme.indexation.everyMonths",
      expected: `at most the run's length (${months} months), or 0 for never`,
      found: String(p.indexation.everyMonths),
    });
  }
  return out;
}

function crossFieldProblems(p: PopulationParameters, b: BehaviourParameters): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const range = (path: string, r: readonly [number, number]) => {
    if (r[0] > r[1]) out.push({ path, expected: "[low, high] with low ≤ high", found: `[${r[0]}, ${r[1]}]` });
  };
  range("population.parameters.headAgeRange", p.headAgeRange);
  range("behaviour.regularAttendance", b.regularAttendance);
  range("behaviour.irregularAttendance", b.irregularAttendance);
  // Money per person or household: at most 100 poverty lines a month, so that exact sums over
  // millions of household-months stay below 2^53 in the accumulators' fixed point.
  const z = p.povertyLineLcuPerMonth;
  b.childWageLcuPerMonth.forEach((w, k) => {
    if (w > 100 * z) out.push({ path: `behaviour.childWageLcuPerMonth[${k}]`, expected: `0 ≤ x ≤ ${100 * z} (100 poverty lines a month)`, found: String(w) });
  });
  if (!p.schoolMonths.includes(p.schoolYearStartMonth)) {
    out.push({
      path: "population.parameters.schoolMonths",
      expected: `to include the school-year start month ${p.schoolYearStartMonth}`,
      found: JSON.stringify(p.schoolMonths),
    });
  }
  return out;
}

/** The scenario as plain data: a code rule is recorded as `{ kind: "custom", name }` (code cannot be serialised). */
export function serialisableScenario(scenario: ResolvedScenario): ResolvedScenario {
  const programme = scenario.programme;
  if (!programme || !isTransferRule(programme.rule)) return scenario;
  return { ...scenario, programme: { ...programme, rule: { kind: "custom", name: programme.rule.name } as never } };
}
