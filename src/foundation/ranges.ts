import { z } from "zod";

/** How a range is written in errors and docs, e.g. "0 ≤ x ≤ 1", "0 < x ≤ 5000 (km)". */
function rangeText(min: number, max: number, minOpen: boolean, maxOpen: boolean, unit: string | undefined): string {
  const text = `${formatBound(min)} ${minOpen ? "<" : "≤"} x ${maxOpen ? "<" : "≤"} ${formatBound(max)}`;
  return unit === undefined ? text : `${text} (${unit})`;
}

function formatBound(v: number): string {
  return Math.abs(v) >= 1e6 ? v.toExponential().replace("e+", "e") : String(v);
}

/** Options of {@link between}. */
export interface RangeOptions {
  /** The lower bound itself is excluded (min < x). */
  readonly minOpen?: boolean;
  /** The upper bound itself is excluded (x < max). */
  readonly maxOpen?: boolean;
  /** Whole numbers only. */
  readonly int?: boolean;
  /** Unit, shown with the range (e.g. "km", "local currency per month"). */
  readonly unit?: string;
}

/**
 * A number schema with its physically meaningful range: values outside it, NaN and ±∞ are
 * refused, and the error says the range ("expected 0 ≤ x ≤ 1"). The range is also in the
 * schema's metadata (`schema.meta().range`), for generated docs and JSON Schema.
 * @example between(0, 500, { unit: "km" }) // a distance
 */
export function between(min: number, max: number, options: RangeOptions = {}) {
  const text = rangeText(min, max, options.minOpen === true, options.maxOpen === true, options.unit);
  let schema = options.int ? z.int() : z.number();
  schema = options.minOpen ? schema.gt(min, { error: text }) : schema.min(min, { error: text });
  schema = options.maxOpen ? schema.lt(max, { error: text }) : schema.max(max, { error: text });
  return schema.meta({ range: text });
}

/** A share or probability: 0 ≤ x ≤ 1. */
export function share() {
  return between(0, 1);
}

/**
 * An amount of money in local currency, 0 ≤ x ≤ 10^12: far above any programme's amounts in
 * pesos or rupiah, and low enough that sums over millions of household-months stay exact.
 */
export function moneyAmount(unit = "local currency") {
  return between(0, 1e12, { unit });
}

/** A coefficient of a logit utility, in utility units (the logistic shock has scale 1): −50 ≤ x ≤ 50. */
export function logitCoefficient() {
  return between(-50, 50, { unit: "utility" });
}

/** A height-for-age z-score or shift of one: −6 ≤ x ≤ 6 (beyond ±6 the WHO flags measurements as implausible). */
export function zScore() {
  return between(-6, 6, { unit: "z" });
}
