import { countChat, type ChatMessage, type ChatTool } from '../../measure/countChat.js';
import { messagesFor } from '../adapters/types.js';
import type { CaseInput } from '../types.js';
import { countsOf, fail, notApplicable, pass, usable } from './support.js';
import type { Check } from './types.js';

/**
 * The messages as the framing profile counts them: as sent for OpenAI; for Anthropic- and
 * Gemini-style requests, which carry the system prompt apart (joined), as one leading system message.
 */
function countedMessages(api: string, msgs: CaseInput['messages']): CaseInput['messages'] {
  if (api === 'openai-chat') return msgs;
  const system = msgs.filter((m) => m.role === 'system').map((m) => m.content);
  const rest = msgs.filter((m) => m.role !== 'system');
  return system.length > 0 ? [{ role: 'system', content: system.join('\n\n') }, ...rest] : rest;
}

/** Billed input equals the reference count under the declared public tokenizer and framing (TMS-M-004, TMS-M-011, TMS-M-013). */
export const promptCountExact: Check = {
  name: 'prompt-count-exact',
  title: 'Billed prompt tokens equal the count under the declared tokenizer',
  level: 'MUST',
  requirements: ['TMS-M-004', 'TMS-M-011', 'TMS-M-013'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const tok = ctx.model.tokenizer;
    if (tok === 'opaque') return notApplicable('the tokenizer is not public (opaque): the differential checks apply instead');
    const u = usable(ctx, 'plain');
    if (!u.ok) return u.outcome;
    const c = countsOf(ctx, 'plain', u.reply);
    if (!c.ok) return c.outcome;
    const ordered = countedMessages(ctx.model.api, messagesFor('plain', ctx.input));
    let expected: number;
    let breakdown: unknown;
    try {
      const r = countChat({ model: ctx.model.id, encoding: tok.encoding, messages: ordered.map((m) => ({ ...m })) as ChatMessage[], ...(ctx.input.tools ? { tools: ctx.input.tools as unknown as ChatTool[] } : {}), ...(tok.profile ? { profile: tok.profile } : {}) });
      expected = r.total;
      breakdown = r.breakdown;
    } catch (e) {
      return { status: 'error', reason: `cannot count the prompt with ${tok.encoding}: ${(e as Error).message}`, evidence: { exchange: 'plain' } };
    }
    const observed = c.counts.input;
    if (observed === expected) return pass('plain', expected, observed, { encoding: tok.encoding, profile: tok.profile ?? 'model default' });
    const assumed = ctx.model.assumption ? ' (assumed by tokenizer auto; see tokenizer-fingerprint)' : '';
    return fail('plain', `billed input ${String(observed)} ≠ ${expected} counted with ${tok.encoding}${tok.profile ? `/${tok.profile}` : ''}${assumed}`, expected, observed ?? null, { breakdown });
  },
};
