import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPopulation, parseScenario, runShard } from "../src/index.js";
import { parseProgresaPanel } from "../src/experiment/progresaPanel.js";
import type { PanelRow } from "../src/experiment/progresaPanel.js";
import { collectBaselineMoments } from "../src/experiment/calibration/fit.js";
import { baselineTargets } from "../src/experiment/calibration/targets.js";
import { MEXICO_ENROLMENT_FIT } from "../src/population/presets/mexicoRural1997.fit.js";

const schultzText = readFileSync(new URL("../data/progresa/schultz2004-table2.csv", import.meta.url), "utf8");
const panelText = readFileSync(new URL("../data/progresa/teen-panel.csv", import.meta.url), "utf8");
const panel = parseProgresaPanel(panelText).rows;
const targets = baselineTargets(schultzText, panel);

describe("baseline targets read pre-programme rows only", () => {
  it("has 1998 and 1999 rows to tamper with", () => {
    expect(panel.filter((r) => r.year === 1998).length).toBeGreaterThan(10_000);
    expect(panel.filter((r) => r.year === 1999).length).toBeGreaterThan(10_000);
  });

  it("gives identical targets when every 1998/1999 row is altered (enrolment flipped, age, sex and poverty changed)", () => {
    const altered: PanelRow[] = panel.map((r) =>
      r.year === 1997
        ? r
        : // ages stay within 10–16 so that, were they read, they would land in a target cell
          { ...r, enrolled: !r.enrolled, age: 10 + ((r.age + 3) % 7), male: !r.male, poor: !r.poor },
    );
    expect(altered.filter((r, k) => r !== panel[k]).length).toBeGreaterThan(20_000);
    expect(baselineTargets(schultzText, altered)).toStrictEqual(targets);
  });

  it("gives identical targets when every 1998/1999 row is removed, or extra post-1997 rows are added", () => {
    const only1997 = panel.filter((r) => r.year === 1997);
    expect(only1997.length).toBeLessThan(panel.length);
    expect(baselineTargets(schultzText, only1997)).toStrictEqual(targets);
    const extra: PanelRow[] = only1997.map((r) => ({ ...r, year: 1998, age: 12, enrolled: false, poor: true, male: true }));
    expect(baselineTargets(schultzText, [...extra, ...panel, ...extra])).toStrictEqual(targets);
  });

  it("gives identical targets when the 1998/1999 lines of the CSV itself are altered before parsing", () => {
    const lines = panelText.split(/\r?\n/);
    const header = (lines[0] ?? "").split(",");
    const col = (name: string) => header.indexOf(name);
    const tampered = lines.map((line, k) => {
      if (k === 0 || line === "") return line;
      const cells = line.split(",");
      if (cells[col("year")] === "1997") return line;
      const e = cells[col("enroll_child")];
      cells[col("enroll_child")] = e === "1" ? "0" : e === "0" ? "1" : (e ?? "");
      cells[col("age")] = String(10 + ((Number(cells[col("age")]) + 2) % 7));
      cells[col("pov_HH")] = cells[col("pov_HH")] === "1" ? "0" : "1";
      return cells.join(",");
    });
    expect(baselineTargets(schultzText, parseProgresaPanel(tampered.join("\n")).rows)).toStrictEqual(targets);
  });

  it("does read the 1997 rows (the checks above have teeth)", () => {
    let flipped = 0;
    const changed = panel.map((r) => (r.year === 1997 && r.age === 14 && r.poor && flipped++ < 50 ? { ...r, enrolled: !r.enrolled } : r));
    const t = baselineTargets(schultzText, changed);
    expect(t.povertyGap).not.toBe(targets.povertyGap);
    expect(t.boys).not.toStrictEqual(targets.boys);
  });
});

describe("baseline targets agree with values checked by hand in the CSVs", () => {
  it("takes enrolment levels from Schultz (2004) Table 2 at ages 6–9 and from the 1997 panel rows at 10–16", () => {
    // schultz2004-table2.csv line "6,all,3793,0.937"; ages 10–16 are the panel's 1997 rates:
    // at age 14, 826 + 651 enrolled of 1222 + 1142 rows (see the sex-gap test below).
    expect(targets.ages).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(targets.level[0]).toBe(0.937);
    expect(targets.level[8]).toBeCloseTo((826 + 651) / (1222 + 1142), 12);
    // age 12 from the poverty cells below: (710 + 1154) / (807 + 1401)
    expect(targets.level[6]).toBeCloseTo((710 + 1154) / (807 + 1401), 12);
    // Lines "total,6,4800,0.577" and "total,9,374,0.631".
    expect(targets.afterGrade6).toBe(0.577);
    expect(targets.afterGrade9).toBe(0.631);
    // No sex gap is observed at 6–9: boys and girls both get the level (age 6: 0.937).
    expect(targets.boys[0]).toBe(0.937);
    expect(targets.girls[0]).toBe(0.937);
    expect(targets.boys[3]).toBe(targets.girls[3]);
  });

  it("keeps age 17 as a marked assumption: the age-16 rate falling as Table 2's 16/15 ratio, with the age-16 sex gap", () => {
    // Table 2: age 15 0.610, age 16 0.479.
    expect(targets.level[11]).toBeCloseTo((targets.level[10] as number) * (0.479 / 0.61), 12);
    expect(targets.sexGap[11]?.assumed).toBe(true);
    expect(targets.sexGap[11]?.gap).toBe(targets.sexGap[10]?.gap);
    expect(targets.assumptions.join(" ")).toMatch(/age 17 is not observed/);
    const share = targets.sexGap[11]?.boysShare as number;
    expect((targets.boys[11] as number) * share + (targets.girls[11] as number) * (1 - share)).toBeCloseTo(targets.level[11] as number, 12);
  });

  it("splits the 1997 sex gap at age 14 by the boys' share around the level", () => {
    // awk -F, '$1==1997 && $9!="" && $10!="" && $7==14 {n[$6]++; e[$6]+=$9} END {...}' teen-panel.csv
    // → boys (sex 1) 1222 rows, 826 enrolled; girls (sex 0) 1142 rows, 651 enrolled (no row of
    // unknown sex at 14). Rows need enroll_child and pov_HH (parseProgresaPanel drops the others).
    const gap = 826 / 1222 - 651 / 1142;
    const boysShare = 1222 / 2364;
    expect(targets.sexGap[8]?.gap).toBeCloseTo(gap, 12);
    expect(targets.sexGap[8]?.boysShare).toBeCloseTo(boysShare, 12);
    const level = (826 + 651) / 2364;
    expect(targets.boys[8]).toBeCloseTo(level + gap * (1 - boysShare), 12);
    expect(targets.girls[8]).toBeCloseTo(level - gap * boysShare, 12);
    // …which are the panel's own rates by sex: the split reproduces them exactly.
    expect(targets.boys[8]).toBeCloseTo(826 / 1222, 12);
  });

  it("measures the 1997 poverty gap at ages 10–16 from the panel", () => {
    // 13,146 rows of 1997, minus 82 without enroll_child and 531 more without pov_HH = 12,533.
    expect(targets.panelRowsUsed).toBe(12_533);
    // awk on the 1997 rows at age 12: non-poor (pov_HH 0) 807 rows, 710 enrolled; poor 1401 rows, 1154 enrolled.
    const age12 = targets.povertyByAge.find((c) => c.age === 12);
    expect(age12?.nonPoorCount).toBe(807);
    expect(age12?.poorCount).toBe(1401);
    expect(age12?.nonPoorEnrolment).toBeCloseTo(710 / 807, 12);
    expect(age12?.poorEnrolment).toBeCloseTo(1154 / 1401, 12);
    expect(age12?.weight).toBeCloseTo(2208 / 12_533, 12);
    // Pooled over ages: non-poor 4789 rows, 3240 enrolled; poor 7744 rows, 5074 enrolled.
    expect(targets.povertyGapPooled).toBeCloseTo(3240 / 4789 - 5074 / 7744, 12);
    // The fitted gap is standardised to the panel's age mix: weights sum to one.
    expect(targets.povertyByAge.map((c) => c.age)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(targets.povertyByAge.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(targets.povertyGap).toBeCloseTo(0.0415, 4);
  });
});

/**
 * The Mexico preset's enrolment behaviour was fitted (scripts/calibrate.ts) to
 * pre-programme moments on one seed. Out of sample — another seed, another population —
 * the model without any programme must still reproduce Schultz (2004) Table 2 by age
 * and the 1997 enrolment gap between non-poor and poor children aged 10–16.
 */
describe("baseline calibration of mexico-rural-1997", () => {
  const scenario = parseScenario({ seed: "held-out", months: 14, start: "1997-09", population: { households: 12_000 }, programme: null });
  const population = createPopulation(scenario);
  const n = new Float64Array(18);
  const e = new Float64Array(18);
  let n6 = 0;
  let e6 = 0;
  const collector = collectBaselineMoments(targets, [13]);
  runShard(scenario, population, undefined, (t, st, pop) => {
    collector.observe(t, st, pop);
    if (t !== 13) return; // October 1998, after the model's own school-year decisions
    for (let i = 0; i < st.alive.length; i++) {
      if (st.alive[i] !== 1) continue;
      const age = Math.floor((t - (st.birthMonth[i] as number)) / 12);
      if (age < 6 || age > 16) continue;
      n[age]! += 1;
      e[age]! += st.enrolled[i] as number;
      if (st.gradesCompleted[i] === 6) {
        n6++;
        e6 += st.enrolled[i] as number;
      }
    }
  });
  const moments = collector.moments();

  it("reproduces enrolment by age 6–16 on a held-out seed (RMSE below 0.025)", () => {
    let sq = 0;
    for (let age = 6; age <= 16; age++) sq += ((e[age] as number) / (n[age] as number) - (targets.level[age - 6] as number)) ** 2;
    const rmse = Math.sqrt(sq / 11);
    expect(rmse).toBeLessThan(0.025);
    // In-sample fit statistics are recorded with the parameters.
    expect(MEXICO_ENROLMENT_FIT.rmse).toBeLessThan(0.01);
  });

  it("reproduces the drop at the primary-to-secondary transition (0.577 after 6 grades)", () => {
    expect(Math.abs(e6 / n6 - targets.afterGrade6)).toBeLessThan(0.04);
  });

  it("reproduces the 1997 enrolment gap between non-poor and poor children aged 10–16 (within 0.03)", () => {
    expect(Math.abs(moments.povertyGap - targets.povertyGap)).toBeLessThan(0.03);
    // The committed fit records its own in-sample gap against the same target.
    expect(MEXICO_ENROLMENT_FIT.povertyGap.target).toBeCloseTo(targets.povertyGap, 4);
    expect(Math.abs(MEXICO_ENROLMENT_FIT.povertyGap.simulated - MEXICO_ENROLMENT_FIT.povertyGap.target)).toBeLessThan(0.01);
  });
});
