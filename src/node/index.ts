/**
 * Node-only parts of bansos (worker threads, files). The main entry stays free
 * of `node:` imports so it runs in browsers and Deno.
 * @packageDocumentation
 * @module bansos/node
 */
export { compareInWorkers } from "./compareInWorkers.js";
export type { ScenarioModule, WorkerCompareOptions } from "./compareInWorkers.js";
export { sweepInWorkers, sweepInWorkers as sweep } from "./sweepInWorkers.js";
export type { WorkerSweepOptions } from "./sweepInWorkers.js";
export { loadProgresaPanel, PROGRESA_PANEL_URL } from "./progresaData.js";
export { writeFileAtomic, writeResult } from "./files.js";
export type { ResultFormat, WriteResultOptions } from "./files.js";
export { OutputDirectoryError, writeOutputSet } from "./outputSet.js";
export type { FileData, OutputFile } from "./outputSet.js";
export { renderSvg, writeSvg } from "./renderSvg.js";
export { simulateInWorkers } from "./simulateInWorkers.js";
export { DEFAULT_RULE_DEADLINE_MS } from "./ruleDeadline.js";
export type { ScenarioSource, SimulateInWorkersOptions, WorkerRunTimings } from "./simulateInWorkers.js";
