/**
 * Rounding modes for exact decimals (TMS-P-003). Names follow the usual decimal libraries:
 * `half_up` is half *away from zero* (commercial rounding, OpenMeter/alpacadecimal `Round`,
 * Ruby `ROUND_HALF_UP`), so that round(-x) = -round(x) (the grid-billing crate's rounding.rs on docs.rs explains why).
 */
export type RoundingMode = 'half_even' | 'half_up' | 'half_down' | 'up' | 'down' | 'ceiling' | 'floor';

/** Every rounding mode, in a stable order (for schemas, CLI help and vectors). */
export const roundingModes: readonly RoundingMode[] = ['half_even', 'half_up', 'half_down', 'up', 'down', 'ceiling', 'floor'];

/** True when `s` names a rounding mode. */
export function isRoundingMode(s: unknown): s is RoundingMode {
  return roundingModes.some((m) => m === s);
}

/**
 * Divides `n` by the positive `d` and rounds the quotient to an integer with `mode`.
 * This is the single place where rounding happens; every other operation is exact.
 */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d <= 0n) throw new RangeError('divRound: the divisor must be positive');
  const q = n / d; // truncates toward zero
  const r = n % d; // same sign as n
  if (r === 0n) return q;
  const neg = n < 0n;
  const away = neg ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'ceiling':
      return neg ? q : away;
    case 'floor':
      return neg ? away : q;
    default: {
      const twice = (neg ? -r : r) * 2n;
      if (twice < d) return q;
      if (twice > d) return away;
      if (mode === 'half_up') return away;
      if (mode === 'half_down') return q;
      // half_even: the neighbour whose last digit is even.
      return q % 2n === 0n ? q : away;
    }
  }
}
