import type { ExchangeKind } from '../types.js';
import { holds, inapplicable, judgeEach, notApplicable, violates } from './support.js';
import type { Check } from './types.js';

function numericCounters(u: unknown, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (u === null || typeof u !== 'object' || Array.isArray(u)) return out;
  for (const [k, v] of Object.entries(u)) {
    if (typeof v === 'number') out.set(prefix + k, v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of numericCounters(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const STREAMS: readonly ExchangeKind[] = ['stream', 'cache-hit-stream'];

/**
 * Streamed usage values are cumulative (TMS-M-031): no counter ever decreases from one usage value to
 * the next, so a consumer that overwrites (never sums) gets the whole-message usage. Every stream of
 * the case is judged.
 */
export const streamCumulativeUsage: Check = {
  name: 'stream-cumulative-usage',
  title: 'Streamed usage values are cumulative',
  level: 'MUST',
  requirements: ['TMS-M-031'],
  needs: (m) => (m.capabilities.streaming === false ? [] : ['stream']),
  evaluate(ctx) {
    if (ctx.model.capabilities.streaming === false) return notApplicable('the target declares no streaming');
    return judgeEach(
      ctx,
      STREAMS,
      (_kind, reply) => {
        const values = reply.stream!.usages.filter((u) => u !== undefined && u !== null);
        if (values.length < 2) {
          return ctx.model.api === 'openai-chat'
            ? inapplicable('this stream carries a single final usage value, not cumulative ones')
            : inapplicable(`the stream carried ${values.length} usage value(s): nothing cumulative to judge (stream-usage-equals-nonstream judges the total)`);
        }
        let prev = numericCounters(values[0]);
        for (let i = 1; i < values.length; i++) {
          const cur = numericCounters(values[i]);
          for (const [k, v] of cur) {
            const p = prev.get(k);
            if (p !== undefined && v < p)
              return violates(
                `usage counter ${k} went down from ${p} to ${v} (usage value ${i + 1}): values are increments, not cumulative`,
                `${k} ≥ ${p}`,
                v,
                { values },
              );
          }
          prev = new Map([...prev, ...cur]);
        }
        return holds('non-decreasing counters', `${values.length} usage values`, { values });
      },
      { optional: true, declared: ctx.model.capabilities.streaming === true, streamCheck: true },
    );
  },
};
