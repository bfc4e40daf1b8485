// Native usage lines are checked by the shape schemas/native-usage-line.json states and normalised
// by the declared conventions (TMS-A-002, TMS-M-024, TMS-M-026, TMS-M-027).
import { describe, expect, it } from 'vitest';
import { safeValidate } from '../../schemas/registry.js';
import { normaliseLine } from './normaliseLine.js';

const openai = {
  object: 'chat.completion',
  id: 'chatcmpl-1',
  created: 1790812882,
  model: 'gpt-4o',
  usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } },
};
const anthropic = {
  type: 'message',
  id: 'msg_1',
  time: '2026-10-02T10:00:00Z',
  model: 'claude-sonnet-4-5',
  usage: { input_tokens: 3, cache_creation_input_tokens: 418, cache_read_input_tokens: 1111, output_tokens: 33 },
};
const gemini = {
  responseId: 'g1',
  createTime: '2026-10-02T10:00:00Z',
  modelVersion: 'gemini-2.5-flash',
  usageMetadata: { promptTokenCount: 373, cachedContentTokenCount: 204, candidatesTokenCount: 89, thoughtsTokenCount: 167, totalTokenCount: 629 },
};

describe('normaliseLine (TMS-A-002)', () => {
  it.each([
    ['openai', openai, { 'input/none/text': 86, 'input/read/text': 1920, 'output/none/text/answer': 300 }],
    ['anthropic', anthropic, { 'input/none/text': 3, 'input/read/text': 1111, 'input/write/text': 418, 'output/none/text/answer': 33 }],
    ['gemini', gemini, { 'input/none/text': 169, 'input/read/text': 204, 'output/none/text/answer': 89, 'output/none/text/reasoning': 167 }],
  ])('normalises a valid %s line that the schema accepts (TMS-M-024, TMS-M-026, TMS-M-027)', (_n, line, cells) => {
    expect(safeValidate('native-usage-line', line)).toEqual({ ok: true });
    const r = normaliseLine(line);
    if (!r.ok) throw new Error(r.message);
    expect(safeValidate('measurement-record', r.record)).toEqual({ ok: true });
    const got = Object.fromEntries(
      r.record.usage.cells.filter((c) => c.tokens > 0).map((c) => [`${c.direction}/${c.cache}/${c.modality}${c.phase ? `/${c.phase}` : ''}`, c.tokens]),
    );
    expect(got).toEqual(cells);
  });

  it.each([
    ['an unknown property', { ...openai, choices_x: [] }, '/choices_x'],
    ['a non-integer created', { ...openai, created: '2026' }, '/created'],
    ['a time without Z', { ...anthropic, time: '2026-10-02T10:00:00+01:00' }, '/time'],
    ['a numeric cost', { ...openai, cost: { currency: 'USD', amount: 0.1 } }, '/cost'],
    ['a usage that does not add up', { ...openai, usage: { ...openai.usage, total_tokens: 1 } }, '/usage'],
    ['no id', { ...gemini, responseId: '' }, '/responseId'],
  ])('refuses %s with its pointer, as the schema does where it can', (_n, line, pointer) => {
    const r = normaliseLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.pointer).toBe(pointer);
    if (pointer !== '/usage') expect(safeValidate('native-usage-line', line).ok).toBe(false);
  });

  it("TMS-M-058: an Anthropic advisor iteration becomes its own model's record beside the response's", () => {
    // Usage numbers from vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/anthropic/src/__fixtures__/anthropic-advisor-20260301.1.json
    const z = { cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    const usage = {
      input_tokens: 2414,
      output_tokens: 3200,
      ...z,
      service_tier: 'priority',
      iterations: [
        { input_tokens: 1051, output_tokens: 35, ...z, type: 'message' },
        { input_tokens: 2728, output_tokens: 874, ...z, type: 'advisor_message', model: 'claude-opus-4-7' },
        { input_tokens: 1363, output_tokens: 3165, ...z, type: 'message' },
      ],
    };
    const r = normaliseLine({ ...anthropic, model: 'claude-sonnet-4-6', usage });
    if (!r.ok) throw new Error(r.message);
    expect(r.record.model).toBe('claude-sonnet-4-6');
    expect(r.companions?.map((c) => [c.record_id, c.model, c.service_tier, c.native_usage])).toEqual([
      ['msg_1/iterations/1', 'claude-opus-4-7', 'priority', usage.iterations[1]],
    ]);
    for (const c of r.companions ?? []) expect(safeValidate('measurement-record', c)).toEqual({ ok: true });
  });

  it('refuses a line that is neither a record nor a native line', () => {
    expect(normaliseLine({ hello: 1 })).toMatchObject({ ok: false, pointer: '' });
    expect(normaliseLine([1])).toMatchObject({ ok: false });
  });
});
