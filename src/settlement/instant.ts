import { utcSeconds } from '../pricing/timestamps.js';

/** A UTC instant with nanosecond resolution, comparable without floating point. */
export interface Instant {
  /** Whole milliseconds since the epoch. */
  readonly ms: number;
  /** Nanoseconds beyond `ms` (0…999 999). */
  readonly ns: number;
}

/**
 * Parses an RFC 3339 UTC timestamp (`Z` suffix, up to nine fraction digits), or returns undefined
 * for anything else: another offset, an impossible date, a leap second, a year before 100. Periods
 * and record times are compared to the nanosecond so a record at 23:59:59.9999999Z is not rounded
 * into the next day (TMS-S-001). Parsed by hand: the auditor parses every record's time.
 */
export function parseInstant(text: string): Instant | undefined {
  const n = text.length;
  if (n < 20 || n === 21 || n > 30 || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  // Years 0–99 ("00.."): Date.UTC would read them as 1900–1999.
  if (text[10] !== 'T' || (text.charCodeAt(0) === 48 && text.charCodeAt(1) === 48)) return undefined;
  const base = utcSeconds(text);
  if (base === undefined) return undefined;
  let ms = 0;
  let ns = 0;
  if (n > 20) {
    // ".d…dZ": one to nine digits; the first three are milliseconds, the rest nanoseconds.
    if (text[19] !== '.') return undefined;
    for (let i = 20; i < n - 1; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (i < 23) ms = ms * 10 + c;
      else ns = ns * 10 + c;
    }
    const digitsGiven = n - 21;
    for (let k = Math.min(digitsGiven, 3); k < 3; k++) ms *= 10;
    for (let k = Math.max(digitsGiven, 3); k < 9; k++) ns *= 10;
  }
  return { ms: base + ms, ns };
}

/** Compares two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}
