#!/usr/bin/env node
/**
 * Entry point of the `bansos` command (package.json "bin" → dist/cli/main.js;
 * from the sources: `node --import tsx src/cli/main.ts`). See cli.ts.
 */
import { runCli } from "./cli.js";

// A closed pipe (e.g. `bansos compare … | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});
process.exitCode = await runCli(process.argv.slice(2));
