import { exchangeRoles } from '../exchangeRoles.js';
import type { ExchangeKind } from '../types.js';
import { countsOf, holds, inapplicable, judgeEach, notApplicable, usable, violates } from './support.js';
import type { Check } from './types.js';

const STREAMS: readonly ExchangeKind[] = ['stream', 'cache-hit-stream'];

/**
 * The final usage of every stream equals the non-streamed usage of the same request (TMS-M-030) in
 * what must be equal: total input, output and reasoning. The split of input between fresh and cache
 * cells may differ, because a stream sent after its twin may read the cache the twin wrote; those
 * cells are judged by the caching rules (cached-within-input, cache-writes-reported).
 */
export const streamUsageEqualsNonstream: Check = {
  name: 'stream-usage-equals-nonstream',
  title: 'Final streamed usage equals non-streamed usage',
  level: 'MUST',
  requirements: ['TMS-M-030'],
  needs: (m) => (m.capabilities.streaming === false ? [] : ['plain', 'stream']),
  evaluate(ctx) {
    if (ctx.model.capabilities.streaming === false) return notApplicable('the target declares no streaming');
    return judgeEach(
      ctx,
      STREAMS,
      (kind, reply) => {
        const twin = exchangeRoles[kind].twin!;
        const p = usable(ctx, twin);
        if (!p.ok) return inapplicable(`its non-streamed twin (${twin}) is not usable`);
        const cp = countsOf(ctx, twin, p.reply);
        if (!cp.ok) return inapplicable(`its non-streamed twin (${twin}) carries no usage`);
        if (reply.usage === undefined || reply.usage === null)
          return violates('the stream carried no usage', { input: cp.counts.input ?? null, output: cp.counts.output ?? null }, null);
        const cs = countsOf(ctx, kind, reply);
        if (!cs.ok) return violates('the stream carried no usage', null, null);
        const pick = (c: typeof cp.counts) => ({ input: c.input ?? null, output: c.output ?? null, reasoning: c.reasoning });
        const a = pick(cp.counts);
        const b = pick(cs.counts);
        const cache = {
          [twin]: { read: cp.counts.cacheRead, written: cp.counts.cacheWrite },
          [kind]: { read: cs.counts.cacheRead, written: cs.counts.cacheWrite },
        };
        const diff = (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k] !== b[k]);
        if (diff.length === 0) return holds(a, b, { twin, cache });
        return violates(`streamed usage differs from non-streamed (${twin}) in ${diff.join(', ')}`, a, b, { twin, cache });
      },
      { optional: true, declared: ctx.model.capabilities.streaming === true, streamCheck: true },
    );
  },
};
