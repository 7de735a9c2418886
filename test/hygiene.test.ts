import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
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

/** Folder (or entry file) of a path under src/: "engine" for src/engine/phases/x.ts, "index.ts" for src/index.ts. */
function layerOf(path: string): string {
  return relative(root, path).split(/[\\/]/)[0] as string;
}

/** Every module a source file refers to by a relative path: imports and exports (type-only too), dynamic imports and `new URL(…, import.meta.url)`. */
function referencedModules(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const specifiers: string[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?[^"'`;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
    /(?:^|[\s;])import\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    /\bnew URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1] as string);
  return specifiers.map((s) => join(dirname(path), s));
}

/** The layer table of docs/architecture.md: folder → the folders it may import, in table order. */
function declaredLayers(): Map<string, string[]> {
  const doc = readFileSync(fileURLToPath(new URL("../docs/architecture.md", import.meta.url)), "utf8");
  const start = doc.indexOf("<!-- layers: read by test/hygiene.test.ts -->");
  const end = doc.indexOf("<!-- end of layers -->");
  expect(start, "docs/architecture.md has no layer table").toBeGreaterThan(0);
  const layers = new Map<string, string[]>();
  for (const line of doc.slice(start, end).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const folder = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (!folder) continue;
    const imports = cells[3] === "—" ? [] : [...(cells[3] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    layers.set(folder.replace(/\/$/, ""), imports);
  }
  return layers;
}

describe("layers (docs/architecture.md, Layers)", () => {
  const layers = declaredLayers();
  const order = [...layers.keys()];
  const actual = new Map<string, Map<string, string[]>>();
  for (const file of files(root)) {
    const from = layerOf(file);
    for (const target of referencedModules(file)) {
      if (!target.startsWith(root)) continue;
      const to = layerOf(target.replace(/\.js$/, ".ts"));
      if (to === from) continue;
      const edges = actual.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), relative(root, file)]);
      actual.set(from, edges);
    }
  }

  it("lists every folder of src/ and the entry point", () => {
    const present = [...new Set(files(root).map(layerOf))].sort();
    expect(present).toEqual([...layers.keys()].sort());
  });

  it("lets a folder import only folders below it (no cycles)", () => {
    for (const [folder, imports] of layers) {
      for (const dependency of imports) {
        expect(order.indexOf(dependency), `${folder} may import ${dependency}, which must sit below it in the table`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(dependency), `${folder} may import ${dependency}, which must sit below it in the table`).toBeLessThan(order.indexOf(folder));
      }
    }
  });

  it("has no import against the table, type imports included", () => {
    const against: string[] = [];
    for (const [from, edges] of actual) {
      for (const [to, where] of edges) if (!(layers.get(from) ?? []).includes(to)) against.push(`${from} → ${to} (${where.join(", ")})`);
    }
    expect(against, "imports that docs/architecture.md does not allow: move the code, or change the layers (and the table)").toEqual([]);
  });

  it("has no stale entry: every allowed import is used", () => {
    const unused: string[] = [];
    for (const [from, imports] of layers) for (const to of imports) if (!actual.get(from)?.has(to)) unused.push(`${from} → ${to}`);
    expect(unused, "the table of docs/architecture.md allows imports the code no longer has: remove them from the table").toEqual([]);
  });

  it("finds imports of every form (the scanner works)", () => {
    // A known type-only import, an export-from and a new URL(…, import.meta.url) of a worker.
    expect(actual.get("outcomes")?.has("config")).toBe(true); // outcomes/types.ts: import type { ResolvedScenario }
    expect(actual.get("index.ts")?.has("engine")).toBe(true); // export { … } from "./engine/…"
    expect(actual.get("cli")?.has("node")).toBe(true);
  });
});

describe("V8 rationale lives in docs/performance.md", () => {
  const performance = readFileSync(fileURLToPath(new URL("../docs/performance.md", import.meta.url)), "utf8");
  const sections = new Set([...performance.matchAll(/^###? (.+)$/gm)].map((m) => (m[1] as string).trim()));

  it("every mention of V8 in src/ is a pointer to a section of docs/performance.md that exists", () => {
    const bad: string[] = [];
    for (const file of files(root)) {
      const text = readFileSync(file, "utf8");
      // A pointer may wrap onto the next comment line: join comment lines first.
      const joined = text.replace(/\n\s*(\*|\/\/)\s*/g, " ");
      for (const match of joined.matchAll(/V8[^\n]{0,160}/g)) {
        const pointer = /^V8: docs\/performance\.md, ((?:"[^"]+"(?:, )?)+)\)/.exec(match[0]);
        if (!pointer) {
          bad.push(`${relative(root, file)}: "${match[0].slice(0, 60)}…" (write "(V8: docs/performance.md, \\"Section\\")" and explain it there)`);
          continue;
        }
        for (const name of (pointer[1] as string).matchAll(/"([^"]+)"/g))
          if (!sections.has(name[1] as string)) bad.push(`${relative(root, file)}: no section "${name[1]}" in docs/performance.md`);
      }
    }
    expect(bad).toEqual([]);
  });
});
