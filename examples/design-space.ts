/**
 * A small design space: grant level × condition. A conditional school grant
 * (paid per child in grades 3–9 who is enrolled and attends 85% of school days,
 * Progresa's grades; the primary grant is half the lower-secondary one) at
 * three levels, against an unconditional transfer to the same households
 * (classified poor) paying the same expected amount per household: the
 * conditional grant's mean entitlement per beneficiary household-month,
 * measured on a pilot run with a separate seed. Every cell is compared with no
 * programme on common random numbers, in worker threads.
 *
 * For each cell: cost per additional child-year of enrolment (ratio of means,
 * Fieller interval) and the fiscal and social benefit-cost ratios of `socialReturn`:
 * adult earnings of the simulated lives, inside the run and projected over each
 * person's remaining life (grades become wages by the preset's return to schooling,
 * an assumption stated next to the figures); mean across replications with its t interval.
 *
 * The run covers 25 months from September 1997: two school years and the
 * month in which the second year's grades are credited.
 *
 * Writes the scatter of cost per extra child-year vs benefit-cost ratio to
 * design-space-cost-vs-benefit.svg in --out (default out/).
 *
 * Run: npx tsx examples/design-space.ts [--households 5000] [--replications 4] [--workers 2] [--seed design-space] [--out out]
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mkdir } from "node:fs/promises";
import { costBenefitChart, costEffectiveness, simulate, socialReturn } from "../src/index.js";
import type { MeanInterval, ReturnView } from "../src/index.js";
import { sweep, writeSvg } from "../src/node/index.js";

const { values: args } = parseArgs({
  options: {
    households: { type: "string", default: "5000" },
    replications: { type: "string", default: "4" },
    workers: { type: "string", default: String(Math.min(2, availableParallelism())) },
    seed: { type: "string", default: "design-space" },
    out: { type: "string", default: "out" },
  },
});
const households = Number(args.households);
const replications = Number(args.replications);
const workers = Number(args.workers);
const months = 25;
const started = performance.now();

const base = {
  name: "design space",
  months,
  start: "1997-09",
  population: { preset: "mexico-rural-1997", households },
  programme: { rule: { kind: "progresa" }, targeting: { kind: "poor" } }, // the rule is swept
};

/** The conditional grant with a lower-secondary grant of `grant` pesos a month. */
function conditional(grant: number) {
  return {
    kind: "schoolAttendance",
    grantsLcuPerMonth: { primary: grant / 2, lowerSecondary: grant, upperSecondary: 0 },
    minGrade: 3,
    maxGrade: 9,
    minRate: 0.85,
  } as const;
}

// ---- pilot: the conditional grant's mean entitlement per beneficiary household-month (own seed)
const grants = [100, 200, 300] as const;
const perHousehold = new Map<number, number>();
for (const grant of grants) {
  const pilot = simulate({ ...base, seed: `${args.seed} pilot`, programme: { ...base.programme, rule: conditional(grant) } });
  const { entitledLcu, beneficiaryMonths } = pilot.final.totals;
  perHousehold.set(grant, Math.round(entitledLcu / beneficiaryMonths));
}

// ---- the grid: one key, the rule, with a label per cell
type Cell = { grant: number; design: "conditional" | "unconditional"; rule: unknown };
const cells: Cell[] = grants.flatMap((grant) => [
  { grant, design: "conditional" as const, rule: conditional(grant) },
  { grant, design: "unconditional" as const, rule: { kind: "unconditional", lcuPerMonth: perHousehold.get(grant)! } },
]);
const label = (c: Cell) => `${c.design} ${c.grant}`;
const { points, comparison } = await sweep(
  base,
  { "programme.rule": Object.fromEntries(cells.map((c) => [label(c), c.rule])) },
  {
    replications,
    seed: args.seed,
    workers,
    onProgress: process.stderr.isTTY ? (done, total) => process.stderr.write(`\r  ran ${done}/${total} simulations`) : undefined,
  },
);
if (process.stderr.isTTY) process.stderr.write("\n");
const seconds = (performance.now() - started) / 1000;

// ---- the table
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const interval = (lower: number | null, upper: number | null, f: (v: number) => string) =>
  lower === null || upper === null ? "[unbounded]" : `[${f(lower)}, ${f(upper)}]`;
const withInterval = (m: MeanInterval, f: (v: number) => string) => `${f(m.mean)} ${interval(m.lower, m.upper, f)}`;
const bcrCell = (v: ReturnView) =>
  v.benefitCostRatio ? withInterval(v.benefitCostRatio, two) : v.benefitCostRatioOfMeans === null ? "—" : `${two(v.benefitCostRatioOfMeans)} (ratio of means)`;
const two = (v: number) => v.toFixed(2);

const header = [
  "Lower-sec./primary grant",
  "Design",
  "MXN/household-month",
  "Cost, MXN thousand",
  "Extra child-years",
  "MXN per extra child-year",
  "BCR, fiscal",
  "BCR, social",
];
const rows: string[][] = [];
const notes = new Set<string>();
cells.forEach((cell, k) => {
  const name = points[k]!.name;
  const ce = costEffectiveness(comparison, name);
  const enrolment = ce.measures.enrolmentYears;
  const sr = socialReturn(comparison, name);
  for (const n of [...enrolment.notes, ...sr.notes]) notes.add(n);
  const paidPerHouseholdMonth =
    comparison.outcomes.get("totals/paidLcu")!.get(name)!.estimate.mean / comparison.outcomes.get("totals/beneficiaryMonths")!.get(name)!.estimate.mean;
  const ratio = enrolment.ratioOfMeans;
  rows.push([
    `${cell.grant}/${cell.grant / 2}`,
    cell.design,
    int.format(paidPerHouseholdMonth),
    withInterval(ce.cost, (v) => int.format(v / 1000)),
    enrolment.increment ? withInterval(enrolment.increment, int.format) : "—",
    ratio.ratio === null ? "no extra enrolment" : `${int.format(ratio.ratio)} ${interval(ratio.lower, ratio.upper, int.format)}`,
    bcrCell(sr.fiscal),
    bcrCell(sr.social),
  ]);
});
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
const line = (r: string[]) => r.map((v, k) => (k < 2 ? v.padEnd(widths[k]!) : v.padStart(widths[k]!))).join("  ");

console.log(
  `\nbansos — design space: grant level × condition (mexico-rural-1997, ${int.format(households)} households, ${months} months from 1997-09, ` +
    `${replications} replications, seed "${args.seed}")`,
);
console.log("Against no programme, common random numbers; all households; 95% intervals across replications.\n");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
console.log(
  "\nUnconditional: a flat amount per classified-poor household, equal to the conditional grant's mean entitlement per beneficiary" +
    " household-month in a pilot run (own seed), so both designs cost about the same at each level.",
);
console.log("MXN per extra child-year: mean cost ÷ mean extra enrolled child-years (Fieller interval).");
console.log("BCR (socialReturn, 5% discount): PV of the adult earnings of the simulated lives — the run, then each person's remaining life");
console.log("projected by the model — over PV of cost. Fiscal: families' earnings gained (net of children's) ÷ transfers + administration.");
console.log("Social: adult earnings gained ÷ administration + deadweight (MCPF 1.2) + children's forgone earnings; transfers are transfers.");
console.log("Assumption: the extra grades become wages by the preset's return to schooling (about 5% a grade, docs/model.md L1);");
console.log("studies of CCTs find lasting schooling gains but mixed effects on adult earnings (Molina Millán et al. 2019).");
if (notes.size > 0) {
  console.log("\nNotes:");
  for (const n of notes) console.log(`  - ${n}`);
}
const svg = join(args.out, "design-space-cost-vs-benefit.svg");
await mkdir(args.out, { recursive: true });
await writeSvg(svg, costBenefitChart(comparison, { title: "Design space: cost per extra child-year vs benefit-cost ratio" }));
console.log(`\nWrote ${svg}.`);
console.log(
  `\nFinished in ${seconds.toFixed(1)} s on ${workers} worker thread(s), ${comparison.scenarios.length * replications} simulations plus ${grants.length} pilot runs.`,
);
