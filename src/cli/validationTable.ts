/** The validation table as text, shared by `bansos validate` and `npm run validate`. */
import type { ValidationLine } from "../experiment/validation.js";

/**
 * The lines of the validation table: header, rule, one row per target
 * ("* " marks gated lines) with observed and simulated estimates and their
 * 95% intervals, and "pass" or "FAIL".
 */
export function validationTable(lines: readonly ValidationLine[]): string[] {
  const f = (v: number | null) => (v === null || !Number.isFinite(v) ? "—" : (v >= 0 ? " " : "") + v.toFixed(3));
  const header = ["Target", "Observed [95% interval]", "Simulated [95% interval]", "Result"];
  const table = lines.map((l) => [
    `${l.gate ? "* " : "  "}${l.target}`,
    l.observed === null ? `— (${l.source})` : `${f(l.observed)} [${f(l.observedLower)}, ${f(l.observedUpper)}]`,
    `${f(l.simulated)} [${f(l.simulatedLower)}, ${f(l.simulatedUpper)}]`,
    l.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, k) => v.padEnd(widths[k]!))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...table.map(line)];
}
