import { Decimal } from './Decimal.js';
import { isKnownCurrency, minorUnits } from './currencies.js';

/**
 * A final amount as people read it: padded to the currency's minor units ("4.1" USD → "4.10"). An
 * amount with more digits than that (an exact, unrounded figure) or in an unknown currency is shown
 * as it is: display never rounds money.
 */
export function showAmount(amount: string, currency: string): string {
  const d = Decimal.safeParse(amount);
  if (!d || !isKnownCurrency(currency)) return amount;
  const scale = minorUnits(currency);
  return d.scale <= scale ? d.toFixed(scale) : amount;
}
