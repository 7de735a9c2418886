import { describe, expect, it } from "vitest";
import { simulate } from "../src/index.js";

const base = { seed: "monitoring", months: 8, start: "1997-09", population: { households: 600, localities: 15 } } as const;
const programme = (monitoring: object) => ({ ...base, programme: { rule: { kind: "progresa" }, monitoring } });
const totals = (monitoring: object) => simulate(programme(monitoring)).final.totals;

describe("monitoring of conditions", () => {
  const perfect = simulate(programme({}));

  it("by default verifies every condition without error and never suspends", () => {
    for (const m of perfect.months) {
      expect(m.programme.conditionsVerified).toBe(m.programme.conditionsChecked);
      expect(m.programme.conditionsReportedMet).toBe(m.programme.conditionsMet);
      expect(m.programme.suspendedHouseholds).toBe(0);
    }
  });

  it("honours unverified conditions under soft conditionality and withholds them under hard", () => {
    // Nothing verified: soft pays every offer (entitled = offered), hard pays no conditional one.
    const soft = totals({ verificationProbability: 0, unverified: "honour" });
    expect(soft.withheldLcu).toBe(0);
    expect(soft.entitledLcu).toBeCloseTo(soft.offeredLcu, 6);
    const hard = totals({ verificationProbability: 0, unverified: "withhold" });
    expect(hard.entitledLcu).toBe(0); // every Progresa component carries a condition
    // Perfect verification lies between the two.
    expect(perfect.final.totals.entitledLcu).toBeGreaterThan(0);
    expect(perfect.final.totals.entitledLcu).toBeLessThan(soft.entitledLcu);
  });

  it("errs both ways at the given rates", () => {
    const allFail = simulate(programme({ falseFailureRate: 1, falsePassRate: 0 }));
    expect(allFail.final.totals.entitledLcu).toBe(0);
    const allPass = totals({ falseFailureRate: 0, falsePassRate: 1 });
    expect(allPass.withheldLcu).toBe(0);
    // Half the compliant conditions reported absent: fewer conditions seen as met than truly met.
    const r = simulate(programme({ falseFailureRate: 0.5 }));
    const month = r.months[2]!.programme;
    expect(month.conditionsReportedMet).toBeLessThan(month.conditionsMet);
    expect(month.conditionsReportedMet).toBeGreaterThan(0.3 * month.conditionsMet);
    // True behaviour does not see the errors: compliance is the same as under perfect verification in month 0.
    expect(r.months[0]!.programme.conditionsMet).toBe(perfect.months[0]!.programme.conditionsMet);
  });

  it("suspends after k consecutive reported failures and reinstates after compliance", () => {
    // Every condition reported unmet: households with conditions are suspended after 2 months.
    const r = simulate(programme({ falseFailureRate: 1, suspendAfterFailures: 2 }));
    expect(r.months[0]!.programme.suspendedHouseholds).toBe(0);
    expect(r.months[1]!.programme.suspendedHouseholds).toBeGreaterThan(0);
    expect(r.months[7]!.programme.suspendedHouseholds).toBeGreaterThanOrEqual(r.months[1]!.programme.suspendedHouseholds);
    // With honest verification some households fail twice running and are suspended, and some of
    // them comply again and are reinstated: suspensions then do not only grow.
    const honest = simulate(programme({ suspendAfterFailures: 2, reinstateAfterCompliantMonths: 1 }));
    const counts = honest.months.map((m) => m.programme.suspendedHouseholds);
    expect(Math.max(...counts)).toBeGreaterThan(0);
    // Reinstatement: a month with fewer suspended households than the month before.
    expect(counts.some((v, t) => t > 0 && v < (counts[t - 1] as number))).toBe(true);
    expect(honest.final.totals.entitledLcu).toBeLessThan(perfect.final.totals.entitledLcu);
    // Money is still conserved.
    for (const m of honest.months) expect(m.segments.all.transfersReceivedLcu).toBe(m.programme.paidLcu);
  });
});
