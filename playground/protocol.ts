/**
 * Messages between the playground page (main.ts) and its simulation worker (worker.ts).
 * Everything here is plain, structured-clone-able data.
 */
import type { VegaLiteSpec } from "../src/index.js";

/** The settings a visitor controls on the page. */
export interface PlaygroundParams {
  /** Seed of every random stream (same seed ⇒ same result). */
  readonly seed: string;
  /** Number of simulated households. */
  readonly households: number;
  /** Months simulated from September 1997. */
  readonly months: number;
  /** Multiplier on every Progresa amount (grants, school materials, food grant and household maximum); 1 = the historical amounts. */
  readonly grantScale: number;
  /** Education grants conditional on ≥ 85% school attendance (off: paid for every child in grades 3–9). */
  readonly schoolCondition: boolean;
  /** Food grant conditional on the family's clinic visits (off: paid to every beneficiary household). */
  readonly healthCondition: boolean;
  /** Means-test threshold: households whose score (predicted consumption per adult equivalent / poverty line) is below it are enrolled. */
  readonly threshold: number;
  /** When true the UCT pays, month by month, what the CCT spent per beneficiary (same fiscal cost); else `uctLcuPerMonth`. */
  readonly uctMatchesCost: boolean;
  /** UCT amount per beneficiary household, pesos (MXN) per month, when not matched to the CCT's cost. */
  readonly uctLcuPerMonth: number;
}

/** Defaults of the page's controls (and the size of every run). */
export const DEFAULT_PARAMS: PlaygroundParams = Object.freeze({
  seed: "playground",
  households: 1500,
  months: 24,
  grantScale: 1,
  schoolCondition: true,
  healthCondition: true,
  threshold: 0.85,
  uctMatchesCost: true,
  uctLcuPerMonth: 200,
});

/** Names of the three designs, in the order they are simulated and drawn. */
export const DESIGNS = ["no programme", "CCT", "UCT"] as const;
/** One of {@link DESIGNS}. */
export type Design = (typeof DESIGNS)[number];

/** Household segments the page can show. */
export type ShownSegment = "poor" | "all";

/** Outcomes the page draws, with their monthly metric (as `monthlyMetrics` names them, after the segment). */
export const OUTCOME_METRICS = {
  /** Share of children 12–14 enrolled, 0..1. */
  enrolment12to14: "enrolment/age12to14",
  /** Consumption per adult equivalent, MXN per month. */
  consumptionPerAe: "consumptionPerAeLcu",
  /** Clinic visits per person-month. */
  clinicVisits: "clinicVisitsPerPerson",
} as const;
/** One of the page's outcomes. */
export type OutcomeKey = keyof typeof OUTCOME_METRICS;

/** Vega-Lite specifications (plain JSON) by segment and outcome. */
export type ChartSpecs = Readonly<Record<ShownSegment, Readonly<Record<OutcomeKey, VegaLiteSpec>>>>;

/** Per-design figures over the whole run (cost) or the last 12 months (means). */
export interface DesignSummary {
  /** Design name. */
  readonly design: Design;
  /** Households enrolled in the programme. */
  readonly beneficiaries: number;
  /** Programme cost over the run, MXN. */
  readonly costLcu: number;
  /** Average monthly transfer per beneficiary household over the run, MXN per month. */
  readonly transferPerBeneficiaryLcu: number;
  /** Mean over the last 12 months, by shown segment and outcome (null if undefined). */
  readonly lastYear: Readonly<Record<ShownSegment, Readonly<Record<OutcomeKey, number | null>>>>;
}

/** Request from the page. */
export interface RunRequest {
  /** Increasing request id; the page draws only the answer to its latest request. */
  readonly id: number;
  /** Settings to simulate. */
  readonly params: PlaygroundParams;
}

/** Answer of the worker. */
export type RunResponse =
  | {
      readonly id: number;
      readonly ok: true;
      /** Trajectory charts (src/charts' `trajectoryChart`), for both segments. */
      readonly charts: ChartSpecs;
      /** One summary per design. */
      readonly summaries: readonly DesignSummary[];
      /** Means-test cut-off of the population's "poor" classification (score units). */
      readonly meansTestCutoff: number;
      /** Wall-clock time of the simulations in the worker, milliseconds. */
      readonly elapsedMs: number;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };
