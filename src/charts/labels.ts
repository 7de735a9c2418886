/** Readable labels for metric names, for chart titles and axes. */

const OUTCOMES: Readonly<Record<string, string>> = {
  households: "Households",
  persons: "Persons",
  children: "Children 6–17",
  enrolledChildren: "Children 6–17 enrolled",
  enrolment: "Enrolment",
  attendance: "Attendance (share of school days)",
  regularAttendance: "Regular attendance (≥ 85% of days)",
  childWork: "Child work",
  gradesCompleted: "Grades completed",
  clinicVisitsPerPerson: "Clinic visits per person-month",
  illness: "Share ill in a month",
  childrenUnder5: "Children under 5",
  stuntedChildren: "Stunted children under 5",
  poorPersons: "Persons below the poverty line",
  clinicVisits: "Clinic visits",
  stuntingUnder5: "Stunting, under 5",
  stuntingAge1to3: "Stunting, ages 1–3",
  meanHazUnder5: "Mean height-for-age z, under 5",
  consumptionPerAeLcu: "Consumption per adult eq.",
  medianConsumptionPerAeLcu: "Median consumption per adult eq.",
  povertyHeadcount: "Poverty headcount",
  povertyGap: "Poverty gap",
  povertySeverity: "Poverty severity",
  gini: "Gini of consumption",
  consumptionLcu: "Household consumption",
  transfersReceivedLcu: "Transfers received",
  childEarningsLcu: "Children's earnings",
  adultEarningsLcu: "Adult earnings",
  transfersPerHouseholdLcu: "Transfers per household",
  paidLcu: "Transfers paid",
  costLcu: "Programme cost",
  beneficiaries: "Beneficiary households",
};

const SEGMENTS: Readonly<Record<string, string>> = {
  all: "all households",
  poor: "classified-poor households",
  nonPoor: "non-poor households",
  recipients: "recipient households",
  eligibleNonRecipients: "eligible households not receiving",
  ineligibleTreated: "ineligible households in treated localities",
  eligibleUntreated: "eligible households in untreated localities",
  ineligibleUntreated: "ineligible households in untreated localities",
};

/** "age12to14" → "ages 12–14", "girls15to17" → "girls 15–17", "boys" → "boys 6–17", "all" → "". */
function groupLabel(group: string): string {
  const m = /^(age|boys|girls)(\d+)to(\d+)$/.exec(group);
  if (m) return `${m[1] === "age" ? "ages" : m[1]} ${m[2]}–${m[3]}`;
  if (group === "boys" || group === "girls") return `${group} 6–17`;
  return group === "all" ? "" : group;
}

/** Readable parts of a metric name. */
export interface MetricLabel {
  /** Outcome and group, e.g. "Enrolment, ages 12–14". */
  readonly outcome: string;
  /** Households described, e.g. "classified-poor households". */
  readonly segment: string;
  /** "share" for rates, "MXN/month" (currency per month) for money, the currency for run totals, "" otherwise. */
  readonly unit: string;
}

/**
 * A readable label of a metric name and its unit, e.g.
 * "poor/enrolment/age12to14" → { outcome: "Enrolment, ages 12–14", segment:
 * "classified-poor households", unit: "share" }. Money outcomes (names ending
 * in "Lcu") have unit `${currency}/month` (local currency per month; plain
 * currency for run totals).
 */
export function metricLabel(metric: string, currency = "LCU"): MetricLabel {
  const parts = metric.split("/");
  const [segment = "", name = "", group = "all"] = parts;
  const base = OUTCOMES[name] ?? name;
  const g = groupLabel(group);
  const outcome = g ? `${base}, ${g}` : base;
  const rate = /^(enrolment|attendance|regularAttendance|childWork|illness|stunting|poverty|gini)/.test(name);
  const unit = name.endsWith("Lcu") ? (segment === "totals" ? currency : `${currency}/month`) : rate ? "share" : "";
  return { outcome, segment: SEGMENTS[segment] ?? segment, unit };
}

/** "Enrolment, ages 12–14", plus " (MXN/month)" when the unit is money. */
export function axisTitle(metric: string, currency?: string): string {
  const { outcome, unit } = metricLabel(metric, currency);
  return unit && unit !== "share" ? `${outcome} (${unit})` : outcome;
}
