import { describe, expect, it } from "vitest";
import {
  combine,
  DEFAULT_HEALTH_VISIT_SCHEDULE,
  healthCheck,
  pkh,
  progresa,
  progresaEducationGrant,
  progresaPeriod,
  PROGRESA_AMOUNTS,
  ruleFromSpec,
  rules,
  ruleSpecSchema,
  schoolAttendance,
  unconditional,
  visitWindowMonths,
  type Offer,
  type RuleSpecInput,
} from "../src/rules/index.js";
import { fakeHousehold, monthContext, type FakeMember } from "./helpers/fakeHousehold.js";

const total = (offers: readonly Offer[]): number => offers.reduce((s, o) => s + o.lcuPerMonth, 0);
const byComponent = (offers: readonly Offer[], component: string): Offer[] => offers.filter((o) => o.component === component);

// Months in the Progresa periods of evidence.md §1.
const oct1997 = monthContext({ year: 1997, calendarMonth: 10 });
const oct1998 = monthContext({ year: 1998, calendarMonth: 10 }); // 1998-II
const jul1998 = monthContext({ year: 1998, calendarMonth: 7, schoolMonth: false }); // vacation, 1998-II
const sep1998 = monthContext({ year: 1998, calendarMonth: 9, schoolYearStart: true }); // school-year start

const adultWoman: FakeMember = { age: 35 };
const adultMan: FakeMember = { age: 38, male: true };

describe("unconditional", () => {
  it("makes one household offer without conditions", () => {
    const rule = unconditional({ lcuPerMonth: 100_000 }); // BLT: Rp100k per household per month [S59]
    const offers = rule.offers(fakeHousehold([adultWoman, adultMan, { age: 4 }]), oct1998);
    expect(offers).toEqual([{ component: "unconditional", lcuPerMonth: 100_000 }]);
    expect(offers[0]?.conditions).toBeUndefined();
  });

  it("pays per living member and carries the label", () => {
    const rule = unconditional({ lcuPerMonth: 50, perMember: true, label: "education" });
    const offers = rule.offers(fakeHousehold([adultWoman, { age: 70, alive: false }, { age: 9 }]), oct1998);
    expect(offers.map((o) => o.member)).toEqual([0, 2]);
    expect(offers.every((o) => o.label === "education" && o.lcuPerMonth === 50)).toBe(true);
  });

  it("makes no offers for a zero amount and rejects a negative one", () => {
    expect(unconditional({ lcuPerMonth: 0 }).offers(fakeHousehold([adultWoman]), oct1998)).toEqual([]);
    expect(() => unconditional({ lcuPerMonth: -1 })).toThrow(RangeError);
    expect(() => unconditional({ lcuPerMonth: Number.NaN })).toThrow(RangeError);
  });
});

describe("schoolAttendance", () => {
  const grants = { primary: 10, lowerSecondary: 20, upperSecondary: 30 };
  const kids: FakeMember[] = [
    adultWoman,
    { age: 7, grade: 1 },
    { age: 13, grade: 7, enrolled: false }, // offered even when not enrolled: the grant is the incentive
    { age: 16, grade: 11 },
    { age: 18, grade: 12 }, // too old (maxAge 17)
    { age: 4 }, // grade 0
  ];

  it("offers the level's grant per child, conditional on attendance", () => {
    const offers = schoolAttendance({ grantsLcuPerMonth: grants }).offers(fakeHousehold(kids), oct1998);
    expect(offers.map((o) => [o.member, o.lcuPerMonth])).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(offers[1]?.conditions).toEqual([{ kind: "schoolAttendance", member: 2, minRate: 0.85 }]);
  });

  it("respects the grade range, minRate and the school calendar", () => {
    const rule = schoolAttendance({ grantsLcuPerMonth: grants, minGrade: 7, maxGrade: 9, minRate: 0.9 });
    const offers = rule.offers(fakeHousehold(kids), oct1998);
    expect(offers.map((o) => o.member)).toEqual([2]);
    expect(offers[0]?.conditions?.[0]).toMatchObject({ minRate: 0.9 });
    expect(rule.offers(fakeHousehold(kids), jul1998)).toEqual([]);
    const allYear = schoolAttendance({ grantsLcuPerMonth: grants, schoolMonthsOnly: false });
    expect(allYear.offers(fakeHousehold(kids), jul1998)).toHaveLength(3);
  });

  it("rejects bad options", () => {
    expect(() => schoolAttendance({ grantsLcuPerMonth: grants, minGrade: 8, maxGrade: 7 })).toThrow(RangeError);
    expect(() => schoolAttendance({ grantsLcuPerMonth: grants, minRate: 1.5 })).toThrow(RangeError);
    expect(() => schoolAttendance({ grantsLcuPerMonth: { ...grants, primary: -5 } })).toThrow(RangeError);
  });
});

describe("healthCheck", () => {
  const family: FakeMember[] = [
    { age: 0, ageMonths: 8 }, // under 2
    { age: 3 }, // 2–5
    { age: 12 }, // 6–17
    { age: 30, pregnant: true },
    { age: 40, male: true },
    { age: 65 },
    { age: 80, alive: false },
  ];

  it("uses the default (assumed) schedule by age and pregnancy", () => {
    const h = fakeHousehold(family);
    expect([0, 1, 2, 3, 4, 5].map((m) => visitWindowMonths(h, m, DEFAULT_HEALTH_VISIT_SCHEDULE))).toEqual([2, 6, 12, 2, 12, 6]);
  });

  it("makes one household offer conditional on every living member", () => {
    const offers = healthCheck({ lcuPerMonth: 100 }).offers(fakeHousehold(family), oct1998);
    expect(offers).toHaveLength(1);
    expect(offers[0]?.lcuPerMonth).toBe(100);
    expect(offers[0]?.conditions).toHaveLength(6);
    expect(offers[0]?.conditions?.[1]).toEqual({ kind: "healthVisits", member: 1, withinMonths: 6 });
  });

  it("takes a custom schedule", () => {
    const schedule = { ...DEFAULT_HEALTH_VISIT_SCHEDULE, age18to59: 6 };
    const offers = healthCheck({ lcuPerMonth: 1, schedule }).offers(fakeHousehold([{ age: 40 }]), oct1998);
    expect(offers[0]?.conditions).toEqual([{ kind: "healthVisits", member: 0, withinMonths: 6 }]);
    expect(() => healthCheck({ lcuPerMonth: 1, schedule: { ...schedule, pregnant: 0 } })).toThrow(RangeError);
  });
});

describe("progresa", () => {
  const rule = progresa();
  const education = (offers: readonly Offer[]) => byComponent(offers, "education");

  it("pays a girl in secondary year 2 235 pesos in 1998-II (evidence.md §1 table [S1–S3])", () => {
    const h = fakeHousehold([adultWoman, { age: 13, grade: 8 }]);
    const offers = education(rule.offers(h, oct1998));
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ lcuPerMonth: 235, member: 1 });
    expect(offers[0]?.conditions).toEqual([{ kind: "schoolAttendance", member: 1, minRate: 0.85 }]);
  });

  it("pays by grade and sex (evidence.md §1 table [S1–S3])", () => {
    // 1998-II: secondary year 2 boys 210; primary grade 3 in 1997: 60; 1999-II secondary 3 girls 305.
    expect(progresaEducationGrant("1998-II", 8, true)).toBe(210);
    expect(progresaEducationGrant("1997", 3, false)).toBe(60);
    expect(progresaEducationGrant("1999-II", 9, false)).toBe(305);
    expect(progresaEducationGrant("1998-I", 6, true)).toBe(130);
    const h = fakeHousehold([adultWoman, { age: 9, grade: 3 }, { age: 12, grade: 7, male: true }]);
    expect(education(rule.offers(h, oct1997)).map((o) => o.lcuPerMonth)).toEqual([60, 175]);
  });

  it("pays nothing for grades 1–2, for a child who already repeated the grade twice, or from age 18", () => {
    const h = fakeHousehold([
      adultWoman,
      { age: 8, grade: 2 },
      { age: 11, grade: 4, repeats: 2 }, // third time in grade 4
      { age: 10, grade: 4, repeats: 1 }, // second time: still paid
      { age: 18, grade: 9 },
    ]);
    expect(education(rule.offers(h, oct1998)).map((o) => o.member)).toEqual([3]);
    expect(education(progresa({ maxRepeats: 2 }).offers(h, oct1998)).map((o) => o.member)).toEqual([2, 3]);
  });

  it("offers the food grant every month, conditional on every member's health visits", () => {
    const h = fakeHousehold([adultWoman, adultMan, { age: 1, ageMonths: 14 }, { age: 13, grade: 8 }]);
    const vacation = rule.offers(h, jul1998);
    expect(education(vacation)).toEqual([]);
    const [food] = byComponent(vacation, "food");
    expect(food?.lcuPerMonth).toBe(100); // 1998-II food grant [S1–S3]
    expect(food?.conditions?.map((c) => c.kind === "healthVisits" && c.withinMonths)).toEqual([12, 12, 2, 12]);
  });

  it("caps a household with 4 secondary children at 625 in 1998-II (evidence.md §1 [S1–S3])", () => {
    const h = fakeHousehold([adultWoman, { age: 12, grade: 7 }, { age: 13, grade: 8 }, { age: 14, grade: 9 }, { age: 15, grade: 9, male: true }]);
    const offers = rule.offers(h, oct1998);
    expect(total(offers)).toBe(210 + 235 + 255 + 220 + 100); // uncapped entitlement
    expect(rule.capForMonth?.(oct1998)).toBe(625);
    expect(Math.min(total(offers), rule.capForMonth?.(oct1998) ?? Infinity)).toBe(625);
    expect(rule.capLcuPerMonth).toBeUndefined(); // dated: the cap varies by period
  });

  it("picks the period from the calendar month", () => {
    const at = (year: number, calendarMonth: number) => progresaPeriod({ year, calendarMonth });
    expect([at(1997, 8), at(1998, 6), at(1998, 7), at(1999, 1), at(1999, 12), at(2001, 3)]).toEqual([
      "1997",
      "1998-I",
      "1998-II",
      "1999-I",
      "1999-II",
      "1999-II",
    ]);
    expect(rule.capForMonth?.(oct1997)).toBe(550);
    expect(rule.capForMonth?.(monthContext({ year: 2000, calendarMonth: 1 }))).toBe(750);
  });

  it("with a fixed schedule uses that period throughout and exposes its cap", () => {
    const fixed = progresa({ schedule: "1999-I" });
    expect(fixed.capLcuPerMonth).toBe(695);
    expect(fixed.capForMonth?.(oct1997)).toBe(695);
    const h = fakeHousehold([adultWoman, { age: 11, grade: 6 }]);
    expect(education(fixed.offers(h, oct1997))[0]?.lcuPerMonth).toBe(PROGRESA_AMOUNTS["1999-I"].primary[3]);
  });

  it("pays school materials as a lump at the school-year start (Schultz 2004 via evidence.md §3b)", () => {
    const h = fakeHousehold([adultWoman, { age: 9, grade: 4 }, { age: 13, grade: 8 }, { age: 7, grade: 2 }]);
    const materials = byComponent(rule.offers(h, sep1998), "schoolMaterials");
    expect(materials.map((o) => [o.member, o.lcuPerMonth])).toEqual([
      [1, 120],
      [2, 240],
    ]);
    expect(materials[0]?.conditions?.[0]?.kind).toBe("schoolAttendance");
    expect(byComponent(rule.offers(h, oct1998), "schoolMaterials")).toEqual([]);
    expect(byComponent(progresa({ schoolMaterials: false }).offers(h, sep1998), "schoolMaterials")).toEqual([]);
  });

  it("switches components and the cap off, and pays every two months", () => {
    const h = fakeHousehold([adultWoman, { age: 13, grade: 8 }]);
    const off = progresa({ foodGrant: false, educationGrants: false, schoolMaterials: false, cap: false });
    expect(off.offers(h, oct1998)).toEqual([]);
    expect(off.capForMonth?.(oct1998)).toBeUndefined();
    expect(rule.payment).toEqual({ everyMonths: 2, anchorCalendarMonth: 1, lagMonths: 0 });
  });
});

describe("pkh", () => {
  it("pays an SMP child Rp1.5m a year, per month, conditional on attendance (evidence.md §1 [S46–S50])", () => {
    const offers = pkh().offers(fakeHousehold([adultWoman, { age: 13, grade: 8, enrolled: true }]), oct1998);
    expect(offers).toEqual([
      {
        component: "juniorSecondary",
        lcuPerMonth: 1_500_000 / 12,
        member: 1,
        conditions: [{ kind: "schoolAttendance", member: 1, minRate: 0.85 }],
      },
    ]);
  });

  it("keeps the 4 largest components under the member cap", () => {
    const h = fakeHousehold([
      { age: 28, pregnant: true }, // 3.0m
      adultMan, // nothing
      { age: 8, grade: 2, enrolled: true }, // SD 900k
      { age: 4 }, // early childhood 3.0m
      { age: 16, grade: 10, enrolled: true }, // SMA 2.0m
      { age: 13, grade: 7, enrolled: true }, // SMP 1.5m
      { age: 67 }, // elderly 2.4m
    ]);
    const offers = pkh().offers(h, oct1998);
    expect(offers.map((o) => o.component)).toEqual(["pregnant", "earlyChildhood", "elderly", "seniorSecondary"]);
    // Whole rupiah a month: 250,000 + 250,000 + 200,000 + 166,667 (2,000,000 / 12 = 166,666.7, rounded).
    expect(total(offers)).toBe(250_000 + 250_000 + 200_000 + 166_667);
    expect(pkh({ memberCap: 10 }).offers(h, oct1998)).toHaveLength(6);
  });

  it("counts youths over 17 for the school components only while enrolled (to schoolMaxAge 21)", () => {
    const h = fakeHousehold([
      adultWoman,
      { age: 19, grade: 11, enrolled: true },
      { age: 20, grade: 10, enrolled: false },
      { age: 22, grade: 12, enrolled: true },
    ]);
    const offers = pkh().offers(h, oct1998);
    expect(offers.map((o) => [o.component, o.member])).toEqual([["seniorSecondary", 1]]);
    // An out-of-school child of 15 still counts (PKH asks children of school age to be in school).
    expect(
      pkh()
        .offers(fakeHousehold([adultWoman, { age: 15, grade: 10, enrolled: false }]), oct1998)
        .map((o) => o.component),
    ).toEqual(["seniorSecondary"]);
  });

  it("counts a member once, for the best component, with its health condition", () => {
    const h = fakeHousehold([{ age: 70, disabled: true }, { age: 2 }]);
    const offers = pkh().offers(h, oct1998);
    expect(offers.map((o) => [o.component, o.member])).toEqual([
      ["disability", 0],
      ["earlyChildhood", 1],
    ]);
    expect(offers[0]?.conditions).toEqual([{ kind: "healthVisits", member: 0, withinMonths: 12 }]);
    expect(offers[1]?.conditions).toEqual([{ kind: "healthVisits", member: 1, withinMonths: 3 }]);
  });

  it("uses the elderly threshold option and offers school components in vacation months", () => {
    const h = fakeHousehold([{ age: 62 }, { age: 10, grade: 4, enrolled: true }]);
    expect(
      pkh({ elderlyMinAge: 65 })
        .offers(h, jul1998)
        .map((o) => o.component),
    ).toEqual(["primary"]);
    expect(
      pkh()
        .offers(h, jul1998)
        .map((o) => o.component),
    ).toEqual(["elderly", "primary"]);
  });

  it("2019 adds the fixed family amount (Rp550k, Rp1m remote) and uses the 2019 components", () => {
    const h = fakeHousehold([{ age: 30, pregnant: true }], { locality: 7 });
    const offers = pkh({ year: 2019 }).offers(h, oct1998);
    expect(offers.map((o) => [o.component, o.lcuPerMonth])).toEqual([
      ["pregnant", 2_400_000 / 12],
      ["fixed", 45_833], // 550,000 / 12 = 45,833.3, in whole rupiah
    ]);
    const remote = pkh({ year: 2019, remoteLocality: (l) => l === 7 }).offers(h, oct1998);
    expect(byComponent(remote, "fixed")[0]?.lcuPerMonth).toBe(83_333); // 1,000,000 / 12 = 83,333.3
    expect(pkh().payment).toEqual({ everyMonths: 3, anchorCalendarMonth: 1, lagMonths: 0 });
  });
});

describe("combine", () => {
  it("concatenates offers and applies only its own cap", () => {
    const inner = progresa({ schedule: "1998-II" });
    const rule = combine([inner, unconditional({ lcuPerMonth: 50 })], { capLcuPerMonth: 900 });
    const h = fakeHousehold([adultWoman, { age: 13, grade: 8 }]);
    const offers = rule.offers(h, oct1998);
    expect(offers.map((o) => o.component)).toEqual(["education", "food", "unconditional"]);
    expect(total(offers)).toBe(235 + 100 + 50);
    expect(rule.capLcuPerMonth).toBe(900);
    expect(rule.capForMonth).toBeUndefined();
    expect(rule.name).toBe("progresa 1998-II + unconditional");
    expect(combine([inner]).capLcuPerMonth).toBeUndefined();
  });

  it("rejects an empty list", () => {
    expect(() => combine([])).toThrow(RangeError);
  });
});

describe("rule specs", () => {
  it("fills every default on parse", () => {
    expect(ruleSpecSchema.parse({ kind: "progresa" })).toEqual({
      kind: "progresa",
      schedule: "dated",
      foodGrant: true,
      educationGrants: true,
      schoolMaterials: true,
      cap: true,
      minAttendance: 0.85,
      maxRepeats: 1,
      maxAge: 17,
      healthSchedule: { ...DEFAULT_HEALTH_VISIT_SCHEDULE },
      healthTalks: false,
    });
    expect(ruleSpecSchema.parse({ kind: "pkh", year: 2019 })).toEqual({
      kind: "pkh",
      year: 2019,
      memberCap: 4,
      elderlyMinAge: 60,
      schoolMaxAge: 21,
      minAttendance: 0.85,
      fixedFamilyLcuPerYear: 550_000,
      familyDevelopmentSessions: false,
    });
    expect(ruleSpecSchema.parse({ kind: "unconditional", lcuPerMonth: 10 })).toEqual({
      kind: "unconditional",
      lcuPerMonth: 10,
      perMember: false,
    });
    const health = ruleSpecSchema.parse({ kind: "healthCheck", lcuPerMonth: 5, schedule: { pregnant: 1 } });
    expect(health).toMatchObject({ schedule: { pregnant: 1, under2: 2, age60plus: 6 } });
  });

  it("parses idempotently", () => {
    const input: RuleSpecInput = {
      kind: "combine",
      rules: [{ kind: "pkh" }, { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 1, lowerSecondary: 2, upperSecondary: 3 } }],
      capLcuPerMonth: 10,
    };
    const once = ruleSpecSchema.parse(input);
    expect(ruleSpecSchema.parse(once)).toEqual(once);
  });

  it("rejects an unknown kind, a negative amount, a rate above 1 and unknown keys, with a path", () => {
    const unknownKind = ruleSpecSchema.safeParse({ kind: "lottery" });
    expect(unknownKind.success).toBe(false);
    expect(unknownKind.error?.issues[0]?.path).toEqual(["kind"]);

    const negative = ruleSpecSchema.safeParse({ kind: "combine", rules: [{ kind: "unconditional", lcuPerMonth: -5 }] });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]?.path).toEqual(["rules", 0, "lcuPerMonth"]);

    const rate = ruleSpecSchema.safeParse({ kind: "progresa", minAttendance: 1.2 });
    expect(rate.error?.issues[0]?.path).toEqual(["minAttendance"]);

    const extra = ruleSpecSchema.safeParse({ kind: "progresa", foodgrant: false });
    expect(extra.error?.issues[0]?.code).toBe("unrecognized_keys");

    const grades = ruleSpecSchema.safeParse({
      kind: "schoolAttendance",
      grantsLcuPerMonth: { primary: 1, lowerSecondary: 1, upperSecondary: 1 },
      minGrade: 9,
      maxGrade: 3,
    });
    expect(grades.error?.issues[0]?.path).toEqual(["maxGrade"]);

    expect(ruleSpecSchema.safeParse({ kind: "unconditional", lcuPerMonth: Infinity }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: "combine", rules: [] }).success).toBe(false);
    expect(ruleSpecSchema.safeParse({ kind: "pkh", year: 2020 }).success).toBe(false);
  });

  it("builds rules that behave like the direct constructors", () => {
    const h = fakeHousehold([adultWoman, { age: 13, grade: 8, enrolled: true }, { age: 3 }]);
    const specs: RuleSpecInput[] = [
      { kind: "progresa", schedule: "1998-II" },
      { kind: "pkh" },
      { kind: "healthCheck", lcuPerMonth: 7 },
      { kind: "unconditional", lcuPerMonth: 3, perMember: true, label: "food" },
      { kind: "schoolAttendance", grantsLcuPerMonth: { primary: 1, lowerSecondary: 2, upperSecondary: 3 } },
    ];
    const direct = [
      progresa({ schedule: "1998-II" }),
      pkh(),
      healthCheck({ lcuPerMonth: 7 }),
      unconditional({ lcuPerMonth: 3, perMember: true, label: "food" }),
      schoolAttendance({ grantsLcuPerMonth: { primary: 1, lowerSecondary: 2, upperSecondary: 3 } }),
    ];
    specs.forEach((spec, i) => {
      const built = ruleFromSpec(ruleSpecSchema.parse(spec));
      expect(built.offers(h, oct1998)).toEqual(direct[i]?.offers(h, oct1998));
      expect(built.capLcuPerMonth).toBe(direct[i]?.capLcuPerMonth);
    });
    const combined = rules.fromSpec(ruleSpecSchema.parse({ kind: "combine", rules: specs, capLcuPerMonth: 1000, name: "mix" }));
    expect(combined.name).toBe("mix");
    expect(combined.capLcuPerMonth).toBe(1000);
    expect(combined.offers(h, oct1998)).toEqual(direct.flatMap((r) => r.offers(h, oct1998)));
  });
});
