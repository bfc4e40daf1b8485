import { UsageError } from '../errors/errors.js';
import { minorUnits } from '../money/currencies.js';
import { isRoundingMode, roundingModes, type RoundingMode } from '../money/rounding.js';
import { compareInstants, parseInstant } from './instant.js';

/** Where rounding happens (TMS-S-007): on each line item, or only on the statement total. */
export type RoundingLevel = 'line' | 'statement';

/** A complete rounding policy as written into a statement. */
export interface RoundingPolicy {
  readonly mode: RoundingMode;
  readonly scale: number;
  readonly level: RoundingLevel;
}

/** The defaults of TMS-S-007: half_even at the currency's minor units, per line. */
export const defaultRounding = { mode: 'half_even', level: 'line' } as const;

/**
 * Completes a partial rounding policy: mode `half_even`, level `line`, scale = the currency's ISO
 * 4217 minor units on the period's first day (minor units are versioned, e.g. ISK 2 → 0 in 2023).
 * Bad values are UsageErrors naming the allowed ones.
 */
export function resolvePolicy(currency: string, from: string, p: { mode?: string; scale?: number; level?: string } = {}): RoundingPolicy {
  const mode = p.mode ?? defaultRounding.mode;
  if (!isRoundingMode(mode)) throw new UsageError(`rounding mode "${mode}" is not one of ${roundingModes.join(', ')}`);
  const level = p.level ?? defaultRounding.level;
  if (level !== 'line' && level !== 'statement') throw new UsageError(`rounding level "${level}" is not one of line, statement`);
  const scale = p.scale ?? minorUnits(currency, from);
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new UsageError(`rounding scale must be an integer from 0 to 18, got ${scale}`);
  return { mode, scale, level };
}

/** Checks a settlement period (TMS-S-001): both ends RFC 3339 UTC, from strictly before until. */
export function checkPeriod(from: string, until: string): void {
  const f = parseInstant(from);
  if (!f) throw new UsageError(`--from "${from}" is not an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z`);
  const u = parseInstant(until);
  if (!u) throw new UsageError(`--until "${until}" is not an RFC 3339 UTC timestamp such as 2026-02-01T00:00:00Z`);
  if (compareInstants(f, u) >= 0) throw new UsageError(`the period is empty: --from ${from} is not before --until ${until}`);
}
