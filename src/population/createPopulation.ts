import { CapacityError } from "../foundation/capacityError.js";
import { Purpose, RandomStreams } from "../random/streams.js";
import type { Seed } from "../random/streams.js";
import { estimatePopulationBytes } from "./capacity.js";
import { countWithMeanSd, poisson } from "./distributions.js";
import { leastSquares } from "./leastSquares.js";
import type { PopulationParameters } from "./parameters.js";
import { Role } from "./population.js";
import type { Population } from "./population.js";
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
  /** Resource limits. */
  readonly limits: {
    /** Memory limit, bytes. */
    readonly memoryBytes: number;
  };
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

  const logRatio = new Float64Array(H);
  let slot = 0;
  let personCount = 0;
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
    const ind = rng.uniformAt(st, 45) < p.indigenousShare ? 1 : 0;
    indigenous[h] = ind;

    let ae = 0;
    let kids = 0;
    for (const age of c.ages) {
      ae += age < 15 ? p.childEquivalenceWeight : 1;
      if (age < 15) kids++;
    }
    childrenUnder15[h] = kids;
    const lr =
      p.incomeLogMean +
      (incomeLogEffect[l] as number) +
      p.headSchoolingReturn * (school - p.headSchooling[0]) +
      p.indigenousIncomeShift * (ind - p.indigenousShare) +
      p.incomeLogSd * rng.normalAt(st, 46);
    logRatio[h] = lr;
    incomeLcuPerMonth[h] = p.povertyLineLcuPerMonth * ae * Math.exp(lr);

    // Proxies observed by a means test: noisy signals of the latent welfare.
    const latent = lr + 0.5 * rng.normalAt(st, 47);
    dirtFloor[h] = latent < -0.45 ? 1 : 0;
    assets[h] = Math.max(0, Math.min(6, Math.round(2.5 + 2 * latent + 0.8 * rng.normalAt(st, 48))));

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
      // Height-for-age: falls over the first two years to the population's level; children
      // differ persistently (potential) and with their household's welfare.
      const potential = rng.normalAt(st, k + 9);
      hazPotential[i] = potential;
      const profile = Math.min(1, (-birthMonth[i]! + 6) / 30);
      haz[i] = p.initialHazMean * profile + 0.3 * (lr - p.incomeLogMean) + p.hazPotentialSd * potential + 0.3 * rng.normalAt(st, k + 4);
      if (age >= 6 && age <= 17) {
        const cells = preset.initialSchooling[age - 6] ?? [];
        let u = rng.uniformAt(st, k + 5);
        let chosen = cells[cells.length - 1];
        for (const cell of cells) {
          if (u < cell[1]) {
            chosen = cell;
            break;
          }
          u -= cell[1];
        }
        if (chosen) {
          gradesCompleted[i] = chosen[0];
          enrolled[i] = rng.uniformAt(st, k + 6) < chosen[2] && chosen[0] < 12 ? 1 : 0;
        }
      } else if (age > 17) {
        gradesCompleted[i] = c.roles[m] === Role.head ? school : Math.max(0, Math.min(16, Math.round(school + 2 * rng.normalAt(st, k + 5))));
      }
      if (!c.male[m] && age >= 15 && age <= 44 && rng.uniformAt(st, k + 7) < p.pregnantShare) {
        pregnancy[i] = Math.floor(9 * rng.uniformAt(st, k + 8));
      }
    }
    for (let k = c.ages.length; k < c.ages.length + spare; k++) role[slot + k] = Role.child; // free slots await births
    personCount += c.ages.length;
    slot += c.ages.length + spare;
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
