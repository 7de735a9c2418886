import { describe, expect, it } from "vitest";
import {
  baselineLogWelfare,
  communityList,
  createPopulation,
  fitProxyMeansTest,
  parseScenario,
  perceivedWelfare,
  RandomStreams,
  realValueFactor,
  ScenarioError,
  simulate,
} from "../src/index.js";
import type { SimulationResult } from "../src/index.js";

const base = { seed: "operations", months: 6, start: "1997-09", population: { households: 800, localities: 20 } } as const;
const population = createPopulation(parseScenario(base));
const run = (programme: object, extra: object = {}): SimulationResult => simulate({ ...base, ...extra, programme }, { population });
const targeted = (r: SimulationResult) => r.meta.targetedHouseholds;

describe("proxy-means test fitted on a survey sample", () => {
  it("with a full survey reproduces the population regression of the baseline means test", () => {
    const pmt = fitProxyMeansTest(population, new RandomStreams(base.seed), 1);
    expect(pmt.surveyed).toBe(population.householdCount);
    pmt.coefficients.forEach((b, j) => expect(b).toBeCloseTo(population.meansTestCoefficients[j] as number, 9));
  });

  it("samples about surveyShare of households, fixed by the seed, and predicts worse than the full fit", () => {
    const a = fitProxyMeansTest(population, new RandomStreams(base.seed), 0.1);
    const b = fitProxyMeansTest(population, new RandomStreams(base.seed), 0.1);
    expect(a.scores).toEqual(b.scores);
    expect(a.surveyed).toBeGreaterThan(50);
    expect(a.surveyed).toBeLessThan(120);
    // In-population prediction error: the full-sample fit minimises it, so a 10% sample cannot beat it.
    const truth = baselineLogWelfare(population);
    const sse = (s: Float64Array) => truth.reduce((acc, y, h) => acc + (y - Math.log(s[h] as number)) ** 2, 0);
    expect(sse(a.scores)).toBeGreaterThanOrEqual(sse(fitProxyMeansTest(population, new RandomStreams(base.seed), 1).scores));
  });

  it("enrols by quota exactly round(quota × households), poorest scores first", () => {
    const r = run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "pmt", quota: 0.3 } });
    expect(targeted(r)).toBe(Math.round(0.3 * 800));
  });

  it("a stricter threshold lowers inclusion error and raises exclusion error", () => {
    const loose = run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "pmt", threshold: 1.3, surveyShare: 0.2 } });
    const strict = run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "pmt", threshold: 0.7, surveyShare: 0.2 } });
    expect(targeted(strict)).toBeLessThan(targeted(loose));
    expect(strict.meta.targeting.inclusionError!).toBeLessThan(loose.meta.targeting.inclusionError!);
    expect(strict.meta.targeting.exclusionError!).toBeGreaterThan(loose.meta.targeting.exclusionError!);
  });

  it("refuses a threshold and a quota together, neither, and a survey too small to fit", () => {
    const problem = (targeting: object) => {
      try {
        parseScenario({ ...base, programme: { rule: { kind: "progresa" }, targeting } });
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as ScenarioError).problems.map((p) => `${p.path}: ${p.expected}`).join("; ");
      }
      return "accepted";
    };
    expect(problem({ kind: "pmt", threshold: 1, quota: 0.3 })).toMatch(/programme\.targeting: either threshold or quota/);
    expect(problem({ kind: "pmt" })).toMatch(/programme\.targeting: a threshold .* or a quota/);
    expect(problem({ kind: "pmt", quota: 0.3, surveyShare: 0.01 })).toMatch(/programme\.targeting\.surveyShare: a survey of at least 50 households/);
    expect(problem({ kind: "pmt", quota: 0.3 })).toBe("accepted");
  });
});

describe("community and hybrid targeting", () => {
  it("with exact perceptions lists the truly poorest share of every locality", () => {
    const { perceived } = perceivedWelfare(population, new RandomStreams(1), { perceptionNoiseSd: 0, eliteShare: 0, eliteCapture: 0 });
    const truth = baselineLogWelfare(population);
    expect(perceived).toEqual(truth);
    const list = communityList(population, perceived, 0.25);
    const first = population.localities.firstHousehold;
    for (let l = 0; l < population.localityCount; l++) {
      const hs = Array.from({ length: (first[l + 1] as number) - (first[l] as number) }, (_, k) => (first[l] as number) + k);
      const listed = hs.filter((h) => list[h] === 1);
      expect(listed).toHaveLength(Math.round(0.25 * hs.length));
      const worstListed = Math.max(...listed.map((h) => truth[h] as number));
      for (const h of hs) if (list[h] === 0) expect(truth[h] as number).toBeGreaterThanOrEqual(worstListed);
    }
  });

  it("noisier perceptions raise both targeting errors; elite capture lets connected households in", () => {
    const community = (extra: object) => run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "community", share: 0.4, ...extra } });
    const exact = community({ perceptionNoiseSd: 0 });
    const noisy = community({ perceptionNoiseSd: 1.5 });
    expect(targeted(noisy)).toBe(targeted(exact)); // quotas per locality
    expect(noisy.meta.targeting.inclusionError!).toBeGreaterThan(exact.meta.targeting.inclusionError!);
    expect(noisy.meta.targeting.exclusionError!).toBeGreaterThan(exact.meta.targeting.exclusionError!);
    // Elite share of the list rises with capture.
    const rng = new RandomStreams(base.seed);
    const eliteShareOfList = (eliteCapture: number) => {
      const { perceived, elite } = perceivedWelfare(population, rng, { perceptionNoiseSd: 0.5, eliteShare: 0.1, eliteCapture });
      const list = communityList(population, perceived, 0.4);
      let n = 0;
      let e = 0;
      list.forEach((v, h) => ((n += v), (e += v * (elite[h] as number))));
      return e / n;
    };
    expect(eliteShareOfList(1)).toBeGreaterThan(eliteShareOfList(0) + 0.03);
  });

  it("hybrid keeps only listed households whose PMT score passes, so it enrols fewer with lower inclusion error", () => {
    const targeting = { share: 0.5, perceptionNoiseSd: 0.8 };
    const community = run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "community", ...targeting } });
    const hybrid = run({ rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "hybrid", ...targeting, pmtThreshold: 1.0, surveyShare: 0.3 } });
    expect(targeted(hybrid)).toBeLessThan(targeted(community));
    expect(hybrid.meta.targeting.inclusionError!).toBeLessThan(community.meta.targeting.inclusionError!);
  });
});

describe("budget constraint", () => {
  const rule = { kind: "progresa" } as const;
  const full = run({ rule, targeting: { kind: "pmt", quota: 0.6 } });
  const fullCost = full.months[0]!.programme.offeredLcu;

  it("a quota never exceeds the budget, and enrols poorest first by the targeting score", () => {
    for (const share of [0.1, 0.5, 0.9]) {
      const budget = share * fullCost;
      const r = run({ rule, targeting: { kind: "pmt", quota: 0.6 }, budget: { lcuPerMonth: budget, enforce: "quota" } });
      expect(r.months[0]!.programme.offeredLcu).toBeLessThanOrEqual(budget + 1e-6);
      expect(r.months[0]!.programme.offeredLcu).toBeGreaterThan(0.8 * budget); // it fills the budget (less one household)
      expect(targeted(r)).toBeLessThan(targeted(full));
      // Poorest first: a tight quota has a lower inclusion error than the whole list.
      if (share === 0.1) expect(r.meta.targeting.inclusionError!).toBeLessThan(full.meta.targeting.inclusionError!);
    }
  });

  it("scaling amounts keeps every targeted household and spends exactly the budget in the first month", () => {
    const budget = 0.5 * fullCost;
    const r = run({ rule, targeting: { kind: "pmt", quota: 0.6 }, budget: { lcuPerMonth: budget, enforce: "scaleAmounts" } });
    expect(targeted(r)).toBe(targeted(full));
    expect(r.months[0]!.programme.offeredLcu).toBeCloseTo(budget, 0);
    // Smaller stakes, smaller response: enrolment of poor 12–14-year-olds lies between none and full amounts.
    expect(r.final.totals.offeredLcu).toBeLessThan(full.final.totals.offeredLcu);
    // A budget above the full cost changes nothing.
    const ample = run({ rule, targeting: { kind: "pmt", quota: 0.6 }, budget: { lcuPerMonth: 2 * fullCost, enforce: "scaleAmounts" } });
    expect(ample.months).toEqual(full.months);
  });

  it("refuses a budget together with the budget targeting kind", () => {
    expect(() =>
      parseScenario({ ...base, programme: { rule, targeting: { kind: "budget", budgetLcuPerMonth: 1000 }, budget: { lcuPerMonth: 1000 } } }),
    ).toThrow(/programme\.budget/);
  });
});

describe("indexation to inflation", () => {
  it("deflates amounts between indexations: (1 + π)^(−months since the last one / 12)", () => {
    expect(realValueFactor({ annualInflation: 0.12, everyMonths: 0 }, 2, 14)).toBeCloseTo(1 / 1.12, 12);
    expect(realValueFactor({ annualInflation: 0.12, everyMonths: 6 }, 0, 6)).toBe(1);
    expect(realValueFactor({ annualInflation: 0.12, everyMonths: 6 }, 0, 9)).toBeCloseTo(1.12 ** -0.25, 12);
    expect(realValueFactor({ annualInflation: 0, everyMonths: 0 }, 0, 99)).toBe(1);
  });

  it("an unindexed flat amount loses real value month by month; an indexed one recovers it", () => {
    const programme = { rule: { kind: "unconditional", lcuPerMonth: 100 }, targeting: { kind: "universal" } };
    const perHousehold = (r: SimulationResult, t: number) => r.months[t]!.programme.offeredLcu / r.months[t]!.programme.beneficiaries;
    const never = run({ ...programme, indexation: { annualInflation: 0.2 } }, { months: 13 });
    const yearly = run({ ...programme, indexation: { annualInflation: 0.2, everyMonths: 12 } }, { months: 13 });
    expect(perHousehold(never, 0)).toBeCloseTo(100, 6);
    // Amounts are recorded to the centavo per household.
    expect(perHousehold(never, 6)).toBeCloseTo(100 / Math.sqrt(1.2), 1);
    expect(perHousehold(never, 12)).toBeCloseTo(100 / 1.2, 1);
    expect(perHousehold(yearly, 11)).toBeCloseTo(100 * 1.2 ** (-11 / 12), 1);
    expect(perHousehold(yearly, 12)).toBeCloseTo(100, 1);
    expect(perHousehold(never, 12)).toBeLessThan(perHousehold(never, 11));
  });
});

describe("administrative costs", () => {
  it("charges per verification and a one-off targeting survey, apart from transfers", () => {
    const r = run({
      rule: { kind: "progresa" },
      targeting: { kind: "pmt", quota: 0.5 },
      administrativeCost: { perVerificationLcu: 2, targetingSurveyPerHouseholdLcu: 30, perBeneficiaryMonthLcu: 5 },
      startMonth: 1,
    });
    r.months.forEach((m, t) => {
      const p = m.programme;
      expect(p.verificationCostLcu).toBeCloseTo(2 * p.conditionsVerified, 6);
      expect(p.targetingCostLcu).toBeCloseTo(t === 1 ? 30 * 800 : 0, 6);
      expect(p.administrativeCostLcu).toBeCloseTo(p.verificationCostLcu + p.targetingCostLcu + 5 * p.beneficiaries, 6);
      expect(p.costLcu).toBeCloseTo(p.paidLcu + p.administrativeCostLcu, 6);
    });
    expect(r.final.totals.targetingCostLcu).toBeCloseTo(24_000, 6);
    // Universal programmes assess nobody.
    const u = run({
      rule: { kind: "unconditional", lcuPerMonth: 10 },
      targeting: { kind: "universal" },
      administrativeCost: { targetingSurveyPerHouseholdLcu: 30 },
    });
    expect(u.final.totals.targetingCostLcu).toBe(0);
  });

  it("refuses negative costs, a lag as long as the run and a start after it", () => {
    expect(() => parseScenario({ ...base, programme: { rule: { kind: "progresa" }, administrativeCost: { perVerificationLcu: -1 } } })).toThrow(
      /programme\.administrativeCost\.perVerificationLcu/,
    );
    expect(() => parseScenario({ ...base, programme: { rule: { kind: "progresa" }, payment: { everyMonths: 1, lagMonths: 6 } } })).toThrow(
      /programme\.payment\.lagMonths: expected a lag shorter than the run/,
    );
    expect(() => parseScenario({ ...base, programme: { rule: { kind: "progresa" }, startMonth: 6 } })).toThrow(/programme\.startMonth/);
  });
});

describe("verification and compliance", () => {
  // Everyone complies: visits are certain when a food grant is at stake, and every condition is a visit.
  const compliant = { behaviour: { visitPriceEffect: 1e6 } };
  const healthOnly = { kind: "healthCheck", lcuPerMonth: 90 } as const;

  it("with perfect verification and full compliance nothing is withheld", () => {
    const r = run({ rule: healthOnly }, compliant);
    expect(r.final.totals.offeredLcu).toBeGreaterThan(0);
    expect(r.final.totals.withheldLcu).toBe(0);
    for (const m of r.months) expect(m.programme.healthComplianceRate).toBe(1);
  });

  it("tighter verification withholds more from non-compliers and never from compliers", () => {
    const withheld = (p: number, extra: object = {}) =>
      run({ rule: healthOnly, monitoring: { verificationProbability: p, unverified: "honour" } }, extra).final.totals.withheldLcu;
    const w = [0.2, 0.6, 1].map((p) => withheld(p));
    expect(w[0]).toBeLessThan(w[1]!);
    expect(w[1]).toBeLessThan(w[2]!);
    for (const p of [0.2, 0.6, 1]) expect(withheld(p, compliant)).toBe(0);
  });

  it("reports compliance by condition, adding up to the total", () => {
    const r = run({ rule: { kind: "progresa", healthTalks: true } });
    for (const m of r.months) {
      const p = m.programme;
      for (const rate of [p.schoolComplianceRate, p.healthComplianceRate, p.meetingComplianceRate]) {
        expect(rate).not.toBeNull();
        expect(rate!).toBeGreaterThan(0);
        expect(rate!).toBeLessThanOrEqual(1);
      }
      expect(p.trainingComplianceRate).toBeNull();
    }
    // Health talks add a condition on the food grant: more is withheld than without them.
    const without = run({ rule: { kind: "progresa" } });
    expect(r.final.totals.withheldLcu).toBeGreaterThan(without.final.totals.withheldLcu);
  });
});

describe("adult conditions", () => {
  const months = 18;
  const none = simulate({ ...base, months }, { population });

  it("job training: stipends buy attendance, hours accumulate, and employment and earnings rise", () => {
    const programme = { rule: { kind: "jobTraining", lcuPerMonth: 150, hoursPerMonth: 40, ages: [18, 40] }, targeting: { kind: "universal" } };
    const r = run(programme, { months });
    const first = r.months[0]!;
    expect(first.adults.trainingParticipants).toBeGreaterThan(0);
    expect(first.programme.trainingComplianceRate!).toBeGreaterThan(0.5);
    expect(first.adults.trainingHours).toBe(40 * first.adults.trainingParticipants);
    // Courses end after 300 hours: participation falls once the first cohort is done.
    expect(r.months[months - 1]!.adults.trainingParticipants).toBeLessThan(first.adults.trainingParticipants);
    // While the course takes 40 hours a month, participants work less (L4: workHourCost, and the stipend's income effect).
    expect(first.adults.employmentRate!).toBeLessThan(none.months[0]!.adults.employmentRate!);
    // Without those responses, completed training raises employment and earnings.
    const noCost = run(programme, { months, behaviour: { workHourCost: 0, workTransferEffect: 0 } });
    const last = noCost.months[months - 1]!;
    const baseline = none.months[months - 1]!;
    expect(last.adults.employmentRate!).toBeGreaterThan(baseline.adults.employmentRate!);
    expect(last.segments.all.adultEarningsLcu).toBeGreaterThan(baseline.segments.all.adultEarningsLcu);
    // Without returns to training either, employment is that without the programme (common random
    // numbers), but for the few youths 18+ the stipend keeps in school (who do not work).
    const noReturn = run(programme, { months, behaviour: { trainingEmploymentEffect: 0, workHourCost: 0, workTransferEffect: 0 } });
    noReturn.months.forEach((m, t) => expect(Math.abs(m.adults.employmentRate! - none.months[t]!.adults.employmentRate!)).toBeLessThan(0.003));
    expect(last.adults.employmentRate! - baseline.adults.employmentRate!).toBeGreaterThan(0.005);
  });

  it("a smaller stipend buys less attendance", () => {
    const rate = (lcuPerMonth: number) =>
      run({ rule: { kind: "jobTraining", lcuPerMonth }, targeting: { kind: "universal" } }).months[0]!.programme.trainingComplianceRate!;
    expect(rate(10)).toBeLessThan(rate(300));
  });

  it("community meetings: attendance builds knowledge, which raises young children's clinic visits and growth", () => {
    const programme = { rule: { kind: "communityMeetings", lcuPerMonth: 60 }, targeting: { kind: "universal" } };
    const withEffects = run(programme, { months });
    const withoutEffects = run(programme, { months, behaviour: { visitKnowledgeEffect: 0, hazKnowledgeEffect: 0 } });
    const k = withEffects.months.map((m) => m.adults.knowledgeIndex!);
    expect(withEffects.months[0]!.adults.meetingAttendees).toBeGreaterThan(0);
    expect(k[months - 1]!).toBeGreaterThan(k[2]!);
    expect(k[months - 1]!).toBeLessThanOrEqual(1);
    expect(none.months[months - 1]!.adults.knowledgeIndex).toBe(0);
    // Same money and attendance, knowledge channel on vs off.
    const sum = (r: SimulationResult, f: (m: SimulationResult["months"][number]) => number) => r.months.reduce((s, m) => s + f(m), 0);
    expect(sum(withEffects, (m) => m.segments.all.clinicVisits)).toBeGreaterThan(sum(withoutEffects, (m) => m.segments.all.clinicVisits));
    expect(withEffects.months[months - 1]!.segments.all.meanHazUnder5!).toBeGreaterThan(withoutEffects.months[months - 1]!.segments.all.meanHazUnder5!);
    expect(withEffects.final.totals.paidLcu).toBe(withoutEffects.final.totals.paidLcu);
  });

  it("PKH with family development sessions conditions every component on the caregiver's attendance", () => {
    const indo = { seed: 4, months: 6, population: { preset: "indonesia-2020", households: 500 } };
    const plain = simulate({ ...indo, programme: { rule: { kind: "pkh" } } });
    const fds = simulate({ ...indo, programme: { rule: { kind: "pkh", familyDevelopmentSessions: true } } });
    expect(plain.months[0]!.programme.meetingComplianceRate).toBeNull();
    expect(fds.months[0]!.programme.meetingComplianceRate!).toBeGreaterThan(0);
    expect(fds.final.totals.withheldLcu).toBeGreaterThan(plain.final.totals.withheldLcu);
    expect(fds.months[5]!.adults.knowledgeIndex!).toBeGreaterThan(0);
  });
});

describe("example: targeting methods at equal budget", () => {
  it("runs and reports every method with its errors and effects", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "examples/targeting-pmt-vs-community.ts", "--households", "600", "--replications", "2", "--seed", "example-test"],
      { cwd: new URL("..", import.meta.url), encoding: "utf8" },
    );
    for (const method of ["PMT (10% survey)", "community, elite capture", "hybrid", "geographic"]) expect(out).toContain(method);
    expect(out).toMatch(/Inclusion error/);
    expect(out).not.toMatch(/NaN/);
  }, 120_000);
});
