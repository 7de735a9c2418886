import { schoolEntryAge } from "../behaviour/schooling.js";
import type { Population } from "../population/population.js";
import type { HouseholdView } from "../rules/types.js";
import type { SimulationState } from "./state.js";

/**
 * The engine's cursor implementing {@link HouseholdView}: it reads the state
 * arrays in place; `moveTo` repositions it (no copy, no allocation). Every
 * accessor but `alive` refuses a member that is not one of the household's slots
 * (a RangeError, which the engine reports as the rule's error): slots of the
 * next household are never read.
 */
export class StateHouseholdView implements HouseholdView {
  index = 0;
  locality = 0;
  slots = 0;
  size = 0;
  incomeLcuPerMonth = 0;
  meansTestScore = 0;
  private base = 0;
  private month = 0;

  constructor(
    private readonly population: Population,
    private readonly state: SimulationState,
  ) {}

  /** Point the view at household `h` in month `t`. */
  moveTo(h: number, t: number, livingMembers: number): void {
    const hh = this.population.households;
    this.index = h;
    this.locality = hh.locality[h] as number;
    this.base = hh.firstSlot[h] as number;
    this.slots = this.state.used[h] as number;
    this.size = livingMembers;
    this.incomeLcuPerMonth = hh.incomeLcuPerMonth[h] as number;
    this.meansTestScore = hh.meansTestScore[h] as number;
    this.month = t;
  }

  alive(m: number): boolean {
    return m >= 0 && m < this.slots && this.state.alive[this.base + m] === 1;
  }
  ageMonths(m: number): number {
    return this.month - (this.state.birthMonth[this.slot(m)] as number);
  }
  age(m: number): number {
    return Math.floor(this.ageMonths(m) / 12);
  }
  isMale(m: number): boolean {
    return this.state.male[this.slot(m)] === 1;
  }
  enrolled(m: number): boolean {
    return this.state.enrolled[this.slot(m)] === 1;
  }
  schoolGrade(m: number): number {
    const i = this.slot(m);
    const done = this.state.gradesCompleted[i] as number;
    if (done >= 12) return 0;
    if (this.state.enrolled[i] === 1) return done + 1;
    // Out of school: the grade a child of school age would enter (school age as at enrolment).
    const ageMonths = this.month - (this.state.birthMonth[i] as number);
    return schoolEntryAge(ageMonths) >= 6 && Math.floor(ageMonths / 12) <= this.population.parameters.lastSchoolAge ? done + 1 : 0;
  }
  repeats(m: number): number {
    return this.state.repeats[this.slot(m)] as number;
  }
  pregnant(m: number): boolean {
    return (this.state.pregnancy[this.slot(m)] as number) >= 0;
  }
  disabled(m: number): boolean {
    return this.state.disabled[this.slot(m)] === 1;
  }
  trainingHours(m: number): number {
    return this.state.trainingHours[this.slot(m)] ?? 0; // empty when the rule asks no adult activities
  }

  /** The person index of member `m`, which must be one of the household's slots. */
  private slot(m: number): number {
    if ((m | 0) !== m || m < 0 || m >= this.slots) throw new RangeError(outsideHousehold(m, this.index, this.slots));
    return this.base + m;
  }
}

/** The message of a member index that is not a slot (a function: the string is built only when thrown). */
function outsideHousehold(m: number, household: number, slots: number): string {
  return `member ${String(m)} is not a slot of household ${household} (slots 0…${slots - 1}; see HouseholdView.slots)`;
}
