import { describe, expect, it } from "vitest";
import { compare } from "../src/index.js";
import { compareInWorkers } from "../src/node/index.js";
import { scenarios } from "./fixtures/designs.js";

describe("compareInWorkers (bansos/node)", () => {
  const params = { households: 600 };
  const options = { replications: 3, seed: "workers" };
  const module = new URL("./fixtures/designs.ts", import.meta.url);

  it("gives exactly the result of compare() with 1, 2 and 4 workers", async () => {
    const direct = compare(scenarios(params), { ...options, replications: 4 });
    const one = await compareInWorkers({ module, params }, { ...options, replications: 4, workers: 1 });
    const two = await compareInWorkers({ module, params }, { ...options, replications: 4, workers: 2 });
    const four = await compareInWorkers({ module, params }, { ...options, replications: 4, workers: 4 });
    expect(one.values).toEqual(direct.values);
    expect(two.values).toEqual(direct.values);
    expect(four.values).toEqual(direct.values);
    expect(two.outcomes).toEqual(direct.outcomes);
    expect(two.scenarios).toEqual(["none", "cct", "uct"]);
  });

  it("reports progress for every simulation", async () => {
    const seen: [number, number][] = [];
    await compareInWorkers({ module, params }, { ...options, workers: 2, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBe(9);
    expect(seen.at(-1)).toEqual([9, 9]);
  });

  it("rejects a module without the named export", async () => {
    await expect(compareInWorkers({ module, params, exportName: "nothing" }, { ...options, workers: 1 })).rejects.toThrow(/nothing/);
  });
});
