// Price-data import (TMS-P-018): shortest round-trip decimals, faithful structure, nothing dropped silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { compilePriceSheet } from '../compilePriceSheet.js';
import { priceUsage } from '../priceUsage.js';
import { floatToDecimal } from './floatToDecimal.js';
import { importGenaiPrices, type GProvider } from './genaiPrices.js';
import { cellKeyOfGenaiKey } from './genaiModelPrice.js';
import { importLitellm } from './litellm.js';

const opts = { source: 'test', retrieved: '2026-11-28', generator: 'test' };
const cell = (direction: 'input' | 'output', cache: 'none' | 'read' | 'write', tokens: number) => ({ direction, cache, modality: 'text' as const, tokens });

describe('floatToDecimal (TMS-P-018)', () => {
  it('writes the shortest round-trip decimal, without exponent', () => {
    expect(floatToDecimal(2.5e-6)).toBe('0.0000025');
    expect(floatToDecimal(1.5e-5)).toBe('0.000015');
    expect(floatToDecimal(0.55)).toBe('0.55');
    expect(floatToDecimal(1e21)).toBe('1000000000000000000000');
    expect(floatToDecimal(-0)).toBe('0');
    // A float that is itself an artefact stays what it is: the importer does not guess.
    expect(floatToDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(floatToDecimal(Number.NaN)).toBeUndefined();
  });
});

describe('LiteLLM import (fixture: verbatim entries of BerriAI/litellm model_prices_and_context_window.json)', () => {
  const data = JSON.parse(readFileSync(fromRoot('src', 'pricing', 'import', 'fixtures', 'litellm-sample.json'), 'utf8')) as Record<string, unknown>;
  const r = importLitellm(data, opts);
  const sheet = compilePriceSheet(r.sheet, { file: 'litellm' });

  it('prices V6 (Sonnet 4.5 above 200K) and V1 (gpt-4o cached) like the reference', () => {
    const v6 = priceUsage(sheet, {
      model: 'claude-sonnet-4-5',
      at: '2026-01-01T00:00:00Z',
      usage: { cells: [cell('input', 'none', 250000), cell('output', 'none', 500)] },
    });
    expect(v6.ok && v6.total).toBe('1.51125');
    const v1 = priceUsage(sheet, {
      model: 'gpt-4o',
      at: '2026-01-01T00:00:00Z',
      usage: { cells: [cell('input', 'none', 86), cell('input', 'read', 1920), cell('output', 'none', 300)] },
    });
    expect(v1.ok && v1.total).toBe('0.005615');
  });

  it('makes service tiers separate entries and off-peak hours windows (TMS-P-005, TMS-P-008)', () => {
    const flex = priceUsage(sheet, { model: 'gpt-5', at: '2026-01-01T00:00:00Z', serviceTier: 'flex', usage: { cells: [cell('input', 'none', 1000000)] } });
    expect(flex.ok && flex.total).toBe('0.625');
    const m = 'deepseek/deepseek-chat-offpeak-example';
    const off = priceUsage(sheet, { model: m, at: '2026-01-01T17:00:00Z', usage: { cells: [cell('input', 'none', 1000000)] } });
    const std = priceUsage(sheet, { model: m, at: '2026-01-01T12:00:00Z', usage: { cells: [cell('input', 'none', 1000000)] } });
    expect([off.ok && off.total, std.ok && std.total]).toEqual(['0.135', '0.27']);
  });

  it('reports every price it cannot represent (TMS-P-018)', () => {
    expect(r.issues.map((i) => `${i.source} ${i.field} ${i.effect}`)).toEqual([
      'claude-sonnet-4-5 search_context_cost_per_query price-dropped',
      'gemini-2.5-pro input/write/* above 200000 price-dropped',
      'dashscope/qwen-example tiered_pricing narrowed',
      'text-embedding-example input_cost_per_character price-dropped',
    ]);
  });
});

describe('genai-prices import', () => {
  it('maps every token unit of units.yml to a cell key by its dimensions', () => {
    expect(cellKeyOfGenaiKey('input_mtok')).toBe('input/none/*');
    expect(cellKeyOfGenaiKey('cache_write_1h_mtok')).toBe('input/write@1h/*');
    expect(cellKeyOfGenaiKey('cache_audio_read_mtok')).toBe('input/read/audio');
    expect(cellKeyOfGenaiKey('output_text_reasoning_mtok')).toBe('output/none/text/reasoning');
    expect(cellKeyOfGenaiKey('input_image_tool_mtok')).toBe('input/none/image/tool');
    expect(cellKeyOfGenaiKey('output_citation_mtok')).toBeUndefined();
  });

  it('turns conditional prices into non-overlapping dates and windows, tiers into cliff levels, kcount into fees', () => {
    const data: GProvider[] = [
      {
        id: 'p',
        models: [
          {
            id: 'dated',
            match: { equals: 'dated' },
            prices: [{ prices: { input_mtok: 10 } }, { constraint: { start_date: '2025-06-10' }, prices: { input_mtok: 2 } }],
          },
          {
            id: 'timed',
            match: { or: [{ equals: 'timed' }, { starts_with: 'timed-' }] },
            prices: [{ prices: { input_mtok: 0.135 } }, { constraint: { start_time: '00:30:00Z', end_time: '16:30:00Z' }, prices: { input_mtok: 0.27 } }],
          },
          {
            id: 'tiered',
            match: { equals: 'tiered' },
            prices: { input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] }, output_mtok: 15, requests_kcount: 1, input_audio_hours: 0.5 },
          },
        ],
      },
    ];
    const r = importGenaiPrices(data, { providers: ['p'], ...opts });
    const s = compilePriceSheet(r.sheet, { file: 'g' });
    const price = (model: string, at: string, n: number) => {
      const x = priceUsage(s, { model, at, usage: { cells: [cell('input', 'none', n)] } });
      return x.ok ? x.total : x.code;
    };
    expect([price('dated', '2025-06-09T23:59:59Z', 1e6), price('dated', '2025-06-10T00:00:00Z', 1e6)]).toEqual(['10', '2']);
    expect([price('timed', '2025-07-12T00:29:59Z', 1e6), price('timed', '2025-07-12T00:30:00Z', 1e6), price('timed', '2025-07-12T16:30:00Z', 1e6)]).toEqual([
      '0.135',
      '0.27',
      '0.135',
    ]);
    expect([price('tiered', '2026-01-01T00:00:00Z', 200000), price('tiered', '2026-01-01T00:00:00Z', 200001)]).toEqual(['0.601', '1.201006']);
    expect(price('timed-x', '2026-01-01T00:00:00Z', 1)).toBe('unknown-model');
    expect(r.issues.map((i) => `${i.source} ${i.field} ${i.effect}`)).toEqual(['p/timed match narrowed', 'p/tiered input_audio_hours price-dropped']);
  });
});
