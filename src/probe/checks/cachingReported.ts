import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** A repeated long prompt prefix is reported as cached where caching is declared (TMS-M-036, SHOULD). */
export const cachingReported: Check = {
  name: 'caching-reported',
  title: 'A repeated long prefix is reported as cached',
  level: 'SHOULD',
  requirements: ['TMS-M-036'],
  needs: (m) => (m.capabilities.caching === false ? [] : ['plain', 'repeat']),
  evaluate(ctx) {
    if (ctx.model.capabilities.caching === false) return notApplicable('the target declares no prompt caching');
    const p = usable(ctx, 'plain');
    if (!p.ok) return p.outcome;
    const r = usable(ctx, 'repeat');
    if (!r.ok) return r.outcome;
    const c = countsOf(ctx, 'repeat', r.reply);
    if (!c.ok) return c.outcome;
    if (c.counts.cached > 0) return pass('repeat', '> 0 cached tokens', c.counts.cached);
    if (ctx.model.capabilities.caching === true) return fail('repeat', 'caching is declared but the repeated prefix was not reported as cached', '> 0 cached tokens', 0);
    return notApplicable('caching is not declared and was not observed');
  },
};
