import type { Usage } from '../../schemas/types.gen.js';
import { NativeReader, readRoot } from './nativeReader.js';
import { CellList, IN_READ, IN_TEXT, IN_WRITE, OUT_ANSWER, OUT_REASONING, sumWhere } from './cellSums.js';
import type { ToCellsResult, UsageConvention } from './types.js';

/**
 * OpenAI Responses `ResponseUsage` (TMS-M-025): input_tokens includes cached_tokens and
 * cache_write_tokens; output_tokens includes reasoning_tokens; total = input + output.
 * No modality split exists in this convention, so every cell is text.
 */
export const openaiResponses: UsageConvention = {
  api: 'openai-responses',
  toCells(native: unknown): ToCellsResult {
    const r = new NativeReader();
    const u = readRoot(native, r);
    if (!u) return { ok: false, flags: [...r.flags], message: r.message() };
    const input = r.count(u, 'input_tokens', '', true);
    const output = r.count(u, 'output_tokens', '', true);
    const total = r.count(u, 'total_tokens', '', true);
    const id = r.object(u, 'input_tokens_details', '', true) ?? {};
    const od = r.object(u, 'output_tokens_details', '', true) ?? {};
    const cached = 'input_tokens_details' in u ? r.count(id, 'cached_tokens', '/input_tokens_details', true) : 0;
    const written = r.count(id, 'cache_write_tokens', '/input_tokens_details');
    const reasoning = 'output_tokens_details' in u ? r.count(od, 'reasoning_tokens', '/output_tokens_details', true) : 0;
    if (r.ok) {
      r.subset('cached-exceeds-prompt', '/input_tokens_details/cached_tokens', cached + written, input, 'cached + cache_write tokens exceed input_tokens');
      r.subset('reasoning-exceeds-output', '/output_tokens_details/reasoning_tokens', reasoning, output, 'reasoning_tokens exceed output_tokens');
      if (total !== input + output) r.fail('total-not-sum', '/total_tokens', `total_tokens ${total} ≠ input_tokens ${input} + output_tokens ${output}`);
    }
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const cells = new CellList()
      .required(IN_TEXT, input - cached - written)
      .optional(IN_READ, cached)
      .optional(IN_WRITE, written)
      .required(OUT_ANSWER, output - reasoning)
      .optional(OUT_REASONING, reasoning).cells;
    return { ok: true, usage: { cells } };
  },
  fromCells(usage: Usage): Record<string, unknown> {
    const input = sumWhere(usage, { direction: 'input' });
    const output = sumWhere(usage, { direction: 'output' });
    return {
      input_tokens: input,
      input_tokens_details: {
        cached_tokens: sumWhere(usage, { direction: 'input', cache: 'read' }),
        cache_write_tokens: sumWhere(usage, { direction: 'input', cache: 'write' }),
      },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: sumWhere(usage, { direction: 'output', phase: 'reasoning' }) },
      total_tokens: input + output,
    };
  },
};
