import { readFileSync } from "node:fs";
import { parseProgresaPanel } from "../experiment/progresaPanel.js";
import type { PanelParseReport, PanelRow } from "../experiment/progresaPanel.js";

/** The Progresa teen panel shipped with the package (data/progresa/teen-panel.csv). */
export const PROGRESA_PANEL_URL = new URL("../../data/progresa/teen-panel.csv", import.meta.url);

/**
 * Read the Progresa evaluation panel (children aged 10–16 in 1997, surveyed
 * 1997–1999; provenance in data/progresa/README.md) as survey rows.
 * @param path a path or URL of the CSV (default: the copy shipped with bansos)
 */
export function loadProgresaPanel(path: string | URL = PROGRESA_PANEL_URL): {
  /** The rows kept. */
  rows: PanelRow[];
  /** What was dropped, and why. */
  report: PanelParseReport;
} {
  return parseProgresaPanel(readFileSync(path, "utf8"));
}
