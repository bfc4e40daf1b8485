import type { Usage, UsageCell } from '../../schemas/types.gen.js';
import { NativeReader, readRoot } from './nativeReader.js';
import { CellList, IN_READ, IN_TEXT, IN_WRITE, OUT_ANSWER, OUT_REASONING, sumWhere } from './cellSums.js';
import type { ToCellsResult, UsageConvention } from './types.js';

const WRITE_5M = { ...IN_WRITE, cache_ttl: '5m' } as const;
const WRITE_1H = { ...IN_WRITE, cache_ttl: '1h' } as const;

/**
 * Anthropic Messages `Usage` (TMS-M-026): input_tokens EXCLUDES cache reads and writes (total input
 * = input + cache_creation + cache_read); cache_creation splits writes by TTL (5m/1h) and the split
 * must sum to cache_creation_input_tokens; thinking_tokens ≤ output_tokens (TMS-M-023).
 */
export const anthropicMessages: UsageConvention = {
  api: 'anthropic-messages',
  toCells(native: unknown): ToCellsResult {
    const r = new NativeReader();
    const u = readRoot(native, r);
    if (!u) return { ok: false, flags: [...r.flags], message: r.message() };
    const input = r.count(u, 'input_tokens', '', true);
    const output = r.count(u, 'output_tokens', '', true);
    const created = r.count(u, 'cache_creation_input_tokens', '');
    const read = r.count(u, 'cache_read_input_tokens', '');
    const split = r.object(u, 'cache_creation', '');
    const w5m = split ? r.count(split, 'ephemeral_5m_input_tokens', '/cache_creation', true) : 0;
    const w1h = split ? r.count(split, 'ephemeral_1h_input_tokens', '/cache_creation', true) : 0;
    const od = r.object(u, 'output_tokens_details', '');
    const thinking = od ? r.count(od, 'thinking_tokens', '/output_tokens_details', true) : 0;
    if (r.ok) {
      if (split && w5m + w1h !== created) {
        r.fail('ttl-split-mismatch', '/cache_creation', `ephemeral_5m ${w5m} + ephemeral_1h ${w1h} ≠ cache_creation_input_tokens ${created}`);
      }
      r.subset('reasoning-exceeds-output', '/output_tokens_details/thinking_tokens', thinking, output, 'thinking_tokens exceed output_tokens');
    }
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const cells = new CellList().required(IN_TEXT, input).optional(IN_READ, read);
    if (split) cells.optional(WRITE_5M, w5m).optional(WRITE_1H, w1h);
    else cells.optional(IN_WRITE, created);
    cells.required(OUT_ANSWER, output - thinking).optional(OUT_REASONING, thinking);
    return { ok: true, usage: { cells: cells.cells } };
  },
  fromCells(usage: Usage): Record<string, unknown> {
    const writes = usage.cells.filter((c: UsageCell) => c.direction === 'input' && c.cache === 'write' && c.tokens > 0);
    const created = sumWhere(usage, { direction: 'input', cache: 'write' });
    const out: Record<string, unknown> = {
      input_tokens: sumWhere(usage, { direction: 'input', cache: 'none' }),
      cache_creation_input_tokens: created,
      cache_read_input_tokens: sumWhere(usage, { direction: 'input', cache: 'read' }),
    };
    // The TTL split is only stated when every write has a TTL Anthropic knows; otherwise it is unknown (null).
    const byTtl = writes.length > 0 && writes.every((c) => c.cache_ttl === '5m' || c.cache_ttl === '1h');
    out.cache_creation = byTtl
      ? { ephemeral_5m_input_tokens: sumWhere(usage, { ...WRITE_5M, modality: undefined }), ephemeral_1h_input_tokens: sumWhere(usage, { ...WRITE_1H, modality: undefined }) }
      : null;
    out.output_tokens = sumWhere(usage, { direction: 'output' });
    const thinking = sumWhere(usage, { direction: 'output', phase: 'reasoning' });
    out.output_tokens_details = thinking > 0 ? { thinking_tokens: thinking } : null;
    return out;
  },
};
