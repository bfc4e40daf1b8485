import { compilePriceSheet } from '../pricing/compilePriceSheet.js';
import type { PriceSheet } from '../pricing/types.js';
import type { MeasurementRecord } from '../schemas/types.gen.js';

/**
 * A small in-memory price sheet used by settlement tests, vectors and the benchmark: two models,
 * cached input, a batch tier, a per-request fee and a model with a cliff tier, so line items split
 * on every field of the line key (TMS-S-006).
 */
export const sampleSheetSource = {
  tms_version: '0.1.0',
  id: 'settlement-sample',
  currency: 'USD',
  unit: 1000000,
  entries: [
    { id: 'gpt-4o', model: 'gpt-4o', prices: { 'input/none/text': '2.5', 'input/read/text': '1.25', 'output/none/text': '10' } },
    { id: 'gpt-4o-batch', model: 'gpt-4o', service_tier: 'batch', prices: { 'input/none/text': '1.25', 'output/none/text': '5' } },
    { id: 'mini', model: 'mini', prices: { 'input/none/text': '0.15', 'output/none/text': '0.6' }, fees: { request: '0.0001' } },
    {
      id: 'long',
      model: 'long',
      prices: { 'input/none/text': '3', 'output/none/text': '15' },
      tiers: {
        mode: 'cliff',
        basis: ['input'],
        boundary: 'exclusive',
        levels: [{ from: 200000, name: 'long-context', prices: { 'input/none/text': '6', 'output/none/text': '22.5' } }],
      },
    },
  ],
} as const;

/** The sample sheet, compiled. */
export function sampleSheet(): PriceSheet {
  return compilePriceSheet(JSON.parse(JSON.stringify(sampleSheetSource)), { file: 'settlement-sample' });
}

/** Deterministic pseudo-random integers (mulberry32), so generated records are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds one measurement record valid against schemas/measurement-record.json. */
export function sampleRecord(
  i: number,
  opts: { time: string; model?: string; tier?: string; input?: number; cached?: number; output?: number },
): MeasurementRecord {
  const cells: MeasurementRecord['usage']['cells'] = [{ direction: 'input', cache: 'none', modality: 'text', tokens: opts.input ?? 1000 }];
  if (opts.cached) cells.push({ direction: 'input', cache: 'read', modality: 'text', tokens: opts.cached });
  cells.push({ direction: 'output', cache: 'none', modality: 'text', tokens: opts.output ?? 200 });
  return {
    tms_version: '0.1.0',
    record_id: `rec-${String(i).padStart(8, '0')}`,
    time: opts.time,
    provider: 'openai',
    model: opts.model ?? 'gpt-4o',
    ...(opts.tier ? { service_tier: opts.tier } : {}),
    usage: { cells },
  };
}

/**
 * `n` varied records with times spread over January 2026 (a few before and after it when
 * `outside` is set), for property tests and the benchmark.
 */
export function sampleRecords(n: number, seed = 1, outside = false): MeasurementRecord[] {
  const rnd = seeded(seed);
  const start = Date.UTC(2026, 0, 1);
  const span = 31 * 86400000;
  const out: MeasurementRecord[] = [];
  for (let i = 0; i < n; i++) {
    const off = outside ? Math.floor((rnd() * 1.2 - 0.1) * span) : Math.floor(rnd() * span);
    const model = ['gpt-4o', 'gpt-4o', 'mini', 'long'][Math.floor(rnd() * 4)];
    const tier = model === 'gpt-4o' && rnd() < 0.3 ? 'batch' : undefined;
    out.push(
      sampleRecord(i, {
        time: new Date(start + off).toISOString(),
        model,
        tier,
        input: model === 'long' ? Math.floor(rnd() * 400000) : Math.floor(rnd() * 5000),
        cached: model === 'gpt-4o' && !tier && rnd() < 0.5 ? Math.floor(rnd() * 3000) : 0,
        output: Math.floor(rnd() * 2000),
      }),
    );
  }
  return out;
}
