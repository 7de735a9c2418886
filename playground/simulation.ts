/**
 * The playground's model runs: one population, three designs (no programme, a
 * Progresa-style CCT with adjustable amounts and conditions, and a UCT), all on
 * the same random streams. Pure functions of the core library (src/index.ts);
 * the worker calls them, and they run as well in Node.
 */
import { budgetMatchedUnconditional, createPopulation, parseScenario, progresa, simulate, trajectoryChart } from "../src/index.js";
import type { MonthRecord, Population, SimulationResult, TransferRule, VegaLiteSpec } from "../src/index.js";
import { DESIGNS, OUTCOME_METRICS } from "./protocol.js";
import type { ChartSpecs, Design, DesignSummary, OutcomeKey, PlaygroundParams, ShownSegment } from "./protocol.js";

const OUTCOMES = Object.keys(OUTCOME_METRICS) as OutcomeKey[];
const SEGMENTS: readonly ShownSegment[] = ["poor", "all"];

/**
 * Progresa with every amount (and the household maximum) multiplied by `scale`, and
 * its school-attendance and/or health-visit conditions dropped when switched off:
 * a component whose conditions are all dropped is paid unconditionally.
 */
function adjustableProgresa(scale: number, schoolCondition: boolean, healthCondition: boolean): TransferRule {
  const base = progresa();
  return {
    name: "CCT",
    ...(base.payment === undefined ? {} : { payment: base.payment }),
    capForMonth(month) {
      const cap = base.capForMonth?.(month) ?? base.capLcuPerMonth;
      return cap === undefined ? undefined : cap * scale;
    },
    offers(household, month) {
      return base.offers(household, month).map((offer) => ({
        ...offer,
        lcuPerMonth: offer.lcuPerMonth * scale,
        conditions: (offer.conditions ?? []).filter((c) =>
          c.kind === "schoolAttendance" ? schoolCondition : c.kind === "healthVisits" ? healthCondition : true,
        ),
      }));
    },
  };
}

function outcomeOf(record: MonthRecord, segment: ShownSegment, outcome: OutcomeKey): number | null {
  const s = record.segments[segment];
  switch (outcome) {
    case "enrolment12to14":
      return s.enrolment.age12to14;
    case "consumptionPerAe":
      return s.consumptionPerAeLcu;
    case "clinicVisits":
      return s.clinicVisitsPerPerson;
  }
}

function meanOfLast(values: readonly (number | null)[], n: number): number | null {
  const tail = values.slice(-n).filter((v): v is number => v !== null);
  return tail.length === 0 ? null : tail.reduce((a, b) => a + b, 0) / tail.length;
}

/** Results of one playground run, ready to draw. */
export interface PlaygroundRun {
  /** Trajectory charts by segment and outcome (Vega-Lite, data inline). */
  readonly charts: ChartSpecs;
  /** One summary per design. */
  readonly summaries: DesignSummary[];
  /** Means-test cut-off of the population's "poor" classification. */
  readonly meansTestCutoff: number;
}

/**
 * Runs the three designs for the given settings. `populations` caches populations by
 * seed and size across calls (a population is immutable and reusable).
 */
export function runPlayground(params: PlaygroundParams, populations: Map<string, Population> = new Map()): PlaygroundRun {
  const common = {
    seed: params.seed,
    months: params.months,
    start: "1997-09",
    population: { preset: "mexico-rural-1997", households: params.households },
  } as const;
  const key = `${params.households}|${params.seed}|${params.months}`;
  let population = populations.get(key);
  if (!population) {
    population = createPopulation(parseScenario({ ...common, programme: null }));
    populations.clear();
    populations.set(key, population);
  }
  const targeting = { kind: "meansTest", threshold: params.threshold } as const;
  const none = simulate({ ...common, name: "no programme", programme: null }, { population });
  const cct = simulate(
    {
      ...common,
      name: "CCT",
      programme: { rule: adjustableProgresa(params.grantScale, params.schoolCondition, params.healthCondition), targeting },
    },
    { population },
  );
  const uctScenario =
    params.uctMatchesCost && cct.final.totals.beneficiaryMonths > 0
      ? budgetMatchedUnconditional(cct, "UCT")
      : { ...common, name: "UCT", programme: { rule: { kind: "unconditional", lcuPerMonth: params.uctLcuPerMonth }, targeting } };
  const uct = simulate(uctScenario, { population });

  const results: Record<Design, SimulationResult> = { "no programme": none, CCT: cct, UCT: uct };
  const ordered = DESIGNS.map((design) => results[design]);
  const charts = {} as Record<ShownSegment, Record<OutcomeKey, VegaLiteSpec>>;
  for (const segment of SEGMENTS) {
    charts[segment] = {} as Record<OutcomeKey, VegaLiteSpec>;
    for (const outcome of OUTCOMES) {
      // One run per design: lines without bands (a band needs replications).
      charts[segment][outcome] = trajectoryChart(ordered, { metric: `${segment}/${OUTCOME_METRICS[outcome]}`, band: "none", width: 360, height: 220 });
    }
  }
  const summaries: DesignSummary[] = [];
  for (const design of DESIGNS) {
    const r = results[design];
    const lastYear = {} as Record<ShownSegment, Record<OutcomeKey, number | null>>;
    for (const segment of SEGMENTS) {
      lastYear[segment] = {} as Record<OutcomeKey, number | null>;
      for (const outcome of OUTCOMES)
        lastYear[segment][outcome] = meanOfLast(
          r.months.map((m) => outcomeOf(m, segment, outcome)),
          12,
        );
    }
    const t = r.final.totals;
    summaries.push({
      design,
      beneficiaries: design === "no programme" ? 0 : r.meta.targetedHouseholds,
      costLcu: t.costLcu,
      transferPerBeneficiaryLcu: t.beneficiaryMonths > 0 ? t.paidLcu / t.beneficiaryMonths : 0,
      lastYear,
    });
  }
  return { charts, summaries, meansTestCutoff: cct.meta.meansTestCutoff };
}
