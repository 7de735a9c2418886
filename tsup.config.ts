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
      "node/simulateWorker": "src/node/simulateWorker.ts",
    },
    format: ["esm"],
    dts: { entry: { "node/index": "src/node/index.ts" } },
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
  {
    // The `bansos` command (package.json "bin"; src/cli/main.ts starts with #!/usr/bin/env node).
    // A separate, unsplit build: in the node build above, the CLI would move compareInWorkers into a
    // shared chunk at dist/, where its `new URL("./compareWorker.js", import.meta.url)` no longer finds
    // the worker. Here the workers it starts are built next to it, in dist/cli/.
    entry: {
      "cli/main": "src/cli/main.ts",
      "cli/compareWorker": "src/node/compareWorker.ts",
      "cli/sweepWorker": "src/node/sweepWorker.ts",
      "cli/scenarioList": "src/cli/scenarioList.ts",
    },
    format: ["esm"],
    splitting: false,
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
]);
