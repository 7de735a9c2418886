import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPopulation, parseScenario, runShard } from "../src/index.js";
import { MEXICO_ENROLMENT_FIT } from "../src/population/presets/mexicoRural1997.fit.js";

/**
 * The Mexico preset's enrolment behaviour was fitted (scripts/calibrate-baseline.ts) to
 * pre-programme moments on one seed. Out of sample — another seed, another population —
 * the model without any programme must still reproduce Schultz (2004) Table 2 by age.
 */
describe("baseline calibration of mexico-rural-1997", () => {
  const csv = readFileSync(new URL("../data/progresa/schultz2004-table2.csv", import.meta.url), "utf8").trim().split(/\r?\n/).slice(1);
  const targetByAge = new Map<number, number>();
  const targetByGrade = new Map<number, number>();
  for (const line of csv) {
    const [age, grades, , rate] = line.split(",");
    if (age !== "total" && grades === "all") targetByAge.set(Number(age), Number(rate));
    if (age === "total" && grades !== "all") targetByGrade.set(Number(grades), Number(rate));
  }

  const scenario = parseScenario({ seed: "held-out", months: 14, start: "1997-09", population: { households: 12_000 }, programme: null });
  const population = createPopulation(scenario);
  const n = new Float64Array(18);
  const e = new Float64Array(18);
  let n6 = 0;
  let e6 = 0;
  runShard(scenario, population, undefined, (t, st) => {
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

  it("reproduces enrolment by age 6–16 on a held-out seed (RMSE below 0.025)", () => {
    let sq = 0;
    for (let age = 6; age <= 16; age++) sq += ((e[age] as number) / (n[age] as number) - (targetByAge.get(age) as number)) ** 2;
    const rmse = Math.sqrt(sq / 11);
    expect(rmse).toBeLessThan(0.025);
    // In-sample fit statistics are recorded with the parameters.
    expect(MEXICO_ENROLMENT_FIT.rmse).toBeLessThan(0.01);
  });

  it("reproduces the drop at the primary-to-secondary transition (0.577 after 6 grades)", () => {
    expect(Math.abs(e6 / n6 - (targetByGrade.get(6) as number))).toBeLessThan(0.04);
  });
});
