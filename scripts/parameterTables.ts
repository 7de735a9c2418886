/**
 * Renders docs/parameters.md from the built-in presets: for each preset, its
 * population and behaviour parameters with value, symbol (as in docs/model.md)
 * and source tag, plus its initial schooling by age. Pure and deterministic:
 * no file access, no clock, no locale; the same presets give the same text.
 *
 * scripts/document-parameters.ts writes the text to docs/parameters.md;
 * test/docs.test.ts checks that the committed file equals it.
 */
import type { Source } from "../src/foundation/source.js";
import type { Preset } from "../src/population/preset.js";
import { presets } from "../src/population/presets/index.js";
import { behaviourParametersSchema } from "../src/behaviour/parameters.js";
import { populationParametersSchema } from "../src/population/parameters.js";

/** Minimal view of a zod 4 schema for reading ranges (metadata set by `between`, src/foundation/ranges.ts). */
interface SchemaLike {
  meta(): { range?: string } | undefined;
  readonly _zod: {
    readonly def: { readonly type: string; readonly element?: SchemaLike; readonly items?: readonly SchemaLike[]; readonly innerType?: SchemaLike };
  };
}

/** The valid range of a parameter as its schema states it ("0 ≤ x ≤ 1"), per element for arrays and tuples; "—" for none. */
export function rangeOf(schema: SchemaLike | undefined): string {
  if (schema === undefined) return "—";
  const own = schema.meta()?.range;
  if (own !== undefined) return own;
  const def = schema._zod.def;
  if (def.type === "array" && def.element) return `each ${rangeOf(def.element)}`;
  if (def.type === "tuple" && def.items) {
    const ranges = def.items.map(rangeOf);
    return ranges.every((r) => r === ranges[0]) ? `each ${ranges[0]}` : ranges.join("; ");
  }
  if (def.innerType) return rangeOf(def.innerType);
  return "—";
}

const SCHEMAS: Readonly<Record<ParameterGroup, Readonly<Record<string, SchemaLike>>>> = {
  population: populationParametersSchema.shape as unknown as Readonly<Record<string, SchemaLike>>,
  behaviour: behaviourParametersSchema.shape as unknown as Readonly<Record<string, SchemaLike>>,
};

/** Parameter groups of a preset, in the order they are documented. */
export const PARAMETER_GROUPS = ["population", "behaviour"] as const;
/** A parameter group of a preset. */
export type ParameterGroup = (typeof PARAMETER_GROUPS)[number];

/** Command that regenerates docs/parameters.md. */
export const REGENERATE_COMMAND = "npx tsx scripts/document-parameters.ts";

/**
 * Symbol and equation of each parameter in docs/model.md. A parameter missing
 * here is still documented (with "—"); add it when docs/model.md names it.
 */
const SYMBOLS: Readonly<Record<string, readonly [symbol: string, where: string]>> = {
  // ---- population
  currency: ["", "money unit"],
  povertyLineLcuPerMonth: ["z", "P1, W1, outcomes"],
  childEquivalenceWeight: ["ω", "D3"],
  schoolYearStartMonth: ["", "calendar"],
  schoolMonths: ["", "calendar"],
  headAgeRange: ["", "population"],
  spouseProbability: ["", "population"],
  childrenAtHomeMean: ["n̄", "population"],
  extraAdultProbability: ["", "population"],
  elderlyProbability: ["", "population"],
  pregnantShare: ["", "population"],
  disabilityShare: ["", "population"],
  headSchooling: ["μ_S, σ_S", "population"],
  indigenousShare: ["π_I", "population"],
  incomeLogMean: ["μ_y", "population"],
  incomeLogSd: ["σ_y", "population"],
  localityIncomeLogSd: ["σ_L", "population"],
  headSchoolingReturn: ["β_S", "population"],
  indigenousIncomeShift: ["β_I", "population"],
  seasonalFactors: ["s(month)", "E2"],
  idiosyncraticShockSd: ["σ_e", "E1, E2"],
  idiosyncraticPersistence: ["ρ_e", "E1"],
  localityShockSd: ["σ_ℓ", "E1, E2"],
  localityPersistence: ["ρ_ℓ", "E1"],
  classifiedPoorShare: ["q", "means test"],
  primarySchoolKm: ["", "population, S1"],
  lowerSecondaryKm: ["", "population, S1"],
  upperSecondaryKm: ["", "population, S1"],
  clinicKm: ["", "population, H1"],
  annualFertility: ["f", "D2"],
  annualMortality: ["Q(group)", "D1"],
  initialHazMean: ["", "population"],
  hazPotentialSd: ["σ_p", "H3, D2, population"],
  // ---- behaviour
  enrolInterceptBoys: ["α(age, boy)", "S1"],
  enrolInterceptGirls: ["α(age, girl)", "S1"],
  enrolTransitionLowerSecondary: ["τ7", "S1"],
  enrolTransitionUpperSecondary: ["τ10", "S1"],
  enrolPersistence: ["λ", "S1"],
  incomeEffect: ["b", "S1, S2"],
  priceEffect: ["θ", "S1, S2"],
  distanceCostPerKm: ["γ", "S1"],
  schoolTasteSd: ["σ_η", "S1, S2"],
  childWageLcuPerMonth: ["W(age)", "S1, S2, S4"],
  workProbabilityBoys: ["p_w(age, boy)", "S4"],
  workProbabilityGirls: ["p_w(age, girl)", "S4"],
  partTimeWageShare: ["κ", "S2, S4"],
  attendIntercept: ["ψ0", "S2"],
  attendAgeSlope: ["ψ1", "S2"],
  regularAttendance: ["", "S2"],
  irregularAttendance: ["", "S2"],
  dropoutAfterTwoIrregular: ["δ", "S2"],
  passIntercept: ["π0", "S3"],
  passAttendanceSlope: ["π1", "S3"],
  visitIntercepts: ["v(group)", "H1"],
  visitPregnancy: ["v_p", "H1"],
  visitIllness: ["v_i", "H1"],
  visitIncomeEffect: ["v_b", "H1"],
  visitDistanceCostPerKm: ["v_d", "H1"],
  visitPriceEffect: ["v_g", "H1"],
  illnessIntercepts: ["ι(group)", "H2"],
  illnessConsumptionEffect: ["ι_c", "H2"],
  illnessVisitProtection: ["ι_v", "H2"],
  illnessStunted: ["ι_s", "H2"],
  hazAtBirth: ["h_b", "H3, D2"],
  hazFallBy24Months: ["Δ", "H3"],
  hazConsumptionEffect: ["β_c", "H3, D2"],
  hazMonitoringEffect: ["β_m", "H3"],
  hazIllnessLoss: ["l", "H3"],
  hazAdjustment: ["k(<24), k(≥24)", "H3"],
  hazNoiseSd: ["σ_h", "H3"],
  hazBirthSd: ["σ_b", "D2"],
  consumptionShare: ["φ", "W1"],
};

/** Group digits of an integer string in threes: "550458" → "550,458". */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A number for a table: integers in full (thousands grouped from 10,000 up),
 * other numbers to 4 significant digits (or more for large magnitudes, so no
 * integer digit is lost). Locale-free, so the output is the same everywhere.
 * @example formatNumber(550458) // "550,458"; formatNumber(0.0006) // "0.0006"; formatNumber(-0.822) // "-0.822"
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Object.is(v, -0)) return "0";
  const magnitude = v === 0 ? 1 : Math.floor(Math.log10(Math.abs(v))) + 1;
  const rounded = Number.isInteger(v) ? v : Number(v.toPrecision(Math.min(15, Math.max(4, magnitude))));
  const text = String(rounded);
  if (Math.abs(rounded) < 10_000 || /e/i.test(text)) return text;
  const [whole = "", fraction] = text.replace("-", "").split(".");
  return `${rounded < 0 ? "-" : ""}${groupDigits(whole)}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** A parameter value for a table: numbers via {@link formatNumber}, arrays as `[a, b, …]` (all elements), strings as is. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return JSON.stringify(value);
}

/** Text safe inside a Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
}

/** Reference of a source tag ("" for an assumption, which has none). */
function refOf(s: Source): string {
  return s.kind === "assumption" ? "" : s.ref;
}

/** True when a source tag says something: a non-empty reference or note. */
export function hasSource(s: Source | undefined): boolean {
  if (s === undefined) return false;
  return refOf(s).trim() !== "" || (s.note ?? "").trim() !== "";
}

/** Every (preset, group, parameter) without a non-empty source tag, as "preset/group/parameter". */
export function parametersWithoutSource(): string[] {
  const out: string[] = [];
  for (const [name, preset] of Object.entries(presets) as [string, Preset][]) {
    for (const group of PARAMETER_GROUPS) {
      const sources = preset.sources[group] as Readonly<Record<string, Source | undefined>>;
      for (const key of Object.keys(preset[group])) if (!hasSource(sources[key])) out.push(`${name}/${group}/${key}`);
    }
  }
  return out;
}

/** Earlier preset whose source tag for the same parameter is the very same object (a shared, inherited source), if any. */
function sharedWith(list: readonly [string, Preset][], index: number, group: ParameterGroup, key: string): string | undefined {
  const mine = (list[index]![1].sources[group] as Readonly<Record<string, Source>>)[key];
  for (let k = 0; k < index; k++) {
    const [name, other] = list[k]!;
    if ((other.sources[group] as Readonly<Record<string, Source>>)[key] === mine) return name;
  }
  return undefined;
}

function parameterTable(list: readonly [string, Preset][], index: number, group: ParameterGroup): string[] {
  const preset = list[index]![1];
  const values = preset[group] as Readonly<Record<string, unknown>>;
  const sources = preset.sources[group] as Readonly<Record<string, Source | undefined>>;
  const lines = ["| Parameter | Value | Valid range | Symbol | Used in | Source | Reference | Note |", "|---|---|---|---|---|---|---|---|"];
  for (const key of Object.keys(values)) {
    const [symbol = "", where = ""] = SYMBOLS[key] ?? [];
    const s = sources[key];
    const shared = sharedWith(list, index, group, key);
    const note = s === undefined ? "MISSING SOURCE" : `${shared ? `(same source as ${shared}) ` : ""}${s.note ?? ""}`;
    lines.push(
      `| \`${key}\` | ${cell(formatValue(values[key]))} | ${cell(rangeOf(SCHEMAS[group][key]))} | ${cell(symbol) || "—"} | ${cell(where) || "—"} | ${s?.kind ?? "—"} | ${cell(s ? refOf(s) : "") || "—"} | ${cell(note) || "—"} |`,
    );
  }
  return lines;
}

function kindCounts(preset: Preset, group: ParameterGroup): string {
  const counts = new Map<string, number>();
  const sources = preset.sources[group] as Readonly<Record<string, Source | undefined>>;
  for (const key of Object.keys(preset[group])) {
    const kind = sources[key]?.kind ?? "missing";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const order = ["evidence", "literature", "data", "calibrated", "assumption", "missing"];
  return order
    .filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${k}`)
    .join(", ");
}

function initialSchoolingTable(preset: Preset): string[] {
  const lines = ["| Age | Cells | Mean grades completed | Enrolled |", "|---|---|---|---|"];
  preset.initialSchooling.forEach((cells, k) => {
    let share = 0;
    let grades = 0;
    let enrolled = 0;
    for (const [grade, s, rate] of cells) {
      share += s;
      grades += s * grade;
      enrolled += s * rate;
    }
    const mean = (v: number) => (share > 0 ? (v / share).toFixed(3) : "—");
    lines.push(`| ${6 + k} | ${cells.length} | ${mean(grades)} | ${mean(enrolled)} |`);
  });
  return lines;
}

function sourceText(s: Source): string {
  const ref = refOf(s);
  return `${s.kind}${ref ? ` — ${ref}` : ""}${s.note ? ` — ${s.note}` : ""}`;
}

/**
 * The whole of docs/parameters.md, generated from the presets. Pure: no files
 * are read or written.
 */
export function renderParameterTables(): string {
  const list = Object.entries(presets) as [string, Preset][];
  const out: string[] = [
    "<!-- Generated by scripts/document-parameters.ts from src/population/presets/. Do not edit by hand: -->",
    `<!-- change the presets, then run \`${REGENERATE_COMMAND}\`. test/docs.test.ts checks this file is current. -->`,
    "",
    "# Parameters of the built-in presets",
    "",
    "Every parameter of every preset, with its value and where the value comes from. The model that",
    "uses them is described in [model.md](model.md); symbols and equation names (E1, S1, H1, …) refer to it.",
    "",
    "Source kinds:",
    "",
    "- **evidence** — a published figure; the reference is a source key of the evidence file, listed with",
    "  its full reference in [model.md, Sources](model.md#sources).",
    "- **data** — computed from a data file shipped under `data/`.",
    "- **calibrated** — fitted so that the model reproduces pre-programme moments",
    "  ([model.md, Calibration](model.md#calibration)).",
    "- **assumption** — a modelling choice without a direct source; the note gives the reasoning. Change it and see.",
    "",
    "Money is in the preset's local currency per month; arrays by age run over ages 6…17 (completed years)",
    "and arrays by group follow the order given in model.md. Numbers are shown to 4 significant digits.",
    "The valid range is what a scenario may set (`parseScenario` refuses anything outside it, naming the",
    "field and the range).",
    "",
  ];
  list.forEach(([name, preset], index) => {
    out.push(`## \`${name}\``, "", preset.description, "", `Default start: ${preset.defaultStart}. Currency: ${preset.population.currency}.`, "");
    for (const group of PARAMETER_GROUPS) {
      const title = group === "population" ? "Population and economy" : "Behaviour";
      out.push(`### ${title} (\`${name}\`)`, "", `${Object.keys(preset[group]).length} parameters: ${kindCounts(preset, group)}.`, "");
      out.push(...parameterTable(list, index, group), "");
    }
    out.push(`### Initial schooling (\`${name}\`)`, "", `Source: ${cell(sourceText(preset.initialSchoolingSource))}.`, "");
    out.push(
      "Each child aged 6–17 at the start draws a cell (grades completed, enrolled or not) from the distribution",
      "of its age. Summary by age: number of cells, mean grades completed, share enrolled.",
      "",
    );
    out.push(...initialSchoolingTable(preset), "");
  });
  return `${out.join("\n").trimEnd()}\n`;
}
