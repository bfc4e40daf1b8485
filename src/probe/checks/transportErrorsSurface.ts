import type { Check } from './types.js';

/**
 * Every exchange of the case came back complete and well-formed (TMS-C-109): a truncated or
 * malformed stream, an oversized body, a timeout or a network failure is reported here as a failure
 * instead of being read as data. A 404 (capability discovery) is not a transport error.
 */
export const transportErrorsSurface: Check = {
  name: 'transport-errors-surface',
  title: 'Responses are complete and well-formed',
  level: 'MUST',
  requirements: ['TMS-C-109'],
  needs: () => ['plain'],
  evaluate(ctx) {
    const all = ctx.all();
    if (all.length === 0) return { status: 'skip', reason: 'no exchange was made (request budget exhausted)', evidence: {} };
    const bad = all.flatMap(({ kind, reply }) => (!reply.ok && (reply.kind === 'malformed' || reply.kind === 'transport') ? [{ exchange: kind, problem: reply.message }] : []));
    const http = all.flatMap(({ kind, reply }) => (!reply.ok && reply.kind === 'http' ? [{ exchange: kind, problem: reply.message }] : []));
    if (bad.length > 0) return { status: 'fail', reason: `${bad.length} exchange(s) failed in transport: ${bad[0].exchange}: ${bad[0].problem}`, evidence: { expected: 'complete, well-formed responses', observed: bad, exchange: bad[0].exchange } };
    if (http.length > 0) return { status: 'error', reason: `cannot decide: ${http[0].exchange}: ${http[0].problem}`, evidence: { observed: http, exchange: http[0].exchange } };
    return { status: 'pass', evidence: { expected: 'complete, well-formed responses', observed: all.map((a) => a.kind), exchange: 'plain' } };
  },
};
