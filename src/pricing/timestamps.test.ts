// Request times (TMS-P-005): strict RFC 3339 with offset, parsed exactly like Date.parse where both accept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseTimestampOrDate } from './timestamps.js';

describe('parseTimestamp (TMS-P-005)', () => {
  it('accepts RFC 3339 with Z or an offset, fractions truncated to milliseconds', () => {
    expect(parseTimestamp('2025-06-10T00:00:00Z')).toBe(Date.UTC(2025, 5, 10));
    expect(parseTimestamp('2025-06-10T01:00:00+02:00')).toBe(Date.UTC(2025, 5, 9, 23));
    expect(parseTimestamp('2025-06-09t23:59:59.9999z')).toBe(Date.UTC(2025, 5, 9, 23, 59, 59, 999));
    expect(parseTimestamp('2024-02-29T12:00:00.5-00:30')).toBe(Date.UTC(2024, 1, 29, 12, 30, 0, 500));
  });

  it('rejects other shapes and impossible dates', () => {
    for (const s of [
      '2025-06-10',
      '2025-06-10 12:00:00Z',
      '2025-06-10T12:00:00',
      '2025-02-29T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-06-10T24:00:00Z',
      '2025-06-10T12:00:60Z',
      '2025-06-10T12:00:00+2:00',
      '2025-06-10T12:00:00.Z',
      '2025-06-10T12:00:00Zx',
      'x025-06-10T12:00:00Z',
    ]) {
      expect(parseTimestamp(s), s).toBeUndefined();
    }
    expect(parseTimestampOrDate('2025-06-10')).toBe(Date.UTC(2025, 5, 10));
    expect(parseTimestampOrDate('2025-02-30')).toBeUndefined();
  });

  it('agrees with Date.parse on every valid ISO instant (property, TMS-P-005)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseTimestamp(d.toISOString())).toBe(d.getTime());
      }),
    );
  });
});
