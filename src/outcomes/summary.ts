import { SEGMENTS } from "./layout.js";
import type { Segment } from "./layout.js";
import type { MonthRecord, OutcomeSummary, RunTotals, SegmentOutcomes } from "./types.js";

/** Months averaged in the final summary. */
export const SUMMARY_WINDOW_MONTHS = 12;

type Value = number | null | { readonly [k: string]: number | null };

/** Mean of the defined (non-null) values; null when none is defined. */
function meanDefined(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : null;
}

/** Average segment outcomes field by field (and group by group), skipping undefined values. */
function averageOutcomes(list: readonly SegmentOutcomes[]): SegmentOutcomes {
  const first = list[0];
  if (!first) throw new Error("averageOutcomes needs at least one month");
  const out: Record<string, Value> = {};
  for (const key of Object.keys(first) as (keyof SegmentOutcomes)[]) {
    const sample = first[key] as Value;
    if (sample !== null && typeof sample === "object") {
      const groups: Record<string, number | null> = {};
      for (const group of Object.keys(sample)) {
        groups[group] = meanDefined(list.map((o) => (o[key] as Record<string, number | null>)[group] ?? null));
      }
      out[key] = groups;
    } else {
      out[key] = meanDefined(list.map((o) => o[key] as number | null));
    }
  }
  return out as unknown as SegmentOutcomes;
}

/** The first month of the final summary window of a run of `months` months. */
export function windowStart(months: number): number {
  return Math.max(0, months - SUMMARY_WINDOW_MONTHS);
}

/** Final summary: the last 12 months averaged (the whole run if shorter), the run's totals, and the extras computed from the accumulators. */
export function summarise(
  months: readonly MonthRecord[],
  extras: Pick<OutcomeSummary, "distribution" | "schoolingByCohort" | "workByCohort" | "work" | "spillovers" | "projectedEarningsLcuPerYear">,
): OutcomeSummary {
  const to = months.length - 1;
  const from = windowStart(months.length);
  const window = months.slice(from);
  const segments = {} as Record<Segment, SegmentOutcomes>;
  for (const s of SEGMENTS) segments[s] = averageOutcomes(window.map((m) => m.segments[s]));
  const perSegment = (f: (o: SegmentOutcomes) => number) => {
    const out = {} as Record<Segment, number>;
    for (const s of SEGMENTS) out[s] = months.reduce((sum, m) => sum + f(m.segments[s]), 0);
    return out;
  };
  const sum = (f: (m: MonthRecord) => number) => months.reduce((acc, m) => acc + f(m), 0);
  const totals: RunTotals = {
    paidLcu: sum((m) => m.programme.paidLcu),
    entitledLcu: sum((m) => m.programme.entitledLcu),
    withheldLcu: sum((m) => m.programme.withheldLcu),
    offeredLcu: sum((m) => m.programme.offeredLcu),
    administrativeCostLcu: sum((m) => m.programme.administrativeCostLcu),
    verificationCostLcu: sum((m) => m.programme.verificationCostLcu),
    targetingCostLcu: sum((m) => m.programme.targetingCostLcu),
    entitledEducationLcu: sum((m) => m.programme.entitledEducationLcu),
    entitledFoodHealthLcu: sum((m) => m.programme.entitledFoodHealthLcu),
    graduations: sum((m) => m.programme.graduations),
    suspendedHouseholdMonths: sum((m) => m.programme.suspendedHouseholds),
    costLcu: sum((m) => m.programme.costLcu),
    unpaidAtEndLcu: months[to]?.programme.unpaidLcu ?? 0,
    forfeitedLcu: sum((m) => m.programme.forfeitedLcu),
    beneficiaryMonths: sum((m) => m.programme.beneficiaries),
    enrolledChildMonths: perSegment((o) => o.enrolledChildren),
    transfersReceivedLcu: perSegment((o) => o.transfersReceivedLcu),
    clinicVisits: perSegment((o) => o.clinicVisits),
    births: sum((m) => m.demography.births),
    deaths: sum((m) => m.demography.deaths),
    birthsWithoutSlot: sum((m) => m.demography.birthsWithoutSlot),
  };
  return { window: { from, to }, segments, totals, ...extras };
}
