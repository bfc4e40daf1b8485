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

const DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** True for a decimal string sumDecimals accepts. */
export function isDecimal(s: unknown): s is string {
  return typeof s === 'string' && DECIMAL.test(s);
}

/** The absolute value of a decimal string, as a decimal string. */
export function absDecimal(s: string): string {
  return s.startsWith('-') ? s.slice(1) : s;
}

/** Compares two decimal strings exactly (through sumDecimals, never a JS number): -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const diff = sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
  return diff.startsWith('-') ? -1 : /^0(?:\.0+)?$/.test(diff) ? 0 : 1;
}
