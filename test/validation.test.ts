import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROGRESA_EVALUATION, differenceInDifferences, longHorizonLines, parseProgresaPanel, parseScenario, validateProgresa } from "../src/index.js";
import { loadProgresaPanel } from "../src/node/index.js";

describe("the real Progresa panel through the estimators simulated surveys use", () => {
  const { rows, report } = loadProgresaPanel();

  it("parses the shipped teen panel into survey rows, dropping rows without enrolment or poverty class", () => {
    // data/progresa/README.md: 36,353 rows; enroll_child empty in 82 + 2,222 + 317 = 2,621 rows.
    expect(report.rows).toBe(36_353);
    expect(report.missingEnrolment).toBe(2_621);
    expect(report.kept).toBe(report.rows - report.missingEnrolment - report.missingPoverty);
    expect(new Set(rows.map((r) => r.locality)).size).toBe(501);
    expect(parseProgresaPanel(readFileSync(new URL("../data/progresa/teen-panel.csv", import.meta.url), "utf8")).rows).toEqual(rows);
  });

  it("reproduces the published DiD for poor children, 1998 vs 1997: 0.076 (SE 0.015, clustered by locality)", () => {
    // data/progresa/README.md: "Difference-in-differences, 1998 vs 1997 … poor children: 0.076
    // (standard error clustered by locality 0.015)".
    const did = differenceInDifferences(rows, { baselineYear: 1997, followUpYear: 1998, filter: (r) => r.poor });
    expect(did.estimate).toBeCloseTo(0.076, 3);
    expect(did.se).toBeCloseTo(0.015, 3);
  });
});

describe("validateProgresa", () => {
  it("ships the evaluation scenario as data, identical to PROGRESA_EVALUATION", () => {
    const file = JSON.parse(readFileSync(new URL("../examples/scenarios/progresa-evaluation.json", import.meta.url), "utf8"));
    expect(parseScenario(file)).toEqual(parseScenario(PROGRESA_EVALUATION));
  });

  it("compares real and simulated estimates line by line, with gates for the exit status", () => {
    const { rows } = loadProgresaPanel();
    const lines = validateProgresa(rows, { replications: 2, seed: "validation-test", households: 2_500, localities: 60 });
    expect(lines.length).toBeGreaterThanOrEqual(20);
    for (const l of lines) {
      expect(Number.isFinite(l.simulated)).toBe(true);
      expect(l.simulatedLower).toBeLessThanOrEqual(l.simulatedUpper);
    }
    const gated = lines.filter((l) => l.gate).map((l) => l.target);
    expect(gated).toContain("DiD 1998 vs 1997, poor, 10–16");
    expect(gated.filter((t) => t.startsWith("Baseline"))).toHaveLength(4);
    // The overall 1998 effect is positive in the simulation, as in the data.
    expect(lines.find((l) => l.target === "DiD 1998 vs 1997, poor, 10–16")!.simulated).toBeGreaterThan(0);
  });
});

describe("longHorizonLines", () => {
  it("simulates the long-run effects of evidence.md §3 as finite lines, none gating the exit status", () => {
    const lines = longHorizonLines({ replications: 2, seed: "long-test", households: 500 });
    expect(lines.map((l) => l.source)).toEqual([
      "evidence.md §3 [S17], band 4%–12%",
      "evidence.md §3 [S17], direction only",
      "evidence-life-course.md §2 [S20], direction only",
      "evidence-life-course.md §2 [S20], direction only",
      "evidence.md §3 [S18] +0.7, band ± half",
      "evidence.md §3 [S3] +0.66, band ± half",
      "evidence.md §3 [S20] +0.18, band ± half",
      "evidence.md §3 [S20] +0.20, band ± half",
    ]);
    for (const [k, l] of lines.entries()) {
      // The IRR is NaN (printed "—") only when benefits and costs never cross; then it fails.
      if (k === 0 && !Number.isFinite(l.simulated)) expect(l.pass).toBe(false);
      else expect(Number.isFinite(l.simulated), l.target).toBe(true);
      expect(l.gate).toBe(false);
    }
    // Full exposure from age 6 adds schooling by 18 in the model too.
    expect(lines[5]!.simulated).toBeGreaterThan(0);
  });
});
