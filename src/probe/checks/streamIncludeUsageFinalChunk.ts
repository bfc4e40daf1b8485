import type { ExchangeKind } from '../types.js';
import { type Finding, holds, judgeEach, notApplicable, violates } from './support.js';
import type { Check } from './types.js';

const present = (u: unknown): boolean => u !== undefined && u !== null;

/** The streams sent with include_usage, and the one sent without it. */
const KINDS: readonly ExchangeKind[] = ['stream', 'cache-hit-stream', 'stream-bare'];

/**
 * OpenAI include_usage semantics (TMS-M-032): with it, exactly one usage chunk, last before [DONE],
 * with empty choices, every other chunk's usage null; without it, no chunk carries usage. Every
 * stream of the case is judged and every rule it breaks is listed.
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
    return judgeEach(
      ctx,
      KINDS,
      (kind, reply) => {
        const st = reply.stream!;
        const withUsage = st.usages.flatMap((u, i) => (present(u) ? [i] : []));
        if (kind === 'stream-bare') {
          if (withUsage.length > 0)
            return violates(`${withUsage.length} chunk(s) carry usage although include_usage was not requested`, 0, withUsage.length, {
              usage_chunks: withUsage,
            });
          return holds(0, 0);
        }
        const observed = {
          chunks: st.usages.length,
          usage_chunks: withUsage,
          last_chunk: st.usages.length - 1,
          done: st.terminated,
          usage_chunk_choices_empty: withUsage.map((i) => st.emptyChoices[i]),
        };
        const expected = { usage_chunks: 1, position: 'last before [DONE]', choices: [] };
        const found: Finding[] = [];
        if (withUsage.length !== 1) found.push(violates(`include_usage: ${withUsage.length} chunks carry usage, expected exactly 1`, expected, observed));
        if (withUsage.length > 0 && withUsage[withUsage.length - 1] !== st.usages.length - 1)
          found.push(violates('the usage chunk is not the last chunk', expected, observed));
        if (withUsage.some((i) => !st.emptyChoices[i]))
          found.push(violates('the usage chunk has non-empty choices (usage on a content or finish chunk)', expected, observed));
        if (!st.terminated) found.push(violates('the stream did not end with [DONE]', expected, observed));
        return found.length > 0 ? found : holds(expected, observed);
      },
      { optional: true, declared: ctx.model.capabilities.streaming === true, streamCheck: true },
    );
  },
};
