import { WITH_USAGE } from '../exchangeRoles.js';
import { holds, judgeEach, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** Cached (read + written) input never exceeds the input it is part of, on every response of the case (TMS-M-022). */
export const cachedWithinInput: Check = {
  name: 'cached-within-input',
  title: 'Cached tokens are within the input',
  level: 'MUST',
  requirements: ['TMS-M-022'],
  needs: () => ['plain'],
  evaluate(ctx) {
    return judgeEach(ctx, WITH_USAGE, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const c = u.counts;
      const observed = { cached: c.cached, read: c.cacheRead, written: c.cacheWrite, input: c.cachedBound ?? null };
      if (c.cachedBound === undefined || c.cached > c.cachedBound)
        return violates(`cached ${c.cached} exceeds the input ${String(c.cachedBound)} it is part of`, `≤ ${String(c.cachedBound)}`, c.cached, observed);
      return holds(`≤ ${c.cachedBound}`, observed);
    });
  },
};
