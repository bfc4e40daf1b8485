import { Decimal } from '../money/Decimal.js';

/**
 * Exact sum of decimal strings (`-?digits(.digits)?`) by the project's one decimal type (src/money),
 * written with the largest scale of the addends: money in a report never touches a JS number (TMS-P-001).
 */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  let total = Decimal.zero;
  for (const v of values) {
    const m = /^-?[0-9]+(?:\.([0-9]+))?$/.exec(v);
    if (!m) throw new RangeError(`sumDecimals: "${v}" is not a decimal string`);
    scale = Math.max(scale, m[1]?.length ?? 0);
    total = total.add(Decimal.parse(v));
  }
  return total.toFixed(scale);
}
