import { LOC_FIELDS, LocField, RATE_SCALE } from "../../outcomes/layout.js";
import { Purpose } from "../../random/streams.js";
import { monthPhase } from "../phase.js";

/** The AR(1) update of every locality's covariate income shock ℓ (docs/model.md, E1). */
export const localityShocks = monthPhase({
  name: "localityShocks",
  equations: "E1",
  reads: {},
  writes: { state: ["localityShock"] },
  run({ run, month, state: st }) {
    const rho = run.p.localityPersistence;
    const scale = run.p.localityShockSd * Math.sqrt(1 - rho * rho);
    const shocks = st.localityShock;
    for (let l = 0; l < shocks.length; l++) {
      shocks[l] = rho * (shocks[l] as number) + scale * run.rng.normalAt(run.rng.stream(Purpose.localityShock, l, month.t), 0);
    }
  },
});

/** This month's food price level of each locality of the run into the locality series (I3). */
export const priceSeries = monthPhase({
  name: "priceSeries",
  equations: "I3 (outcome)",
  reads: { state: ["priceLevel"] },
  writes: {},
  when: "local prices on",
  active: (run, month) => run.flags.prices && month.loc.length > 0,
  run({ run, month, state: st }) {
    const prices = st.priceLevel;
    const loc = month.loc;
    for (let l = 0; l < prices.length; l++)
      if (run.ownedLocality[l] === 1) loc[LOC_FIELDS * l + LocField.priceLevel] = Math.round((prices[l] as number) * RATE_SCALE);
  },
});
