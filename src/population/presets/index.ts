import type { Preset } from "../preset.js";
import { indonesia2020 } from "./indonesia2020.js";
import { mexicoRural1997 } from "./mexicoRural1997.js";

/** Built-in presets by name. */
export const presets = {
  /** Poor rural Mexican localities like Progresa's evaluation sample, 1997 (pesos). */
  "mexico-rural-1997": mexicoRural1997,
  /** A PKH-like poor Indonesian population, 2020 (rupiah). */
  "indonesia-2020": indonesia2020,
} as const satisfies Record<string, Preset>;

/** Name of a built-in preset. */
export type PresetName = keyof typeof presets;

/** Names of the built-in presets, for validation and help texts. */
export const PRESET_NAMES = Object.keys(presets) as [PresetName, ...PresetName[]];
