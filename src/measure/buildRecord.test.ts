import { describe, expect, it } from 'vitest';
import { buildMeasurementRecord } from './buildRecord.js';
import { digestJson } from '../digest/sha256.js';

const base = { recordId: 'r-1', time: '2026-08-21T10:00:00Z', provider: 'openai', model: 'gpt-4o' };

describe('buildMeasurementRecord (TMS-M-040..TMS-M-044)', () => {
  it('TMS-M-040: builds a schema-valid record from native usage', () => {
    const rec = buildMeasurementRecord({
      ...base,
      api: 'openai-chat',
      nativeUsage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
      tokenizer: 'o200k_base',
    });
    expect(rec.usage.cells).toEqual([
      { direction: 'input', cache: 'none', modality: 'text', tokens: 19 },
      { direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: 10 },
    ]);
    expect(rec.tokenizer?.vocab_sha256).toBe('446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d');
  });

  it('TMS-M-056: a record built under a declared variant reads the native usage by it and names it', () => {
    // xAI grok-3-mini usage, vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/xai/src/__fixtures__/xai-text.json
    const nativeUsage = { prompt_tokens: 12, completion_tokens: 1, total_tokens: 241, completion_tokens_details: { reasoning_tokens: 228 } };
    expect(() => buildMeasurementRecord({ ...base, model: 'grok-3-mini', api: 'openai-chat', nativeUsage })).toThrow(/total-not-sum/);
    const rec = buildMeasurementRecord({ ...base, model: 'grok-3-mini', api: 'openai-chat', nativeUsage, convention: 'openai-chat/reasoning-beside' });
    expect(rec.convention).toBe('openai-chat/reasoning-beside');
    expect(rec.usage.cells.find((c) => c.phase === 'reasoning')?.tokens).toBe(228);
    expect(() => buildMeasurementRecord({ ...base, api: 'gemini', nativeUsage, convention: 'openai-chat/reasoning-beside' })).toThrow(
      /not a variant of gemini/,
    );
  });

  it('TMS-M-041: time must be RFC 3339 UTC; Dates are converted', () => {
    expect(() => buildMeasurementRecord({ ...base, time: '2026-08-21T10:00:00+02:00', usage: { cells: [] } })).toThrow(/RFC 3339 UTC/);
    expect(buildMeasurementRecord({ ...base, time: new Date(0), usage: { cells: [] } }).time).toBe('1970-01-01T00:00:00.000Z');
  });

  it('TMS-M-042 and TMS-M-043: digests are over canonical JSON; comparability is content-free', () => {
    const request = { model: 'gpt-4o', messages: [{ role: 'user', content: 'héllo' }] };
    const rec = buildMeasurementRecord({ ...base, usage: { cells: [] }, request, inputText: 'héllo', referenceEncoding: 'cl100k_base' });
    expect(rec.request_sha256).toBe(digestJson({ messages: [{ content: 'héllo', role: 'user' }], model: 'gpt-4o' }));
    expect(rec.comparability).toEqual({ utf8_bytes: 6, code_points: 5, reference_tokens: { tokenizer: 'tiktoken/cl100k_base@1', tokens: expect.any(Number) } });
    expect(JSON.stringify(rec)).not.toContain('héllo');
  });

  it('TMS-M-029: invalid native usage is an input error with its flags', () => {
    expect(() => buildMeasurementRecord({ ...base, api: 'openai-chat', nativeUsage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 3 } })).toThrow(
      /total-not-sum/,
    );
  });

  it('TMS-M-044: record_id is required and non-empty', () => {
    expect(() => buildMeasurementRecord({ ...base, recordId: '', usage: { cells: [] } })).toThrow();
  });
});
