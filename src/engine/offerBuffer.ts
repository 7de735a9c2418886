import { ConditionCode } from "../rules/offerWriter.js";
import type { OfferWriter } from "../rules/offerWriter.js";
import type { Condition, Offer } from "../rules/types.js";

/**
 * Kind code of a code rule's condition whose `kind` is none of the four (TypeScript forbids it,
 * JavaScript does not): assess gives it no stake and settle verifies it as a meeting, as the
 * engine did with such objects before the buffer existed.
 */
export const UNKNOWN_CONDITION = 4;

/**
 * One household's offers of this month as parallel arrays: the engine's form
 * of `Offer[]`. Rules with a writer fill it directly; offers returned as
 * objects are copied in. Reused household after household; it grows (rarely)
 * but never shrinks, so the monthly loop allocates nothing.
 */
export class OfferBuffer implements OfferWriter {
  /** Offers written. */
  count = 0;
  /** Conditions written (all offers). */
  conditionCount = 0;
  /** Per offer: amount, local currency per month. */
  amount = new Float64Array(16);
  /** Per offer: index of its first condition. */
  firstCondition = new Int32Array(16);
  /** Per offer: one past its last condition. */
  endCondition = new Int32Array(16);
  /** Per offer: component name (for errors). */
  readonly component: string[] = [];
  /** Per offer: label, or undefined. */
  readonly label: (string | undefined)[] = [];
  /** Per condition: a {@link ConditionCode}. */
  kind = new Uint8Array(32);
  /** Per condition: member slot. */
  member = new Int32Array(32);
  /** Per condition: minRate, withinMonths or hours (0 for meetings). */
  value = new Float64Array(32);

  /** Empty the buffer for the next household. */
  clear(): void {
    this.count = 0;
    this.conditionCount = 0;
  }

  offer(component: string, lcuPerMonth: number, _member: number, label: string | undefined): void {
    const k = this.count;
    if (k === this.amount.length) this.growOffers();
    this.amount[k] = lcuPerMonth;
    this.firstCondition[k] = this.conditionCount;
    this.endCondition[k] = this.conditionCount;
    this.component[k] = component;
    this.label[k] = label;
    this.count = k + 1;
  }

  condition(kind: number, member: number, value: number): void {
    const j = this.conditionCount;
    if (j === this.kind.length) this.growConditions();
    this.kind[j] = kind;
    this.member[j] = member;
    this.value[j] = value;
    this.conditionCount = j + 1;
    this.endCondition[this.count - 1] = j + 1;
  }

  /** Copy one offer object in (rules without a writer); the offer must have passed validation. */
  push(o: Offer): void {
    this.offer(o.component, o.lcuPerMonth, o.member ?? -1, o.label);
    const conds = o.conditions;
    if (!conds) return;
    for (let j = 0; j < conds.length; j++) {
      const c = conds[j] as Condition;
      if (c.kind === "schoolAttendance") this.condition(ConditionCode.schoolAttendance, c.member, c.minRate);
      else if (c.kind === "healthVisits") this.condition(ConditionCode.healthVisits, c.member, c.withinMonths);
      else if (c.kind === "training") this.condition(ConditionCode.training, c.member, c.hours);
      else if (c.kind === "meeting") this.condition(ConditionCode.meeting, c.member, 0);
      else this.condition(UNKNOWN_CONDITION, (c as { member: number }).member, 0);
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
    this.conditionCount -= gone;
    for (let q = k + 1; q < this.count; q++) {
      this.amount[q - 1] = this.amount[q] as number;
      this.firstCondition[q - 1] = (this.firstCondition[q] as number) - gone;
      this.endCondition[q - 1] = (this.endCondition[q] as number) - gone;
      this.component[q - 1] = this.component[q] as string;
      this.label[q - 1] = this.label[q];
    }
    this.count--;
  }

  private growOffers(): void {
    const n = 2 * this.amount.length;
    this.amount = grow(this.amount, new Float64Array(n));
    this.firstCondition = grow(this.firstCondition, new Int32Array(n));
    this.endCondition = grow(this.endCondition, new Int32Array(n));
  }

  private growConditions(): void {
    const n = 2 * this.kind.length;
    this.kind = grow(this.kind, new Uint8Array(n));
    this.member = grow(this.member, new Int32Array(n));
    this.value = grow(this.value, new Float64Array(n));
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
