import type { Violation } from '../types.js';
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
    const exchanges = all.map((a) => a.kind);
    const bad: Violation[] = all.flatMap(({ kind, reply }) =>
      !reply.ok && (reply.kind === 'malformed' || reply.kind === 'transport')
        ? [{ exchange: kind, message: reply.message, expected: 'a complete, well-formed response', observed: reply.message }]
        : [],
    );
    const http = all.flatMap(({ kind, reply }) => (!reply.ok && reply.kind === 'http' ? [{ exchange: kind, problem: reply.message }] : []));
    if (bad.length > 0) {
      const reason =
        bad.length === 1
          ? `${bad[0].exchange}: ${bad[0].message}`
          : `${bad.length} exchanges failed in transport: ${bad.map((b) => `${b.exchange}: ${b.message}`).join('; ')}`;
      return {
        status: 'fail',
        reason,
        evidence: {
          expected: 'complete, well-formed responses',
          observed: bad.map((b) => ({ exchange: b.exchange, problem: b.message })),
          exchange: bad[0].exchange,
          exchanges,
          violations: bad,
        },
      };
    }
    if (http.length > 0)
      return {
        status: 'error',
        reason: `cannot decide: ${http[0].exchange}: ${http[0].problem}`,
        evidence: { observed: http, exchange: http[0].exchange, exchanges },
      };
    return { status: 'pass', evidence: { expected: 'complete, well-formed responses', observed: exchanges, exchange: exchanges[0], exchanges } };
  },
};
