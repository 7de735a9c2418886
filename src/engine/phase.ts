import type { HouseholdScratch } from "./householdScratch.js";
import type { MonthFacts } from "./monthFacts.js";
import type { RunConstants } from "./runConstants.js";
import type { SimulationState } from "./state.js";

/** A typed array seen read-only. */
export interface ReadonlyNumbers {
  /** Number of elements. */
  readonly length: number;
  /** Element `index`. */
  readonly [index: number]: number;
}

type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array | Int8Array;

/** `T` seen read-only all the way down: fields readonly, typed arrays {@link ReadonlyNumbers}, methods kept. */
type ReadView<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends TypedArray
    ? ReadonlyNumbers
    : T extends object
      ? { readonly [K in keyof T]: ReadView<T[K]> }
      : T;

/** Fields of the household scratch a phase can read or write. */
export type ScratchField = Exclude<keyof HouseholdScratch, "index" | "base">;
/** Arrays of the run state a phase can read or write. */
export type StateField = keyof SimulationState;

/** The household fields every phase reads: set by the cycle before the first phase. */
type Identity = Pick<HouseholdScratch, "index" | "base">;

/**
 * What a household phase sees: the run's constants and the month's facts
 * (read-only), and exactly the household scratch fields and state arrays it
 * declares — read-only where it only reads them. The compiler refuses any other
 * access, so a phase's declaration is the truth about what it touches.
 */
export interface HouseholdPhaseContext<R extends ScratchField, W extends ScratchField, SR extends StateField, SW extends StateField> {
  /** Run constants. */
  readonly run: RunConstants;
  /** This month's facts and accumulator. */
  readonly month: MonthFacts;
  /** The household's scratch: declared reads (read-only) and writes. */
  readonly household: ReadView<Pick<HouseholdScratch, R> & Identity> & Pick<HouseholdScratch, W>;
  /** The run state: declared reads (read-only) and writes. */
  readonly state: ReadView<Pick<SimulationState, SR>> & Pick<SimulationState, SW>;
}

type Element<T> = T extends readonly (infer E)[] ? E : never;

/**
 * The {@link HouseholdPhaseContext} of a phase's declared reads and writes, for the helper
 * functions of a phase: `type Context = ContextOf<typeof reads, typeof writes>`.
 */
export type ContextOf<
  Reads extends { readonly household?: readonly ScratchField[]; readonly state?: readonly StateField[] },
  Writes extends { readonly household?: readonly ScratchField[]; readonly state?: readonly StateField[] },
> = HouseholdPhaseContext<
  Element<Reads["household"]> & ScratchField,
  Element<Writes["household"]> & ScratchField,
  Element<Reads["state"]> & StateField,
  Element<Writes["state"]> & StateField
>;

/** What a month phase sees: run constants, the month's facts, and the state arrays it declares. */
export interface MonthPhaseContext<SR extends StateField, SW extends StateField> {
  /** Run constants. */
  readonly run: RunConstants;
  /** This month's facts and accumulator. */
  readonly month: MonthFacts;
  /** The run state: declared reads (read-only) and writes. */
  readonly state: ReadView<Pick<SimulationState, SR>> & Pick<SimulationState, SW>;
}

/** The full context the cycle passes to every phase (each phase sees its declared part of it). */
export interface CycleContext {
  /** Run constants. */
  readonly run: RunConstants;
  /** This month's facts. */
  readonly month: MonthFacts;
  /** The household being simulated. */
  readonly household: HouseholdScratch;
  /** The run state. */
  readonly state: SimulationState;
}

/** What a phase declares it reads or writes. */
export interface PhaseAccess<H extends ScratchField, S extends StateField> {
  /** Household scratch fields. */
  readonly household?: readonly H[];
  /** Run state arrays. */
  readonly state?: readonly S[];
}

/** Which households a household phase runs for: all, those with living members after demography, or those that died out. */
export type PhaseHouseholds = "all" | "living" | "extinct";

/** A household phase of the monthly cycle, as the cycle runs it (see {@link householdPhase}). */
export interface HouseholdPhase {
  /** Name, as in docs/architecture.md. */
  readonly name: string;
  /** The equations of docs/model.md it implements. */
  readonly equations: string;
  /** Which households it runs for. */
  readonly households: PhaseHouseholds;
  /** What it reads (written by earlier phases this month, or by any phase in earlier months). */
  readonly reads: { readonly household: readonly ScratchField[]; readonly state: readonly StateField[] };
  /** What it writes (and may also read). */
  readonly writes: { readonly household: readonly ScratchField[]; readonly state: readonly StateField[] };
  /** When it runs, in words (what `active` decides). */
  readonly when: string;
  /** Whether it runs this month at all (checked once per month). */
  active(run: RunConstants, month: MonthFacts): boolean;
  /** Run it for household `h` (the index also in `c.household.index`). */
  run(c: CycleContext, h: number): void;
}

/** A phase run once a month, before or after the households (see {@link monthPhase}). */
export interface MonthPhase {
  /** Name, as in docs/architecture.md. */
  readonly name: string;
  /** The equations of docs/model.md it implements. */
  readonly equations: string;
  /** State arrays it reads. */
  readonly reads: { readonly state: readonly StateField[] };
  /** State arrays it writes (and may also read). */
  readonly writes: { readonly state: readonly StateField[] };
  /** When it runs, in words (what `active` decides). */
  readonly when: string;
  /** Whether it runs this month. */
  active(run: RunConstants, month: MonthFacts): boolean;
  /** Run it. */
  run(c: CycleContext): void;
}

const always = (): boolean => true;

/**
 * Declare a household phase. The field lists are the phase's contract: its
 * `run` is typed to see only them (read-only for reads), and test/phases.test.ts
 * checks that every field a phase reads is written by an earlier phase.
 */
export function householdPhase<
  const R extends ScratchField = never,
  const W extends ScratchField = never,
  const SR extends StateField = never,
  const SW extends StateField = never,
>(spec: {
  readonly name: string;
  readonly equations: string;
  readonly households: PhaseHouseholds;
  readonly reads: PhaseAccess<R, SR>;
  readonly writes: PhaseAccess<W, SW>;
  readonly when?: string;
  readonly active?: (run: RunConstants, month: MonthFacts) => boolean;
  readonly run: (c: HouseholdPhaseContext<R, W, SR, SW>, h: number) => void;
}): HouseholdPhase {
  return {
    name: spec.name,
    equations: spec.equations,
    households: spec.households,
    reads: { household: spec.reads.household ?? [], state: spec.reads.state ?? [] },
    writes: { household: spec.writes.household ?? [], state: spec.writes.state ?? [] },
    when: spec.when ?? "every month",
    active: spec.active ?? always,
    // The full context holds everything the narrowed one declares.
    run: spec.run as unknown as (c: CycleContext, h: number) => void,
  };
}

/** Declare a month phase (see {@link householdPhase}). */
export function monthPhase<const SR extends StateField = never, const SW extends StateField = never>(spec: {
  readonly name: string;
  readonly equations: string;
  readonly reads: { readonly state?: readonly SR[] };
  readonly writes: { readonly state?: readonly SW[] };
  readonly when?: string;
  readonly active?: (run: RunConstants, month: MonthFacts) => boolean;
  readonly run: (c: MonthPhaseContext<SR, SW>) => void;
}): MonthPhase {
  return {
    name: spec.name,
    equations: spec.equations,
    reads: { state: spec.reads.state ?? [] },
    writes: { state: spec.writes.state ?? [] },
    when: spec.when ?? "every month",
    active: spec.active ?? always,
    run: spec.run as unknown as (c: CycleContext) => void,
  };
}
