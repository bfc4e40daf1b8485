import { countText } from '../../measure/countText.js';
import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** Reported output is at least the token count of the visible text returned, under a public tokenizer (TMS-M-034). */
export const outputCoversText: Check = {
  name: 'output-covers-text',
  title: 'Output tokens cover the returned text',
  level: 'MUST',
  requirements: ['TMS-M-034'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const tok = ctx.model.tokenizer;
    if (tok === 'opaque') return notApplicable('the tokenizer is not public (opaque)');
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    const visible = countText(tok.encoding, u.reply.text);
    const out = c.counts.output;
    if (out !== undefined && out >= visible) return pass('plain', `≥ ${visible}`, out, { text_tokens: visible, encoding: tok.encoding });
    return fail('plain', `output ${String(out)} is less than the ${visible} tokens of the returned text`, `≥ ${visible}`, out ?? null);
  },
};
