import { describe, expect, it } from 'vitest';
import { mergeAnthropicDelta, mergeStreamUsage } from './streamUsage.js';
import { toCells } from './usageConventions.js';

describe('stream usage merge (TMS-M-031, TMS-M-060)', () => {
  it('TMS-M-031: Anthropic deltas overwrite, never add (docs example: start 25/1, delta output 15)', () => {
    expect(mergeStreamUsage('anthropic-messages', [{ input_tokens: 25, output_tokens: 1 }, { output_tokens: 15 }])).toEqual({
      input_tokens: 25,
      output_tokens: 15,
    });
  });

  it('TMS-M-060: a delta raising cache_creation_input_tokens without a split moves the change to the one TTL in use', () => {
    const start = {
      input_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 1,
    };
    // No TTL held a write yet: the TTL of the 1,280 new write tokens is unknown, so the split is dropped.
    const unknown = mergeAnthropicDelta(start, { cache_creation_input_tokens: 1280, output_tokens: 9 });
    expect(unknown.cache_creation).toBeNull();
    const r = toCells('anthropic-messages', unknown);
    expect(r.ok && r.usage.cells.find((c) => c.cache === 'write')).toEqual({ direction: 'input', cache: 'write', modality: 'text', tokens: 1280 });
    // One TTL held every earlier write: the change stays with it.
    const oneHour = mergeAnthropicDelta(
      { ...start, cache_creation_input_tokens: 1000, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 } },
      { cache_creation_input_tokens: 1280, output_tokens: 9 },
    );
    expect(oneHour.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1280 });
    expect(toCells('anthropic-messages', oneHour).ok).toBe(true);
    // A delta with its own split is taken as sent; an inconsistent start is left for the reader to reject.
    const own = mergeAnthropicDelta(start, {
      cache_creation_input_tokens: 10,
      cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 6 },
      output_tokens: 2,
    });
    expect(own.cache_creation).toEqual({ ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 6 });
    const bad = mergeAnthropicDelta({ ...start, cache_creation_input_tokens: 7 }, { output_tokens: 2 });
    expect(toCells('anthropic-messages', bad).ok).toBe(false);
  });

  it('TMS-M-031: OpenAI and Gemini streams: the last usage present is the usage', () => {
    expect(mergeStreamUsage('openai-chat', [null, null, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }])).toEqual({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
    });
    expect(
      mergeStreamUsage('gemini', [
        { promptTokenCount: 3, totalTokenCount: 3 },
        undefined,
        { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
      ]),
    ).toEqual({ promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 });
    expect(mergeStreamUsage('openai-chat', [null, undefined])).toBeUndefined();
  });
});
