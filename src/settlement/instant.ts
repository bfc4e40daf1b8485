const utc = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** A UTC instant with nanosecond resolution, comparable without floating point. */
export interface Instant {
  /** Whole milliseconds since the epoch. */
  readonly ms: number;
  /** Nanoseconds beyond `ms` (0…999 999). */
  readonly ns: number;
}

/**
 * Parses an RFC 3339 UTC timestamp (`Z` suffix, up to nine fraction digits), or returns undefined
 * for anything else: another offset, an impossible date, a leap second. Periods and record times
 * are compared to the nanosecond so a record at 23:59:59.9999999Z is not rounded into the next day
 * (TMS-S-001).
 */
export function parseInstant(text: string): Instant | undefined {
  const m = utc.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  const frac = (m[7] ?? '').padEnd(9, '0');
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Number(frac.slice(0, 3));
  if (y < 100) return undefined; // Date.UTC maps years 0–99 to 1900–1999.
  return { ms, ns: Number(frac.slice(3)) };
}

/** Compares two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}
