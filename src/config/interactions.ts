import { z } from "zod";

/**
 * How households interact inside their locality (docs/model.md, "Interactions").
 * Every interaction is off by default; with all of them off a run is exactly the
 * plain engine's. The suggested values in the comments are the documented
 * defaults of docs/model.md when a user switches a channel on.
 */
export const interactionsSchema = z.strictObject({
  /**
   * The locality network of household ties (built only when an interaction needs it):
   * each household is tied to about `degree` others of its locality — its neighbours on a
   * ring, a share `rewiring` of ties redrawn at random within the locality (a small-world
   * network: high clustering, short paths), and a share `kinShare` of ties marked kin.
   */
  network: z
    .strictObject({
      /** Mean ties per household (even; fewer in localities too small for it). */
      degree: z.int().min(2).max(40).default(6),
      /** Share of ties redrawn at random within the locality, 0..1. */
      rewiring: z.number().min(0).max(1).default(0.25),
      /** Share of ties that are kin, 0..1. */
      kinShare: z.number().min(0).max(1).default(0.3),
    })
    .prefault({}),
  /**
   * Peer effects in schooling: a child's utility of enrolling and of attending rises by
   * `strength` × (last month's enrolment share of same-age-band children in the locality −
   * that share at the start). 0 = off; about 2.5 matches the Progresa peer-effect estimates
   * (docs/model.md, I1).
   */
  peerEffects: z
    .strictObject({
      /** Utility per unit of enrolment-share change, logit scale (0 = off; about 2.5 matches Progresa's peer effects). */
      strength: z.number().finite().min(0).max(20).default(0),
    })
    .prefault({}),
  /**
   * Informal risk sharing: each month a household passes `shareOfSurplus` of its income above
   * normal (earnings and transfers above its permanent earnings) to its ties, kin weighted
   * `kinWeight` times as much; `loanShare` of it is a loan, which the receiver repays at
   * `repaymentRate` of the outstanding debt a month. 0 = off (docs/model.md, I2).
   */
  riskSharing: z
    .strictObject({
      /** Share of income above normal passed to ties each month, 0..1 (0 = off). */
      shareOfSurplus: z.number().min(0).max(1).default(0),
      /** Share of what is passed on that is a loan (the rest a gift), 0..1. */
      loanShare: z.number().min(0).max(1).default(0.5),
      /** Share of the outstanding debt repaid each month, 0..1. */
      repaymentRate: z.number().min(0).max(1).default(0.1),
      /** Weight of a kin tie relative to a non-kin tie (times). */
      kinWeight: z.number().finite().min(0).max(100).default(2),
    })
    .prefault({}),
  /**
   * Local food prices: the locality's price level is 1 + `elasticity` × remoteness ×
   * (last month's transfers into the locality ÷ its earnings), so remote localities respond
   * more; real consumption divides the food share by it. 0 = off (docs/model.md, I3).
   */
  localPrices: z
    .strictObject({
      /** Price response to transfers relative to earnings, per unit of remoteness (0 = off). */
      elasticity: z.number().finite().min(0).max(10).default(0),
      /** Share of consumption spent on food, 0..1. */
      foodShare: z.number().min(0).max(1).default(0.6),
    })
    .prefault({}),
  /**
   * Knowledge spreads along ties: each month a household closes `knowledgeDiffusion` of the
   * gap between its ties' mean health and nutrition knowledge (last month) and its own. 0 = off.
   */
  knowledgeDiffusion: z.number().min(0).max(1).default(0),
  /**
   * Social capital: tie strengths start at `initialStrength`; a tie whose two households both
   * attended community meetings last month gains `gainPerJointMeeting` of the gap to 1, and every
   * tie loses `decayPerMonth` of its strength a month. Stronger ties carry more risk sharing.
   * 0 gain and decay = off (docs/model.md, I4).
   */
  socialCapital: z
    .strictObject({
      /** Strength of every tie at the start, 0..1. */
      initialStrength: z.number().min(0).max(1).default(0.5),
      /** Share of the gap to 1 a tie gains in a month both households attended meetings, 0..1. */
      gainPerJointMeeting: z.number().min(0).max(1).default(0),
      /** Share of its strength a tie loses each month, 0..1. */
      decayPerMonth: z.number().min(0).max(1).default(0),
    })
    .prefault({}),
});

/** Interactions as resolved. */
export type Interactions = z.infer<typeof interactionsSchema>;

/** Interactions as a scenario gives them (every field optional). */
export type InteractionsInput = z.input<typeof interactionsSchema>;

/** Which channels are on. */
export interface InteractionFlags {
  /** Peer effects in schooling. */
  readonly peers: boolean;
  /** Informal risk sharing. */
  readonly riskSharing: boolean;
  /** Local food prices. */
  readonly prices: boolean;
  /** Knowledge diffusion along ties. */
  readonly diffusion: boolean;
  /** Social capital (tie strengths change). */
  readonly socialCapital: boolean;
  /** Any channel that needs the network. */
  readonly network: boolean;
  /** Any channel at all: shards must then hold whole localities. */
  readonly any: boolean;
}

/** Which interaction channels a resolved configuration switches on. */
export function interactionFlags(i: Interactions): InteractionFlags {
  const peers = i.peerEffects.strength > 0;
  const riskSharing = i.riskSharing.shareOfSurplus > 0;
  const prices = i.localPrices.elasticity > 0;
  const diffusion = i.knowledgeDiffusion > 0;
  const socialCapital = i.socialCapital.gainPerJointMeeting > 0 || i.socialCapital.decayPerMonth > 0;
  const network = riskSharing || diffusion || socialCapital;
  return { peers, riskSharing, prices, diffusion, socialCapital, network, any: peers || prices || network };
}
