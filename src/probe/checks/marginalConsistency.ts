import type { ExchangeKind } from '../types.js';
import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check, CheckContext } from './types.js';

function inputOf(ctx: CheckContext, kind: ExchangeKind): { ok: true; n: number } | { ok: false; outcome: ReturnType<Check['evaluate']> } {
  const u = usable(ctx, kind);
  if (!u.ok) return u;
  const c = countsOf(ctx, kind, u.reply);
  if (!c.ok) return c;
  if (c.counts.input === undefined) return { ok: false, outcome: fail(kind, 'usage has no input count', 'a number', null) };
  return { ok: true, n: c.counts.input };
}

/**
 * Appending the same message to two different conversations adds the same billed input (TMS-C-111):
 * a differential check that needs no knowledge of the tokenizer, for opaque models.
 */
export const marginalConsistency: Check = {
  name: 'marginal-consistency',
  title: 'Marginal tokens of an appended message are the same in two contexts',
  level: 'MUST',
  requirements: ['TMS-C-111', 'TMS-M-008'],
  needs: () => ['plain', 'append-a', 'base-b', 'append-b'],
  evaluate(ctx) {
    if (ctx.input.append === undefined || ctx.input.alt_prefix === undefined) return notApplicable('the case gives no appended text and alternative context');
    const vals: number[] = [];
    for (const k of ['plain', 'append-a', 'base-b', 'append-b'] as const) {
      const r = inputOf(ctx, k);
      if (!r.ok) return r.outcome;
      vals.push(r.n);
    }
    const [a, aa, b, bb] = vals;
    const ma = aa - a;
    const mb = bb - b;
    const observed = { context_a: { base: a, appended: aa, marginal: ma }, context_b: { base: b, appended: bb, marginal: mb } };
    if (ma === mb && ma > 0) return pass('append-b', ma, mb, observed);
    return fail(
      'append-b',
      ma === mb ? `appending a message added ${ma} tokens: not positive` : `the same appended message added ${ma} tokens in one context and ${mb} in another`,
      ma,
      mb,
      observed,
    );
  },
};
