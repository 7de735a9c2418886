import { completeAllSegment } from "../../outcomes/layout.js";
import { monthPhase } from "../phase.js";

/** Segment "all" of the month's accumulator: the sum of the poor and non-poor segments. */
export const completeSegments = monthPhase({
  name: "completeSegments",
  equations: "outcomes",
  reads: {},
  writes: {},
  run({ month }) {
    completeAllSegment(month.out);
  },
});

/**
 * Each locality's food price level for next month (docs/model.md, I3): 1 + ε · remoteness ·
 * (transfers paid into it ÷ its adult earnings) this month — cash injected relative to local
 * supply, remote localities responding more. The sums restart.
 */
export const foodPrices = monthPhase({
  name: "foodPrices",
  equations: "I3",
  reads: {},
  writes: { state: ["priceLevel", "localityMoney"] },
  when: "local prices on",
  active: (run) => run.flags.prices,
  run({ run, state: st }) {
    const { priceLevel, localityMoney } = st;
    const e = run.interactions.localPrices.elasticity;
    const remoteness = run.population.localities.remoteness;
    for (let l = 0; l < priceLevel.length; l++) {
      const earnings = localityMoney[2 * l + 1] as number;
      priceLevel[l] = earnings > 0 ? 1 + (e * (remoteness[l] as number) * (localityMoney[2 * l] as number)) / earnings : 1;
      localityMoney[2 * l] = 0;
      localityMoney[2 * l + 1] = 0;
    }
  },
});

/** The month's knowledge, which next month's diffusion reads from the ties (I5). */
export const knowledgeSnapshot = monthPhase({
  name: "knowledgeSnapshot",
  equations: "I5",
  reads: { state: ["knowledge"] },
  writes: { state: ["knowledgePrev"] },
  when: "knowledge diffusion on",
  active: (run) => run.flags.diffusion,
  run({ state: st }) {
    st.knowledgePrev.set(st.knowledge);
  },
});
