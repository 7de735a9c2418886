import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatNumber, parametersWithoutSource, REGENERATE_COMMAND, renderParameterTables } from "../scripts/parameterTables.js";

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

describe("API reference (TypeDoc)", () => {
  // Runs `npm run docs` without writing files, treating warnings as errors: an exported
  // symbol or property without a doc comment, a broken {@link}, or a type referenced by the
  // API but not exported fails here. Takes 20–40 s (TypeDoc type-checks both entry points).
  it("documents every exported symbol of both entry points, without warnings", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const typedoc = fileURLToPath(new URL("../node_modules/typedoc/bin/typedoc", import.meta.url));
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [typedoc, "--emit", "none", "--treatWarningsAsErrors", "--logLevel", "Warn"],
        { cwd: root, maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
    const problems = output
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n")
      .filter((line) => /\[(warning|error)\]/.test(line) && !/Found \d+ errors? and \d+ warnings?/.test(line));
    expect(problems, "TypeDoc warnings: add the missing doc comments (with units for quantities) — `npm run docs` shows them").toEqual([]);
    expect(code, `typedoc exited with ${code}:\n${output}`).toBe(0);
  }, 240_000);
});
