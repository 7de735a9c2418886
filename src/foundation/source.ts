/**
 * Where a parameter value comes from. Every preset parameter carries one, so a
 * reader can tell a sourced figure from a modelling assumption (docs/model.md).
 */
export type Source =
  /** A figure from the project's evidence file (keys listed under "Sources" in docs/model.md), by source key. */
  | {
      /** Discriminant. */
      readonly kind: "evidence";
      /** Source key in the evidence file, e.g. "S13". */
      readonly ref: string;
      /** Detail (optional): what the figure is, where in the source, how it was used. */
      readonly note?: string;
    }
  /** A published figure that is not in the evidence file, with its full citation. */
  | {
      /** Discriminant. */
      readonly kind: "literature";
      /** Full citation. */
      readonly ref: string;
      /** Detail (optional): what the figure is, where in the source, how it was used. */
      readonly note?: string;
    }
  /** Computed from a data file shipped under data/. */
  | {
      /** Discriminant. */
      readonly kind: "data";
      /** Data file under data/ (and which rows or columns). */
      readonly ref: string;
      /** Detail (optional): what the figure is, where in the source, how it was used. */
      readonly note?: string;
    }
  /** Fitted so that the model reproduces baseline (pre-programme) moments. */
  | {
      /** Discriminant. */
      readonly kind: "calibrated";
      /** Source of the target moments (an evidence key or a data file). */
      readonly ref: string;
      /** Detail (optional): what the figure is, where in the source, how it was used. */
      readonly note?: string;
    }
  /** A modelling assumption: no source; change it and see. */
  | {
      /** Discriminant. */
      readonly kind: "assumption";
      /** The reasoning behind the assumption. */
      readonly note: string;
    };

/** A source tag for every key of a parameter object. */
export type SourceMap<T> = { readonly [K in keyof T]-?: Source };

/** Shorthand constructors for source tags. */
export const source = {
  /** Figure from the evidence file (source key such as "S13"). */
  evidence: (ref: string, note?: string): Source => ({ kind: "evidence", ref, ...(note ? { note } : {}) }),
  /** Published figure outside the evidence file (full citation as ref). */
  literature: (ref: string, note?: string): Source => ({ kind: "literature", ref, ...(note ? { note } : {}) }),
  /** Computed from a shipped data file. */
  data: (ref: string, note?: string): Source => ({ kind: "data", ref, ...(note ? { note } : {}) }),
  /** Fitted to baseline moments. */
  calibrated: (ref: string, note?: string): Source => ({ kind: "calibrated", ref, ...(note ? { note } : {}) }),
  /** Modelling assumption, with the reasoning. */
  assumption: (note: string): Source => ({ kind: "assumption", note }),
} as const;
