/**
 * A progress bar on stderr for long runs: runs done / total, elapsed time and
 * an estimate of the time left. Drawn only when stderr is a terminal (and not
 * with --quiet), at most ten times a second, and erased when the work is done.
 */

/** Reports progress; a no-op when disabled. */
export interface Progress {
  /** Record that `done` of `total` runs are finished. */
  update(done: number, total: number): void;
  /** Erase the bar (call once, when the work is done or failed). */
  finish(): void;
}

/** Minutes and seconds ("1:05"), or hours ("2:03:04") from an hour up. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * One line of the bar, at most `width` characters: label, bar, done/total,
 * elapsed time and estimated time left (shown once something is done).
 * @param elapsedSeconds seconds since the work started
 * @param unit what is counted ("runs", "months")
 */
export function renderProgress(label: string, done: number, total: number, elapsedSeconds: number, width = 80, unit = "runs"): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const eta = done > 0 && done < total ? formatDuration((elapsedSeconds * (total - done)) / done) : done >= total ? "0:00" : "…";
  const tail = ` ${done}/${total} ${unit}  ${formatDuration(elapsedSeconds)} elapsed  ETA ${eta}`;
  const barWidth = Math.max(5, Math.min(30, width - label.length - tail.length - 4));
  const filled = Math.round(share * barWidth);
  const line = `${label} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]${tail}`;
  return line.length > width ? line.slice(0, Math.max(0, width - 1)) : line;
}

/**
 * A progress bar for `label` on `stream` (default stderr), enabled only when
 * the stream is a terminal and `quiet` is false.
 * @param unit what is counted ("runs", "months")
 */
export function createProgress(label: string, quiet: boolean, unit = "runs", stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || !stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = performance.now();
  const state = { last: -Infinity, drawn: false };
  return {
    update(done, total) {
      const now = performance.now();
      if (now - state.last < 100 && done < total) return;
      state.last = now;
      state.drawn = true;
      stream.write(`\r${renderProgress(label, done, total, (now - started) / 1000, (stream.columns || 80) - 1, unit)}\x1b[K`);
    },
    finish() {
      if (state.drawn) stream.write("\r\x1b[K");
      state.drawn = false;
    },
  };
}
