import { countText } from '../../measure/countText.js';
import { WITH_USAGE } from '../exchangeRoles.js';
import { holds, judgeEach, notApplicable, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** Reported output is at least the token count of the visible text returned, under a public tokenizer, on every response (TMS-M-034). */
export const outputCoversText: Check = {
  name: 'output-covers-text',
  title: 'Output tokens cover the returned text',
  level: 'MUST',
  requirements: ['TMS-M-034'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const tok = ctx.model.tokenizer;
    if (tok === 'opaque') return notApplicable('the tokenizer is not public (opaque)');
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const visible = countText(tok.encoding, reply.text);
      const out = u.counts.output;
      if (out !== undefined && out >= visible) return holds(`≥ ${visible}`, out, { text_tokens: visible, encoding: tok.encoding });
      return violates(`output ${String(out)} is less than the ${visible} tokens of the returned text`, `≥ ${visible}`, out ?? null);
    });
  },
};
