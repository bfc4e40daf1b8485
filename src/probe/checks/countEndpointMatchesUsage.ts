import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/** The count endpoint's answer equals the total input billed for the same request (TMS-M-035). */
export const countEndpointMatchesUsage: Check = {
  name: 'count-endpoint-matches-usage',
  title: 'Count endpoint equals billed input',
  level: 'MUST',
  requirements: ['TMS-M-035'],
  needs: (m) => (m.capabilities.count_endpoint === false ? [] : ['plain', 'count']),
  evaluate(ctx) {
    if (ctx.model.capabilities.count_endpoint === false) return notApplicable('the target declares no count endpoint');
    // The Responses count endpoint takes input items, which have no `name`: a named message cannot be counted the same way.
    if (ctx.model.api === 'openai-chat' && ctx.input.messages.some((m) => m.name !== undefined)) return notApplicable('the OpenAI count endpoint (/v1/responses/input_tokens) cannot express message names, which this case uses');
    const cnt = usable(ctx, 'count', { optional: true, declared: ctx.model.capabilities.count_endpoint === true });
    if (!cnt.ok) return cnt.outcome;
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    const counted = cnt.reply.count;
    if (counted === c.counts.input) return pass('plain', counted, c.counts.input);
    return fail('plain', `count endpoint says ${String(counted)}, usage bills ${String(c.counts.input)} input tokens`, counted ?? null, c.counts.input ?? null);
  },
};
