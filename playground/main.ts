/**
 * The playground page: reads the controls, asks the worker to simulate, draws
 * the trajectories with vega-lite + vega (SVG), and fills the summary table.
 *
 * The chart specifications come from the library's own builder (`trajectoryChart`,
 * called in the worker); the page only names their data, so that
 * `view.data("series")` reads a chart's points back.
 *
 * For tests and curious visitors the page exposes `window.bansosPlayground`
 * (the live vega views, the last specs and a run counter) and sets
 * `data-status` ("loading" | "running" | "ready" | "error") and `data-runs` on <body>.
 */
import { parse, View } from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import type { VegaLiteSpec } from "../src/index.js";
import { DEFAULT_PARAMS } from "./protocol.js";
import type { ChartSpecs, DesignSummary, OutcomeKey, PlaygroundParams, RunRequest, RunResponse, ShownSegment } from "./protocol.js";

/** What the page exposes on `window.bansosPlayground`. */
export interface PlaygroundHandle {
  /** Runs drawn so far. */
  runs: number;
  /** Settings of the last drawn run. */
  params: PlaygroundParams | null;
  /** Segment drawn. */
  segment: ShownSegment;
  /** Vega views by outcome, as drawn last. */
  views: Partial<Record<OutcomeKey, View>>;
  /** Chart specifications of the last run, by segment and outcome. */
  charts: ChartSpecs | null;
  /** Summaries of the last run. */
  summaries: readonly DesignSummary[];
  /** Simulation time of the last run in the worker, milliseconds. */
  elapsedMs: number;
  /** Last error message, if any. */
  error: string | null;
}

declare global {
  interface Window {
    bansosPlayground: PlaygroundHandle;
  }
}

const CHARTS: readonly { outcome: OutcomeKey; title: string }[] = [
  { outcome: "enrolment12to14", title: "School enrolment, ages 12–14" },
  { outcome: "consumptionPerAe", title: "Consumption per adult equivalent" },
  { outcome: "clinicVisits", title: "Clinic visits" },
];

/** Name of every chart's dataset in its vega view: `view.data(SERIES_DATASET)` reads the points back. */
const SERIES_DATASET = "series";

/** The builder's spec with the page's title, and its inline data moved to a named dataset. */
function forPage(spec: VegaLiteSpec, title: string, subtitle: string): TopLevelSpec {
  const { data, ...rest } = spec as VegaLiteSpec & { readonly data?: { readonly values?: readonly unknown[] } };
  return {
    ...rest,
    title: { text: title, subtitle },
    datasets: { [SERIES_DATASET]: [...(data?.values ?? [])] },
    data: { name: SERIES_DATASET },
  } as unknown as TopLevelSpec;
}

const handle: PlaygroundHandle = {
  runs: 0,
  params: null,
  segment: "poor",
  views: {},
  charts: null,
  summaries: [],
  elapsedMs: 0,
  error: null,
};
window.bansosPlayground = handle;

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground: no element #${id}`);
  return el as T;
}

const controls = {
  grantScale: element<HTMLInputElement>("grantScale"),
  schoolCondition: element<HTMLInputElement>("schoolCondition"),
  healthCondition: element<HTMLInputElement>("healthCondition"),
  uctMatchesCost: element<HTMLInputElement>("uctMatchesCost"),
  uctLcuPerMonth: element<HTMLInputElement>("uctLcuPerMonth"),
  threshold: element<HTMLInputElement>("threshold"),
  segment: element<HTMLSelectElement>("segment"),
  seed: element<HTMLInputElement>("seed"),
};
const statusLine = element<HTMLDivElement>("status");

function setStatus(status: "loading" | "running" | "ready" | "error", text: string): void {
  document.body.dataset.status = status;
  statusLine.textContent = text;
}

function readParams(): PlaygroundParams {
  return {
    ...DEFAULT_PARAMS,
    seed: controls.seed.value.trim() || DEFAULT_PARAMS.seed,
    grantScale: Number(controls.grantScale.value),
    schoolCondition: controls.schoolCondition.checked,
    healthCondition: controls.healthCondition.checked,
    threshold: Number(controls.threshold.value),
    uctMatchesCost: controls.uctMatchesCost.checked,
    uctLcuPerMonth: Number(controls.uctLcuPerMonth.value),
  };
}

function showLabels(): void {
  element<HTMLOutputElement>("grantScaleOut").value = Number(controls.grantScale.value).toFixed(1);
  element<HTMLOutputElement>("thresholdOut").value = Number(controls.threshold.value).toFixed(2);
  element<HTMLOutputElement>("uctLcuPerMonthOut").value = controls.uctLcuPerMonth.value;
  controls.uctLcuPerMonth.disabled = controls.uctMatchesCost.checked;
}

const fmt = {
  int: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
  pct: new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

function fillSummary(summaries: readonly DesignSummary[], segment: ShownSegment): void {
  const body = element<HTMLTableElement>("summary").tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...summaries.map((s) => {
      const row = document.createElement("tr");
      const cells = [
        s.design,
        fmt.int.format(s.beneficiaries),
        fmt.int.format(s.costLcu),
        fmt.int.format(s.transferPerBeneficiaryLcu),
        s.lastYear[segment].enrolment12to14 === null ? "–" : fmt.pct.format(s.lastYear[segment].enrolment12to14 ?? 0),
        s.lastYear[segment].consumptionPerAe === null ? "–" : fmt.int.format(s.lastYear[segment].consumptionPerAe ?? 0),
      ];
      row.append(
        ...cells.map((text) => {
          const td = document.createElement("td");
          td.textContent = text;
          return td;
        }),
      );
      return row;
    }),
  );
}

async function draw(charts: ChartSpecs, segment: ShownSegment): Promise<void> {
  const subtitle = segment === "poor" ? "households classified poor at baseline" : "all households";
  await Promise.all(
    CHARTS.map(async (chart) => {
      const spec = forPage(charts[segment][chart.outcome], chart.title, subtitle);
      const container = element<HTMLDivElement>(`chart-${chart.outcome}`);
      handle.views[chart.outcome]?.finalize();
      const view = new View(parse(compile(spec).spec), { renderer: "svg", container, hover: true });
      handle.views[chart.outcome] = view;
      await view.runAsync();
      container.dataset.points = String(view.data(SERIES_DATASET).length);
    }),
  );
}

function shownSegment(): ShownSegment {
  return controls.segment.value === "all" ? "all" : "poor";
}

/** Draws the charts and the table; false (and status "error") if drawing failed. */
async function redraw(charts: ChartSpecs, summaries: readonly DesignSummary[], segment: ShownSegment): Promise<boolean> {
  try {
    await draw(charts, segment);
  } catch (error) {
    handle.error = error instanceof Error ? error.message : String(error);
    setStatus("error", `Drawing failed: ${handle.error}`);
    return false;
  }
  fillSummary(summaries, segment);
  handle.segment = segment;
  return true;
}

// ---- the worker: one request in flight at a time; the latest settings win.
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let nextId = 1;
let inFlight: RunRequest | null = null;
let pending = false;

function request(): void {
  if (inFlight !== null) {
    pending = true;
    return;
  }
  const message: RunRequest = { id: nextId++, params: readParams() };
  inFlight = message;
  setStatus("running", "Simulating…");
  worker.postMessage(message);
}

worker.onmessage = async (event: MessageEvent<RunResponse>) => {
  const response = event.data;
  const sent = inFlight;
  inFlight = null;
  if (pending) {
    // Settings changed while this run was simulating: draw nothing stale, run again.
    pending = false;
    request();
    return;
  }
  if (!sent || sent.id !== response.id) return;
  if (!response.ok) {
    handle.error = response.message;
    setStatus("error", `Simulation failed: ${response.message}`);
    return;
  }
  const params = sent.params;
  const segment = shownSegment();
  if (!(await redraw(response.charts, response.summaries, segment))) return;
  element<HTMLSpanElement>("cutoffHint").textContent = `Baseline "poor" classification: score below ${response.meansTestCutoff.toFixed(2)}.`;
  Object.assign(handle, {
    params,
    segment,
    charts: response.charts,
    summaries: response.summaries,
    elapsedMs: response.elapsedMs,
    error: null,
  });
  handle.runs += 1;
  document.body.dataset.runs = String(handle.runs);
  setStatus(
    "ready",
    `Simulated 3 designs × ${fmt.int.format(params.households)} households × ${params.months} months in ${(response.elapsedMs / 1000).toFixed(2)} s.`,
  );
};

worker.onerror = (event) => {
  handle.error = event.message || "worker error";
  setStatus("error", `Simulation worker failed: ${handle.error}`);
};

// ---- controls: labels update at once; runs are debounced.
let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  showLabels();
  clearTimeout(timer);
  timer = setTimeout(request, 200);
}
const form = element<HTMLFormElement>("controls");
const onControl = (event: Event): void => {
  // The segment only changes what is drawn: redraw the last run, simulate nothing.
  if (event.target === controls.segment) {
    if (handle.charts) void redraw(handle.charts, handle.summaries, shownSegment());
    return;
  }
  schedule();
};
form.addEventListener("input", onControl);
form.addEventListener("change", onControl);
form.addEventListener("submit", (event) => event.preventDefault());
element<HTMLSpanElement>("sizeHint").textContent =
  `${fmt.int.format(DEFAULT_PARAMS.households)} households, ${DEFAULT_PARAMS.months} months from September 1997.`;
showLabels();
request();
