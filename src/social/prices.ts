import type { CycleContext } from "../engine/cycleContext.js";

/** Add the household's transfers paid and adult earnings this month to its locality's sums (fixed-point money). */
export function countLocalityMoney(c: CycleContext, h: number): void {
  const l = c.population.households.locality[h] as number;
  const money = c.state.localityMoney;
  money[2 * l] = (money[2 * l] as number) + Math.round(c.paid * c.moneyScale);
  money[2 * l + 1] = (money[2 * l + 1] as number) + Math.round(c.adultEarnings * c.moneyScale);
}

/**
 * End of month (docs/model.md, I3): each locality's food price level for next
 * month is 1 + ε · remoteness · (transfers paid into it ÷ its adult earnings)
 * this month — cash injected relative to local supply, remote localities
 * responding more. Sums restart.
 */
export function closePriceMonth(c: CycleContext): void {
  const { priceLevel, localityMoney } = c.state;
  const e = c.interactions.localPrices.elasticity;
  const remoteness = c.population.localities.remoteness;
  for (let l = 0; l < priceLevel.length; l++) {
    const earnings = localityMoney[2 * l + 1] as number;
    priceLevel[l] = earnings > 0 ? 1 + (e * (remoteness[l] as number) * (localityMoney[2 * l] as number)) / earnings : 1;
    localityMoney[2 * l] = 0;
    localityMoney[2 * l + 1] = 0;
  }
}

/** Real value of one unit of nominal consumption at the locality's price level: 1 / (1 + food share · (p − 1)). */
export function realConsumptionFactor(c: CycleContext, locality: number): number {
  if (!c.flags.prices) return 1;
  return 1 / (1 + c.interactions.localPrices.foodShare * ((c.state.priceLevel[locality] as number) - 1));
}
