import { DEFAULT_MAX_TOKENS } from '../adapters/openaiChat.js';
import { WITH_USAGE } from '../exchangeRoles.js';
import { holds, judgeEach, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** Reported output never exceeds the max_tokens the request set, on every response of the case (TMS-M-033). */
export const maxTokensHonoured: Check = {
  name: 'max-tokens-honoured',
  title: 'Output tokens stay within max_tokens',
  level: 'MUST',
  requirements: ['TMS-M-033'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const limit = ctx.input.max_tokens ?? DEFAULT_MAX_TOKENS;
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const out = u.counts.output;
      if (out !== undefined && out <= limit) return holds(`≤ ${limit}`, out);
      return violates(`output ${String(out)} exceeds max_tokens ${limit}`, `≤ ${limit}`, out ?? null);
    });
  },
};
