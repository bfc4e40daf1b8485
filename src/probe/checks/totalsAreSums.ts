import { WITH_USAGE } from '../exchangeRoles.js';
import { holds, inapplicable, judgeEach, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** A reported total equals the sum its convention defines, on every response of the case (TMS-M-021). */
export const totalsAreSums: Check = {
  name: 'totals-are-sums',
  title: 'Reported totals are the sums of their parts',
  level: 'MUST',
  requirements: ['TMS-M-021'],
  needs: () => ['plain'],
  evaluate(ctx) {
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const c = usageIn(ctx, kind, reply);
      if (!c.ok) return c.finding;
      const { reportedTotal, expectedTotal } = c.counts;
      if (reportedTotal === undefined)
        return ctx.model.api === 'anthropic'
          ? inapplicable('Anthropic usage states no total')
          : violates('the usage object states no total', expectedTotal ?? null, null);
      if (reportedTotal === expectedTotal) return holds(expectedTotal, reportedTotal);
      return violates(`total ${reportedTotal} ≠ sum of parts ${String(expectedTotal)}`, expectedTotal ?? null, reportedTotal, { usage: reply.usage });
    });
  },
};
