/**
 * Writes docs/parameters.md: the parameter tables of every built-in preset,
 * generated from src/population/presets/ (see scripts/parameterTables.ts).
 * test/docs.test.ts fails when the committed file differs from the output.
 *
 * Run: npx tsx scripts/document-parameters.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderParameterTables } from "./parameterTables.js";

const target = fileURLToPath(new URL("../docs/parameters.md", import.meta.url));
writeFileSync(target, renderParameterTables());
console.log(`wrote ${target}`);
