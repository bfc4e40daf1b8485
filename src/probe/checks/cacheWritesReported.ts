import { exchangeRoles } from '../exchangeRoles.js';
import type { ExchangeKind } from '../types.js';
import { countsOf, type Finding, holds, inapplicable, judgeEach, notApplicable, usable, usageIn, violates } from './support.js';
import type { Check } from './types.js';
import { isRecord } from '../../io/isRecord.js';

const CACHE_KINDS: readonly ExchangeKind[] = ['cache-write', 'cache-hit', 'cache-hit-stream'];

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Cache writes land in the right cells (TMS-M-050, TMS-M-051): where a request marks its prefix for
 * caching with a lifetime (Anthropic `cache_control`, `ttl` 5m or 1h), every token written is
 * reported as a cache write in the cell of that lifetime (`cache_creation.ephemeral_5m_input_tokens`
 * / `ephemeral_1h_input_tokens`), and no later response reads from the cache more than the write
 * exchange reported writing or reading: a read the write exchange did not report is a dropped write.
 * See https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching ("Tracking cache
 * performance", "1-hour cache duration").
 */
export const cacheWritesReported: Check = {
  name: 'cache-writes-reported',
  title: 'Cache writes are reported, in the cell of the requested lifetime',
  level: 'MUST',
  requirements: ['TMS-M-050', 'TMS-M-051'],
  needs: (m) => (m.capabilities.caching === false ? [] : ['plain', 'repeat', ...(m.capabilities.streaming === false ? [] : (['stream'] as const))]),
  evaluate(ctx) {
    const ttl = ctx.input.cache?.ttl;
    if (ttl === undefined) return notApplicable('the case marks no prefix for caching');
    if (ctx.model.capabilities.caching === false) return notApplicable('the target declares no prompt caching');
    if (ctx.model.api !== 'anthropic')
      return notApplicable(`${ctx.model.api} caches prefixes automatically and reports no cache writes; caching-reported judges its reads`);
    const w = usable(ctx, 'cache-write');
    const wc = w.ok ? countsOf(ctx, 'cache-write', w.reply) : undefined;
    const cachedAtWrite = wc?.ok ? wc.counts.cacheRead + wc.counts.cacheWrite : undefined;
    return judgeEach(ctx, CACHE_KINDS, (kind, reply) => {
      const u = usageIn(ctx, kind, reply);
      if (!u.ok) return u.finding;
      const c = u.counts;
      const found: Finding[] = [];
      // usageIn read counts from it, so the usage is an object here.
      const split = isRecord(reply.usage) ? reply.usage.cache_creation : undefined;
      const observed = { read: c.cacheRead, written: c.cacheWrite, cache_creation: split ?? null };
      if (c.cacheWrite > 0) {
        if (split === null || typeof split !== 'object')
          found.push(
            violates(
              `${c.cacheWrite} tokens written without their lifetime split (cache_creation)`,
              { [`ephemeral_${ttl}_input_tokens`]: c.cacheWrite },
              observed,
            ),
          );
        else {
          // An array split has none of the lifetime fields: read as an empty object, as indexing it did.
          const s: Record<string, unknown> = isRecord(split) ? split : {};
          const inTtl = num(s[`ephemeral_${ttl}_input_tokens`]);
          const other = num(s[`ephemeral_${ttl === '1h' ? '5m' : '1h'}_input_tokens`]);
          // A stream's message_delta may raise cache_creation_input_tokens without restating the split
          // of message_start: there only tokens filed under the other lifetime are wrong.
          const wrong = exchangeRoles[kind].streamed ? other > 0 : inTtl !== c.cacheWrite;
          if (wrong)
            found.push(
              violates(
                `${c.cacheWrite} tokens written with ttl ${ttl}, but ${inTtl} reported in the ${ttl} cell (5m: ${num(s.ephemeral_5m_input_tokens)}, 1h: ${num(s.ephemeral_1h_input_tokens)})`,
                { [`ephemeral_${ttl}_input_tokens`]: c.cacheWrite },
                observed,
              ),
            );
        }
      }
      if (kind !== 'cache-write' && cachedAtWrite !== undefined && c.cacheRead > cachedAtWrite) {
        found.push(
          violates(
            `read ${c.cacheRead} tokens from the cache, but the cache-write exchange reported writing or reading only ${cachedAtWrite}: a cache write went unreported`,
            `≤ ${cachedAtWrite} read`,
            observed,
          ),
        );
      }
      if (found.length > 0) return found;
      if (kind === 'cache-write' && c.cacheWrite + c.cacheRead === 0)
        return inapplicable("nothing was cached (the prefix may be below this model's minimum cacheable length)");
      return holds(kind === 'cache-write' ? `writes in the ${ttl} cell` : `≤ ${String(cachedAtWrite)} read`, observed);
    });
  },
};
