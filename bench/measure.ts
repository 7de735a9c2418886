/**
 * Measurement helpers of the bench suite (and of test/parallel.test.ts): heap allocation
 * of the monthly loop, GC pauses, resident memory.
 *
 * Allocation. Node 20 has no cumulative "bytes allocated" counter (v8.getHeapStatistics()
 * reports the live heap only). It is reconstructed exactly from the GC's own accounting:
 * v8.GCProfiler records the heap before and after every collection, so
 *
 *     allocated = (used heap at the end − used heap at the start) + Σ over collections (used before − used after)
 *
 * i.e. what is still live plus what every collection freed. Live-heap sampling alone would
 * miss everything a scavenge reclaimed. The count covers the V8 heap (objects, boxed
 * numbers, closures, typed-array headers), not the backing stores of large typed arrays
 * (external memory) — a per-person object shows up, a per-person `new Float64Array(k)` as
 * its ~100-byte header.
 */
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import type { Observer } from "../src/index.js";

/** Heap allocation of the monthly loop, from the end of month 0 to the end of the last month. */
export interface LoopAllocation {
  /** Bytes allocated on the V8 heap over the measured months. */
  readonly bytes: number;
  /** Months measured (all but the first, which warms up the code and allocates lazily built tables). */
  readonly months: number;
  /** Garbage collections during the measured months. */
  readonly collections: number;
}

/** Bytes allocated on the heap while `fn` runs (see the file comment). */
export function allocatedDuring(fn: () => void): { bytes: number; collections: number } {
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  fn();
  const stats = profiler.stop();
  const after = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const s of stats.statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  return { bytes: after - before + freed, collections: stats.statistics.length };
}

/**
 * An end-of-month observer that measures heap allocation from the end of month 0 to the end of
 * month `months − 1` (the monthly loop only: not the population, the run state or the result).
 * `result()` is null until the last month has been observed.
 */
export function loopAllocationProbe(months: number): { readonly observe: Observer; result(): LoopAllocation | null } {
  let profiler: v8.GCProfiler | null = null;
  let before = 0;
  let measured: LoopAllocation | null = null;
  const observe: Observer = (month) => {
    if (months < 2) return;
    if (month === 0) {
      profiler = new v8.GCProfiler();
      before = v8.getHeapStatistics().used_heap_size;
      profiler.start();
    } else if (month === months - 1 && profiler) {
      const stats = profiler.stop();
      const after = v8.getHeapStatistics().used_heap_size;
      let freed = 0;
      for (const s of stats.statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
      measured = { bytes: after - before + freed, months: months - 1, collections: stats.statistics.length };
      profiler = null;
    }
  };
  return { observe, result: () => measured };
}

/** GC pauses seen by a PerformanceObserver (entry type "gc"). */
export interface GcPauses {
  /** Collections. */
  readonly count: number;
  /** Sum of their pauses, milliseconds. */
  readonly totalMs: number;
  /** Longest pause, milliseconds. */
  readonly maxMs: number;
}

/**
 * Record GC entries (node:perf_hooks, entryTypes ["gc"]). The simulation is synchronous, so the
 * entries are delivered after it: `pausesBetween` awaits the event loop once before summing the
 * entries that started within [from, to] (performance.now() milliseconds).
 */
export function recordGc(): { pausesBetween(from: number, to: number): Promise<GcPauses>; stop(): void } {
  const entries: { startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) entries.push({ startTime: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    async pausesBetween(from: number, to: number): Promise<GcPauses> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      let count = 0;
      let totalMs = 0;
      let maxMs = 0;
      for (const e of entries) {
        if (e.startTime < from || e.startTime > to) continue;
        count++;
        totalMs += e.duration;
        maxMs = Math.max(maxMs, e.duration);
      }
      return { count, totalMs, maxMs };
    },
    stop: () => observer.disconnect(),
  };
}

/** Peak resident set size of this process so far (the kernel's high-water mark), bytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
