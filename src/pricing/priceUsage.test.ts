// Pricing rules and invariants: TMS-P-006, TMS-P-011, TMS-P-013, TMS-P-014, TMS-P-015, TMS-P-017.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/Decimal.js';
import type { Usage, UsageCell } from '../schemas/types.gen.js';
import { cellKey } from '../measure/usageTotals.js';
import { compilePriceSheet } from './compilePriceSheet.js';
import { candidatePriceKeys } from './priceKey.js';
import { priceUsage } from './priceUsage.js';

const flat = compilePriceSheet(
  {
    tms_version: '0.1.0',
    id: 'prop',
    currency: 'USD',
    unit: 1000000,
    entries: [
      {
        id: 'm',
        model: 'm',
        prices: {
          'input/none/*': '1.25',
          'input/read/*': '0.125',
          'input/write/text': '1.5625',
          'input/write@1h/text': '2.5',
          'output/none/*': '10',
          'output/none/text/reasoning': '12.345678901',
        },
        fees: { request: '0.0001' },
      },
      {
        id: 'g',
        model: 'g',
        prices: { 'input/none/text': '0.0001' },
        tiers: {
          mode: 'graduated',
          basis: 'cell',
          boundary: 'exclusive',
          levels: [
            { from: 1000, prices: { 'input/none/text': '0.00005' } },
            { from: 5000, prices: { 'input/none/text': '0.00001' } },
          ],
        },
      },
    ],
  },
  { file: 'test' },
);

const kinds: Omit<UsageCell, 'tokens'>[] = [
  { direction: 'input', cache: 'none', modality: 'text' },
  { direction: 'input', cache: 'none', modality: 'image' },
  { direction: 'input', cache: 'read', modality: 'text' },
  { direction: 'input', cache: 'write', modality: 'text', cache_ttl: '5m' },
  { direction: 'input', cache: 'write', modality: 'text', cache_ttl: '1h' },
  { direction: 'output', cache: 'none', modality: 'text', phase: 'answer' },
  { direction: 'output', cache: 'none', modality: 'text', phase: 'reasoning' },
  { direction: 'output', cache: 'none', modality: 'audio' },
];
const usageArb: fc.Arbitrary<Usage> = fc
  .array(fc.nat({ max: 10_000_000 }), { minLength: kinds.length, maxLength: kinds.length })
  .chain((ns) => fc.subarray(kinds.map((k, i) => ({ ...k, tokens: ns[i] })) as UsageCell[]))
  .map((cells) => ({ cells }));
const at = '2025-09-01T00:00:00Z';
const total = (u: Usage, model = 'm', request = true): Decimal => {
  const r = priceUsage(flat, { model, at, usage: u, request });
  if (!r.ok) throw new Error(r.message);
  return Decimal.parse(r.total);
};

describe('priceUsage', () => {
  it('names each priced line by the cell key of the measure part, tried first (TMS-M-020, TMS-P-006)', () => {
    for (const k of kinds) expect(candidatePriceKeys({ ...k, tokens: 1 })[0]).toBe(cellKey(k));
    const r = priceUsage(flat, { model: 'm', at, usage: { cells: kinds.map((k) => ({ ...k, tokens: 1 })) }, request: false });
    expect(r.ok && r.lines.map((l) => l.kind).sort()).toEqual(kinds.map((k) => cellKey(k)).sort());
  });

  it('prices each line exactly as tokens × price ÷ unit (TMS-P-011)', () => {
    const r = priceUsage(flat, {
      model: 'm',
      at,
      usage: { cells: [{ direction: 'output', cache: 'none', modality: 'text', phase: 'reasoning', tokens: 7 }] },
      request: false,
    });
    expect(r).toMatchObject({
      ok: true,
      total: '0.000086419752307',
      lines: [{ kind: 'output/none/text/reasoning', unit_price: '12.345678901', amount: '0.000086419752307' }],
    });
  });

  it('falls back from reasoning to output, from write@5m to write, from image to * (TMS-P-006)', () => {
    const r = priceUsage(flat, {
      model: 'm',
      at,
      usage: {
        cells: [
          { direction: 'input', cache: 'write', cache_ttl: '5m', modality: 'text', tokens: 1 },
          { direction: 'input', cache: 'none', modality: 'image', tokens: 1 },
        ],
      },
      request: false,
    });
    expect(r.ok && r.lines.map((l) => l.price_key)).toEqual(['input/write/text', 'input/none/*']);
  });

  it('is a pure function: pricing other usages in between never changes a cost (property, TMS-P-013)', () => {
    fc.assert(
      fc.property(usageArb, fc.array(usageArb, { maxLength: 5 }), (u, others) => {
        const before = priceUsage(flat, { model: 'm', at, usage: u });
        for (const o of others)
          priceUsage(flat, { model: 'g', at, usage: { cells: o.cells.filter((c) => c.direction === 'input' && c.cache === 'none' && c.modality === 'text') } });
        for (const o of others) priceUsage(flat, { model: 'm', at, usage: o });
        expect(priceUsage(flat, { model: 'm', at, usage: u })).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('cost is additive over cells, the request fee counted once (property, TMS-P-014)', () => {
    fc.assert(
      fc.property(usageArb, (u) => {
        const parts = u.cells.reduce((s, c) => s.add(total({ cells: [c] }, 'm', false)), Decimal.zero);
        expect(total(u).eq(parts.add(Decimal.parse('0.0001')))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('cost is monotone in token counts for non-negative prices, graduated tiers included (property, TMS-P-015)', () => {
    fc.assert(
      fc.property(usageArb, fc.nat({ max: kinds.length - 1 }), fc.nat({ max: 1_000_000 }), (u, i, extra) => {
        if (u.cells.length === 0) return;
        const j = i % u.cells.length;
        const more = { cells: u.cells.map((c, k) => (k === j ? { ...c, tokens: c.tokens + extra } : c)) };
        expect(total(more).cmp(total(u))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 10_000 }), (n, extra) => {
        const g = (t: number) => total({ cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: t }] }, 'g');
        expect(g(n + extra).cmp(g(n))).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('graduated bands add up to the token count (TMS-P-007)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), (n) => {
        const r = priceUsage(flat, { model: 'g', at, usage: { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: n }] } });
        expect(r.ok && r.lines.reduce((s, l) => s + l.quantity, 0)).toBe(n);
      }),
    );
  });

  it('rejects invalid token counts as bad input (TMS-P-017)', () => {
    for (const tokens of [-1, 0.5, 2 ** 53, Number.NaN, '3']) {
      expect(() =>
        priceUsage(flat, { model: 'm', at, usage: { cells: [{ direction: 'input', cache: 'none', modality: 'text', tokens: tokens as number }] } }),
      ).toThrow(/non-negative integer/);
    }
  });
});
