import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  formatNumber,
  parametersWithoutSource,
  REGENERATE_COMMAND,
  renderParameterTables,
} from "../scripts/parameterTables.js";

const committedPath = fileURLToPath(new URL("../docs/parameters.md", import.meta.url));

/** "line n: committed … / generated …" for the first line where two texts differ, or "" if equal. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split("\n");
  const b = generated.split("\n");
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] !== b[k]) return `first difference at line ${k + 1}:\n  committed: ${a[k] ?? "(end of file)"}\n  generated: ${b[k] ?? "(end of file)"}`;
  }
  return "";
}

describe("docs/parameters.md", () => {
  it("is up to date with the presets", () => {
    const committed = readFileSync(committedPath, "utf8").replace(/\r\n/g, "\n");
    const generated = renderParameterTables();
    expect(
      committed === generated,
      `docs/parameters.md is out of date with src/population/presets/ — run \`${REGENERATE_COMMAND}\` and commit the result (${firstDifference(committed, generated)})`,
    ).toBe(true);
  });

  it("is generated deterministically", () => {
    expect(renderParameterTables()).toBe(renderParameterTables());
  });
});

describe("preset parameter sources", () => {
  it("give every parameter of every preset a non-empty source (reference or note)", () => {
    expect(parametersWithoutSource(), "parameters without a source tag (preset/group/parameter)").toEqual([]);
  });
});

describe("formatNumber", () => {
  it("rounds sensibly and groups large integers, independently of the locale", () => {
    expect(formatNumber(550_458)).toBe("550,458");
    expect(formatNumber(-1_234_567)).toBe("-1,234,567");
    expect(formatNumber(350)).toBe("350");
    expect(formatNumber(0.0006)).toBe("0.0006");
    expect(formatNumber(-0.822)).toBe("-0.822");
    expect(formatNumber(1 / 3)).toBe("0.3333");
    expect(formatNumber(12_345.678)).toBe("12,346");
    expect(formatNumber(-0)).toBe("0");
  });
});
