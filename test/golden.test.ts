import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/index.js";

/** JSON with object keys sorted, so the fingerprint depends on values only. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Golden fingerprint (pure-rand style) of a small reference scenario: the SHA-256 of the
 * canonical JSON of its whole result. It changes only when the model, the random streams
 * or the outputs change on purpose; such a commit updates the value below and adds a line
 * to CHANGELOG.md saying why.
 */
const REFERENCE = {
  seed: "golden-reference",
  months: 14,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households: 300, localities: 10 },
  programme: { rule: { kind: "progresa" } },
} as const;
const FINGERPRINT = "6395c84bdd5b2ee25d44654430cdfee7983403a24ae3a376c80dfc2028af87dd";

describe("golden fingerprint of the reference scenario", () => {
  it("has not changed", () => {
    const hash = createHash("sha256")
      .update(canonical(simulate(REFERENCE)))
      .digest("hex");
    expect(hash).toBe(FINGERPRINT);
  });
});
