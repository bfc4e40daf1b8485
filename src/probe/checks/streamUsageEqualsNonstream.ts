import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** The final streamed usage equals the non-streamed usage of the same request (TMS-M-030). */
export const streamUsageEqualsNonstream: Check = {
  name: 'stream-usage-equals-nonstream',
  title: 'Final streamed usage equals non-streamed usage',
  level: 'MUST',
  requirements: ['TMS-M-030'],
  needs: (m) => (m.capabilities.streaming === false ? [] : ['plain', 'stream']),
  evaluate(ctx) {
    if (ctx.model.capabilities.streaming === false) return notApplicable('the target declares no streaming');
    const s = usable(ctx, 'stream', { optional: true, declared: ctx.model.capabilities.streaming === true });
    if (!s.ok) return s.outcome;
    const p = usable(ctx, 'plain');
    if (!p.ok) return p.outcome;
    const cp = countsOf(ctx, 'plain', p.reply);
    if (!cp.ok) return cp.outcome;
    if (s.reply.usage === undefined || s.reply.usage === null) return fail('stream', 'the stream carried no usage', cp.counts, null);
    const cs = countsOf(ctx, 'stream', s.reply);
    if (!cs.ok) return cs.outcome;
    const pick = (c: typeof cp.counts) => ({ input: c.input ?? null, output: c.output ?? null, cached: c.cached, reasoning: c.reasoning });
    const a = pick(cp.counts);
    const b = pick(cs.counts);
    const diff = (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k] !== b[k]);
    if (diff.length === 0) return pass('stream', a, b);
    return fail('stream', `streamed usage differs from non-streamed in ${diff.join(', ')}`, a, b);
  },
};
