import { describe, expect, it } from 'vitest';
import { conventionIds, conventionVariants, matchingVariants, resolveConvention, toCells } from '../usageConventions.js';
import { cellKey } from '../usageTotals.js';
import type { Usage } from '../../schemas/types.gen.js';

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));
// xAI grok-3-mini final stream usage, vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911 packages/xai/src/__fixtures__/xai-text.chunks.txt
const xai = {
  prompt_tokens: 12,
  completion_tokens: 1,
  total_tokens: 303,
  prompt_tokens_details: { text_tokens: 12, audio_tokens: 0, image_tokens: 0, cached_tokens: 11 },
  completion_tokens_details: { reasoning_tokens: 290, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  num_sources_used: 0,
};

describe('usage convention variants (TMS-M-055, TMS-M-056)', () => {
  it('TMS-M-055: one table names every variant by api/name with its scope', () => {
    expect(conventionVariants.map((v) => v.id)).toEqual(['openai-chat/reasoning-beside', 'openai-chat/usage-on-finish-chunk', 'openai-chat/usage-unrequested']);
    for (const v of conventionVariants) {
      expect(v.id).toBe(`${v.api}/${v.name}`);
      expect(v.scope === 'usage').toBe(v.toConvention !== undefined);
    }
    expect(conventionIds).toContain('gemini');
  });

  it('TMS-M-055: xAI usage (reasoning beside completion_tokens) fails the declared OpenAI Chat convention', () => {
    const r = toCells('openai-chat', xai);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.flags).toContain('total-not-sum');
  });

  it('TMS-M-056: read under openai-chat/reasoning-beside, the same object gives 290 reasoning and 1 answer token', () => {
    const { variant } = resolveConvention('openai-chat/reasoning-beside');
    const r = toCells('openai-chat', xai, variant);
    expect(r.ok).toBe(true);
    if (r.ok) expect(keyed(r.usage)).toEqual({ 'input/none/text': 1, 'input/read/text': 11, 'output/none/text/answer': 1, 'output/none/text/reasoning': 290 });
    // A conforming object read under the variant is rejected: the variant is a declaration, not a guess.
    const conforming = { prompt_tokens: 12, completion_tokens: 291, total_tokens: 303, completion_tokens_details: { reasoning_tokens: 290 } };
    const bad = toCells('openai-chat', conforming, variant);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^read as openai-chat\/reasoning-beside: /);
  });

  it('TMS-M-055: matchingVariants names the known deviation an invalid object fits, and nothing for a valid one', () => {
    expect(matchingVariants('openai-chat', xai)).toEqual(['openai-chat/reasoning-beside']);
    expect(matchingVariants('openai-chat', { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 })).toEqual([]);
    expect(matchingVariants('openai-chat', { prompt_tokens: 1, completion_tokens: 2, total_tokens: 9 })).toEqual([]);
  });

  it('TMS-M-056: fromConvention is the inverse of toConvention', () => {
    const v = resolveConvention('openai-chat/reasoning-beside').variant!;
    expect(v.fromConvention!(v.toConvention!(xai))).toEqual(xai);
    expect(v.toConvention!(xai).completion_tokens).toBe(291);
  });

  it('TMS-M-056: stream variants leave a finished usage object as it is; unknown names are an input error', () => {
    const v = resolveConvention('openai-chat/usage-on-finish-chunk').variant!;
    const plain = { prompt_tokens: 45, completion_tokens: 662, total_tokens: 707 };
    expect(toCells('openai-chat', plain, v)).toEqual(toCells('openai-chat', plain));
    expect(resolveConvention('gemini')).toEqual({ api: 'gemini' });
    expect(() => resolveConvention('openai-chat/nope')).toThrow(/unknown usage convention "openai-chat\/nope"; known: openai-chat, /);
  });
});
