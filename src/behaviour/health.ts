import type { BehaviourParameters } from "./parameters.js";

/** Health age group from age in months: 0 under 2, 1 2–5, 2 6–17, 3 18–59, 4 60+. */
export function healthAgeGroup(ageMonths: number): number {
  if (ageMonths < 24) return 0;
  if (ageMonths < 72) return 1;
  if (ageMonths < 216) return 2;
  if (ageMonths < 720) return 3;
  return 4;
}

/**
 * Utility of a clinic visit this month (docs/model.md, equation H1):
 *
 *   C = v(group) + v_p·[pregnant] + v_i·[ill last month] + v_b·ln(r/z) − v_d·distance + v_g·S/R
 *
 * where S is the amount that would lapse if no visit were made before the
 * member's window closes (this month or next).
 */
export function visitUtility(
  b: BehaviourParameters,
  group: number,
  pregnant: boolean,
  illLastMonth: boolean,
  logRatio: number,
  clinicKm: number,
  atStakeLcu: number,
  resourcesLcu: number,
): number {
  // Both effects are read whether or not they apply (V8: docs/performance.md, "Code that never ran").
  const pregnancyEffect = b.visitPregnancy;
  const illnessEffect = b.visitIllness;
  return (
    (b.visitIntercepts[group] as number) +
    (pregnant ? pregnancyEffect : 0) +
    (illLastMonth ? illnessEffect : 0) +
    b.visitIncomeEffect * logRatio -
    b.visitDistanceCostPerKm * clinicKm +
    (b.visitPriceEffect * atStakeLcu) / resourcesLcu
  );
}

/**
 * Logit of illness this month (docs/model.md, equation H2):
 * ι(group) − ι_c·ln(c/z) − ι_v·[visit within 6 months] + ι_s·[stunted under 5].
 */
export function illnessLogit(b: BehaviourParameters, group: number, logConsumptionRatio: number, recentVisit: boolean, stuntedUnder5: boolean): number {
  return (
    (b.illnessIntercepts[group] as number) -
    b.illnessConsumptionEffect * logConsumptionRatio -
    (recentVisit ? b.illnessVisitProtection : 0) +
    (stuntedUnder5 ? b.illnessStunted : 0)
  );
}

/**
 * This month's updated height-for-age z of a child under 60 months (docs/model.md,
 * equation H3): partial adjustment toward a target set by age, consumption,
 * the child's persistent growth potential and growth monitoring, minus a loss
 * for illness, plus noise.
 * @param potential the child's persistent deviation of the target (z units)
 * @param noise a standard-normal draw
 */
export function nextHaz(
  b: BehaviourParameters,
  haz: number,
  ageMonths: number,
  logConsumptionRatio: number,
  potential: number,
  monitored: boolean,
  ill: boolean,
  noise: number,
): number {
  const target =
    b.hazAtBirth -
    (b.hazFallBy24Months * Math.min(ageMonths, 24)) / 24 +
    b.hazConsumptionEffect * logConsumptionRatio +
    potential +
    (monitored && ageMonths < 24 ? b.hazMonitoringEffect : 0);
  const speed = ageMonths < 24 ? b.hazAdjustment[0] : b.hazAdjustment[1];
  return haz + speed * (target - haz) - (ill ? b.hazIllnessLoss : 0) + b.hazNoiseSd * noise;
}
