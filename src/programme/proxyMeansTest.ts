import type { Population } from "../population/population.js";
import { baselineLogWelfare } from "../population/baselineGroups.js";
import { leastSquares } from "../population/leastSquares.js";
import { Purpose } from "../random/streams.js";
import type { RandomStreams } from "../random/streams.js";

/** Proxies of the means test, in design-matrix column order (after the intercept). */
export const PMT_PROXIES = ["dirtFloor", "assets", "headSchooling", "logHouseholdSize", "indigenous", "childShare"] as const;

/** Columns of the PMT design: intercept + proxies. */
const COLS = PMT_PROXIES.length + 1;

/**
 * Row-major design matrix of the proxy-means test, one row per household:
 * [1, dirt floor, assets, head's schooling (years), ln household size,
 * indigenous, share of members under 15], all observed at the start.
 */
export function proxyDesign(population: Population): Float64Array {
  const H = population.householdCount;
  const hh = population.households;
  const P = population.persons;
  const design = new Float64Array(H * COLS);
  for (let h = 0; h < H; h++) {
    const size = hh.initialSize[h] as number;
    const first = hh.firstSlot[h] as number;
    let kids = 0;
    for (let m = 0; m < size; m++) if (-(P.birthMonth[first + m] as number) < 180) kids++;
    const o = h * COLS;
    design[o] = 1;
    design[o + 1] = hh.dirtFloor[h] as number;
    design[o + 2] = hh.assets[h] as number;
    design[o + 3] = hh.headSchooling[h] as number;
    design[o + 4] = Math.log(size);
    design[o + 5] = hh.indigenous[h] as number;
    design[o + 6] = kids / size;
  }
  return design;
}

/** A fitted proxy-means test. */
export interface ProxyMeansTest {
  /** Coefficients: intercept, then {@link PMT_PROXIES}. */
  readonly coefficients: readonly number[];
  /** Households in the survey sample. */
  readonly surveyed: number;
  /** Score of every household: predicted consumption per adult equivalent, in poverty lines. */
  readonly scores: Float64Array;
}

/**
 * Fit a proxy-means test as programmes do: survey a random `surveyShare` of
 * households (purpose "targetingSurvey", so the sample is fixed by the seed),
 * regress their measured log consumption per adult equivalent (relative to the
 * poverty line) on the proxies by least squares, and score every household by
 * its prediction. With `surveyShare` 1 the fit is the population regression.
 * @example
 * const pmt = fitProxyMeansTest(population, new RandomStreams(1), 0.1);
 * pmt.scores[0]; // e.g. 0.83: predicted at 83% of the poverty line
 */
export function fitProxyMeansTest(population: Population, rng: RandomStreams, surveyShare: number): ProxyMeansTest {
  const H = population.householdCount;
  const design = proxyDesign(population);
  const welfare = baselineLogWelfare(population);
  const rows: number[] = [];
  for (let h = 0; h < H; h++) if (surveyShare >= 1 || rng.uniform(Purpose.targetingSurvey, h, 0, 0) < surveyShare) rows.push(h);
  const x = new Float64Array(rows.length * COLS);
  const y = new Float64Array(rows.length);
  rows.forEach((h, r) => {
    x.set(design.subarray(h * COLS, (h + 1) * COLS), r * COLS);
    y[r] = welfare[h] as number;
  });
  const coefficients = leastSquares(x, y, COLS);
  const scores = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    let pred = 0;
    for (let j = 0; j < COLS; j++) pred += (coefficients[j] as number) * (design[h * COLS + j] as number);
    scores[h] = Math.exp(pred);
  }
  return { coefficients, surveyed: rows.length, scores };
}
