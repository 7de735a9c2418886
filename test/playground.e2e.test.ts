/**
 * End-to-end test of the browser playground (playground/): builds it with
 * `npm run playground`, serves playground/dist/ from a tiny static server on
 * 127.0.0.1, drives it in headless Chromium (Debian's `chromium` package, through
 * playwright-core) and checks that the page simulates and draws its charts, and
 * that moving a slider changes the charts' data.
 *
 * Without Chromium the test is skipped with a message — except in CI (CI=true),
 * where it fails: .ci/run installs the package.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "playground", "dist");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const inCi = Boolean(process.env.CI) && process.env.CI !== "false" && process.env.CI !== "0";
const haveChromium = existsSync(chromiumPath);

if (!haveChromium && !inCi) {
  console.warn(
    `\n[playground e2e] SKIPPED: no Chromium at ${chromiumPath}. Install it (Debian/Ubuntu: apt-get install chromium) ` +
      "or set CHROMIUM_PATH to a Chromium binary to run the browser test.\n",
  );
}

/** Flags for a headless Chromium in a closed network (no background connections, no first-run, fresh profile). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** A static file server for `dir` on 127.0.0.1 (random port). */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The subset of the page's `window.bansosPlayground` the test reads (see playground/main.ts). */
interface PlaygroundWindow {
  bansosPlayground: {
    runs: number;
    elapsedMs: number;
    error: string | null;
    views: Record<string, { data(name: string): { scenario: string; date: string; mean: number }[] } | undefined>;
  };
}

/** A chart point as drawn (src/charts' TrajectoryPoint: one design — "scenario" — in one month). */
type Point = { scenario: string; date: string; mean: number };

/** Points of a chart, read back from its live vega View. */
function chartData(page: Page, outcome: string): Promise<Point[]> {
  return page.evaluate((o) => {
    const view = (globalThis as unknown as PlaygroundWindow).bansosPlayground.views[o];
    if (!view) throw new Error(`no view for ${o}`);
    return view.data("series").map(({ scenario, date, mean }) => ({ scenario, date, mean }));
  }, outcome);
}

/** Waits until the page has drawn more than `runs` runs and is idle. */
async function waitForRun(page: Page, runs: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      // The test is compiled without DOM types: reach <body> through globalThis.
      const { dataset } = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body;
      return dataset.status === "error" || (Number(dataset.runs ?? 0) > n && dataset.status === "ready");
    },
    runs,
    { timeout: 90_000 },
  );
  const error = await page.evaluate(() => (globalThis as unknown as PlaygroundWindow).bansosPlayground.error);
  expect(error, "the page reported an error").toBeNull();
}

const series = (points: Point[], design: string) => points.filter((p) => p.scenario === design).map((p) => p.mean);

describe.skipIf(!haveChromium && !inCi)("browser playground (headless Chromium)", () => {
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    expect(haveChromium, `CI must have Chromium at ${chromiumPath} (.ci/run installs Debian's chromium package)`).toBe(true);
    execFileSync("npm", ["run", "--silent", "playground"], { cwd: root, stdio: "pipe" });
    expect(existsSync(join(dist, "index.html")) && existsSync(join(dist, "main.js")) && existsSync(join(dist, "worker.js"))).toBe(true);
    server = await serve(dist);
    profile = mkdtempSync(join(tmpdir(), "bansos-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("simulates in a worker and draws the outcome charts", async () => {
    await waitForRun(page, 0);
    for (const outcome of ["enrolment12to14", "consumptionPerAe", "clinicVisits"]) {
      const chart = page.locator(`#chart-${outcome} svg`);
      await expect(chart.count()).resolves.toBe(1);
      // One line per design.
      await expect(page.locator(`#chart-${outcome} svg .mark-line path`).count()).resolves.toBe(3);
      const points = await chartData(page, outcome);
      expect(points.length).toBe(3 * 24);
      expect(new Set(points.map((p) => p.scenario))).toEqual(new Set(["no programme", "CCT", "UCT"]));
    }
    await expect(page.locator("#summary tbody tr").count()).resolves.toBe(3);
    const elapsedMs = await page.evaluate(() => (globalThis as unknown as PlaygroundWindow).bansosPlayground.elapsedMs);
    console.info(`[playground e2e] first run: 3 designs × 1,500 households × 24 months in ${(elapsedMs / 1000).toFixed(2)} s (in the browser worker)`);
    expect(pageErrors).toEqual([]);
  });

  it("changes the charts' data when a slider moves", async () => {
    const before = await chartData(page, "consumptionPerAe");
    const runs = await page.evaluate(() => (globalThis as unknown as PlaygroundWindow).bansosPlayground.runs);
    // Grant amounts 1.0 → 1.5 × Progresa's, as a visitor would: keyboard on the focused slider.
    const slider = page.locator("#grantScale");
    await slider.focus();
    for (let k = 0; k < 5; k++) await page.keyboard.press("ArrowRight");
    await expect(slider.inputValue()).resolves.toBe("1.5");
    await waitForRun(page, runs);
    const after = await chartData(page, "consumptionPerAe");
    const elapsedMs = await page.evaluate(() => (globalThis as unknown as PlaygroundWindow).bansosPlayground.elapsedMs);
    console.info(`[playground e2e] after the slider: simulated in ${(elapsedMs / 1000).toFixed(2)} s`);

    // Same population and random streams: no programme is unchanged; the CCT (and the cost-matched UCT) pay more.
    expect(series(after, "no programme")).toEqual(series(before, "no programme"));
    expect(series(after, "CCT")).not.toEqual(series(before, "CCT"));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(series(after, "CCT"))).toBeGreaterThan(mean(series(before, "CCT")));
    expect(mean(series(after, "UCT"))).toBeGreaterThan(mean(series(before, "UCT")));
    const enrolmentAfter = await chartData(page, "enrolment12to14");
    expect(enrolmentAfter.length).toBe(3 * 24);
    expect(pageErrors).toEqual([]);
  });
});
