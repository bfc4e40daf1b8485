import { DEFAULT_MAX_TOKENS } from '../adapters/openaiChat.js';
import { countsOf, fail, pass, usable } from './support.js';
import type { Check } from './types.js';

/** Reported output never exceeds the max_tokens the request set (TMS-M-033). */
export const maxTokensHonoured: Check = {
  name: 'max-tokens-honoured',
  title: 'Output tokens stay within max_tokens',
  level: 'MUST',
  requirements: ['TMS-M-033'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    const limit = ctx.input.max_tokens ?? DEFAULT_MAX_TOKENS;
    const out = c.counts.output;
    if (out !== undefined && out <= limit) return pass('plain', `≤ ${limit}`, out);
    return fail('plain', `output ${String(out)} exceeds max_tokens ${limit}`, `≤ ${limit}`, out ?? null);
  },
};
