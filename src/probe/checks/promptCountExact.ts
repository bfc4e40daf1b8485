import { countChat, type ChatMessage, type ChatTool } from '../../measure/countChat.js';
import { messagesFor } from '../adapters/types.js';
import { WITH_USAGE } from '../exchangeRoles.js';
import type { CaseInput, ExchangeKind } from '../types.js';
import { type Finding, holds, judgeEach, notApplicable, usageIn, violates } from './support.js';
import type { Check, CheckContext } from './types.js';
import { errorMessage } from '../../io/errnoCode.js';

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

/** The reference count of the prompt of `kind`, or the error that prevents it. */
function expectedCount(
  ctx: CheckContext,
  kind: ExchangeKind,
  encoding: string,
  profile: string | undefined,
): { ok: true; total: number; breakdown: unknown } | { ok: false; message: string } {
  const ordered = countedMessages(ctx.model.api, messagesFor(kind, ctx.input));
  try {
    const r = countChat({
      model: ctx.model.id,
      encoding,
      messages: ordered.map((m) => ({ ...m })) as ChatMessage[],
      ...(ctx.input.tools ? { tools: ctx.input.tools as unknown as ChatTool[] } : {}),
      ...(profile ? { profile } : {}),
    });
    return { ok: true, total: r.total, breakdown: r.breakdown };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

/** Billed input equals the reference count under the declared public tokenizer and framing, on every response (TMS-M-004, TMS-M-011, TMS-M-013). */
export const promptCountExact: Check = {
  name: 'prompt-count-exact',
  title: 'Billed prompt tokens equal the count under the declared tokenizer',
  level: 'MUST',
  requirements: ['TMS-M-004', 'TMS-M-011', 'TMS-M-013'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const tok = ctx.model.tokenizer;
    if (tok === 'opaque') return notApplicable('the tokenizer is not public (opaque): the differential checks apply instead');
    let cannot: string | undefined;
    const outcome = judgeEach(ctx, WITH_USAGE, (kind, reply): Finding => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const e = expectedCount(ctx, kind, tok.encoding, tok.profile);
      if (!e.ok) {
        cannot ??= `cannot count the prompt of ${kind} with ${tok.encoding}: ${e.message}`;
        return { ok: 'n/a', reason: cannot };
      }
      const observed = u.counts.input;
      if (observed === e.total) return holds(e.total, observed, { encoding: tok.encoding, profile: tok.profile ?? 'model default' });
      const assumed = ctx.model.assumption ? ' (assumed by tokenizer auto; see tokenizer-fingerprint)' : '';
      return violates(
        `billed input ${String(observed)} ≠ ${e.total} counted with ${tok.encoding}${tok.profile ? `/${tok.profile}` : ''}${assumed}`,
        e.total,
        observed ?? null,
        { breakdown: e.breakdown },
      );
    });
    // A prompt the reference counter cannot count is the tool's limit, not the target's failure.
    if (cannot !== undefined && outcome.status !== 'fail') return { status: 'error', reason: cannot, evidence: { exchange: 'plain' } };
    return outcome;
  },
};
