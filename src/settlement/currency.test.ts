// TMS-S-011: one currency per statement; a record priced in another currency stops the settlement.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../pricing/priceUsage.js', async (orig) => {
  const real = (await orig()) as typeof import('../pricing/priceUsage.js');
  return {
    // A sheet cannot mix currencies, so a second currency is simulated for the model named "eur".
    priceUsage: (sheet: Parameters<typeof real.priceUsage>[0], q: Parameters<typeof real.priceUsage>[1]) => {
      const r = real.priceUsage(sheet, { ...q, model: q.model === 'eur' ? 'mini' : q.model });
      return r.ok && q.model === 'eur' ? { ...r, currency: 'EUR' } : r;
    },
  };
});

const { sampleRecord, sampleSheet } = await import('../testing/sampleRecords.js');
const { settleValues } = await import('./settleValues.js');

describe('currencies (TMS-S-011)', () => {
  it('TMS-S-011: a record priced in another currency is a mixed-currency input error naming its place', () => {
    const rs = [sampleRecord(1, { time: '2026-01-02T00:00:00Z', model: 'mini' }), sampleRecord(2, { time: '2026-01-03T00:00:00Z', model: 'eur' })];
    expect(() => settleValues(rs, { sheet: sampleSheet(), from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' }, 'r.jsonl')).toThrow(
      expect.objectContaining({ code: 'mixed-currency', location: { file: 'r.jsonl', line: 2 } }),
    );
  });
});
