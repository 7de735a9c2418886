import { describe, expect, it } from "vitest";
import {
  buildNetwork,
  clusteringCoefficient,
  createPopulation,
  finishRun,
  localityShards,
  mergeShards,
  parseScenario,
  RandomStreams,
  Run,
  runShard,
  simulate,
  SPILL_GROUP_NAMES,
} from "../src/index.js";
import type { SimulationResult } from "../src/index.js";

const base = {
  seed: "interactions",
  months: 14,
  start: "1997-09",
  population: { households: 1200, localities: 30 },
  programme: { rule: { kind: "progresa", healthTalks: true }, rollout: { kind: "clusterRandomised", treatedShare: 0.5 } },
} as const;
const population = createPopulation(parseScenario(base));
const run = (interactions: object, extra: object = {}): SimulationResult => simulate({ ...base, ...extra, interactions }, { population });
const everything = {
  peerEffects: { strength: 2.5 },
  riskSharing: { shareOfSurplus: 0.2 },
  localPrices: { elasticity: 0.5 },
  knowledgeDiffusion: 0.2,
  socialCapital: { gainPerJointMeeting: 0.3, decayPerMonth: 0.02 },
};

describe("locality network", () => {
  const params = { degree: 6, rewiring: 0.25, kinShare: 0.3 };
  const net = buildNetwork(population, new RandomStreams("net"), params);

  it("ties households of the same locality, both ways, about `degree` each", () => {
    const H = population.householdCount;
    expect(net.target.length / H).toBeGreaterThan(5.5);
    expect(net.target.length / H).toBeLessThanOrEqual(6);
    const loc = population.households.locality;
    for (let h = 0; h < H; h++) {
      for (let e = net.start[h]!; e < net.start[h + 1]!; e++) {
        const j = net.target[e]!;
        expect(j).not.toBe(h);
        expect(loc[j]).toBe(loc[h]);
        expect(net.target[net.reverse[e]!]).toBe(h);
        expect(net.kin[net.reverse[e]!]).toBe(net.kin[e]);
      }
    }
    const kinShare = net.kin.reduce((a, b) => a + b, 0) / net.kin.length;
    expect(kinShare).toBeGreaterThan(0.2);
    expect(kinShare).toBeLessThan(0.4);
  });

  it("is clustered like a small world, far above a random graph of the same density", () => {
    const c = clusteringCoefficient(net);
    // A ring lattice of degree 6 has 0.6; rewiring a quarter of ties keeps about 0.6 × 0.75³ ≈ 0.25 of it,
    // plus chance closures. A random graph of the same density: degree / (locality size − 1) ≈ 0.15.
    expect(c).toBeGreaterThan(0.25);
    expect(c).toBeGreaterThan(1.5 * (6 / 39));
    expect(clusteringCoefficient(buildNetwork(population, new RandomStreams("net"), { ...params, rewiring: 1 }))).toBeLessThan(c);
  });

  it("is identical for the same seed and differs for another", () => {
    expect(buildNetwork(population, new RandomStreams("net"), params)).toEqual(net);
    expect(buildNetwork(population, new RandomStreams("other"), params).target).not.toEqual(net.target);
  });
});

describe("interactions switched off", () => {
  it("give exactly the plain engine's results, whatever the network settings", () => {
    const plain = simulate(base, { population });
    const off = run({ network: { degree: 12, rewiring: 0.9, kinShare: 1 }, riskSharing: { loanShare: 1 }, localPrices: { foodShare: 1 } });
    expect(off.months).toEqual(plain.months);
    expect(off.localities).toBeUndefined();
  });
});

describe("runs with interactions", () => {
  const on = run(everything);

  it("do not depend on how whole localities are split into shards or ordered", () => {
    const scenario = parseScenario({ ...base, interactions: everything });
    const shards = localityShards(population, 3).map((list, k) => runShard(scenario, population, k === 1 ? list.reverse() : list));
    const merged = finishRun(mergeShards([shards[2]!, shards[0]!, shards[1]!]), population);
    expect(merged.months).toEqual(on.months);
    expect(merged.localities).toEqual(on.localities);
  });

  it("refuse a shard that splits a locality", () => {
    const scenario = parseScenario({ ...base, interactions: everything });
    expect(() => runShard(scenario, population, [0, 1, 2])).toThrow(/whole localities/);
  });

  it("resume from a checkpoint with exactly the uninterrupted result", () => {
    const scenario = parseScenario({ ...base, interactions: everything });
    const snapshot = JSON.parse(JSON.stringify(Run.start(scenario, population).advance(7).checkpoint()));
    const resumed = finishRun(Run.resume(snapshot, { population }).advance().shard(), population);
    expect(resumed.months).toEqual(on.months);
  });

  it("report every household in exactly one spillover group, and pay only recipients", () => {
    for (const m of on.months) {
      const groups = SPILL_GROUP_NAMES.map((g) => m.spillovers[g]);
      expect(groups.reduce((s, g) => s + g.households, 0)).toBe(m.segments.all.households);
      expect(m.spillovers.recipients.households).toBe(m.programme.beneficiaries);
      for (const g of ["eligibleNonRecipients", "ineligibleTreated", "eligibleUntreated", "ineligibleUntreated"] as const) {
        expect(m.spillovers[g].transfersPerHouseholdLcu ?? 0).toBe(0);
      }
    }
  });
});

describe("informal risk sharing", () => {
  const r = run({ riskSharing: { shareOfSurplus: 0.3, loanShare: 0.5, repaymentRate: 0.2 } });

  it("conserves money: what is sent one month is received or lapses the next", () => {
    let flows = 0;
    for (let t = 1; t < r.months.length; t++) {
      const sent = r.months[t - 1]!.interactions.informalGivenLcu;
      const arrived = r.months[t]!.interactions.informalReceivedLcu + r.months[t]!.interactions.informalLapsedLcu;
      expect(arrived).toBeCloseTo(sent, 6);
      flows += sent;
    }
    expect(flows).toBeGreaterThan(0);
    expect(r.months[0]!.interactions.informalReceivedLcu).toBe(0);
    // Programme money is untouched: what households receive from the programme is still what it paid.
    for (const m of r.months) expect(m.segments.all.transfersReceivedLcu).toBe(m.programme.paidLcu);
  });

  it("passes part of the transfers to neighbours in treated localities", () => {
    const plain = simulate(base, { population });
    const mean = (x: SimulationResult, g: "recipients" | "ineligibleTreated" | "eligibleUntreated" | "ineligibleUntreated") =>
      x.months.reduce((s, m) => s + (m.spillovers[g].informalNetPerHouseholdLcu ?? 0), 0) / x.months.length;
    // Recipients give more (net) than eligible households of control localities; ineligible
    // households of treated localities receive more (net) than those of control localities.
    expect(mean(r, "recipients")).toBeLessThan(mean(r, "eligibleUntreated"));
    expect(mean(r, "ineligibleTreated")).toBeGreaterThan(mean(r, "ineligibleUntreated"));
    // The consumption gap between ineligible households of treated and control localities widens.
    const gap = (x: SimulationResult) =>
      x.final.spillovers.ineligibleTreated.consumptionPerAeLcu! - x.final.spillovers.ineligibleUntreated.consumptionPerAeLcu!;
    expect(gap(r)).toBeGreaterThan(gap(plain));
  });
});

describe("peer effects in schooling", () => {
  // The response to a CCT on common random numbers (the same population and draws with and
  // without the programme): enrolment 12–17, CCT minus no programme. Peer effects act through
  // last month's shares and enrolment is decided at school-year starts, so the multiplier needs
  // several school years to build up.
  const long = {
    seed: "peers",
    months: 50,
    start: "1997-09",
    population: { households: 2000, localities: 50 },
    programme: { rule: { kind: "progresa" } },
  } as const;
  const peersPopulation = createPopulation(parseScenario(long));
  const response = (strength: number) => {
    const interactions = { peerEffects: { strength } };
    const cct = simulate({ ...long, interactions }, { population: peersPopulation }).final.segments;
    const none = simulate({ ...long, programme: null, interactions }, { population: peersPopulation }).final.segments;
    const teens = (s: typeof cct, seg: "all" | "nonPoor") => s[seg].enrolment.age12to14! + s[seg].enrolment.age15to17!;
    return { all: teens(cct, "all") - teens(none, "all"), ineligible: teens(cct, "nonPoor") - teens(none, "nonPoor") };
  };
  const responses = [0, 1.5, 3].map(response);

  it("a stronger peer effect never lowers the enrolment response to a CCT, and multiplies it", () => {
    expect(responses[1]!.all).toBeGreaterThanOrEqual(responses[0]!.all);
    expect(responses[2]!.all).toBeGreaterThanOrEqual(responses[1]!.all);
    expect(responses[2]!.all / responses[0]!.all).toBeGreaterThan(1.15); // the social multiplier
  });

  it("reaches children of ineligible households, whom the programme does not pay", () => {
    expect(responses[0]!.ineligible).toBe(0); // without interactions nothing reaches them
    expect(responses[2]!.ineligible).toBeGreaterThan(0.01);
  });
});

describe("local prices", () => {
  it("rise where cash is injected, more in remote localities, and lower real consumption of ineligibles", () => {
    const priced = run({ localPrices: { elasticity: 1 } });
    const plain = simulate(base, { population });
    const prices = priced.localities!.priceLevel;
    const afterPayment = prices.findIndex((row) => row.some((p) => p !== null && p > 1));
    expect(afterPayment).toBeGreaterThan(0);
    const row = prices[afterPayment]!;
    const remoteness = population.localities.remoteness;
    const treated = row.map((p, l) => ({ p: p!, r: remoteness[l]! })).filter((x) => x.p > 1);
    expect(treated.length).toBeGreaterThan(0);
    // Among localities with price rises, the more remote half has the larger mean rise.
    treated.sort((a, b) => a.r - b.r);
    const half = Math.floor(treated.length / 2);
    const mean = (xs: { p: number }[]) => xs.reduce((s, x) => s + x.p, 0) / xs.length;
    expect(mean(treated.slice(half))).toBeGreaterThan(mean(treated.slice(0, half)));
    expect(priced.final.spillovers.ineligibleTreated.consumptionPerAeLcu!).toBeLessThan(plain.final.spillovers.ineligibleTreated.consumptionPerAeLcu!);
    expect(priced.final.spillovers.ineligibleUntreated.consumptionPerAeLcu!).toBeCloseTo(plain.final.spillovers.ineligibleUntreated.consumptionPerAeLcu!, 6);
  });
});

describe("labelling, knowledge and social capital", () => {
  it("an education label raises enrolment without any condition, by its pull", () => {
    const programme = { rule: { kind: "unconditional", lcuPerMonth: 150, label: "education" }, targeting: { kind: "poor" } };
    const enrol = (labelPull: number) =>
      simulate({ ...base, months: 26, programme, behaviour: { labelPull } }, { population }).final.segments.poor.enrolment.age12to14!;
    expect(enrol(1)).toBeGreaterThan(enrol(0) + 0.005);
  });

  it("meeting knowledge spreads along ties to households that never attend", () => {
    const knowledgeOf = (r: SimulationResult) => r.months[r.months.length - 1]!.adults.knowledgeIndex!;
    const attendees = run({});
    const spread = run({ knowledgeDiffusion: 0.3 });
    expect(knowledgeOf(spread)).toBeGreaterThan(knowledgeOf(attendees));
  });

  it("joint meetings strengthen ties: the social-capital index rises in treated localities only", () => {
    const r = run({ socialCapital: { gainPerJointMeeting: 0.3, decayPerMonth: 0 }, riskSharing: { shareOfSurplus: 0.1 } });
    const series = r.localities!.socialCapitalIndex;
    const first = series[0]!;
    const last = series[series.length - 1]!;
    let rose = 0;
    let flat = 0;
    last.forEach((v, l) => (v! > first[l]! + 1e-9 ? rose++ : flat++));
    expect(rose).toBeGreaterThan(0);
    expect(flat).toBeGreaterThan(0); // control localities hold no meetings
    expect(r.months[r.months.length - 1]!.interactions.socialCapitalIndex!).toBeGreaterThan(0.5);
  });
});

describe("example: spillovers", () => {
  it("runs and reports direct, indirect and locality-level effects with interactions off and on", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "examples/spillovers.ts", "--households", "800", "--replications", "2", "--seed", "example-test"],
      {
        cwd: new URL("..", import.meta.url),
        encoding: "utf8",
      },
    );
    for (const line of ["Direct: recipients vs eligible untreated", "Indirect: ineligible, treated vs untreated", "Locality total"])
      expect(out).toContain(line);
    expect(out).not.toMatch(/NaN/);
  }, 120_000);
});
