/**
 * The floor under the engine's speed (docs/performance.md, "Why not 10 million"): a loop that
 * does only the random draws a Mexico/Progresa person-month needs on average — with the
 * engine's own counter-based streams — and nothing of the model around them: per person-month
 * 1.4 stream handles, 4.4 uniform draws (0.4 of them through the normal quantile) and 0.4
 * `Math.log`, each decision a comparison with a constant instead of a logit, one byte written
 * per person. The engine, counted on mexico-rural-1997 + Progresa (5,000 households × 36
 * months), makes 1.42 stream handles, 4.58 uniform draws (0.37 normal), 0.44 `Math.log` and
 * 0.21 `Math.exp` per person-month, plus about 2.5 logit evaluations. No engine can
 * draw the same numbers faster than this loop in this runtime, so its rate bounds the engine's.
 *
 * Run: npm run bench:floor                  # 1,000,000 persons × 12 months, best of 3
 */
import { bundleBansos, loadCore } from "./bundle.js";

const bundle = await bundleBansos();
const { RandomStreams, inverseNormalCdf } = await loadCore(bundle.dir);
bundle.dispose();

const HOUSEHOLDS = 200_000;
const MEMBERS = 5;
const MONTHS = 12;
const N = HOUSEHOLDS * MEMBERS;
const rng = new RandomStreams("floor");
const out = new Uint8Array(N);
const haz = new Float32Array(N);

/** One pass: person-months per second. */
function pass(): number {
  let logs = 0;
  const t0 = performance.now();
  for (let t = 0; t < MONTHS; t++) {
    for (let h = 0; h < HOUSEHOLDS; h++) {
      // 7 stream handles per household of 5: 1.4 per person-month (the engine: 1.42).
      const s0 = rng.stream(10, h, t),
        s1 = rng.stream(9, h, t),
        s2 = rng.stream(13, h, t),
        s3 = rng.stream(7, h, t),
        s4 = rng.stream(11, h, t);
      const s5 = rng.stream(20, h, 0),
        s6 = rng.stream(3, h, t);
      // 2 logarithms per household (welfare ratios): 0.4 per person-month.
      logs += Math.log(1 + (s6 & 1023)) + Math.log(1 + (s0 & 1023));
      let k = 0;
      for (let m = 0; m < MEMBERS; m++) {
        const i = h * MEMBERS + m;
        // 22 uniforms per household (4.4 per person-month), 2 of them through the normal quantile:
        // illness, clinic visit and survival for everyone, employment for 3, attendance for 2, growth for 2.
        let bits = 0;
        if (rng.uniformAt(s0, m) < 0.1) bits |= 1;
        if (rng.uniformAt(s1, m) < 0.3) bits |= 2;
        if (rng.uniformAt(s2, m) < 0.001) k++;
        if (m >= 2 && rng.uniformAt(s5, m) < 0.6) bits |= 8;
        if (m < 2 && rng.uniformAt(s3, m) < 0.9) bits |= 16;
        if (m < 2) haz[i] = (haz[i] as number) + 0.1 * inverseNormalCdf(rng.uniformAt(s4, m));
        out[i] = bits;
      }
      if (k > 5) out[0] = 0; // keep k alive
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(logs)) throw new Error("unreachable");
  return (N * MONTHS) / seconds;
}

pass(); // compile
const best = Math.max(pass(), pass(), pass());
console.log(
  JSON.stringify({
    benchmark: "draw-floor",
    persons: N,
    months: MONTHS,
    personMonthsPerSecond: Math.round(best),
    nsPerPersonMonth: Number((1e9 / best).toFixed(1)),
  }),
);
