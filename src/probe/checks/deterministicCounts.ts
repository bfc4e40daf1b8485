import { countsOf, fail, pass, usable } from './support.js';
import type { Check } from './types.js';

/** Two identical requests are billed the same input tokens (TMS-M-008). */
export const deterministicCounts: Check = {
  name: 'deterministic-counts',
  title: 'Identical requests are billed identical input',
  level: 'MUST',
  requirements: ['TMS-M-008'],
  needs: () => ['plain', 'repeat'],
  evaluate(ctx) {
    const a = usable(ctx, 'plain');
    if (!a.ok) return a.outcome;
    const b = usable(ctx, 'repeat');
    if (!b.ok) return b.outcome;
    const ca = countsOf(ctx, 'plain', a.reply);
    if (!ca.ok) return ca.outcome;
    const cb = countsOf(ctx, 'repeat', b.reply);
    if (!cb.ok) return cb.outcome;
    // Total input, not its split: a cache hit on the repetition moves tokens between cells but not the total.
    if (ca.counts.input === cb.counts.input) return pass('repeat', ca.counts.input, cb.counts.input);
    return fail('repeat', `the same request was billed ${String(ca.counts.input)} then ${String(cb.counts.input)} input tokens`, ca.counts.input ?? null, cb.counts.input ?? null);
  },
};
