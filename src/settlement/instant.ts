/** A UTC instant with nanosecond resolution, comparable without floating point. */
export interface Instant {
  /** Whole milliseconds since the epoch. */
  readonly ms: number;
  /** Nanoseconds beyond `ms` (0…999 999). */
  readonly ns: number;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `n` ASCII digits of `s` at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
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
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : monthDays[mo - 1])) return undefined;
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
  return { ms: Date.UTC(y, mo - 1, d, h, mi, s) + ms, ns };
}

/** Compares two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}
