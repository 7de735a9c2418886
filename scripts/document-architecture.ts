/**
 * Writes the generated parts of docs/architecture.md (the phase table; see
 * scripts/architectureTables.ts). test/architecture.test.ts fails when the committed file differs.
 *
 * Run: npx tsx scripts/document-architecture.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MONTHLY_CYCLE } from "../src/engine/phases/cycle.js";
import { PHASE_TABLE_MARKERS, renderPhaseTable, replaceBetween } from "./architectureTables.js";

const target = fileURLToPath(new URL("../docs/architecture.md", import.meta.url));
writeFileSync(target, replaceBetween(readFileSync(target, "utf8"), PHASE_TABLE_MARKERS, renderPhaseTable(MONTHLY_CYCLE)));
console.log(`wrote the phase table of ${target}`);
