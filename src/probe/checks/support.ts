import type { Reply } from '../adapters/types.js';
import { type NativeCounts, nativeCounts } from '../nativeCounts.js';
import type { CheckOutcome, ExchangeKind } from '../types.js';
import type { CheckContext } from './types.js';

/** A usable reply, or the outcome a check gives when the exchange cannot be used. */
export type Usable = { ok: true; reply: Reply & { ok: true } } | { ok: false; outcome: CheckOutcome };

/**
 * The reply of `kind` when usable. Not made → skip (budget or API); 404 on an optional endpoint →
 * not_applicable unless the capability was declared; a malformed body → fail; transport failure or
 * non-2xx → error; both cite transport-errors-surface, which reports the defect itself (TMS-C-109).
 */
export function usable(ctx: CheckContext, kind: ExchangeKind, opts: { optional?: boolean; declared?: boolean } = {}): Usable {
  const r = ctx.reply(kind);
  if (!r) return { ok: false, outcome: { status: 'skip', reason: `the ${kind} exchange was not made (request budget exhausted or not offered by this API)`, evidence: { exchange: kind } } };
  if (r.ok) return { ok: true, reply: r };
  if (r.kind === 'not-found' && opts.optional) {
    if (opts.declared) return { ok: false, outcome: { status: 'fail', reason: `the ${kind} endpoint is declared but answered 404`, evidence: { expected: 'a 2xx response', observed: 'HTTP 404', exchange: kind } } };
    return { ok: false, outcome: { status: 'not_applicable', reason: `the ${kind} endpoint is not offered (HTTP 404) and the capability is not declared`, evidence: { observed: 'HTTP 404', exchange: kind } } };
  }
  // A malformed body is the provider's content failing the requirement (the stream never delivered
  // what the check needs): fail. A response never read (too large, timeout, HTTP error): cannot decide.
  if (r.kind === 'malformed') return { ok: false, outcome: { status: 'fail', reason: `the ${kind} response is malformed (${r.message}); see transport-errors-surface`, evidence: { observed: r.message, exchange: kind } } };
  return { ok: false, outcome: { status: 'error', reason: `cannot decide: the ${kind} exchange failed (${r.message}); see transport-errors-surface`, evidence: { observed: r.message, exchange: kind } } };
}

/** The counts of a usable reply's usage, or an error outcome when it carries none. */
export function countsOf(ctx: CheckContext, kind: ExchangeKind, r: Reply & { ok: true }): { ok: true; counts: NativeCounts } | { ok: false; outcome: CheckOutcome } {
  if (r.usage === undefined || r.usage === null) return { ok: false, outcome: { status: 'fail', reason: `the ${kind} response carries no usage`, evidence: { expected: 'a usage object', observed: r.usage ?? null, exchange: kind } } };
  return { ok: true, counts: nativeCounts(ctx.model.api, r.usage) };
}

/** A pass with evidence. */
export const pass = (exchange: ExchangeKind, expected: unknown, observed: unknown, details?: unknown): CheckOutcome => ({ status: 'pass', evidence: { expected, observed, exchange, ...(details !== undefined ? { details } : {}) } });
/** A fail with evidence. */
export const fail = (exchange: ExchangeKind, reason: string, expected: unknown, observed: unknown, details?: unknown): CheckOutcome => ({ status: 'fail', reason, evidence: { expected, observed, exchange, ...(details !== undefined ? { details } : {}) } });
/** A not_applicable result. */
export const notApplicable = (reason: string): CheckOutcome => ({ status: 'not_applicable', reason, evidence: {} });
