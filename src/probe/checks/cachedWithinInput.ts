import { nativeCounts } from '../nativeCounts.js';
import type { ExchangeKind } from '../types.js';
import { fail, pass, usable } from './support.js';
import type { Check } from './types.js';

/** Cached (read + written) input never exceeds the input it is part of, on every response of the case (TMS-M-022). */
export const cachedWithinInput: Check = {
  name: 'cached-within-input',
  title: 'Cached tokens are within the input',
  level: 'MUST',
  requirements: ['TMS-M-022'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const first = usable(ctx, 'plain');
    if (!first.ok) return first.outcome;
    const seen: { exchange: ExchangeKind; cached: number; bound: number | null }[] = [];
    for (const kind of ['plain', 'repeat', 'stream'] as const) {
      const r = ctx.reply(kind);
      if (!r || !r.ok || r.usage === undefined || r.usage === null) continue;
      const c = nativeCounts(ctx.model.api, r.usage);
      seen.push({ exchange: kind, cached: c.cached, bound: c.cachedBound ?? null });
      if (c.cachedBound === undefined || c.cached > c.cachedBound) {
        return fail(kind, `cached ${c.cached} exceeds the input ${String(c.cachedBound)} it is part of`, `≤ ${String(c.cachedBound)}`, c.cached, { responses: seen });
      }
    }
    return pass(seen.some((s) => s.exchange === 'repeat') ? 'repeat' : 'plain', 'cached ≤ input', seen);
  },
};
