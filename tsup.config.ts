import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The core: no node: imports, runs in Node, Deno and browsers.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
  },
  {
    // Node-only: worker threads (ESM; the worker uses top-level await).
    entry: {
      "node/index": "src/node/index.ts",
      "node/compareWorker": "src/node/compareWorker.ts",
      "node/sweepWorker": "src/node/sweepWorker.ts",
    },
    format: ["esm"],
    dts: { entry: { "node/index": "src/node/index.ts" } },
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
]);
