import { View, parse } from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import type { VegaLiteSpec } from "../charts/types.js";
import { writeFileAtomic } from "./files.js";

/**
 * Render a Vega-Lite specification (e.g. from `trajectoryChart`) to an SVG
 * document, headless: vega-lite compiles it to Vega, and a vega View with the
 * "none" renderer draws the scene to SVG text. No browser or canvas needed;
 * text widths are estimated, so labels may sit slightly differently than in a
 * browser. Data must be inline (`data.values`), as the chart builders make it.
 *
 * @returns the SVG document (UTF-8 text), sized in CSS pixels.
 * @example await writeFile("enrolment.svg", await renderSvg(trajectoryChart(cmp, { metric: "poor/enrolment/age12to14" })));
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  // vega tags inline data objects as it ingests them: render a copy, leave the caller's spec as it was.
  const { spec: vegaSpec } = compile(structuredClone(spec) as unknown as TopLevelSpec);
  const view = new View(parse(vegaSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Render a Vega-Lite specification to SVG ({@link renderSvg}) and write it to
 * `path` atomically.
 * @example await writeSvg("out/enrolment.svg", trajectoryChart(cmp, { metric: "poor/enrolment/age12to14" }));
 */
export async function writeSvg(path: string, spec: VegaLiteSpec): Promise<void> {
  await writeFileAtomic(path, await renderSvg(spec));
}
