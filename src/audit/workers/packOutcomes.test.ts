import { describe, expect, it } from 'vitest';
import { serialize, deserialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { REC_KEYS, type LineOutcome } from '../core/processLine.js';
import { packOutcomes, unpackOutcomes } from './packOutcomes.js';

const line = (kind: string, quantity: number, amount: string, extra: Record<string, string> = {}) => ({
  kind,
  quantity,
  unit: 1_000_000,
  unit_price: '0.3',
  amount,
  ...extra,
});
const rec = (n: number, over: Partial<Extract<LineOutcome, { t: 'rec' }>> = {}): LineOutcome => ({
  t: 'rec',
  line: n,
  id: `id-${n}`,
  sha: `${n}`.padStart(64, '0'),
  time: '2026-10-01T00:00:07Z',
  period: 'in',
  model: 'gpt-4o-mini',
  tier: 'standard',
  priced: {
    ok: true,
    entry: 'openai/gpt-4o-mini',
    currency: 'USD',
    lines: [line('input/none/text', n, `0.00000${n}`, { price_key: 'input/none/*' })],
    total: `0.00000${n}`,
  },
  ...over,
});

describe('packOutcomes', () => {
  it('TMS-A-010: outcomes cross to the main thread packed and come back equal, in order, whatever their kind', () => {
    const outs: LineOutcome[] = [
      rec(1),
      rec(2),
      { t: 'skip', why: 'blank' },
      rec(3, { period: 'after-period' }),
      { t: 'bad', line: 5, pointer: '/usage', message: 'no', id: 'x' },
      rec(6, { priced: { ok: false, code: 'unknown-model', message: 'm' } }),
      rec(7, { recount: { field: 'input_tokens', reported: 9, recounted: 8, impact: '0.1', source: 'request' } }),
      rec(8, { cost: { currency: 'USD', amount: '1' } }),
      rec(9, { companions: [rec(9, { id: 'id-9/advisor' }) as Extract<LineOutcome, { t: 'rec' }>] }),
      rec(10, { priced: { ok: true, entry: 'e', currency: 'USD', lines: [line('a', 1, '1', { tier: 'undefined' }), line('a', 2, '2')], total: '3' } }),
      rec(11, { priced: { ok: true, entry: 'e', currency: 'USD', lines: [line('a', 1, '1'), line('a', 2, '2', { tier: 'undefined' })], total: '3' } }),
      rec(12, { tier: 'priority' }),
    ];
    const packed = deserialize(serialize(packOutcomes(outs)));
    const back = unpackOutcomes(packed);
    // Packed records carry their id key and digest (REC_KEYS); every other outcome crosses as it is.
    const packedAt = [0, 1, 3, 9, 10, 11];
    for (const [i, o] of back.entries()) {
      const keys = (o as Extract<LineOutcome, { t: 'rec' }>)[REC_KEYS];
      if (!packedAt.includes(i)) {
        expect(keys).toBeUndefined();
        continue;
      }
      const r = outs[i] as Extract<LineOutcome, { t: 'rec' }>;
      expect(Buffer.from(keys!).toString('hex')).toBe(createHash('sha256').update(r.id).digest('hex') + r.sha);
    }
    expect(back.map((o) => ({ ...o, [REC_KEYS]: undefined }))).toStrictEqual(outs.map((o) => ({ ...o, [REC_KEYS]: undefined })));
    // Records of one shape share it: 12 outcomes, 6 packed records, 5 shapes.
    expect(packed.shapes.length).toBe(5);
  });
});
