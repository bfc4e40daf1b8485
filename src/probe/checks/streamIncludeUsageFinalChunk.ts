import { fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

const present = (u: unknown): boolean => u !== undefined && u !== null;

/**
 * OpenAI include_usage semantics (TMS-M-032): with it, exactly one usage chunk, last before [DONE],
 * with empty choices, every other chunk's usage null; without it, no chunk carries usage.
 */
export const streamIncludeUsageFinalChunk: Check = {
  name: 'stream-include-usage-final-chunk',
  title: 'include_usage: one final usage chunk only when requested',
  level: 'MUST',
  requirements: ['TMS-M-032'],
  needs: (m) => (m.api !== 'openai-chat' || m.capabilities.streaming === false ? [] : ['stream', 'stream-bare']),
  evaluate(ctx) {
    if (ctx.model.api !== 'openai-chat') return notApplicable('include_usage is an OpenAI Chat Completions option');
    if (ctx.model.capabilities.streaming === false) return notApplicable('the target declares no streaming');
    const s = usable(ctx, 'stream', { optional: true, declared: ctx.model.capabilities.streaming === true });
    if (!s.ok) return s.outcome;
    const st = s.reply.stream!;
    const withUsage = st.usages.flatMap((u, i) => (present(u) ? [i] : []));
    const observed = { chunks: st.usages.length, usage_chunks: withUsage, last_chunk: st.usages.length - 1, done: st.terminated, usage_chunk_choices_empty: withUsage.map((i) => st.emptyChoices[i]) };
    const expected = { usage_chunks: 1, position: 'last before [DONE]', choices: [] };
    if (withUsage.length !== 1) return fail('stream', `include_usage: ${withUsage.length} chunks carry usage, expected exactly 1`, expected, observed);
    if (withUsage[0] !== st.usages.length - 1) return fail('stream', 'the usage chunk is not the last chunk', expected, observed);
    if (!st.emptyChoices[withUsage[0]]) return fail('stream', 'the usage chunk has non-empty choices', expected, observed);
    if (!st.terminated) return fail('stream', 'the stream did not end with [DONE]', expected, observed);
    const b = usable(ctx, 'stream-bare');
    if (!b.ok) return b.outcome;
    const bare = b.reply.stream!.usages.filter(present).length;
    if (bare > 0) return fail('stream-bare', `${bare} chunks carry usage although include_usage was not requested`, 0, bare);
    return pass('stream', expected, observed);
  },
};
