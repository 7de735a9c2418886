import type { OfferWriter } from "../rules/offerWriter.js";
import type { Condition, Offer } from "../rules/types.js";

/**
 * Condition kinds as the engine stores them (small integers in a typed array; rule code never
 * sees them). `unknown` marks a code rule's condition whose `kind` is none of the four
 * (TypeScript forbids it, JavaScript does not): validation refuses it.
 */
export const ConditionKind = {
  schoolAttendance: 0,
  healthVisits: 1,
  training: 2,
  meeting: 3,
  unknown: 4,
} as const;

/**
 * One household's offers of this month as parallel arrays: the engine's form of
 * `Offer[]`. Rules made with `defineRule` write into it directly through the
 * {@link OfferWriter} methods; offers returned as objects are copied in with
 * {@link OfferBuffer.push}. Reused household after household; it grows (rarely)
 * but never shrinks, so the monthly loop allocates nothing. Values are stored as
 * written, unchecked: `validateOffer` checks them.
 */
export class OfferBuffer implements OfferWriter {
  /** Offers written. */
  count = 0;
  /** Conditions written (all offers). */
  conditionCount = 0;
  /** Per offer: amount, local currency per month. */
  amount = new Float64Array(16);
  /** Per offer: the member it is for (when `hasMember`), as written (validation checks it is a slot). */
  offerMember = new Float64Array(16);
  /** Per offer: 1 when a member was named. */
  hasMember = new Uint8Array(16);
  /** Per offer: index of its first condition. */
  firstCondition = new Int32Array(16);
  /** Per offer: one past its last condition. */
  endCondition = new Int32Array(16);
  /** Per offer: component name. */
  readonly component: string[] = [];
  /** Per offer: label, or undefined. */
  readonly label: (string | undefined)[] = [];
  /** Per offer: the object it was copied from (offers returned by `offers()`), for error messages; undefined when written. */
  readonly source: (Offer | undefined)[] = [];
  /** Per condition: a {@link ConditionKind}. */
  kind = new Uint8Array(32);
  /** Per condition: member slot, as written. */
  member = new Float64Array(32);
  /** Per condition: minRate, withinMonths or hours (0 for meetings). */
  value = new Float64Array(32);
  /** Per condition: the kind as written, when it is {@link ConditionKind.unknown} (for error messages). */
  readonly unknownKind: unknown[] = [];

  /** Empty the buffer for the next household. */
  clear(): void {
    this.count = 0;
    this.conditionCount = 0;
  }

  offer(component: string, lcuPerMonth: number): this {
    const k = this.count;
    if (k === this.amount.length) this.growOffers();
    this.amount[k] = lcuPerMonth;
    this.hasMember[k] = 0;
    this.firstCondition[k] = this.conditionCount;
    this.endCondition[k] = this.conditionCount;
    this.component[k] = component;
    this.label[k] = undefined;
    this.source[k] = undefined;
    this.count = k + 1;
    return this;
  }

  forMember(member: number): this {
    const k = this.last();
    this.offerMember[k] = member;
    this.hasMember[k] = 1;
    return this;
  }

  labelled(label: string): this {
    this.label[this.last()] = label;
    return this;
  }

  requireSchoolAttendance(member: number, minRate: number): this {
    return this.condition(ConditionKind.schoolAttendance, member, minRate);
  }

  requireHealthVisits(member: number, withinMonths: number): this {
    return this.condition(ConditionKind.healthVisits, member, withinMonths);
  }

  requireTraining(member: number, hours: number): this {
    return this.condition(ConditionKind.training, member, hours);
  }

  requireMeeting(member: number): this {
    return this.condition(ConditionKind.meeting, member, 0);
  }

  /** Copy one offer object in (a rule's `offers()`); whatever it holds, validation decides. */
  push(o: Offer): void {
    const amount = o?.lcuPerMonth;
    this.offer(String(o?.component), typeof amount === "number" ? amount : Number.NaN);
    this.source[this.count - 1] = o;
    if (o?.member !== undefined) this.forMember(typeof o.member === "number" ? o.member : Number.NaN);
    if (o?.label !== undefined) this.labelled(o.label);
    const conds = o?.conditions;
    if (!Array.isArray(conds)) return;
    for (let j = 0; j < conds.length; j++) {
      const c = conds[j] as Condition | undefined;
      const member = typeof c?.member === "number" ? c.member : Number.NaN;
      const number = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
      if (c?.kind === "schoolAttendance") this.requireSchoolAttendance(member, number(c.minRate));
      else if (c?.kind === "healthVisits") this.requireHealthVisits(member, number(c.withinMonths));
      else if (c?.kind === "training") this.requireTraining(member, number(c.hours));
      else if (c?.kind === "meeting") this.requireMeeting(member);
      else {
        this.condition(ConditionKind.unknown, member, 0);
        this.unknownKind[this.conditionCount - 1] = (c as { kind?: unknown } | undefined)?.kind;
      }
    }
  }

  /** Remove offer `k` and its conditions, keeping the order of the rest. */
  remove(k: number): void {
    const a = this.firstCondition[k] as number;
    const z = this.endCondition[k] as number;
    const gone = z - a;
    this.kind.copyWithin(a, z, this.conditionCount);
    this.member.copyWithin(a, z, this.conditionCount);
    this.value.copyWithin(a, z, this.conditionCount);
    for (let j = a; j + gone < this.conditionCount; j++) this.unknownKind[j] = this.unknownKind[j + gone];
    this.conditionCount -= gone;
    for (let q = k + 1; q < this.count; q++) {
      this.amount[q - 1] = this.amount[q] as number;
      this.offerMember[q - 1] = this.offerMember[q] as number;
      this.hasMember[q - 1] = this.hasMember[q] as number;
      this.firstCondition[q - 1] = (this.firstCondition[q] as number) - gone;
      this.endCondition[q - 1] = (this.endCondition[q] as number) - gone;
      this.component[q - 1] = this.component[q] as string;
      this.label[q - 1] = this.label[q];
      this.source[q - 1] = this.source[q];
    }
    this.count--;
  }

  /** Attach a condition to the offer begun last. */
  private condition(kind: number, member: number, value: number): this {
    const k = this.last();
    const j = this.conditionCount;
    if (j === this.kind.length) this.growConditions();
    this.kind[j] = kind;
    this.member[j] = member;
    this.value[j] = value;
    this.conditionCount = j + 1;
    this.endCondition[k] = j + 1;
    return this;
  }

  /** The offer begun last. */
  private last(): number {
    if (this.count === 0) throw new Error("OfferWriter: a condition, member or label before any offer(): begin an offer first");
    return this.count - 1;
  }

  private growOffers(): void {
    const n = 2 * this.amount.length;
    this.amount = grow(this.amount, new Float64Array(n));
    this.offerMember = grow(this.offerMember, new Float64Array(n));
    this.hasMember = grow(this.hasMember, new Uint8Array(n));
    this.firstCondition = grow(this.firstCondition, new Int32Array(n));
    this.endCondition = grow(this.endCondition, new Int32Array(n));
  }

  private growConditions(): void {
    const n = 2 * this.kind.length;
    this.kind = grow(this.kind, new Uint8Array(n));
    this.member = grow(this.member, new Float64Array(n));
    this.value = grow(this.value, new Float64Array(n));
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
