import { exchangeRoles, SAME_REQUEST } from '../exchangeRoles.js';
import { holds, inapplicable, judgeEach, notApplicable, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** A repeated long prefix is reported as read from the cache where caching is declared, on every repetition (TMS-M-036, SHOULD). */
export const cachingReported: Check = {
  name: 'caching-reported',
  title: 'A repeated long prefix is reported as cached',
  level: 'SHOULD',
  requirements: ['TMS-M-036'],
  needs: (m) => (m.capabilities.caching === false ? [] : ['plain', 'repeat']),
  evaluate(ctx) {
    if (ctx.model.capabilities.caching === false) return notApplicable('the target declares no prompt caching');
    if (ctx.model.api === 'anthropic' && ctx.input.cache === undefined)
      return notApplicable('Anthropic caches only at cache_control breakpoints, which this case does not set');
    // A stream sent after its plain twin may or may not hit: only the repetitions meant to hit are judged.
    const hits = SAME_REQUEST.filter((k) => exchangeRoles[k].repeats && k !== 'stream');
    return judgeEach(ctx, hits, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const read = u.counts.cacheRead;
      if (read > 0) return holds('> 0 cached tokens', read);
      if (ctx.model.capabilities.caching === true)
        return violates('caching is declared but the repeated prefix was not reported as read from the cache', '> 0 cached tokens', 0);
      return inapplicable('caching is not declared and was not observed');
    });
  },
};
