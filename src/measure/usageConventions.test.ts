import { describe, expect, it } from 'vitest';
import { fromCells, toCells } from './usageConventions.js';
import { cellKey, totalInput, totalOutput, totalTokens } from './usageTotals.js';
import type { Usage } from '../schemas/types.gen.js';

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));
function ok(r: ReturnType<typeof toCells>): Usage {
  if (!r.ok) throw new Error(`unexpected invalid: ${r.message}`);
  return r.usage;
}

describe('usage conventions (TMS-M-024..TMS-M-029)', () => {
  it('TMS-M-024: OpenAI chat cached_tokens is a subset of prompt_tokens (recorded gpt-4o-mini response, vectors/measure/usage-openai-chat.json)', () => {
    const u = ok(toCells('openai-chat', { prompt_tokens: 4263, completion_tokens: 529, total_tokens: 4792, prompt_tokens_details: { cached_tokens: 4096 } }));
    expect(keyed(u)).toEqual({ 'input/none/text': 167, 'input/read/text': 4096, 'output/none/text/answer': 529 });
    expect(totalInput(u)).toBe(4263);
    expect(totalTokens(u)).toBe(4792);
  });

  it('TMS-M-023: OpenAI reasoning is inside completion_tokens', () => {
    const u = ok(
      toCells('openai-responses', {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 300,
        output_tokens_details: { reasoning_tokens: 256 },
        total_tokens: 310,
      }),
    );
    expect(keyed(u)).toEqual({ 'input/none/text': 10, 'output/none/text/answer': 44, 'output/none/text/reasoning': 256 });
    expect(totalOutput(u)).toBe(300);
  });

  it('TMS-M-026: Anthropic input excludes cache reads and writes (Arize-ai/openinference#3734: 10 + 1733 + 512 + 5 = 2260)', () => {
    const u = ok(toCells('anthropic-messages', { input_tokens: 10, cache_creation_input_tokens: 1733, cache_read_input_tokens: 512, output_tokens: 5 }));
    expect(totalInput(u)).toBe(2255);
    expect(totalTokens(u)).toBe(2260);
    const split = ok(
      toCells('anthropic-messages', {
        input_tokens: 3,
        cache_creation_input_tokens: 12304,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 12000, ephemeral_1h_input_tokens: 304 },
        output_tokens: 550,
      }),
    );
    expect(keyed(split)).toEqual({ 'input/none/text': 3, 'input/write@5m/text': 12000, 'input/write@1h/text': 304, 'output/none/text/answer': 550 });
  });

  it('TMS-M-027: Gemini thoughts are outside candidates and inside total (Joouis/agent-maestro#190: 220 + 5 + 185 = 410)', () => {
    const u = ok(toCells('gemini', { promptTokenCount: 220, candidatesTokenCount: 5, thoughtsTokenCount: 185, totalTokenCount: 410 }));
    expect(keyed(u)).toEqual({ 'input/none/text': 220, 'output/none/text/answer': 5, 'output/none/text/reasoning': 185 });
    const m = ok(
      toCells('gemini', {
        promptTokenCount: 300,
        cachedContentTokenCount: 100,
        totalTokenCount: 310,
        candidatesTokenCount: 10,
        promptTokensDetails: [
          { modality: 'TEXT', tokenCount: 42 },
          { modality: 'IMAGE', tokenCount: 258 },
        ],
        cacheTokensDetails: [{ modality: 'IMAGE', tokenCount: 100 }],
      }),
    );
    expect(keyed(m)).toEqual({ 'input/none/text': 42, 'input/none/image': 158, 'input/read/image': 100, 'output/none/text/answer': 10 });
  });

  it('TMS-M-028: fromCells gives the native object back', () => {
    const native = {
      prompt_tokens: 4263,
      completion_tokens: 529,
      total_tokens: 4792,
      prompt_tokens_details: { cached_tokens: 4096 },
      completion_tokens_details: { reasoning_tokens: 0 },
    };
    expect(fromCells('openai-chat', ok(toCells('openai-chat', native)))).toEqual(native);
    const a = {
      input_tokens: 3,
      cache_creation_input_tokens: 12304,
      cache_read_input_tokens: 0,
      cache_creation: null,
      output_tokens: 550,
      output_tokens_details: null,
    };
    expect(fromCells('anthropic-messages', ok(toCells('anthropic-messages', a)))).toEqual(a);
  });

  it('TMS-M-029: invalid usage objects are rejected with a flag', () => {
    const cases: [Parameters<typeof toCells>[0], unknown, string][] = [
      ['openai-chat', { prompt_tokens: 5, completion_tokens: 1, total_tokens: 7 }, 'total-not-sum'],
      ['openai-chat', { prompt_tokens: 5, completion_tokens: 1 }, 'missing-field'],
      ['openai-chat', { prompt_tokens: -1, completion_tokens: 1, total_tokens: 0 }, 'negative'],
      ['openai-chat', { prompt_tokens: 1.5, completion_tokens: 1, total_tokens: 2.5 }, 'fractional'],
      ['openai-chat', { prompt_tokens: '5', completion_tokens: 1, total_tokens: 6 }, 'wrong-type'],
      ['openai-chat', { prompt_tokens: 2 ** 53, completion_tokens: 0, total_tokens: 2 ** 53 }, 'too-large'],
      ['openai-chat', { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6, prompt_tokens_details: { cached_tokens: 6 } }, 'cached-exceeds-prompt'],
      [
        'openai-chat',
        { prompt_tokens: 5, completion_tokens: 102, total_tokens: 107, completion_tokens_details: { reasoning_tokens: 109 } },
        'reasoning-exceeds-output',
      ],
      ['anthropic-messages', { input_tokens: 1, output_tokens: 2, output_tokens_details: { thinking_tokens: 3 } }, 'reasoning-exceeds-output'],
      [
        'anthropic-messages',
        { input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 10, cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 5 } },
        'ttl-split-mismatch',
      ],
      ['gemini', { promptTokenCount: 10, candidatesTokenCount: 200, totalTokenCount: 210, thoughtsTokenCount: 5000 }, 'total-not-sum'],
      ['gemini', { promptTokenCount: 10, cachedContentTokenCount: 11, totalTokenCount: 10 }, 'cached-exceeds-prompt'],
      ['openai-responses', [], 'not-an-object'],
    ];
    for (const [api, native, flag] of cases) {
      const r = toCells(api, native);
      expect(r.ok, `${api} ${JSON.stringify(native)}`).toBe(false);
      if (!r.ok) expect(r.flags, r.message).toContain(flag);
    }
  });
});
