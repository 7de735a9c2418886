import { CapacityError } from "../foundation/capacityError.js";
import { Purpose, RandomStreams } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { estimatePopulationBytes } from "./capacity.js";
import { ADULT_WORK_AGE, ELDERLY_WORK_AGE, LabourDraw, logWage, nonAgriculturalProbability } from "./earnings.js";
import type { BehaviourParameters } from "../behaviour/parameters.js";
import { countWithMeanSd, poisson } from "./distributions.js";
import { leastSquares } from "./leastSquares.js";
import type { PopulationParameters } from "./parameters.js";
import { Role } from "./population.js";
import type { DependencyHours, Population } from "./population.js";
import { presets } from "./presets/index.js";
import type { PresetName } from "./presets/index.js";

/** What {@link createPopulation} reads of a resolved scenario (a `ResolvedScenario` is one). */
export interface PopulationScenario {
  /** The scenario seed: every draw of the population comes from it. */
  readonly seed: Seed;
  /** The resolved population settings. */
  readonly population: {
    /** Preset name. */
    readonly preset: PresetName;
    /** Households. */
    readonly households: number;
    /** Localities (households are split evenly among them). */
    readonly localities: number;
    /** Spare person slots per household for births. */
    readonly spareSlotsPerHousehold: number;
    /** The preset's parameters with the scenario's overrides. */
    readonly parameters: PopulationParameters;
  };
  /** The behaviour parameters the start's earnings need: who works (`adultEmploymentRate`). */
  readonly behaviour: Pick<BehaviourParameters, "adultEmploymentRate">;
  /** Resource limits. */
  readonly limits: {
    /** Memory limit, bytes. */
    readonly memoryBytes: number;
  };
}

/** Age from which adults' schooling at the start follows the head's rather than today's 17-year-olds'. */
const YOUNG_ADULT_AGE = 30;

/** The cell [grades, share, enrolled share] of an initial-schooling age row that the uniform `u` falls in. */
function drawCell(cells: readonly (readonly [number, number, number])[], u: number): readonly [number, number, number] | undefined {
  let left = u;
  for (const cell of cells) {
    if (left < cell[1]) return cell;
    left -= cell[1];
  }
  return cells[cells.length - 1];
}

/** Largest household the generator builds at the start (slots are Uint8). */
const MAX_INITIAL_MEMBERS = 16;
/** Share of boys at birth (about 105 boys per 100 girls). */
const MALE_SHARE_AT_BIRTH = 0.512;

/**
 * Build the synthetic population of a scenario: households in localities with
 * members, incomes, distances and means-test proxies, as struct-of-typed-arrays.
 * Every draw comes from the scenario seed through keyed streams, so the same
 * scenario gives the same population on any machine, and household h does not
 * depend on how many other households there are in its locality's range.
 *
 * @param scenario a resolved scenario (see `parseScenario`); only `seed`, `population` and `limits` matter
 * @throws {CapacityError} when the population alone would not fit in `limits.memoryBytes` (a run on it
 * is checked again, with its state, when it starts)
 * @throws {TypeError} when given a scenario that was not resolved by `parseScenario`
 * @example
 * const pop = createPopulation(parseScenario({ seed: 7, population: { preset: "mexico-rural-1997", households: 1000 } }));
 * pop.personCount; // about 6,000 members
 */
export function createPopulation(scenario: PopulationScenario): Population {
  const s = scenario;
  if (typeof s?.population?.parameters !== "object" || typeof s.population.localities !== "number") {
    throw new TypeError("createPopulation takes a resolved scenario: call createPopulation(parseScenario(input))");
  }
  // Refuse up front what would not fit, before allocating anything.
  const bytes = estimatePopulationBytes(s.population);
  if (bytes > s.limits.memoryBytes) throw new CapacityError(bytes, s.limits.memoryBytes, s.population.households);
  const { households: H, localities: L, spareSlotsPerHousehold: spare, parameters: p } = s.population;
  const preset = presets[s.population.preset];
  const rng = new RandomStreams(s.seed);

  // ---- localities
  const firstHousehold = new Int32Array(L + 1);
  const remoteness = new Float32Array(L);
  const incomeLogEffect = new Float32Array(L);
  const locPrimary = new Float32Array(L);
  const locLower = new Float32Array(L);
  const locUpper = new Float32Array(L);
  const locClinic = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    firstHousehold[l] = Math.floor((l * H) / L);
    const st = rng.stream(Purpose.populationLocality, l, 0);
    const remote = rng.uniformAt(st, 0);
    remoteness[l] = remote;
    incomeLogEffect[l] = p.localityIncomeLogSd * rng.normalAt(st, 1) - 0.1 * (remote - 0.5);
    // Distances scale with remoteness (0.5× near town … 1.5× remote) and a lognormal locality factor.
    const scale = 0.5 + remote;
    locPrimary[l] = p.primarySchoolKm * scale * Math.exp(0.5 * rng.normalAt(st, 2) - 0.125);
    locLower[l] = p.lowerSecondaryKm * scale * Math.exp(0.5 * rng.normalAt(st, 3) - 0.125);
    locUpper[l] = p.upperSecondaryKm * scale * Math.exp(0.4 * rng.normalAt(st, 4) - 0.08);
    locClinic[l] = p.clinicKm * scale * Math.exp(0.5 * rng.normalAt(st, 5) - 0.125);
  }
  firstHousehold[L] = H;

  // ---- households: first pass draws composition to size the person arrays. The compositions
  // are not kept: the second pass draws them again (the same draws), because millions of small
  // objects held at once cost far more in garbage collection than drawing twice.
  const hhLocality = new Int32Array(H);
  const initialSize = new Uint8Array(H);
  const childrenUnder15 = new Uint8Array(H);
  for (let l = 0; l < L; l++) {
    for (let h = firstHousehold[l] as number; h < (firstHousehold[l + 1] as number); h++) hhLocality[h] = l;
  }
  let slotCount = 0;
  for (let h = 0; h < H; h++) {
    const c = drawComposition(rng, h, p);
    initialSize[h] = c.ages.length;
    slotCount += c.ages.length + spare;
  }

  const firstSlot = new Int32Array(H);
  const capacity = new Uint8Array(H);
  const incomeLcuPerMonth = new Float64Array(H);
  const headSchooling = new Uint8Array(H);
  const indigenous = new Uint8Array(H);
  const dirtFloor = new Uint8Array(H);
  const assets = new Uint8Array(H);
  const meansTestScore = new Float64Array(H);
  const primarySchoolKm = new Float32Array(H);
  const lowerSecondaryKm = new Float32Array(H);
  const upperSecondaryKm = new Float32Array(H);
  const clinicKm = new Float32Array(H);

  const birthMonth = new Int32Array(slotCount);
  const male = new Uint8Array(slotCount);
  const alive = new Uint8Array(slotCount);
  const role = new Uint8Array(slotCount);
  const gradesCompleted = new Uint8Array(slotCount);
  const enrolled = new Uint8Array(slotCount);
  const repeats = new Uint8Array(slotCount);
  const haz = new Float32Array(slotCount);
  const hazPotential = new Float32Array(slotCount);
  const schoolTaste = new Float32Array(slotCount);
  const monthsSinceVisit = new Uint8Array(slotCount);
  const pregnancy = new Int8Array(slotCount).fill(-1);
  const disabled = new Uint8Array(slotCount);
  const wageEffect = new Float32Array(slotCount);
  const otherIncomeLcuPerMonth = new Float64Array(H);

  const logRatio = new Float64Array(H);
  /** ln of the household's labour earnings per adult equivalent relative to the line, from its members alone (before its own effect u_h). */
  const structural = new Float64Array(H);
  /** ln of the household's workers per adult equivalent (the composition part of `structural`). */
  const workersPerAe = new Float64Array(H);
  const adultEquivalents = new Float64Array(H);
  let slot = 0;
  let personCount = 0;
  // ---- households, pass 2: members and everything that does not depend on income.
  for (let h = 0; h < H; h++) {
    const c = drawComposition(rng, h, p);
    const l = hhLocality[h] as number;
    const st = rng.stream(Purpose.populationHousehold, h, 0);
    firstSlot[h] = slot;
    capacity[h] = c.ages.length + spare;
    const jitter = (k: number) => 0.7 + 0.6 * rng.uniformAt(st, k);
    primarySchoolKm[h] = (locPrimary[l] as number) * jitter(40);
    lowerSecondaryKm[h] = (locLower[l] as number) * jitter(41);
    upperSecondaryKm[h] = (locUpper[l] as number) * jitter(42);
    clinicKm[h] = (locClinic[l] as number) * jitter(43);

    const school = Math.min(16, countWithMeanSd(p.headSchooling[0], p.headSchooling[1], rng.uniformAt(st, 44)));
    headSchooling[h] = school;
    indigenous[h] = rng.uniformAt(st, 45) < p.indigenousShare ? 1 : 0;

    let ae = 0;
    let kids = 0;
    for (const age of c.ages) {
      ae += age < 15 ? p.childEquivalenceWeight : 1;
      if (age < 15) kids++;
    }
    childrenUnder15[h] = kids;
    adultEquivalents[h] = ae;

    for (let m = 0; m < c.ages.length; m++) {
      const i = slot + m;
      const age = c.ages[m] as number;
      const k = 100 + 12 * m; // counters reserved per member
      alive[i] = 1;
      role[i] = c.roles[m] as number;
      male[i] = c.male[m] as number;
      birthMonth[i] = -(age * 12 + Math.floor(12 * rng.uniformAt(st, k)));
      schoolTaste[i] = rng.normalAt(st, k + 1);
      disabled[i] = rng.uniformAt(st, k + 2) < p.disabilityShare ? 1 : 0;
      monthsSinceVisit[i] = age < 2 ? Math.floor(3 * rng.uniformAt(st, k + 3)) : Math.floor(12 * rng.uniformAt(st, k + 3));
      hazPotential[i] = rng.normalAt(st, k + 9);
      if (age >= 6 && age <= 17) {
        const chosen = drawCell(preset.initialSchooling[age - 6] ?? [], rng.uniformAt(st, k + 5));
        if (chosen) {
          gradesCompleted[i] = chosen[0];
          enrolled[i] = rng.uniformAt(st, k + 6) < chosen[2] && chosen[0] < 12 ? 1 : 0;
        }
      } else if (age > 17 && age < YOUNG_ADULT_AGE && c.roles[m] !== Role.head) {
        // Young adults went to school with today's 17-year-olds, not with their parents (no cliff at 18).
        gradesCompleted[i] = drawCell(preset.initialSchooling[11] ?? [], rng.uniformAt(st, k + 5))?.[0] ?? 0;
      } else if (age > 17) {
        gradesCompleted[i] = c.roles[m] === Role.head ? school : Math.max(0, Math.min(16, Math.round(school + 2 * rng.normalAt(st, k + 5))));
      }
      if (!c.male[m] && age >= 15 && age <= 44 && rng.uniformAt(st, k + 7) < p.pregnantShare) {
        pregnancy[i] = Math.floor(9 * rng.uniformAt(st, k + 8));
      }
      // The member's own persistent earnings effect ε (L1); the household's is added below.
      wageEffect[i] = p.wageEffectSd * rng.normalAt(st, k + 10);
    }
    for (let k = c.ages.length; k < c.ages.length + spare; k++) role[slot + k] = Role.child; // free slots await births
    const earned = structuralEarnings(s, rng, h, slot, c.ages.length, { male, birthMonth, gradesCompleted, enrolled }, wageEffect, ae);
    structural[h] = earned.logRatio;
    workersPerAe[h] = Math.log(earned.workers / ae);
    personCount += c.ages.length;
    slot += c.ages.length + spare;
  }

  // ---- households, pass 3: income. y_h = s_h − κ·(c_h − c̄) + u_h: the members' earnings (L1), the
  // hours their workers put in for the dependants they have (L2), and a household effect u_h
  // (locality, indigenous, its own), so that y has the preset's mean and spread. Person-weighted, as
  // poverty is counted: with every household's y drawn independently of its size, as before members
  // earned, the person-weighted mean of y was incomeLogMean and its variance V of `incomeSpread`.
  const spread = incomeSpread(p, initialSize, structural, workersPerAe);
  let meanWageEffect = 0;
  for (let h = 0; h < H; h++) {
    const l = hhLocality[h] as number;
    const st = rng.stream(Purpose.populationHousehold, h, 0);
    const u =
      p.incomeLogMean -
      spread.meanStructural +
      (incomeLogEffect[l] as number) +
      p.indigenousIncomeShift * ((indigenous[h] as number) - p.indigenousShare) +
      spread.ownSd * rng.normalAt(st, 46);
    const lr = (structural[h] as number) - spread.dependencyHours.share * ((workersPerAe[h] as number) - spread.dependencyHours.meanLogWorkersPerAe) + u;
    logRatio[h] = lr;
    const income = p.povertyLineLcuPerMonth * (adultEquivalents[h] as number) * Math.exp(lr);
    incomeLcuPerMonth[h] = income;
    // The members' earnings are (1 − otherIncomeShare) of it (all of it is other income without a worker).
    const first = firstSlot[h] as number;
    const size = initialSize[h] as number;
    const working = hasWorker(s, rng, h, first, size, { male, birthMonth, enrolled });
    otherIncomeLcuPerMonth[h] = working ? p.otherIncomeShare * income : income;
    const householdEffect = u + Math.log(Math.max(1e-6, 1 - p.otherIncomeShare)); // (all other income: no earnings effect to speak of)
    meanWageEffect += householdEffect;

    // Proxies observed by a means test: noisy signals of the latent welfare.
    const latent = lr + 0.5 * rng.normalAt(st, 47);
    dirtFloor[h] = latent < -0.45 ? 1 : 0;
    assets[h] = Math.max(0, Math.min(6, Math.round(2.5 + 2 * latent + 0.8 * rng.normalAt(st, 48))));
    for (let m = 0; m < size; m++) {
      const i = first + m;
      // Height-for-age: falls over the first two years to the population's level; children
      // differ persistently (potential) and with their household's welfare.
      const profile = Math.min(1, (-birthMonth[i]! + 6) / 30);
      haz[i] =
        p.initialHazMean * profile + 0.3 * (lr - p.incomeLogMean) + p.hazPotentialSd * (hazPotential[i] as number) + 0.3 * rng.normalAt(st, 100 + 12 * m + 4);
      if (-(birthMonth[i] as number) >= 12 * ADULT_WORK_AGE) {
        // An adult's earnings at the start are what its household's income says: its height term
        // is absorbed in its effect (heights at the start were drawn from that income).
        wageEffect[i] = (wageEffect[i] as number) + householdEffect - heightTerm(p, male[i] === 1, haz[i] as number);
      } else {
        wageEffect[i] = (wageEffect[i] as number) + householdEffect; // regressed toward the mean below
      }
    }
  }
  meanWageEffect = H > 0 ? meanWageEffect / H : 0;
  // Children carry part of their household's earnings advantage into adult work (L1): α = m̄ + ρ·(u'_h − m̄) + ε.
  const rho = p.intergenerationalPersistence;
  for (let h = 0; h < H; h++) {
    const first = firstSlot[h] as number;
    for (let m = 0; m < (initialSize[h] as number); m++) {
      const i = first + m;
      if (-(birthMonth[i] as number) < 12 * ADULT_WORK_AGE) {
        const own = p.wageEffectSd * rng.normalAt(rng.stream(Purpose.populationHousehold, h, 0), 100 + 12 * m + 10);
        const household = (wageEffect[i] as number) - own;
        wageEffect[i] = meanWageEffect + rho * (household - meanWageEffect) + own;
      }
    }
  }

  // ---- means test: least-squares prediction of log welfare from the proxies
  const cols = 7;
  const design = new Float64Array(H * cols);
  for (let h = 0; h < H; h++) {
    const o = h * cols;
    const size = initialSize[h] as number;
    const kids = childrenUnder15[h] as number;
    design[o] = 1;
    design[o + 1] = dirtFloor[h] as number;
    design[o + 2] = assets[h] as number;
    design[o + 3] = headSchooling[h] as number;
    design[o + 4] = Math.log(size);
    design[o + 5] = indigenous[h] as number;
    design[o + 6] = kids / size;
  }
  const beta = leastSquares(design, logRatio, cols);
  for (let h = 0; h < H; h++) {
    let pred = 0;
    for (let j = 0; j < cols; j++) pred += (beta[j] as number) * (design[h * cols + j] as number);
    meansTestScore[h] = Math.exp(pred);
  }
  const sorted = Float64Array.from(meansTestScore).sort();
  const cutIndex = Math.min(H - 1, Math.max(0, Math.floor(p.classifiedPoorShare * H)));
  // A household is classified poor when its score is strictly below the cut-off.
  const meansTestCutoff = p.classifiedPoorShare >= 1 ? Infinity : (sorted[cutIndex] as number);

  return {
    preset,
    parameters: p,
    householdCount: H,
    localityCount: L,
    slotCount,
    personCount,
    meansTestCutoff,
    meansTestCoefficients: beta,
    meanWageEffect,
    dependencyHours: spread.dependencyHours,
    seed: s.seed,
    households: {
      locality: hhLocality,
      firstSlot,
      capacity,
      initialSize,
      incomeLcuPerMonth,
      headSchooling,
      indigenous,
      dirtFloor,
      assets,
      meansTestScore,
      primarySchoolKm,
      lowerSecondaryKm,
      upperSecondaryKm,
      clinicKm,
      otherIncomeLcuPerMonth,
    },
    localities: { firstHousehold, remoteness, incomeLogEffect },
    persons: {
      birthMonth,
      male,
      alive,
      role,
      gradesCompleted,
      enrolled,
      repeats,
      haz,
      hazPotential,
      schoolTaste,
      monthsSinceVisit,
      pregnancy,
      disabled,
      wageEffect,
    },
  };
}

interface Composition {
  readonly ages: number[];
  readonly roles: number[];
  readonly male: number[];
}

/**
 * Household composition: head, spouse, children by the mother's age, and
 * optional extra adult and elderly member (docs/model.md, "Population").
 */
function drawComposition(rng: RandomStreams, h: number, p: PopulationParameters): Composition {
  const st = rng.stream(Purpose.populationHousehold, h, 0);
  const ages: number[] = [];
  const roles: number[] = [];
  const male: number[] = [];
  const [minAge, maxAge] = p.headAgeRange;
  const headAge = minAge + Math.floor((maxAge - minAge + 1) * rng.uniformAt(st, 0));
  const hasSpouse = rng.uniformAt(st, 2) < p.spouseProbability;
  const headMale = hasSpouse ? rng.uniformAt(st, 1) < 0.97 : rng.uniformAt(st, 1) < 0.4;
  ages.push(headAge);
  roles.push(Role.head);
  male.push(headMale ? 1 : 0);
  let motherAge = headMale ? -1 : headAge;
  if (hasSpouse) {
    const spouseAge = Math.max(16, headAge + (headMale ? -3 : 3) + Math.round(3 * rng.normalAt(st, 3)));
    ages.push(spouseAge);
    roles.push(Role.spouse);
    male.push(headMale ? 0 : 1);
    if (headMale) motherAge = spouseAge;
  }
  if (motherAge > 0) {
    // Children at home rise with the mother's age up to her late thirties, then leave home.
    const rising = Math.min(1, Math.max(0, (motherAge - 17) / 20));
    const leaving = motherAge > 45 ? Math.max(0, 1 - (motherAge - 45) / 15) : 1;
    const n = poisson(p.childrenAtHomeMean * rising * leaving, rng.uniformAt(st, 4));
    const oldest = Math.min(17, motherAge - 16);
    for (let k = 0; k < n && ages.length < MAX_INITIAL_MEMBERS - 2; k++) {
      ages.push(Math.floor((oldest + 1) * rng.uniformAt(st, 10 + 2 * k)));
      roles.push(Role.child);
      male.push(rng.uniformAt(st, 11 + 2 * k) < MALE_SHARE_AT_BIRTH ? 1 : 0);
    }
  }
  if (rng.uniformAt(st, 5) < p.extraAdultProbability) {
    ages.push(18 + Math.floor(42 * rng.uniformAt(st, 6)));
    roles.push(Role.otherAdult);
    male.push(rng.uniformAt(st, 7) < 0.5 ? 1 : 0);
  }
  if (rng.uniformAt(st, 8) < p.elderlyProbability) {
    ages.push(60 + Math.floor(25 * rng.uniformAt(st, 9)));
    roles.push(Role.elderly);
    male.push(rng.uniformAt(st, 60) < 0.45 ? 1 : 0);
  }
  return { ages, roles, male };
}

/** What the earnings helpers read of a household's members at the start. */
interface MemberArrays {
  readonly male: Uint8Array;
  readonly birthMonth: Int32Array;
  readonly gradesCompleted?: Uint8Array;
  readonly enrolled: Uint8Array;
}

/** Whether a member works at month 0: aged 18+, not in school, and its persistent work draw below its propensity (L4). */
function worksAtStart(s: PopulationScenario, rng: RandomStreams, work: number, m: number, male: boolean, age: number, enrolled: boolean): boolean {
  if (age < ADULT_WORK_AGE || enrolled) return false;
  const rates = s.behaviour.adultEmploymentRate;
  const propensity = (male ? rates[0] : rates[1]) * (age >= ELDERLY_WORK_AGE ? s.population.parameters.elderlyWorkFactor : 1);
  return rng.uniformAt(work, LabourDraw.works + m) < propensity;
}

/**
 * s_h: ln of the household's labour earnings per adult equivalent relative to the poverty line,
 * from its members alone (docs/model.md, L1 with α = ε and without the height term): the
 * members who work at the start by their persistent draws, or the head as if working in a
 * household without a worker; and how many work (at least 1).
 */
function structuralEarnings(
  s: PopulationScenario,
  rng: RandomStreams,
  h: number,
  first: number,
  size: number,
  members: MemberArrays & { readonly gradesCompleted: Uint8Array },
  wageEffect: Float32Array,
  adultEquivalents: number,
): { readonly logRatio: number; readonly workers: number } {
  const p = s.population.parameters;
  const work = rng.stream(Purpose.employment, h, 0);
  let earnings = 0;
  let workers = 0;
  let head = 0;
  for (let m = 0; m < size; m++) {
    const i = first + m;
    const age = Math.floor(-(members.birthMonth[i] as number) / 12);
    if (age < ADULT_WORK_AGE) continue;
    const male = members.male[i] === 1;
    const grades = members.gradesCompleted[i] as number;
    const nonAgri = rng.uniformAt(work, LabourDraw.sector + m) < nonAgriculturalProbability(p, grades);
    const w = Math.exp(logWage(p, male, grades, age, nonAgri, p.initialHazMean, wageEffect[i] as number));
    if (m === 0) head = w;
    if (worksAtStart(s, rng, work, m, male, age, members.enrolled[i] === 1)) {
      earnings += w;
      workers++;
    }
  }
  const basis = earnings > 0 ? earnings : head > 0 ? head : p.wageLcuPerMonth;
  return { logRatio: Math.log(basis / (p.povertyLineLcuPerMonth * adultEquivalents)), workers: Math.max(1, workers) };
}

/** How {@link createPopulation} spreads household incomes (docs/model.md, L2). */
interface IncomeSpread {
  /** Person-weighted mean of the members' structural log earnings per adult equivalent s_h. */
  readonly meanStructural: number;
  /** How workers' hours answer the household's dependants (κ and c̄). */
  readonly dependencyHours: DependencyHours;
  /** Standard deviation of the household's own effect u_h. */
  readonly ownSd: number;
}

/**
 * Smallest own spread of household incomes: households differ by at least this much (log points)
 * in hours, land and luck that their members' wages do not explain (assumption).
 */
const MIN_OWN_INCOME_SD = 0.25;

/**
 * Choose the household effect's spread so that ln income per adult equivalent keeps the variance
 * the preset's income parameters give (person-weighted, as poverty is counted): with incomes drawn
 * independently of the household's size, as before members earned, it was
 *
 *   V = σ² + σ_loc² + (r·sd(ḡ))² + δ²·π(1 − π)
 *
 * (σ `incomeLogSd`, σ_loc `localityIncomeLogSd`, r the men's return, sd(ḡ) that of heads' schooling,
 * δ and π the indigenous shift and share). The members' earnings s_h take their variance first; the
 * household's own effect the rest, at least {@link MIN_OWN_INCOME_SD}. Where that leaves too much,
 * workers with more dependants work longer hours (Chayanov's rule): earnings scale by
 * exp(−κ·(c_h − c̄)), c_h = ln(workers / adult equivalents), and κ is the smallest in [0, 1] that brings
 * the variance down to V. The engine applies the same factor every month (labour phase).
 */
function incomeSpread(p: PopulationParameters, size: Uint8Array, structural: Float64Array, workersPerAe: Float64Array): IncomeSpread {
  let persons = 0;
  let sumS = 0;
  let sumC = 0;
  for (let h = 0; h < size.length; h++) {
    const n = size[h] as number;
    persons += n;
    sumS += n * (structural[h] as number);
    sumC += n * (workersPerAe[h] as number);
  }
  const meanStructural = persons > 0 ? sumS / persons : 0;
  const meanWorkersPerAe = persons > 0 ? sumC / persons : 0;
  let vs = 0;
  let vc = 0;
  let csc = 0;
  for (let h = 0; h < size.length; h++) {
    const n = size[h] as number;
    const ds = (structural[h] as number) - meanStructural;
    const dc = (workersPerAe[h] as number) - meanWorkersPerAe;
    vs += n * ds * ds;
    vc += n * dc * dc;
    csc += n * ds * dc;
  }
  if (persons > 0) {
    vs /= persons;
    vc /= persons;
    csc /= persons;
  }
  const locality = p.localityIncomeLogSd ** 2 + p.indigenousIncomeShift ** 2 * p.indigenousShare * (1 - p.indigenousShare);
  const target = p.incomeLogSd ** 2 + locality + (p.schoolingReturn[0] * p.headSchooling[1]) ** 2;
  const room = target - locality - vs; // left for the own effect with κ = 0
  if (room >= MIN_OWN_INCOME_SD ** 2) return { meanStructural, dependencyHours: { share: 0, meanLogWorkersPerAe: meanWorkersPerAe }, ownSd: Math.sqrt(room) };
  // var(s − κc) = vs − 2κ·cov + κ²·vc must fall to target − locality − own²: the smaller root in [0, 1].
  const wanted = Math.max(0, target - locality - MIN_OWN_INCOME_SD ** 2);
  const disc = csc * csc - vc * (vs - wanted);
  const kappa = vc > 0 && disc >= 0 ? Math.min(1, Math.max(0, (csc - Math.sqrt(disc)) / vc)) : vc > 0 ? Math.min(1, Math.max(0, csc / vc)) : 0;
  const left = target - locality - (vs - 2 * kappa * csc + kappa * kappa * vc);
  return {
    meanStructural,
    dependencyHours: { share: kappa, meanLogWorkersPerAe: meanWorkersPerAe },
    ownSd: Math.sqrt(Math.max(MIN_OWN_INCOME_SD ** 2, left)),
  };
}

/** Whether anyone in the household works at the start (see {@link worksAtStart}). */
function hasWorker(s: PopulationScenario, rng: RandomStreams, h: number, first: number, size: number, members: MemberArrays): boolean {
  const work = rng.stream(Purpose.employment, h, 0);
  for (let m = 0; m < size; m++) {
    const i = first + m;
    if (worksAtStart(s, rng, work, m, members.male[i] === 1, Math.floor(-(members.birthMonth[i] as number) / 12), members.enrolled[i] === 1)) return true;
  }
  return false;
}

/** The height term of L1 for a member of height-for-age `haz`. */
function heightTerm(p: PopulationParameters, male: boolean, haz: number): number {
  return logWage(p, male, 0, 0, false, haz, 0) - logWage(p, male, 0, 0, false, p.initialHazMean, 0);
}
