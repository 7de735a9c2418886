/**
 * The benchmarks run bansos as the package ships it: bundled by tsup (ESM, no `keepNames`, the
 * worker next to bansos/node's entry), built afresh from the current sources. Run through tsx
 * instead, every function expression is wrapped in a naming helper (tsx transpiles with
 * esbuild's keepNames), which slows code creating closures in loops, and every worker thread
 * would load the TypeScript loader and transpile the engine first (about a second per worker).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** A bundle of bansos (core and node entries) in a temporary directory; `dispose()` removes it. */
export interface Bundle {
  /** Directory holding `core.js` (src/index.ts), `index.js` (src/node/index.ts) and `simulateWorker.js`. */
  readonly dir: string;
  /** Remove the directory. */
  dispose(): void;
}

/** Build the bundle (a few seconds) under node_modules/.cache, so its imports of dependencies resolve. */
export async function bundleBansos(): Promise<Bundle> {
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "bansos-bench-"));
  // Imported here, not at the top: a benchmark process loads this file too and must not carry tsup.
  const { build } = await import("tsup");
  await build({
    entry: {
      core: join(root, "src/index.ts"),
      index: join(root, "src/node/index.ts"),
      simulateWorker: join(root, "src/node/simulateWorker.ts"),
    },
    outDir: dir,
    format: ["esm"],
    platform: "node",
    target: "es2022",
    splitting: true,
    dts: false,
    sourcemap: false,
    config: false,
    silent: true,
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** bansos's core: from the bundle in `dir` if given, otherwise from the sources. */
export async function loadCore(dir: string | undefined): Promise<typeof import("../src/index.js")> {
  if (dir === undefined) return import("../src/index.js");
  return (await import(pathToFileURL(join(dir, "core.js")).href)) as typeof import("../src/index.js");
}

/** bansos/node (loads vega and apache-arrow too: only where needed): from the bundle in `dir` if given, otherwise from the sources. */
export async function loadNode(dir: string | undefined): Promise<typeof import("../src/node/index.js")> {
  if (dir === undefined) return import("../src/node/index.js");
  return (await import(pathToFileURL(join(dir, "index.js")).href)) as typeof import("../src/node/index.js");
}
