/**
 * bansos — agent-based simulation of conditional and unconditional cash
 * transfers. Public API; everything else is internal.
 * @packageDocumentation
 * @module bansos
 */
export { VERSION } from "./foundation/version.js";
// config
export {
  DEFAULT_MEMORY_LIMIT_BYTES,
  budgetSchema,
  indexationSchema,
  administrativeCostSchema,
  monitoringSchema,
  parseScenario,
  rolloutSchema,
  serialisableScenario,
  scenarioSchema,
  targetingSchema,
  paymentScheduleSchema,
} from "./config/scenario.js";
export type { Budget, Indexation, Monitoring, ResolvedProgramme, ResolvedScenario, Rollout, ScenarioInput, Targeting } from "./config/scenario.js";
export { ScenarioError } from "./config/scenarioError.js";
export type { ScenarioProblem } from "./config/scenarioError.js";
export { source } from "./foundation/source.js";
export type { Source, SourceMap } from "./foundation/source.js";
// random
export { Purpose, RandomStreams, inverseNormalCdf } from "./random/streams.js";
export type { PurposeCode, Seed } from "./random/streams.js";
// population
export { createPopulation } from "./population/createPopulation.js";
export type { PopulationScenario } from "./population/createPopulation.js";
export { Role } from "./population/population.js";
export type { DependencyHours, HouseholdArrays, LocalityArrays, PersonArrays, Population } from "./population/population.js";
export { presets, PRESET_NAMES } from "./population/presets/index.js";
export type { PresetName } from "./population/presets/index.js";
export type { InitialSchooling, Preset } from "./population/preset.js";
export { populationParametersSchema } from "./population/parameters.js";
export type { PopulationParameters } from "./population/parameters.js";
// behaviour
export { behaviourParametersSchema } from "./behaviour/parameters.js";
export type { BehaviourParameters } from "./behaviour/parameters.js";
// rules
export * from "./rules/index.js";
// engine
export { simulate, runShard, mergeShards, finishRun } from "./engine/simulate.js";
export type { SimulateOptions } from "./engine/simulate.js";
export { Run, localityShards, shardHouseholds } from "./engine/run.js";
export type { Observer, ResumeOptions, ShardResult, StartOptions, TargetingCounts } from "./engine/run.js";
export type { Checkpoint } from "./engine/checkpoint.js";
export { CheckpointError } from "./engine/checkpointError.js";
export type { CheckpointProblem } from "./engine/checkpointError.js";
export type { Integrity } from "./foundation/integrity.js";
export { CapacityError } from "./foundation/capacityError.js";
export { estimateMemoryBytes } from "./engine/capacity.js";
export type { MemoryEstimateOptions } from "./engine/capacity.js";
export { planEnrolment } from "./engine/enrolment.js";
export type { EnrolmentPlan } from "./programme/targeting.js";
export { fitProxyMeansTest, proxyDesign, PMT_PROXIES } from "./programme/proxyMeansTest.js";
export type { ProxyMeansTest } from "./programme/proxyMeansTest.js";
export { communityList, perceivedWelfare } from "./programme/communityRanking.js";
export type { CommunityPerception } from "./programme/communityRanking.js";
export { realValueFactor } from "./programme/indexation.js";
// social: interactions inside localities
export { interactionFlags, interactionsSchema } from "./config/interactions.js";
export type { InteractionFlags, Interactions, InteractionsInput } from "./config/interactions.js";
export { buildNetwork, clusteringCoefficient, emptyNetwork } from "./social/network.js";
export type { LocalityNetwork } from "./social/network.js";
export { SPILL_GROUP_NAMES } from "./outcomes/layout.js";
export { programmeStartMonth, treatedLocalities } from "./programme/rollout.js";
export { baselineLogWelfare, baselineWelfareDeciles, remotenessTerciles } from "./population/baselineGroups.js";
export { RuleError, RuleTimeoutError } from "./engine/ruleError.js";
export type { RuleCall } from "./engine/ruleError.js";
export type { SimulationState } from "./engine/state.js";
// outcomes
export { CHILD_GROUPS } from "./outcomes/types.js";
export type {
  AdultOutcomes,
  AgeBands,
  InteractionOutcomes,
  LocalitySeries,
  SpilloverCell,
  SpilloverGroup,
  ChildGroup,
  ChildRates,
  CohortSchooling,
  CohortWork,
  DistributionCell,
  MonthRecord,
  OutcomeSummary,
  ProgrammeOutcomes,
  RunMeta,
  RunTotals,
  SegmentOutcomes,
  SimulationResult,
  TidyRow,
  WorkCell,
} from "./outcomes/types.js";
export { SEGMENTS } from "./outcomes/layout.js";
export type { Segment } from "./outcomes/layout.js";
export { toTidyRows } from "./outcomes/tidyRows.js";
export { NonFiniteResultError, assertFinite } from "./outcomes/finite.js";
export { fgt, fgtAll } from "./outcomes/poverty.js";
export type { FgtMeasures } from "./outcomes/poverty.js";
export { gini, giniFromGroups } from "./outcomes/inequality.js";
export { weightedQuantile, quantileFromGroups } from "./outcomes/quantile.js";
// experiment
export { meanInterval, pairedDifference, studentTCdf, studentTQuantile } from "./experiment/intervals.js";
export type { MeanInterval } from "./experiment/intervals.js";
export { assembleComparison, compare, runReplication } from "./experiment/compare.js";
export type { CompareOptions, ComparedOutcome, ComparedScenario, Comparison, ReplicationContext, ReplicationOutcome } from "./experiment/compare.js";
export type { ReplicationOptions, ReplicationTrajectory, ScenarioTrajectories } from "./experiment/compare.js";
export { summaryMetrics } from "./experiment/metrics.js";
export { monthlyMetricName, monthlyMetrics, selectsMetric } from "./experiment/metrics.js";
export type { TrajectorySelection } from "./experiment/metrics.js";
export { budgetMatchedUnconditional, matchedUnconditionalAmounts } from "./experiment/budgetMatch.js";
export { sweep, sweepPoints, sweepPlan, SWEEP_NO_PROGRAMME } from "./experiment/sweep.js";
export type { SweepBaseline, SweepGrid, SweepOptions, SweepPlan, SweepPoint, SweepResult } from "./experiment/sweep.js";
export { costEffectiveness, fiellerInterval, COST_EFFECTIVENESS_EFFECTS, COST_METRIC } from "./experiment/costEffectiveness.js";
export type {
  CostEffectiveness,
  CostEffectivenessEffect,
  CostEffectivenessMeasure,
  CostEffectivenessOptions,
  RatioEstimate,
} from "./experiment/costEffectiveness.js";
export {
  socialReturn,
  presentValue,
  internalRateOfReturn,
  signChanges,
  socialReturnParametersSchema,
  socialReturnParameterSources,
  DEFAULT_SOCIAL_RETURN_PARAMETERS,
  PROGRESA_IRR_REFERENCE,
} from "./experiment/socialReturn.js";
export type {
  CashFlow,
  CostComponents,
  ReturnView,
  ReturnViewReplication,
  SocialReturn,
  SocialReturnOptions,
  SocialReturnParameters,
  SocialReturnParametersInput,
  SocialReturnReplication,
} from "./experiment/socialReturn.js";
// experiment: simulated surveys, evaluation estimators, replicated RCTs and power
export { collectSurvey, surveyYear } from "./experiment/surveyRows.js";
export type { SurveyCollector, SurveyOptions, SurveyRow } from "./experiment/surveyRows.js";
export { didOfRounds, differenceInDifferences, ittDifference, ittOfRound, olsClustered } from "./experiment/estimators.js";
export type { DidEstimate, DidOptions, EffectEstimate, IttEstimate, IttOptions, NumericKey, OlsOptions, OlsResult, Outcome } from "./experiment/estimators.js";
export { rct } from "./experiment/rct.js";
export type { EstimatorSummary, RctFollowUp, RctOptions, RctReplication, RctResult, SurveyMonths } from "./experiment/rct.js";
export { power } from "./experiment/power.js";
export type { PowerCell, PowerOptions, PowerResult } from "./experiment/power.js";
export { parseProgresaPanel } from "./experiment/progresaPanel.js";
export type { PanelParseReport, PanelRow } from "./experiment/progresaPanel.js";
export { PROGRESA_EVALUATION, PROGRESA_SURVEY_MONTHS, longHorizonLines, simulateEvaluationSurvey, validateProgresa } from "./experiment/validation.js";
export type { LongHorizonOptions, ValidationLine, ValidationOptions } from "./experiment/validation.js";
// io: tidy tables as CSV, JSON and Arrow
export { exportTable, splitMonthlyMetric, tableRows } from "./io/tables.js";
export type {
  ExportColumn,
  ExportedPoint,
  ExportFloatColumn,
  ExportHeader,
  ExportIntColumn,
  ExportOptions,
  ExportRow,
  ExportSource,
  ExportStringColumn,
  ExportTable,
  ExportTableKind,
  MetricParts,
} from "./io/tables.js";
export { ARROW_METADATA_KEY, csvField, csvNumber, toArrow, toCsv, toJson } from "./io/export.js";
export type { ExportDocument } from "./io/export.js";
// charts: Vega-Lite specifications
export { VEGA_LITE_SCHEMA } from "./charts/types.js";
export type { ChartLayout, VegaLiteSpec } from "./charts/types.js";
export { metricLabel } from "./charts/labels.js";
export type { MetricLabel } from "./charts/labels.js";
export { trajectoryChart, trajectoryPoints } from "./charts/trajectories.js";
export type { TrajectoryChartOptions, TrajectoryPoint } from "./charts/trajectories.js";
export { decileChart, decilePoints } from "./charts/deciles.js";
export type { DecileChartOptions, DecileOutcome, DecilePoint } from "./charts/deciles.js";
export { costBenefitChart, costBenefitPoints } from "./charts/costBenefit.js";
export type { CostBenefitOptions, CostBenefitPoint } from "./charts/costBenefit.js";
