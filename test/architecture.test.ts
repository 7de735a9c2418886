import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PHASE_TABLE_MARKERS, REGENERATE_ARCHITECTURE, renderPhaseTable, textBetween } from "../scripts/architectureTables.js";
import { MONTHLY_CYCLE } from "../src/engine/phases/cycle.js";
import { Purpose } from "../src/index.js";

const doc = readFileSync(fileURLToPath(new URL("../docs/architecture.md", import.meta.url)), "utf8");

describe("docs/architecture.md", () => {
  it("has the phase table of the code's monthly cycle", () => {
    expect(textBetween(doc, PHASE_TABLE_MARKERS), `the phase table is out of date: run \`${REGENERATE_ARCHITECTURE}\``).toBe(renderPhaseTable(MONTHLY_CYCLE));
  });

  it("lists exactly the random-stream purposes of src/random, with their codes", () => {
    const table = textBetween(doc, ["<!-- purposes: checked by test/architecture.test.ts -->", "<!-- end of purposes -->"]);
    expect(table).not.toBeNull();
    const rows = (table as string)
      .split("\n")
      .map((line) => /^\| `(\w+)` \| (\d+) \|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, Number(m[2])] as const);
    expect(Object.fromEntries(rows)).toEqual({ ...Purpose });
    expect(rows.map(([, code]) => code)).toEqual([...rows.map(([, code]) => code)].sort((a, b) => a - b)); // in code order
  });
});

describe("the docs", () => {
  it("name no source file that does not exist (README.md, docs/*.md)", () => {
    const docs = [
      "README.md",
      ...readdirSync(fileURLToPath(new URL("../docs", import.meta.url)))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
    const missing: string[] = [];
    for (const name of docs) {
      const text = readFileSync(fileURLToPath(new URL(`../${name}`, import.meta.url)), "utf8");
      for (const path of new Set([...text.matchAll(/\b(?:src|scripts|test|bench|examples)\/[\w./-]+\.(?:ts|mjs)\b/g)].map((m) => m[0]))) {
        if (!existsSync(fileURLToPath(new URL(`../${path}`, import.meta.url)))) missing.push(`${name}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
