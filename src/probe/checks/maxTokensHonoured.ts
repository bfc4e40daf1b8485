import { DEFAULT_MAX_TOKENS, limitParamFor } from '../adapters/openaiChat.js';
import { WITH_USAGE } from '../exchangeRoles.js';
import type { ModelProfile } from '../types.js';
import { holds, judgeEach, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** The name of the output limit the adapter sent to the model. */
function limitName(model: ModelProfile): string {
  if (model.api === 'openai-chat') return limitParamFor(model);
  return model.api === 'gemini' ? 'maxOutputTokens' : 'max_tokens';
}

/**
 * Reported output never exceeds the limit the request set, on every response of the case (TMS-M-033),
 * whichever parameter carried it; the output figure compared includes reasoning tokens, which every
 * limit the adapters send covers (max_completion_tokens, Anthropic max_tokens with thinking, TMS-M-045).
 */
export const maxTokensHonoured: Check = {
  name: 'max-tokens-honoured',
  title: 'Output tokens, reasoning included, stay within the output limit sent',
  level: 'MUST',
  requirements: ['TMS-M-033', 'TMS-M-045'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const limit = ctx.input.max_tokens ?? DEFAULT_MAX_TOKENS;
    const param = limitName(ctx.model);
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const out = u.counts.output;
      const details = { limit_param: param, limit, reasoning: u.counts.reasoning };
      if (out !== undefined && out <= limit) return holds(`≤ ${limit}`, out, details);
      const within = u.counts.reasoning > 0 ? ` (${u.counts.reasoning} of them reasoning)` : '';
      return violates(`output ${String(out)}${within} exceeds ${param} ${limit}`, `≤ ${limit}`, out ?? null, details);
    });
  },
};
