import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../src", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Source lines without // comments, so rules about code do not trip on prose. */
function code(path: string): string {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => !line.trim().startsWith("*") && !line.trim().startsWith("//"))
    .join("\n");
}

describe("source hygiene", () => {
  const all = files(root);
  // src/node (bansos/node) and src/cli (the `bansos` command) are Node-only; the CLI is not exported from src/index.ts.
  const core = all.filter((f) => !relative(root, f).startsWith("node/") && !relative(root, f).startsWith("cli/"));

  it("never uses global randomness (Math.random): every draw comes from the seeded streams", () => {
    expect(all.filter((f) => /Math\.random\s*\(/.test(code(f))).map((f) => relative(root, f))).toEqual([]);
  });

  it("keeps node: imports out of the core entry (they belong under src/node, the bansos/node subpath)", () => {
    expect(core.filter((f) => /from\s+["']node:|import\(["']node:/.test(code(f))).map((f) => relative(root, f))).toEqual([]);
  });

  it("has no module-level mutable state (no top-level let/var)", () => {
    expect(all.filter((f) => /^(let|var)\s/m.test(code(f))).map((f) => relative(root, f))).toEqual([]);
  });
});
