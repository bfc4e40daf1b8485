import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** A reported total equals the sum its convention defines (TMS-M-021). */
export const totalsAreSums: Check = {
  name: 'totals-are-sums',
  title: 'Reported totals are the sums of their parts',
  level: 'MUST',
  requirements: ['TMS-M-021'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    if (c.counts.reportedTotal === undefined) {
      return ctx.model.api === 'anthropic' ? notApplicable('Anthropic usage states no total') : fail('plain', 'the usage object states no total', c.counts.expectedTotal ?? null, null);
    }
    if (c.counts.reportedTotal === c.counts.expectedTotal) return pass('plain', c.counts.expectedTotal, c.counts.reportedTotal);
    return fail('plain', `total ${c.counts.reportedTotal} ≠ sum of parts ${String(c.counts.expectedTotal)}`, c.counts.expectedTotal ?? null, c.counts.reportedTotal, { usage: u.reply.usage });
  },
};
