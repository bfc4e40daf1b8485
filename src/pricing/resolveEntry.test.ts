// Request times (TMS-P-005): an empty or malformed time is bad input, also on the very first call,
// when the one-entry memo of requestTime is still empty.
import { describe, expect, it, vi } from 'vitest';

describe('requestTime (TMS-P-005)', () => {
  it('rejects an empty time on a fresh module and after a memoised valid time', async () => {
    vi.resetModules();
    const { requestTime } = await import('./resolveEntry.js');
    expect(() => requestTime('')).toThrow(/request time "" is not an RFC 3339 timestamp/);
    expect(requestTime('2025-06-10T12:00:00Z')).toBe(Date.UTC(2025, 5, 10, 12));
    expect(requestTime('2025-06-10T12:00:00Z')).toBe(Date.UTC(2025, 5, 10, 12));
    expect(() => requestTime('')).toThrow(/not an RFC 3339 timestamp/);
    expect(() => requestTime('2025-06-10')).toThrow(/not an RFC 3339 timestamp/);
  });
});
