/**
 * Chart specifications: plain JSON objects in the Vega-Lite grammar
 * (https://vega.github.io/vega-lite/), with the data inline. Core code: no
 * rendering here (`bansos/node` has `renderSvg`; in a browser use vega-embed;
 * in a notebook, display the object as `application/vnd.vegalite.v6+json`).
 */

/** The Vega-Lite schema the builders target. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** A Vega-Lite specification as plain, JSON-serialisable data. */
export interface VegaLiteSpec {
  /** The Vega-Lite schema URL ({@link VEGA_LITE_SCHEMA}). */
  readonly $schema: string;
  /** Any other Vega-Lite property (data, mark, encoding, layer, title…). */
  readonly [property: string]: unknown;
}

/** Size and titles common to the chart builders. */
export interface ChartLayout {
  /** Chart title (default: derived from the data shown). */
  readonly title?: string;
  /** Plot width in CSS pixels (default 560). */
  readonly width?: number;
  /** Plot height in CSS pixels (default 300). */
  readonly height?: number;
}
