import type { ResolvedScenario } from "../config/scenario.js";
import type { Segment } from "./layout.js";

/** Child groups outcomes are broken down by: age bands (completed years), sex, and both. */
export const CHILD_GROUPS = [
  "all",
  "age6to11",
  "age12to14",
  "age15to17",
  "boys",
  "girls",
  "boys6to11",
  "girls6to11",
  "boys12to14",
  "girls12to14",
  "boys15to17",
  "girls15to17",
] as const;

/** A child group. */
export type ChildGroup = (typeof CHILD_GROUPS)[number];

/** A rate (0..1) or mean per child group; null where the group is empty or the outcome does not apply (e.g. attendance in vacation). */
export type ChildRates = { readonly [G in ChildGroup]: number | null };

/** Outcomes of one segment of households in one month (or averaged over a window). */
export interface SegmentOutcomes {
  /** Households with living members. */
  readonly households: number;
  /** Living members. */
  readonly persons: number;
  /** Children aged 6–17. */
  readonly children: number;
  /** Children aged 6–17 enrolled. */
  readonly enrolledChildren: number;
  /** Share of children enrolled in school. */
  readonly enrolment: ChildRates;
  /** Mean share of school days attended by enrolled children (school months only). */
  readonly attendance: ChildRates;
  /** Share of enrolled children attending at least 85% of days (school months only). */
  readonly regularAttendance: ChildRates;
  /** Share of children working (part-time or full-time, paid). */
  readonly childWork: ChildRates;
  /** Mean grades (years of schooling) completed. */
  readonly gradesCompleted: ChildRates;
  /** Clinic visits per person this month. */
  readonly clinicVisitsPerPerson: number | null;
  /** Share of persons ill this month. */
  readonly illness: number | null;
  /** Children under 5 (count). */
  readonly childrenUnder5: number;
  /** Children under 5 stunted (count). */
  readonly stuntedChildren: number;
  /** Persons below the poverty line (count). */
  readonly poorPersons: number;
  /** Clinic visits this month (count). */
  readonly clinicVisits: number;
  /** Share of children under 5 with height-for-age z below −2. */
  readonly stuntingUnder5: number | null;
  /** Share of children aged 1–3 (12–47 months) stunted: the age group of the evaluation's baseline figure. */
  readonly stuntingAge1to3: number | null;
  /** Mean height-for-age z of children under 5. */
  readonly meanHazUnder5: number | null;
  /** Mean consumption per adult equivalent (person-weighted), local currency per month. */
  readonly consumptionPerAeLcu: number | null;
  /** Median consumption per adult equivalent (person-weighted), local currency per month. */
  readonly medianConsumptionPerAeLcu: number | null;
  /** FGT(0): share of persons below the poverty line. */
  readonly povertyHeadcount: number | null;
  /** FGT(1): mean poverty gap (z − c)/z over all persons. */
  readonly povertyGap: number | null;
  /** FGT(2): mean squared poverty gap. */
  readonly povertySeverity: number | null;
  /** Gini of consumption per adult equivalent across persons (from a 1%-wide log histogram). */
  readonly gini: number | null;
  /** Total consumption of the segment's households this month (not per adult equivalent), local currency. */
  readonly consumptionLcu: number;
  /** Transfers received this month, local currency. */
  readonly transfersReceivedLcu: number;
  /** Children's earnings this month, local currency. */
  readonly childEarningsLcu: number;
  /** Adult earnings this month, local currency. */
  readonly adultEarningsLcu: number;
  /** Of it, members' labour earnings this month, local currency (docs/model.md, L1). */
  readonly labourEarningsLcu: number;
  /** Liquid savings of the segment's households at the end of the month, local currency (W1). */
  readonly savingsLcu: number;
  /** Value of their productive assets at the end of the month, local currency (W2). */
  readonly productiveAssetsLcu: number;
  /** Their investment in productive assets this month, local currency (W3). */
  readonly investmentLcu: number;
}

/** Programme outcomes of one month. Money in local currency. */
export interface ProgrammeOutcomes {
  /** Households enrolled in the programme and offered benefits this month. */
  readonly beneficiaries: number;
  /** Households paid this month. */
  readonly recipients: number;
  /** Money paid out this month. */
  readonly paidLcu: number;
  /** Entitlements earned this month (after conditions and cap). */
  readonly entitledLcu: number;
  /** Entitlements lost to unmet conditions this month. */
  readonly withheldLcu: number;
  /** Benefits offered this month if every condition were met (after the cap). */
  readonly offeredLcu: number;
  /** Entitlements earned and not yet paid at the end of the month (stock). */
  readonly unpaidLcu: number;
  /** Entitlements that lapsed this month because the household's last member died. */
  readonly forfeitedLcu: number;
  /** Administrative cost this month: per beneficiary-month, share of transfers, verification and targeting. */
  readonly administrativeCostLcu: number;
  /** Of the administrative cost, verifying conditions. */
  readonly verificationCostLcu: number;
  /** Of the administrative cost, the one-off targeting exercise (in the programme's first month). */
  readonly targetingCostLcu: number;
  /** Of the entitlements, those of offers conditioned on school attendance (education grants). */
  readonly entitledEducationLcu: number;
  /** Of the entitlements, those of offers conditioned on health visits and not on school (food and health grants). */
  readonly entitledFoodHealthLcu: number;
  /** Share of living households that are beneficiaries this month, 0..1. */
  readonly coverage: number | null;
  /** Cost this month: transfers paid plus administrative cost. */
  readonly costLcu: number;
  /** Conditions verified this month. */
  readonly conditionsChecked: number;
  /** Conditions met. */
  readonly conditionsMet: number;
  /** Share of verified conditions met; null when none were verified. */
  readonly complianceRate: number | null;
  /** Share of school-attendance conditions met (null when none checked). */
  readonly schoolComplianceRate: number | null;
  /** Share of clinic-visit conditions met (null when none checked). */
  readonly healthComplianceRate: number | null;
  /** Share of training conditions met (null when none checked). */
  readonly trainingComplianceRate: number | null;
  /** Share of community-meeting conditions met (null when none checked). */
  readonly meetingComplianceRate: number | null;
  /** Conditions verified this month (all of them unless monitoring samples). */
  readonly conditionsVerified: number;
  /** Conditions the programme saw as met (after verification errors and the policy for unverified ones). */
  readonly conditionsReportedMet: number;
  /** Beneficiary households suspended this month (no payment accrues). */
  readonly suspendedHouseholds: number;
  /** Households that graduated this month (recertification). */
  readonly graduations: number;
  /** Graduated households that re-entered this month. */
  readonly reentries: number;
  /** Invalid offers dropped this month (only with onRuleError "skip"). */
  readonly offersSkipped: number;
  /** Rule calls that threw and were skipped this month (only with onRuleError "skip"). */
  readonly ruleFailuresSkipped: number;
}

/** Work of adults in one cell (sex × age band × schooling) over a month or a window (docs/model.md, L1–L3). */
export interface WorkCell {
  /** Persons in the cell (per month). */
  readonly persons: number;
  /** Share enrolled in school (youths up to the last school age), 0..1. */
  readonly enrolment: number | null;
  /** Share working, 0..1. */
  readonly employmentRate: number | null;
  /** Of the working, the share outside agriculture. */
  readonly nonAgriculturalShare: number | null;
  /** Of the working, the share in wage work (not own farm or family work). */
  readonly wageWorkShare: number | null;
  /** Labour earnings per person of the cell, local currency per month. */
  readonly earningsPerPersonLcu: number | null;
  /** Labour earnings per worker, local currency per month. */
  readonly earningsPerWorkerLcu: number | null;
}

/** Adult outcomes of one month (all households): employment, programme training and community meetings. */
export interface AdultOutcomes {
  /** Living adults aged 18–64. */
  readonly adults: number;
  /** Share of them employed, 0..1 (null without adults). */
  readonly employmentRate: number | null;
  /** Adults who attended their required training hours this month. */
  readonly trainingParticipants: number;
  /** Training hours attended this month. */
  readonly trainingHours: number;
  /** Members who attended a required community meeting this month. */
  readonly meetingAttendees: number;
  /** Mean health and nutrition knowledge of households, 0..1 (null without households). */
  readonly knowledgeIndex: number | null;
}

/**
 * Locality series of a run with interactions, indexed [month][locality]: the
 * social-capital index (mean strength of the locality's ties, 0..1) and the food
 * price level in effect (1 = baseline); null where undefined (no ties, or local
 * prices off).
 */
export interface LocalitySeries {
  /** Mean tie strength by month and locality, 0..1. */
  readonly socialCapitalIndex: readonly (readonly (number | null)[])[];
  /** Food price level by month and locality (1 = baseline). */
  readonly priceLevel: readonly (readonly (number | null)[])[];
}

/** A value for each school age band. */
export interface AgeBands<T> {
  /** Children aged 6–11. */
  readonly age6to11: T;
  /** Children aged 12–14. */
  readonly age12to14: T;
  /** Children aged 15–17. */
  readonly age15to17: T;
}

/** Names of the spillover groups (see {@link SpilloverCell}). */
export type SpilloverGroup = "recipients" | "eligibleNonRecipients" | "ineligibleTreated" | "eligibleUntreated" | "ineligibleUntreated";

/**
 * Outcomes of households grouped by their exposure to the programme: recipients,
 * eligible non-recipients and ineligible households in localities where the
 * programme runs, and eligible and ineligible households where it does not
 * ("eligible": selected by the targeting, before budget and take-up).
 */
export interface SpilloverCell {
  /** Households (per month). */
  readonly households: number;
  /** Persons (per month). */
  readonly persons: number;
  /** Children by age band (per month). */
  readonly children: AgeBands<number>;
  /** Enrolment of children by age band, 0..1 (null without children). */
  readonly enrolment: AgeBands<number | null>;
  /** Consumption per adult equivalent, person-weighted, local currency per month. */
  readonly consumptionPerAeLcu: number | null;
  /** Share of persons below the poverty line, 0..1. */
  readonly povertyHeadcount: number | null;
  /** Transfers received per household per month, local currency. */
  readonly transfersPerHouseholdLcu: number | null;
  /** Informal receipts minus gifts per household per month (risk sharing), local currency. */
  readonly informalNetPerHouseholdLcu: number | null;
  /** Clinic visits per person per month. */
  readonly clinicVisitsPerPerson: number | null;
}

/** Interaction outcomes of one month (all zero or null when interactions are off). */
export interface InteractionOutcomes {
  /** Informal gifts, loans and repayments sent this month, local currency. */
  readonly informalGivenLcu: number;
  /** Informal flows received this month (sent last month), local currency. */
  readonly informalReceivedLcu: number;
  /** Informal flows that reached households extinct since; lost, local currency. */
  readonly informalLapsedLcu: number;
  /** Mean tie strength, 0..1 (null without a network). */
  readonly socialCapitalIndex: number | null;
  /** Mean food price level faced by households (1 = baseline; null without local prices). */
  readonly meanPriceLevel: number | null;
}

/** Everything recorded for one month. */
export interface MonthRecord {
  /** Month index from the scenario start. */
  readonly month: number;
  /** Calendar month, "YYYY-MM". */
  readonly date: string;
  /** Whether school was in session. */
  readonly schoolMonth: boolean;
  /** Outcomes by segment: all households, classified poor, non-poor. */
  readonly segments: { readonly [S in Segment]: SegmentOutcomes };
  /** Programme outcomes: beneficiaries, payments, costs, compliance. */
  readonly programme: ProgrammeOutcomes;
  /** Adults: employment, programme training and community meetings. */
  readonly adults: AdultOutcomes;
  /** Work of adults 18–64 by cell "sex_ages_grades" (e.g. "women_25to34_grades6to8"). */
  readonly work: Readonly<Record<string, WorkCell>>;
  /** Outcomes by exposure to the programme (direct and indirect effects). */
  readonly spillovers: { readonly [G in SpilloverGroup]: SpilloverCell };
  /** Interactions between households: informal flows, social capital, prices. */
  readonly interactions: InteractionOutcomes;
  /** Births and deaths this month (persons). */
  readonly demography: {
    /** Children born this month. */
    readonly births: number;
    /** Persons who died this month. */
    readonly deaths: number;
    /** Births that found no free person slot (raise population.spareSlotsPerHousehold). */
    readonly birthsWithoutSlot: number;
  };
}

/** Totals over the whole run. Money in local currency. */
export interface RunTotals {
  /** Transfers paid out. */
  readonly paidLcu: number;
  /** Entitlements earned (after conditions and cap). */
  readonly entitledLcu: number;
  /** Entitlements lost to unmet conditions. */
  readonly withheldLcu: number;
  /** Benefits offered if every condition had been met (after the cap). */
  readonly offeredLcu: number;
  /** Administrative cost. */
  readonly administrativeCostLcu: number;
  /** Of the administrative cost, verifying conditions. */
  readonly verificationCostLcu: number;
  /** Of the administrative cost, the targeting exercise. */
  readonly targetingCostLcu: number;
  /** Of the entitlements, education grants (offers conditioned on school attendance). */
  readonly entitledEducationLcu: number;
  /** Of the entitlements, food and health grants (offers conditioned on health visits, not on school). */
  readonly entitledFoodHealthLcu: number;
  /** Sum over months of graduations (recertification). */
  readonly graduations: number;
  /** Sum over months of households suspended (household-months). */
  readonly suspendedHouseholdMonths: number;
  /** Transfers paid plus administrative cost. */
  readonly costLcu: number;
  /** Entitlements still unpaid at the end of the run. */
  readonly unpaidAtEndLcu: number;
  /** Entitlements that lapsed when households died out (entitled = paid + unpaid at end + forfeited). */
  readonly forfeitedLcu: number;
  /** Sum over months of beneficiary households. */
  readonly beneficiaryMonths: number;
  /** Sum over months of enrolled children 6–17, by segment (child-months of enrolment). */
  readonly enrolledChildMonths: { readonly [S in Segment]: number };
  /** Transfers received by segment. */
  readonly transfersReceivedLcu: { readonly [S in Segment]: number };
  /** Clinic visits over the run, by segment. */
  readonly clinicVisits: { readonly [S in Segment]: number };
  /** Children born over the run. */
  readonly births: number;
  /** Deaths over the run. */
  readonly deaths: number;
  /** Births over the run that found no free person slot (the children were lost). */
  readonly birthsWithoutSlot: number;
}

/** Outcomes of a group of households over the final window (ratios of sums over the window's months). */
export interface DistributionCell {
  /** Households (average per month). */
  readonly households: number;
  /** Persons (average per month). */
  readonly persons: number;
  /** Consumption per adult equivalent, person-weighted, local currency per month. */
  readonly consumptionPerAeLcu: number | null;
  /** Share of persons below the poverty line, 0..1. */
  readonly povertyHeadcount: number | null;
  /** Enrolment of children 6–17. */
  readonly enrolment: number | null;
  /** Transfers received per household per month, local currency. */
  readonly transfersPerHouseholdLcu: number | null;
}

/** Completed schooling at the end of the run of one birth cohort and sex (living people). */
export interface CohortSchooling {
  /** Calendar year of birth. */
  readonly birthYear: number;
  /** Sex of the group. */
  readonly sex: "boys" | "girls";
  /** Living people of the cohort and sex at the end. */
  readonly persons: number;
  /** Mean grades (years of schooling) completed. */
  readonly meanGradesCompleted: number;
}

/** Work of a birth cohort in one age band, over the months of the run in which it was that old. */
export interface CohortWork {
  /** Calendar year of birth. */
  readonly birthYear: number;
  /** Sex of the group. */
  readonly sex: "men" | "women";
  /** Age band: "20to24", "25to29" or "30to34". */
  readonly ages: string;
  /** Person-months of the cohort in the band. */
  readonly personMonths: number;
  /** Share of them working (0..1). */
  readonly employmentRate: number;
  /** Of the working, the share outside agriculture (null: nobody worked). */
  readonly nonAgriculturalShare: number | null;
  /** Labour earnings per person-month (workers and others), local currency per month. */
  readonly earningsLcuPerMonth: number;
}

/** The final summary: outcomes averaged over the last 12 months (or the whole run if shorter), and run totals. */
export interface OutcomeSummary {
  /** First and last month index of the averaging window. */
  readonly window: {
    /** First month index of the window. */
    readonly from: number;
    /** Last month index of the window (inclusive). */
    readonly to: number;
  };
  /** Segment outcomes averaged over the window (means of the monthly values that are defined). */
  readonly segments: { readonly [S in Segment]: SegmentOutcomes };
  /** Totals over the whole run. */
  readonly totals: RunTotals;
  /** Outcomes by baseline welfare decile (index 0 poorest) and by locality remoteness tercile (near, middle, remote). */
  readonly distribution: {
    /** Ten cells, by decile of baseline welfare (index 0 poorest). */
    readonly byBaselineDecile: readonly DistributionCell[];
    /** Three cells, by tercile of locality remoteness (near, middle, remote). */
    readonly byRemoteness: readonly DistributionCell[];
  };
  /** Completed schooling by birth cohort and sex at the end of the run (cohorts born up to 34 years before the start). */
  readonly schoolingByCohort: readonly CohortSchooling[];
  /** Work by birth cohort, sex and age band (20–24, 25–29, 30–34) over the run (docs/model.md, L1–L3). */
  readonly workByCohort: readonly CohortWork[];
  /**
   * Projected labour earnings of the persons alive at the end, local currency per year, in each
   * year after the end (index 0: the first year), survival-weighted, undiscounted, in prices of
   * the run's start (docs/model.md, R1). `socialReturn` values the part of working lives after the run with it.
   */
  readonly projectedEarningsLcuPerYear: readonly number[];
  /** Work of adults 18–64 by cell "sex_ages_grades" (e.g. "women_25to34_grades6to8") over the window. */
  readonly work: Readonly<Record<string, WorkCell>>;
  /** Outcomes by exposure to the programme over the window (ratios of sums). */
  readonly spillovers: { readonly [G in SpilloverGroup]: SpilloverCell };
}

/** Facts about a run needed to read or re-run it. */
export interface RunMeta {
  /** Library version that produced the result. */
  readonly version: string;
  /** ISO 4217 currency of all money. */
  readonly currency: string;
  /** Poverty line, local currency per adult equivalent per month. */
  readonly povertyLineLcuPerMonth: number;
  /** Households simulated. */
  readonly households: number;
  /** Members at the start. */
  readonly personsAtStart: number;
  /** Households enrolled by the programme's targeting. */
  readonly targetedHouseholds: number;
  /**
   * Targeting accuracy against true poverty (permanent income per adult equivalent at the start
   * below the line): inclusion error = share of enrolled households not poor; exclusion error =
   * share of poor households not enrolled; coverage of the poorest baseline quintile.
   */
  readonly targeting: {
    /** Share of enrolled households that are not truly poor, 0..1 (null if none enrolled). */
    readonly inclusionError: number | null;
    /** Share of truly poor households not enrolled, 0..1 (null if none poor). */
    readonly exclusionError: number | null;
    /** Share of the poorest baseline quintile enrolled, 0..1. */
    readonly poorestQuintileCoverage: number | null;
  };
  /** Means-test score cut-off of the "poor" segment. */
  readonly meansTestCutoff: number;
}

/** One tidy row: one value of one outcome, for one group and segment, in one month. */
export interface TidyRow {
  /** Month index from the scenario start. */
  readonly month: number;
  /** Calendar month, "YYYY-MM". */
  readonly date: string;
  /** Segment of households ("all", "poor", "nonPoor"); "all" for programme, adult and demographic outcomes. */
  readonly segment: string;
  /** Outcome name: a field of the month record (e.g. "enrolment", "paidLcu"); money in local currency. */
  readonly outcome: string;
  /** Group within the outcome (e.g. "girls12to14"), or "all". */
  readonly group: string;
  /** The value, in the outcome's unit (share, count, or local currency). */
  readonly value: number;
}

/** The result of `simulate`: plain, serialisable data (plus a non-enumerable `toRows`). */
export interface SimulationResult {
  /** The resolved scenario that ran (a code rule appears as { kind: "custom", name }). */
  readonly scenario: ResolvedScenario;
  /** Facts needed to read or re-run the result (version, currency, poverty line, sizes, targeting accuracy). */
  readonly meta: RunMeta;
  /** One record per month. */
  readonly months: readonly MonthRecord[];
  /** Outcomes over the final window (last 12 months) and totals over the run. */
  readonly final: OutcomeSummary;
  /** Per month and locality: social capital and food prices (only when interactions are on). */
  readonly localities?: LocalitySeries;
  /**
   * Household-level outcomes, only when `simulate(…, { householdOutcomes: true })`: mean
   * consumption per adult equivalent over the final window, by household index (0 for
   * households not simulated or extinct).
   */
  readonly households?: {
    /** Mean consumption per adult equivalent over the final window, local currency per month, by household index. */
    readonly finalConsumptionPerAeLcu: Float64Array;
  };
  /** Tidy rows of every monthly value (nulls omitted). */
  toRows(): TidyRow[];
}
