import { SAME_REQUEST } from '../exchangeRoles.js';
import { holds, judgeEach, notApplicable, usable, usageIn, violates } from './support.js';
import type { Check } from './types.js';

/** The count endpoint's answer equals the total input billed for the same request, on every response to it (TMS-M-035). */
export const countEndpointMatchesUsage: Check = {
  name: 'count-endpoint-matches-usage',
  title: 'Count endpoint equals billed input',
  level: 'MUST',
  requirements: ['TMS-M-035'],
  needs: (m) => (m.capabilities.count_endpoint === false ? [] : ['plain', 'count']),
  evaluate(ctx) {
    if (ctx.model.capabilities.count_endpoint === false) return notApplicable('the target declares no count endpoint');
    // The Responses count endpoint takes input items, which have no `name`: a named message cannot be counted the same way.
    if (ctx.model.api === 'openai-chat' && ctx.input.messages.some((m) => m.name !== undefined))
      return notApplicable('the OpenAI count endpoint (/v1/responses/input_tokens) cannot express message names, which this case uses');
    const cnt = usable(ctx, 'count', { optional: true, declared: ctx.model.capabilities.count_endpoint === true });
    if (!cnt.ok) return cnt.outcome;
    const counted = cnt.reply.count;
    // Total input, not its split: a cache hit moves tokens between cells but not the total.
    return judgeEach(ctx, SAME_REQUEST, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const billed = u.counts.input;
      if (counted === billed) return holds(counted, billed);
      return violates(`count endpoint says ${String(counted)}, usage bills ${String(billed)} input tokens`, counted ?? null, billed ?? null);
    });
  },
};
