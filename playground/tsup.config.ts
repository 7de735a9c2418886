import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

/**
 * The browser playground: `npm run playground` bundles the page script and the
 * simulation worker (with the core library, vega and vega-lite) into playground/dist/,
 * next to a copy of index.html. Serve that folder with any static server.
 */
export default defineConfig({
  entry: { main: "playground/main.ts", worker: "playground/worker.ts" },
  outDir: "playground/dist",
  format: ["esm"],
  platform: "browser",
  target: "es2022",
  splitting: false,
  minify: true,
  sourcemap: true,
  clean: true,
  dts: false,
  // Bundle everything: the page loads no packages at run time.
  noExternal: [/.*/],
  async onSuccess() {
    await copyFile("playground/index.html", "playground/dist/index.html");
  },
});
