import type { BehaviourParameters } from "../behaviour/parameters.js";
import type { Source, SourceMap } from "../foundation/source.js";
import type { PopulationParameters } from "./parameters.js";

/**
 * Initial schooling by age: for each age 6…17 (index 0 = age 6), the cells
 * [grades completed, share of children of that age, enrolment rate] used to
 * draw each child's grade and current enrolment at the scenario start.
 */
export type InitialSchooling = readonly (readonly (readonly [number, number, number])[])[];

/** A named, fully sourced starting point for simulations. */
export interface Preset {
  /** Preset name as used in scenarios. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** Default scenario start, "YYYY-MM". */
  readonly defaultStart: string;
  /** Population and economy parameters. */
  readonly population: PopulationParameters;
  /** Behavioural parameters. */
  readonly behaviour: BehaviourParameters;
  /** Initial grade and enrolment distribution by age. */
  readonly initialSchooling: InitialSchooling;
  /** Where the initial schooling distribution comes from. */
  readonly initialSchoolingSource: Source;
  /** A source or assumption tag for every parameter. */
  readonly sources: {
    /** Sources of the population parameters. */
    readonly population: SourceMap<PopulationParameters>;
    /** Sources of the behavioural parameters. */
    readonly behaviour: SourceMap<BehaviourParameters>;
  };
}
