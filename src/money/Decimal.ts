import { divRound, type RoundingMode } from './rounding.js';

const decimalPattern = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const pow10Cache: bigint[] = [];

/** 10^n as a BigInt (cached for the small exponents money uses). */
export function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/**
 * An exact decimal number: an integer coefficient scaled by 10^-scale, immutable.
 * No JavaScript number ever holds a money value (TMS-P-001): values enter as decimal strings
 * and leave as decimal strings.
 */
export class Decimal {
  /** The integer coefficient: the value is `coef / 10^scale`. */
  readonly coef: bigint;
  /** Number of digits after the decimal point held by `coef` (≥ 0). */
  readonly scale: number;

  private constructor(coef: bigint, scale: number) {
    this.coef = coef;
    this.scale = scale;
  }

  /** Zero. */
  static readonly zero = new Decimal(0n, 0);

  /** True when `s` is a plain decimal string tokencert accepts: optional minus, digits, optional fraction; no exponent, no plus sign, no leading zeros. */
  static isDecimalString(s: unknown): s is string {
    return typeof s === 'string' && decimalPattern.test(s);
  }

  /** Parses a plain decimal string such as `-12.3400`; throws a RangeError naming the bad text otherwise. */
  static parse(s: string): Decimal {
    if (!Decimal.isDecimalString(s)) throw new RangeError(`Decimal.parse: not a plain decimal string: ${JSON.stringify(s)}`);
    const dot = s.indexOf('.');
    if (dot < 0) return new Decimal(BigInt(s), 0);
    return new Decimal(BigInt(s.slice(0, dot) + s.slice(dot + 1)), s.length - dot - 1);
  }

  /** Parses like `parse` but returns undefined for a malformed string. */
  static safeParse(s: unknown): Decimal | undefined {
    return Decimal.isDecimalString(s) ? Decimal.parse(s) : undefined;
  }

  /** The integer `n` as a decimal. */
  static fromBigInt(n: bigint): Decimal {
    return new Decimal(n, 0);
  }

  /** The decimal `coef / 10^scale`. */
  static fromScaled(coef: bigint, scale: number): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Decimal.fromScaled: scale must be a non-negative integer, got ${scale}`);
    return new Decimal(coef, scale);
  }

  /** This value with its coefficient expressed at `scale` (≥ this.scale); exact. */
  private at(scale: number): bigint {
    return scale === this.scale ? this.coef : this.coef * pow10(scale - this.scale);
  }

  /** this + d, exact. */
  add(d: Decimal): Decimal {
    const s = Math.max(this.scale, d.scale);
    return new Decimal(this.at(s) + d.at(s), s);
  }

  /** this − d, exact. */
  sub(d: Decimal): Decimal {
    const s = Math.max(this.scale, d.scale);
    return new Decimal(this.at(s) - d.at(s), s);
  }

  /** this × d, exact. */
  mul(d: Decimal): Decimal {
    return new Decimal(this.coef * d.coef, this.scale + d.scale);
  }

  /** −this. */
  neg(): Decimal {
    return new Decimal(-this.coef, this.scale);
  }

  /** this ÷ n rounded to `scale` fraction digits with `mode` (the only inexact division). */
  divInt(n: bigint, scale: number, mode: RoundingMode): Decimal {
    if (n === 0n) throw new RangeError('Decimal.divInt: division by zero');
    checkScale(scale, 'divInt');
    const sign = n < 0n ? -1n : 1n;
    // value = coef / 10^s / n  →  at `scale`: coef × 10^scale / (10^s × n)
    let num = this.coef * sign;
    let den = n * sign;
    if (scale >= this.scale) num *= pow10(scale - this.scale);
    else den *= pow10(this.scale - scale);
    return new Decimal(divRound(num, den, mode), scale);
  }

  /** This value rounded to `scale` fraction digits with `mode`; values with fewer digits are returned unchanged (not padded). */
  round(scale: number, mode: RoundingMode): Decimal {
    checkScale(scale, 'round');
    if (scale >= this.scale) return this;
    return new Decimal(divRound(this.coef, pow10(this.scale - scale), mode), scale);
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than d. */
  cmp(d: Decimal): -1 | 0 | 1 {
    const s = Math.max(this.scale, d.scale);
    const a = this.at(s);
    const b = d.at(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** True when this equals d in value (scale ignored). */
  eq(d: Decimal): boolean {
    return this.cmp(d) === 0;
  }

  /** True when the value is zero. */
  isZero(): boolean {
    return this.coef === 0n;
  }

  /** −1, 0 or 1: the sign of the value. */
  sign(): -1 | 0 | 1 {
    return this.coef < 0n ? -1 : this.coef > 0n ? 1 : 0;
  }

  /** The same value with trailing fraction zeros removed. */
  normalize(): Decimal {
    let c = this.coef;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === this.scale ? this : new Decimal(c, s);
  }

  /** Plain decimal text without exponent and with minimal trailing zeros, e.g. `0.005615`, `-2`. */
  toString(): string {
    const n = this.normalize();
    return format(n.coef, n.scale);
  }

  /**
   * Plain decimal text with exactly `scale` fraction digits. Never rounds: a value with more
   * significant digits than `scale` is a RangeError (round first, with an explicit mode).
   */
  toFixed(scale: number): string {
    checkScale(scale, 'toFixed');
    const n = this.normalize();
    if (n.scale > scale) throw new RangeError(`Decimal.toFixed: ${n.toString()} has more than ${scale} fraction digits; round it first`);
    return format(n.coef * pow10(scale - n.scale), scale);
  }

  /** JSON form: the plain decimal string (money is never a JSON number). */
  toJSON(): string {
    return this.toString();
  }
}

function checkScale(scale: number, fn: string): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 1000) throw new RangeError(`Decimal.${fn}: scale must be an integer from 0 to 1000, got ${scale}`);
}

/** Formats coef × 10^-scale as plain decimal text. */
export function format(coef: bigint, scale: number): string {
  const neg = coef < 0n;
  let digits = (neg ? -coef : coef).toString();
  if (scale === 0) return (neg ? '-' : '') + digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}
