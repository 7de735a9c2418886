/** The benchmarks of `npm run bench` (see docs/performance.md). */

/** One benchmark: a scenario size, run in its own child process. */
export interface Benchmark {
  /** Name used on the command line (`--only`) and in the results. */
  readonly name: string;
  /** Group: `scale` (single-threaded `simulate`) or `parallel` (`simulateInWorkers`). */
  readonly group: "scale" | "parallel";
  /** Population preset. */
  readonly preset: "mexico-rural-1997" | "indonesia-2020";
  /** Rule spec kind. */
  readonly rule: "progresa" | "pkh";
  /** Households. */
  readonly households: number;
  /** Months simulated. */
  readonly months: number;
  /** Worker threads (parallel group only). */
  readonly workers?: number;
  /** Part of `--quick` (small, seconds). */
  readonly quick: boolean;
  /** Part of the default suite (without `--only` / `--quick`). */
  readonly full: boolean;
}

const mexico = { preset: "mexico-rural-1997", rule: "progresa", months: 36 } as const;

/** Every benchmark, in the order they run. */
export const BENCHMARKS: readonly Benchmark[] = [
  { ...mexico, name: "mexico-10k", group: "scale", households: 10_000, quick: true, full: true },
  { ...mexico, name: "mexico-100k", group: "scale", households: 100_000, quick: false, full: true },
  { ...mexico, name: "mexico-1m", group: "scale", households: 1_000_000, quick: false, full: true },
  { name: "indonesia-1m", group: "scale", preset: "indonesia-2020", rule: "pkh", households: 1_000_000, months: 12, quick: false, full: true },
  { ...mexico, name: "mexico-100k-workers-1", group: "parallel", households: 100_000, workers: 1, quick: false, full: true },
  { ...mexico, name: "mexico-100k-workers-2", group: "parallel", households: 100_000, workers: 2, quick: false, full: true },
  { ...mexico, name: "mexico-10k-workers-1", group: "parallel", households: 10_000, workers: 1, quick: true, full: false },
  { ...mexico, name: "mexico-10k-workers-2", group: "parallel", households: 10_000, workers: 2, quick: true, full: false },
];

/** The scenario of a benchmark, as data (seed "bench"; Mexico starts in September 1997, Indonesia at its preset's default). */
export function benchmarkScenario(b: Pick<Benchmark, "preset" | "rule" | "households" | "months">): Record<string, unknown> {
  return {
    seed: "bench",
    months: b.months,
    ...(b.preset === "mexico-rural-1997" ? { start: "1997-09" } : {}),
    population: { preset: b.preset, households: b.households },
    programme: { rule: { kind: b.rule } },
  };
}
