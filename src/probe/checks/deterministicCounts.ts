import { exchangeRoles, SAME_REQUEST } from '../exchangeRoles.js';
import { countsOf, holds, inapplicable, judgeEach, usable, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** Every repetition of an identical request is billed the input of its first sending (TMS-M-008). */
export const deterministicCounts: Check = {
  name: 'deterministic-counts',
  title: 'Identical requests are billed identical input',
  level: 'MUST',
  requirements: ['TMS-M-008'],
  needs: () => ['plain', 'repeat'],
  evaluate(ctx) {
    // Streams are compared with their twins by stream-usage-equals-nonstream.
    const repeats = SAME_REQUEST.filter((k) => exchangeRoles[k].repeats && !exchangeRoles[k].streamed);
    // The first sendings are judged too, so that one that cannot be read makes the verdict undecided.
    const kinds = SAME_REQUEST.filter((k) => repeats.includes(k) || repeats.some((r) => exchangeRoles[r].twin === k));
    return judgeEach(ctx, kinds, (kind, reply) => {
      const twin = exchangeRoles[kind].twin;
      if (!repeats.includes(kind) || twin === undefined) return inapplicable('a first sending: judged through its repetition');
      const first = usable(ctx, twin);
      if (!first.ok) return inapplicable(`its first sending (${twin}) is not usable`);
      const a = countsOf(ctx, twin, first.reply);
      if (!a.ok) return inapplicable(`its first sending (${twin}) carries no usage`);
      const b = usageIn(ctx, kind, reply);
      if (!b.ok) return b.finding;
      // Total input, not its split: a cache hit on the repetition moves tokens between cells but not the total.
      const expected = a.counts.input ?? null;
      const observed = b.counts.input ?? null;
      if (expected === observed) return holds(expected, observed, { first: twin });
      return violates(`the same request was billed ${String(expected)} (${twin}) then ${String(observed)} input tokens`, expected, observed, { first: twin });
    });
  },
};
