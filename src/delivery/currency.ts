/**
 * Money for job alerts: amounts converted between currencies with the configured rates
 * (`delivery.currencyRates`: the value of one unit of each currency in one common currency), and pay
 * stated per year or per hour brought to a month.
 */

/** ISO 4217 code → value of one unit in the common currency (RUB: 1, USD: 90…). */
export type CurrencyRates = Readonly<Record<string, number>>;

/** A pay period as the salary reader reports it. */
export type PayPeriod = 'month' | 'year' | 'hour';

/** Working hours in a month for hourly pay: 21 working days of 8 hours, rounded to 4.2 weeks × 40 h. */
export const HOURS_PER_MONTH = 168;

/** Codes that mean another code when they have no rate of their own. */
const SAME_AS: Readonly<Record<string, string>> = { RUR: 'RUB', USDT: 'USD', US$: 'USD' };

/** The rate of a currency, through its synonym when it has none of its own; null when unknown. */
function rateOf(code: string, rates: CurrencyRates): number | null {
  const upper = code.toUpperCase();
  const own = rates[upper];
  if (own !== undefined && own > 0) return own;
  const alias = SAME_AS[upper];
  const aliased = alias === undefined ? undefined : rates[alias];
  return aliased !== undefined && aliased > 0 ? aliased : null;
}

/** True when two codes name the same money (`RUB` and `RUR`, `USD` and `USDT`). */
function sameCurrency(a: string, b: string): boolean {
  const canon = (c: string) => SAME_AS[c.toUpperCase()] ?? c.toUpperCase();
  return canon(a) === canon(b);
}

/**
 * `amount` of `from` expressed in `to`, through the common currency of `rates`. The same currency needs
 * no rate; otherwise null when either currency has no rate (the amount cannot be compared).
 */
export function convertAmount(amount: number, from: string, to: string, rates: CurrencyRates): number | null {
  if (sameCurrency(from, to)) return amount;
  const fromRate = rateOf(from, rates);
  const toRate = rateOf(to, rates);
  if (fromRate === null || toRate === null) return null;
  return (amount * fromRate) / toRate;
}

/**
 * A pay amount brought to a month: per year ÷ 12, per hour × {@link HOURS_PER_MONTH}. A month, or an
 * unstated period, is taken as monthly — the way salaries are usually quoted in the vacancies we read.
 */
export function monthlyAmount(amount: number, period: PayPeriod | null): number {
  if (period === 'year') return amount / 12;
  if (period === 'hour') return amount * HOURS_PER_MONTH;
  return amount;
}
