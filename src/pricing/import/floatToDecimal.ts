import { Decimal } from '../../money/Decimal.js';

/**
 * The decimal string of a binary float's shortest round-trip representation (ECMAScript
 * `Number.prototype.toString`, e.g. 2.5e-6 → "0.0000025"), expanded without exponent (TMS-P-018).
 * This is the decimal the publisher almost certainly wrote; the float's exact binary value
 * (2.5e-6 is 2.49999999999999989…e-6) is not what anyone priced. Undefined for NaN, ±Infinity.
 */
export function floatToDecimal(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return undefined;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
  const coef = BigInt(m[1] + digits);
  const d = exp >= 0 ? Decimal.fromBigInt(coef * 10n ** BigInt(exp)) : Decimal.fromScaled(coef, -exp);
  return d.toString();
}

/** `d` × 10^k for a decimal string (k may be negative): exact, as decimal text. */
export function shiftDecimal(d: string, k: number): string {
  const x = Decimal.parse(d);
  return k >= 0 ? x.mul(Decimal.fromBigInt(10n ** BigInt(k))).toString() : x.mul(Decimal.fromScaled(1n, -k)).toString();
}
