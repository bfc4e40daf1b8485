import type { Reply } from '../adapters/types.js';
import { exchangeRoles } from '../exchangeRoles.js';
import { type NativeCounts, nativeCounts } from '../nativeCounts.js';
import type { CheckOutcome, ExchangeKind, Violation } from '../types.js';
import type { CheckContext } from './types.js';

/** A usable reply, or the outcome a check gives when the exchange cannot be used. */
export type Usable = { ok: true; reply: Reply & { ok: true } } | { ok: false; outcome: CheckOutcome };

/** Options of `usable` for optional endpoints: a 404 is not_applicable unless the capability was declared. */
export interface UsableOptions {
  readonly optional?: boolean;
  readonly declared?: boolean;
  /**
   * The check is about streams, so a malformed stream violates it. Other checks leave a malformed
   * stream to transport-errors-surface and the stream checks instead of failing for it too.
   */
  readonly streamCheck?: boolean;
}

/**
 * The reply of `kind` when usable. Not made → skip (budget or API); 404 on an optional endpoint →
 * not_applicable unless the capability was declared; a malformed body → fail; transport failure or
 * non-2xx → error; both cite transport-errors-surface, which reports the defect itself (TMS-C-109).
 */
export function usable(ctx: CheckContext, kind: ExchangeKind, opts: UsableOptions = {}): Usable {
  const r = ctx.reply(kind);
  if (!r)
    return {
      ok: false,
      outcome: {
        status: 'skip',
        reason: `the ${kind} exchange was not made (request budget exhausted or not offered by this API)`,
        evidence: { exchange: kind },
      },
    };
  if (r.ok) return { ok: true, reply: r };
  if (r.kind === 'not-found' && opts.optional) {
    if (opts.declared)
      return {
        ok: false,
        outcome: {
          status: 'fail',
          reason: `the ${kind} endpoint is declared but answered 404`,
          evidence: { expected: 'a 2xx response', observed: 'HTTP 404', exchange: kind },
        },
      };
    return {
      ok: false,
      outcome: {
        status: 'not_applicable',
        reason: `the ${kind} endpoint is not offered (HTTP 404) and the capability is not declared`,
        evidence: { observed: 'HTTP 404', exchange: kind },
      },
    };
  }
  // A malformed body is the provider's content failing the requirement (the stream never delivered
  // what the check needs): fail. A response never read (too large, timeout, HTTP error): cannot decide.
  if (r.kind === 'malformed')
    return {
      ok: false,
      outcome: {
        status: 'fail',
        reason: `the ${kind} response is malformed (${r.message}); see transport-errors-surface`,
        evidence: { observed: r.message, exchange: kind },
      },
    };
  return {
    ok: false,
    outcome: {
      status: 'error',
      reason: `cannot decide: the ${kind} exchange failed (${r.message}); see transport-errors-surface`,
      evidence: { observed: r.message, exchange: kind },
    },
  };
}

/** The counts of a usable reply's usage, or an error outcome when it carries none. */
export function countsOf(
  ctx: CheckContext,
  kind: ExchangeKind,
  r: Reply & { ok: true },
): { ok: true; counts: NativeCounts } | { ok: false; outcome: CheckOutcome } {
  if (r.usage === undefined || r.usage === null)
    return {
      ok: false,
      outcome: {
        status: 'fail',
        reason: `the ${kind} response carries no usage`,
        evidence: { expected: 'a usage object', observed: r.usage ?? null, exchange: kind },
      },
    };
  return { ok: true, counts: nativeCounts(ctx.model.api, r.usage) };
}

/** A pass with evidence. */
export const pass = (exchange: ExchangeKind, expected: unknown, observed: unknown, details?: unknown): CheckOutcome => ({
  status: 'pass',
  evidence: { expected, observed, exchange, ...(details !== undefined ? { details } : {}) },
});
/** A fail with evidence. */
export const fail = (exchange: ExchangeKind, reason: string, expected: unknown, observed: unknown, details?: unknown): CheckOutcome => ({
  status: 'fail',
  reason,
  evidence: { expected, observed, exchange, ...(details !== undefined ? { details } : {}) },
});
/** A not_applicable result. */
export const notApplicable = (reason: string): CheckOutcome => ({ status: 'not_applicable', reason, evidence: {} });

/** What a check found on one exchange: the requirement holds, is violated, or does not apply there. */
export type Finding =
  | { readonly ok: true; readonly expected?: unknown; readonly observed?: unknown; readonly details?: unknown }
  | { readonly ok: false; readonly message: string; readonly expected?: unknown; readonly observed?: unknown; readonly details?: unknown }
  | { readonly ok: 'n/a'; readonly reason: string };

/** The requirement holds on this exchange. */
export const holds = (expected: unknown, observed: unknown, details?: unknown): Finding => ({
  ok: true,
  expected,
  observed,
  ...(details !== undefined ? { details } : {}),
});
/** The requirement is violated on this exchange. */
export const violates = (message: string, expected: unknown, observed: unknown, details?: unknown): Finding => ({
  ok: false,
  message,
  expected,
  observed,
  ...(details !== undefined ? { details } : {}),
});
/** The requirement does not apply to this exchange. */
export const inapplicable = (reason: string): Finding => ({ ok: 'n/a', reason });

/** A judge of one usable exchange: one finding, or several (every violation it sees). */
export type Judge = (kind: ExchangeKind, reply: Reply & { ok: true }) => Finding | readonly Finding[];

/**
 * The counts of an exchange's usage for a check judging every exchange: a non-streamed response
 * without usage violates the requirement; a stream without usage is left to the stream checks.
 */
export function usageIn(ctx: CheckContext, kind: ExchangeKind, r: Reply & { ok: true }): { ok: true; counts: NativeCounts } | { ok: false; finding: Finding } {
  if (r.usage !== undefined && r.usage !== null) return { ok: true, counts: nativeCounts(ctx.model.api, r.usage) };
  if (exchangeRoles[kind].streamed) return { ok: false, finding: inapplicable('the stream carried no usage (judged by the stream checks)') };
  return { ok: false, finding: violates('the response carries no usage', 'a usage object', r.usage ?? null) };
}

/** The kinds among `kinds` that the case made, in order. */
export const madeOf = (ctx: CheckContext, kinds: readonly ExchangeKind[]): ExchangeKind[] => kinds.filter((k) => ctx.reply(k) !== undefined);

/**
 * Judges every exchange among `kinds` that the case made and gives one outcome listing every
 * violation found, each with its exchange: fail when any exchange violates the requirement (a
 * malformed response counts as one), else error when an exchange could not be read, else pass when
 * at least one was judged, else not_applicable or skip.
 */
export function judgeEach(ctx: CheckContext, kinds: readonly ExchangeKind[], judge: Judge, opts: UsableOptions = {}): CheckOutcome {
  const made = madeOf(ctx, kinds);
  if (made.length === 0)
    return {
      status: 'skip',
      reason: `none of the ${kinds.join(', ')} exchanges was made (request budget exhausted or not offered by this API)`,
      evidence: { exchange: kinds[0] },
    };
  const violations: Violation[] = [];
  const undecided: CheckOutcome[] = [];
  const held: { exchange: ExchangeKind; f: Finding & { ok: true } }[] = [];
  const na: string[] = [];
  for (const kind of made) {
    const u = usable(ctx, kind, opts);
    if (!u.ok) {
      const o = u.outcome;
      if (o.status === 'fail' && exchangeRoles[kind].streamed && !opts.streamCheck) na.push(`${o.reason} (judged by the stream checks)`);
      else if (o.status === 'fail')
        violations.push({
          exchange: kind,
          message: o.reason,
          ...(o.evidence.expected !== undefined ? { expected: o.evidence.expected } : {}),
          observed: o.evidence.observed ?? null,
        });
      else if (o.status === 'error') undecided.push(o);
      else if (o.status !== 'pass') na.push(o.reason);
      continue;
    }
    const found = judge(kind, u.reply);
    for (const f of Array.isArray(found) ? (found as readonly Finding[]) : [found as Finding]) {
      if (f.ok === true) held.push({ exchange: kind, f });
      else if (f.ok === false)
        violations.push({
          exchange: kind,
          message: f.message,
          expected: f.expected ?? null,
          observed: f.observed ?? null,
          ...(f.details !== undefined ? { details: f.details } : {}),
        });
      else na.push(f.reason);
    }
  }
  return verdictOf(made, violations, undecided, held, na);
}

/** One outcome from the findings of every exchange judged. */
export function verdictOf(
  judged: readonly ExchangeKind[],
  violations: readonly Violation[],
  undecided: readonly CheckOutcome[],
  held: readonly { exchange: ExchangeKind; f: Finding & { ok: true } }[],
  na: readonly string[],
): CheckOutcome {
  if (violations.length > 0) {
    const v = violations[0];
    const reason =
      violations.length === 1
        ? `${v.exchange}: ${v.message}`
        : `${violations.length} violations: ${violations.map((x) => `${x.exchange}: ${x.message}`).join('; ')}`;
    const cannot = undecided.map((o) => (o.status === 'pass' ? '' : o.reason));
    return {
      status: 'fail',
      reason,
      evidence: {
        expected: v.expected,
        observed: v.observed,
        exchange: v.exchange,
        exchanges: [...judged],
        violations: [...violations],
        ...(cannot.length > 0 ? { details: { undecided: cannot } } : {}),
      },
    };
  }
  if (undecided.length > 0) return undecided[0];
  if (held.length === 0) return { status: 'not_applicable', reason: na[0] ?? 'nothing to judge', evidence: { exchanges: [...judged] } };
  const h = held[0];
  const exchanges = [...judged];
  const details = held.length === 1 ? h.f.details : { by_exchange: Object.fromEntries(held.map((x) => [x.exchange, x.f.observed])) };
  return {
    status: 'pass',
    evidence: { expected: h.f.expected, observed: h.f.observed, exchange: h.exchange, exchanges, ...(details !== undefined ? { details } : {}) },
  };
}
