import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Usage, UsageCell } from '../schemas/types.gen.js';
import { fromCells, toCells, usageApis, type UsageApi } from './usageConventions.js';
import { sortedCells } from './usageCells.js';
import { totalInput, totalOutput, totalTokens } from './usageTotals.js';

type CellShape = Omit<UsageCell, 'tokens'>;
const IN = (cache: UsageCell['cache'], modality: UsageCell['modality'] = 'text', extra: Partial<CellShape> = {}): CellShape => ({
  direction: 'input',
  cache,
  modality,
  ...extra,
});
const OUT = (phase: 'answer' | 'reasoning', modality: UsageCell['modality'] = 'text'): CellShape => ({ direction: 'output', cache: 'none', modality, phase });

/** The cells each convention can express: required ones (may be 0) and optional ones (only when > 0). */
const shapes: Record<UsageApi, { required: CellShape[]; optional: CellShape[][] }> = {
  'openai-chat': {
    required: [IN('none'), OUT('answer')],
    optional: [[IN('read')], [IN('write')], [IN('none', 'audio')], [IN('none', 'image')], [OUT('reasoning')], [OUT('answer', 'audio')]],
  },
  'openai-responses': { required: [IN('none'), OUT('answer')], optional: [[IN('read')], [IN('write')], [OUT('reasoning')]] },
  'anthropic-messages': {
    required: [IN('none'), OUT('answer')],
    // Writes are either split by TTL or not: one of the two alternatives.
    optional: [[IN('read')], [OUT('reasoning')], [IN('write', 'text', { cache_ttl: '5m' }), IN('write', 'text', { cache_ttl: '1h' })], [IN('write')]],
  },
  gemini: {
    required: [IN('none'), OUT('answer')],
    optional: [
      [IN('none', 'image')],
      [IN('none', 'audio')],
      [IN('none', 'video')],
      [IN('read')],
      [IN('read', 'image')],
      [IN('none', 'text', { phase: 'tool' })],
      [IN('none', 'image', { phase: 'tool' })],
      [OUT('answer', 'image')],
      [OUT('reasoning')],
    ],
  },
};

const count = fc.integer({ min: 0, max: 2 ** 40 });

function cellsFor(api: UsageApi): fc.Arbitrary<Usage> {
  const s = shapes[api];
  const optional = s.optional.map((group) =>
    fc.option(fc.tuple(fc.constantFrom(...group.keys()), fc.tuple(...group.map(() => fc.integer({ min: 1, max: 2 ** 40 }))))),
  );
  return fc.tuple(fc.tuple(...s.required.map(() => count)), fc.tuple(...optional)).map(([req, opt]) => {
    const cells: UsageCell[] = s.required.map((c, i) => ({ ...c, tokens: req[i] }));
    opt.forEach((o, gi) => {
      if (o === null) return;
      const group = s.optional[gi];
      // anthropic: the TTL pair group contributes both cells, the untimed-write group excludes the pair.
      if (api === 'anthropic-messages' && group.length === 2) group.forEach((c, j) => cells.push({ ...c, tokens: o[1][j] }));
      else cells.push({ ...group[o[0]], tokens: o[1][o[0]] });
    });
    if (api === 'anthropic-messages' && cells.some((c) => c.cache_ttl) && cells.some((c) => c.cache === 'write' && !c.cache_ttl)) {
      return { cells: cells.filter((c) => !(c.cache === 'write' && !c.cache_ttl)) };
    }
    return { cells };
  });
}

describe('usage normalisation properties', () => {
  for (const api of usageApis) {
    it(`TMS-M-028: toCells(fromCells(u)) = u for valid ${api} cell sets`, () => {
      fc.assert(
        fc.property(cellsFor(api), (u) => {
          const back = toCells(api, fromCells(api, u));
          expect(back.ok).toBe(true);
          if (back.ok) expect(sortedCells(back.usage)).toEqual(sortedCells(u));
        }),
        { numRuns: 300 },
      );
    });

    it(`TMS-M-021: totals are sums, and fromCells(${api}) preserves total input and output`, () => {
      fc.assert(
        fc.property(cellsFor(api), (u) => {
          const back = toCells(api, fromCells(api, u));
          expect(back.ok).toBe(true);
          if (!back.ok) return;
          expect(totalInput(back.usage)).toBe(totalInput(u));
          expect(totalOutput(back.usage)).toBe(totalOutput(u));
          expect(totalTokens(u)).toBe(u.cells.reduce((s, c) => s + c.tokens, 0));
        }),
        { numRuns: 200 },
      );
    });
  }
});
