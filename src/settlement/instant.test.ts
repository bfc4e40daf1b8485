// The hand-written instant parser agrees with the RFC 3339 grammar it implements (TMS-S-001).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

// An independent oracle: the grammar as a regular expression and the calendar of Date.
const utc = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
function oracle(text: string): { ms: number; ns: number } | undefined {
  const m = utc.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  const frac = (m[7] ?? '').padEnd(9, '0');
  return { ms: Date.UTC(y, mo - 1, d, h, mi, s) + Number(frac.slice(0, 3)), ns: Number(frac.slice(3)) };
}

const digit = fc.constantFrom(...'0123456789');
const nd = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
// Near-valid timestamps: every field drawn from digits (so invalid months, days and hours occur),
// an optional fraction of 0–10 digits, and sometimes a wrong separator or suffix.
const nearValid = fc
  .tuple(nd(4), nd(2), nd(2), nd(2), nd(2), nd(2), fc.nat({ max: 10 }), fc.constantFrom('Z', 'z', '+00:00', 'Z ', ''), fc.constantFrom('T', 't', ' '))
  .chain(([y, mo, d, h, mi, s, f, z, t]) => nd(f).map((frac) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f > 0 ? `.${frac}` : ''}${z}`));

describe('parseInstant (TMS-S-001)', () => {
  it('TMS-S-001: agrees with the RFC 3339 UTC grammar and the calendar on near-valid and arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(nearValid, fc.string()), (text) => {
        expect(parseInstant(text)).toEqual(oracle(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('TMS-S-001: keeps nanoseconds and rejects leap days of common years, leap seconds and years before 100', () => {
    expect(parseInstant('2026-10-31T23:59:59.999999999Z')).toEqual({ ms: Date.UTC(2026, 9, 31, 23, 59, 59, 999), ns: 999999 });
    expect(parseInstant('2026-10-01T00:00:00.5Z')).toEqual({ ms: Date.UTC(2026, 9, 1) + 500, ns: 0 });
    expect(parseInstant('2026-10-01T00:00:00.0001Z')).toEqual({ ms: Date.UTC(2026, 9, 1), ns: 100000 });
    expect(parseInstant('2024-02-29T00:00:00Z')).toBeDefined();
    expect(parseInstant('2100-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2026-06-30T23:59:60Z')).toBeUndefined();
    expect(parseInstant('0099-01-01T00:00:00Z')).toBeUndefined();
  });
});
