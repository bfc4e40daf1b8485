import type { Usage } from '../../schemas/types.gen.js';
import { NativeReader, readRoot } from './nativeReader.js';
import { CellList, IN_READ, IN_TEXT, IN_WRITE, OUT_ANSWER, OUT_REASONING, sumWhere } from './cellSums.js';
import type { ToCellsResult, UsageConvention } from './types.js';

/**
 * OpenAI Chat Completions `CompletionUsage` (TMS-M-024): prompt_tokens includes cached_tokens and
 * cache_write_tokens (subsets) and the audio/image modality counts; completion_tokens includes
 * reasoning_tokens and audio output. Fresh text = prompt − cached − written − audio − image.
 */
export const openaiChat: UsageConvention = {
  api: 'openai-chat',
  toCells(native: unknown): ToCellsResult {
    const r = new NativeReader();
    const u = readRoot(native, r);
    if (!u) return { ok: false, flags: [...r.flags], message: r.message() };
    const prompt = r.count(u, 'prompt_tokens', '', true);
    const completion = r.count(u, 'completion_tokens', '', true);
    const total = r.count(u, 'total_tokens', '', true);
    const pd = r.object(u, 'prompt_tokens_details', '') ?? {};
    const cd = r.object(u, 'completion_tokens_details', '') ?? {};
    const cached = r.count(pd, 'cached_tokens', '/prompt_tokens_details');
    const written = r.count(pd, 'cache_write_tokens', '/prompt_tokens_details');
    const audioIn = r.count(pd, 'audio_tokens', '/prompt_tokens_details');
    const imageIn = r.count(pd, 'image_tokens', '/prompt_tokens_details');
    const reasoning = r.count(cd, 'reasoning_tokens', '/completion_tokens_details');
    const audioOut = r.count(cd, 'audio_tokens', '/completion_tokens_details');
    const accepted = r.count(cd, 'accepted_prediction_tokens', '/completion_tokens_details');
    const rejected = r.count(cd, 'rejected_prediction_tokens', '/completion_tokens_details');
    if (r.ok) {
      r.subset('cached-exceeds-prompt', '/prompt_tokens_details/cached_tokens', cached + written, prompt, 'cached + cache_write tokens exceed prompt_tokens');
      r.subset(
        'modality-exceeds-prompt',
        '/prompt_tokens_details',
        cached + written + audioIn + imageIn,
        prompt,
        'cached + written + audio + image tokens exceed prompt_tokens',
      );
      r.subset(
        'reasoning-exceeds-output',
        '/completion_tokens_details/reasoning_tokens',
        reasoning + audioOut,
        completion,
        'reasoning + audio tokens exceed completion_tokens',
      );
      r.subset(
        'prediction-exceeds-output',
        '/completion_tokens_details',
        Math.max(accepted, rejected),
        completion,
        'prediction tokens exceed completion_tokens',
      );
      if (total !== prompt + completion)
        r.fail('total-not-sum', '/total_tokens', `total_tokens ${total} ≠ prompt_tokens ${prompt} + completion_tokens ${completion}`);
    }
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const cells = new CellList()
      .required(IN_TEXT, prompt - cached - written - audioIn - imageIn)
      .optional(IN_READ, cached)
      .optional(IN_WRITE, written)
      .optional({ direction: 'input', cache: 'none', modality: 'audio' }, audioIn)
      .optional({ direction: 'input', cache: 'none', modality: 'image' }, imageIn)
      .required(OUT_ANSWER, completion - reasoning - audioOut)
      .optional(OUT_REASONING, reasoning)
      .optional({ direction: 'output', cache: 'none', modality: 'audio', phase: 'answer' }, audioOut).cells;
    return { ok: true, usage: { cells } };
  },
  fromCells(usage: Usage): Record<string, unknown> {
    const prompt = sumWhere(usage, { direction: 'input' });
    const completion = sumWhere(usage, { direction: 'output' });
    const pd: Record<string, number> = { cached_tokens: sumWhere(usage, { direction: 'input', cache: 'read' }) };
    const written = sumWhere(usage, { direction: 'input', cache: 'write' });
    if (written > 0) pd.cache_write_tokens = written;
    // Audio and image are reported for fresh input only: OpenAI does not split cached tokens by modality.
    const audioIn = sumWhere(usage, { direction: 'input', cache: 'none', modality: 'audio' });
    const imageIn = sumWhere(usage, { direction: 'input', cache: 'none', modality: 'image' });
    if (audioIn > 0) pd.audio_tokens = audioIn;
    if (imageIn > 0) pd.image_tokens = imageIn;
    const cd: Record<string, number> = { reasoning_tokens: sumWhere(usage, { direction: 'output', phase: 'reasoning' }) };
    const audioOut =
      sumWhere(usage, { direction: 'output', modality: 'audio' }) - sumWhere(usage, { direction: 'output', modality: 'audio', phase: 'reasoning' });
    if (audioOut > 0) cd.audio_tokens = audioOut;
    return {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: pd,
      completion_tokens_details: cd,
    };
  },
};
