/**
 * Simulated surveys: one row per child per survey round, in the same shape a
 * real evaluation survey (e.g. the Progresa ENCEL rounds) can be read into, so
 * the estimators of ./estimators.ts run unchanged on simulated and real data.
 */
import type { Observer } from "../engine/run.js";
import type { SimulationState } from "../engine/state.js";
import type { Population } from "../population/population.js";

/**
 * One child observed in one survey round. Real data read into this shape use
 * their own identifiers; simulated rows use the engine's indices.
 */
export interface SurveyRow {
  /** Calendar year of the survey round (e.g. 1998 for a survey in October 1998). */
  readonly year: number;
  /** Locality (the cluster and unit of randomisation). Simulated: the locality index. */
  readonly locality: number;
  /** Household identifier, unique within the data set. Simulated: the household index. */
  readonly household: number;
  /** Person identifier, unique within the data set and stable across rounds (a panel key). Simulated: the person slot. */
  readonly person: number;
  /** True for boys. */
  readonly male: boolean;
  /** Age in completed years at the survey. */
  readonly age: number;
  /** True if the household is classified poor (eligible) by the means test: score below the cut-off. */
  readonly poor: boolean;
  /** True if the locality is in the treatment arm of the randomised roll-out. */
  readonly treatedLocality: boolean;
  /** True if enrolled in school in the school year under way at the survey. */
  readonly enrolled: boolean;
  /** Grades completed, when the survey records it (simulated surveys do; the teen panel does not). */
  readonly gradesCompleted?: number;
  /** Labour earnings this month of a member aged 18+, local currency (0 when not working); simulated surveys only. */
  readonly earningsLcuPerMonth?: number;
}

/** Options of {@link collectSurvey}. */
export interface SurveyOptions {
  /** Month indices (0 = the scenario's first month) in which to survey, at the end of the month. */
  readonly months: readonly number[];
  /** Calendar month of month 0, "YYYY-MM" (the resolved scenario's `start`). */
  readonly start: string;
  /** Treatment status per locality (1 treated, 0 control), e.g. from `treatedLocalities(scenario)`. */
  readonly treatedLocality: ArrayLike<number>;
  /** Youngest age surveyed, completed years (default 6). */
  readonly minAge?: number;
  /** Oldest age surveyed, completed years (default 16). */
  readonly maxAge?: number;
}

/** What {@link collectSurvey} returns: the observer to pass to `simulate` and the rows it fills. */
export interface SurveyCollector {
  /** Pass as `simulate(input, { observe })`; it records rows in the survey months. */
  readonly observe: Observer;
  /** Every row recorded so far, in survey order (then household, then slot). */
  readonly rows: SurveyRow[];
  /**
   * The rows by survey month index. Two rounds in one calendar year (Progresa
   * surveyed in March and October 1998) share `year`; keep them apart by month.
   */
  readonly byMonth: ReadonlyMap<number, readonly SurveyRow[]>;
}

/**
 * Calendar year of month index `t` of a run starting in `start` ("YYYY-MM").
 * @example surveyYear("1997-09", 13); // => 1998 (October 1998)
 */
export function surveyYear(start: string, t: number): number {
  const match = /^(\d{4})-(\d{2})$/.exec(start);
  if (!match) throw new RangeError(`start must be "YYYY-MM", got "${start}"`);
  return Math.floor((Number(match[1]) * 12 + Number(match[2]) - 1 + t) / 12);
}

/**
 * A simulated survey of school-age children. Returns an observer for
 * `simulate(input, { population, observe })` and the array it fills: at the
 * end of each survey month, one {@link SurveyRow} per living child aged
 * `minAge … maxAge` in completed years (age = ⌊(month − birth month) / 12⌋,
 * as the engine computes it). `poor` is the household's means-test class
 * (score < `population.meansTestCutoff`, as the engine classifies), and
 * `treatedLocality` comes from the array given.
 *
 * @example
 * const scenario = parseScenario({ months: 14, population: { households: 600 },
 *   programme: { rule: { kind: "progresa" }, rollout: { kind: "clusterRandomised" } } });
 * const survey = collectSurvey({ months: [1, 13], start: scenario.start, treatedLocality: treatedLocalities(scenario) });
 * simulate(scenario, { observe: survey.observe });
 * survey.rows.filter((r) => r.year === 1998).length; // children 6–16 surveyed in October 1998
 */
export function collectSurvey(options: SurveyOptions): SurveyCollector {
  const minAge = options.minAge ?? 6;
  const maxAge = options.maxAge ?? 16;
  if (!(Number.isInteger(minAge) && Number.isInteger(maxAge) && minAge >= 0 && minAge <= maxAge)) {
    throw new RangeError(`ages must be integers with 0 ≤ minAge ≤ maxAge, got ${minAge}–${maxAge}`);
  }
  for (const m of options.months) {
    if (!(Number.isInteger(m) && m >= 0)) throw new RangeError(`survey months must be month indices ≥ 0, got ${m}`);
  }
  const years = new Map(options.months.map((m) => [m, surveyYear(options.start, m)]));
  const treated = options.treatedLocality;
  const rows: SurveyRow[] = [];
  const byMonth = new Map<number, SurveyRow[]>(options.months.map((m) => [m, []]));

  const observe = (month: number, state: SimulationState, population: Population): void => {
    const round = byMonth.get(month);
    if (!round) return;
    const year = years.get(month) as number;
    const hh = population.households;
    const cutoff = population.meansTestCutoff;
    if (treated.length !== population.localityCount) {
      throw new RangeError(`treatedLocality has ${treated.length} entries for ${population.localityCount} localities`);
    }
    for (let h = 0; h < population.householdCount; h++) {
      const first = hh.firstSlot[h] as number;
      const used = state.used[h] as number;
      const locality = hh.locality[h] as number;
      const poor = (hh.meansTestScore[h] as number) < cutoff;
      const treatedLocality = treated[locality] === 1;
      for (let i = first; i < first + used; i++) {
        if (state.alive[i] !== 1) continue;
        const age = Math.floor((month - (state.birthMonth[i] as number)) / 12);
        if (age < minAge || age > maxAge) continue;
        const row: SurveyRow = {
          year,
          locality,
          household: h,
          person: i,
          male: state.male[i] === 1,
          age,
          poor,
          treatedLocality,
          enrolled: state.enrolled[i] === 1,
          gradesCompleted: state.gradesCompleted[i] as number,
          ...(age >= 18 ? { earningsLcuPerMonth: state.earnings[i] as number } : {}),
        };
        rows.push(row);
        round.push(row);
      }
    }
  };
  return { observe, rows, byMonth };
}
