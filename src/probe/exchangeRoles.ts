import type { CaseInput, ExchangeKind } from './types.js';

/** What an exchange is, for the checks that judge every exchange of a case. */
export interface ExchangeRole {
  /** Sent with `stream: true`. */
  readonly streamed: boolean;
  /** The response must carry usage (false for the count endpoint and the OpenAI stream without include_usage). */
  readonly usage: boolean;
  /**
   * The earlier non-streamed exchange of the identical request, whose billed input this one must
   * equal (TMS-M-008) and whose usage a stream must match (TMS-M-030).
   */
  readonly twin?: ExchangeKind;
  /** An exchange that repeats an earlier identical request, so a cache may serve its prefix (TMS-M-036). */
  readonly repeats: boolean;
}

/** Every exchange kind's role (the order of EXCHANGE_ORDER is the order they are made in). */
export const exchangeRoles: Readonly<Record<ExchangeKind, ExchangeRole>> = {
  plain: { streamed: false, usage: true, repeats: false },
  repeat: { streamed: false, usage: true, twin: 'plain', repeats: true },
  stream: { streamed: true, usage: true, twin: 'plain', repeats: true },
  'stream-bare': { streamed: true, usage: false, repeats: false },
  count: { streamed: false, usage: false, repeats: false },
  'cache-write': { streamed: false, usage: true, repeats: false },
  'cache-hit': { streamed: false, usage: true, twin: 'cache-write', repeats: true },
  'cache-hit-stream': { streamed: true, usage: true, twin: 'cache-hit', repeats: true },
  'append-a': { streamed: false, usage: true, repeats: false },
  'base-b': { streamed: false, usage: true, repeats: false },
  'append-b': { streamed: false, usage: true, repeats: false },
};

/** The order exchanges are made in: the repetition right after the first request, streams after. */
export const EXCHANGE_ORDER: readonly ExchangeKind[] = [
  'plain',
  'repeat',
  'stream',
  'stream-bare',
  'cache-write',
  'cache-hit',
  'cache-hit-stream',
  'count',
  'append-a',
  'base-b',
  'append-b',
];

/** In a caching case, the plain, repeat and stream exchanges are made as the cache write and its hits. */
const CACHE_KIND: Partial<Record<ExchangeKind, ExchangeKind>> = { plain: 'cache-write', repeat: 'cache-hit', stream: 'cache-hit-stream' };

/**
 * The exchanges a case makes from the kinds its checks need: in a caching case (`input.cache`) the
 * plain, repeat and stream exchanges become the cache write and its hits, and the write and at least
 * one hit are always made.
 */
export function caseExchanges(needed: ReadonlySet<ExchangeKind>, input: CaseInput): ExchangeKind[] {
  const kinds = new Set<ExchangeKind>();
  for (const k of needed) kinds.add(input.cache ? (CACHE_KIND[k] ?? k) : k);
  if (input.cache) {
    kinds.add('cache-write');
    kinds.add('cache-hit');
  }
  return EXCHANGE_ORDER.filter((k) => kinds.has(k));
}

/** The exchanges that carry usage for the same request as the case's first exchange, non-streamed first. */
export const SAME_REQUEST: readonly ExchangeKind[] = ['plain', 'repeat', 'cache-write', 'cache-hit', 'stream', 'cache-hit-stream'];

/** Every exchange kind whose response must carry usage. */
export const WITH_USAGE: readonly ExchangeKind[] = EXCHANGE_ORDER.filter((k) => exchangeRoles[k].usage);

/** The first exchange of a case: the plain request, or the cache write of a caching case. */
export const primaryKind = (input: CaseInput): ExchangeKind => (input.cache ? 'cache-write' : 'plain');
