import type { Usage, UsageCell } from '../../schemas/types.gen.js';
import { addToCell } from '../usageCells.js';
import { NativeReader, readRoot } from './nativeReader.js';
import { CellList, IN_READ, IN_TEXT, IN_WRITE, OUT_ANSWER, OUT_REASONING, sumWhere } from './cellSums.js';
import type { OtherModelUsage, ToCellsResult, UsageConvention } from './types.js';
import { isRecord } from '../../io/isRecord.js';

const WRITE_5M = { ...IN_WRITE, cache_ttl: '5m' } as const;
const WRITE_1H = { ...IN_WRITE, cache_ttl: '1h' } as const;

type Obj = Record<string, unknown>;

/** The counts of one Anthropic usage object: the top-level `usage` or one entry of `usage.iterations`. */
interface Counts {
  readonly input: number;
  readonly output: number;
  readonly created: number;
  readonly read: number;
  readonly split: boolean;
  readonly w5m: number;
  readonly w1h: number;
  readonly thinking: number;
}

/** Reads one usage object at `at`, flagging bad counts and a TTL split that does not sum (TMS-M-026). */
function readCounts(r: NativeReader, u: Obj, at: string): Counts {
  const input = r.count(u, 'input_tokens', at, true);
  const output = r.count(u, 'output_tokens', at, true);
  const created = r.count(u, 'cache_creation_input_tokens', at);
  const read = r.count(u, 'cache_read_input_tokens', at);
  const split = r.object(u, 'cache_creation', at);
  const w5m = split ? r.count(split, 'ephemeral_5m_input_tokens', `${at}/cache_creation`, true) : 0;
  const w1h = split ? r.count(split, 'ephemeral_1h_input_tokens', `${at}/cache_creation`, true) : 0;
  const od = r.object(u, 'output_tokens_details', at);
  const thinking = od ? r.count(od, 'thinking_tokens', `${at}/output_tokens_details`, true) : 0;
  if (r.ok) {
    if (split && w5m + w1h !== created) {
      r.fail('ttl-split-mismatch', `${at}/cache_creation`, `ephemeral_5m ${w5m} + ephemeral_1h ${w1h} ≠ cache_creation_input_tokens ${created}`);
    }
    r.subset('reasoning-exceeds-output', `${at}/output_tokens_details/thinking_tokens`, thinking, output, 'thinking_tokens exceed output_tokens');
  }
  return { input, output, created, read, split: split !== undefined, w5m, w1h, thinking };
}

/** The canonical cells of one usage object. */
function cellsOf(c: Counts): UsageCell[] {
  const cells = new CellList().required(IN_TEXT, c.input).optional(IN_READ, c.read);
  if (c.split) cells.optional(WRITE_5M, c.w5m).optional(WRITE_1H, c.w1h);
  else cells.optional(IN_WRITE, c.created);
  return cells.required(OUT_ANSWER, c.output - c.thinking).optional(OUT_REASONING, c.thinking).cells;
}

/**
 * `usage.iterations` (TMS-M-057, TMS-M-058): the top-level counts are those of the sampling hops
 * that served the response (`message` entries, or the `fallback_message` hop); `compaction`
 * iterations are billed on top at the same model's rates, so their cells join the response's;
 * `advisor_message` iterations and declined fallback hops are another model's usage, returned apart.
 * The served hops must sum to the top-level counts, else the object is ambiguous and rejected.
 */
function readIterations(r: NativeReader, u: Obj, top: Counts, cells: UsageCell[], others: OtherModelUsage[]): void {
  const list = r.array(u, 'iterations', '');
  if (list === undefined || !r.ok) return;
  const entries = list.map((it, i) => ({ it, at: `/iterations/${i}` }));
  const fallback = entries.find(({ it }) => isRecord(it) && it.type === 'fallback_message')?.it;
  const serving = isRecord(fallback) ? fallback.model : undefined;
  const served = { input: 0, output: 0, created: 0, read: 0, n: 0 };
  for (const { it, at } of entries) {
    if (!isRecord(it)) {
      r.fail('wrong-type', at, 'expected an iteration usage object');
      continue;
    }
    const o = it;
    const model = o.model;
    if (model !== undefined && model !== null && (typeof model !== 'string' || model === '')) r.fail('wrong-type', `${at}/model`, 'expected a model name');
    const c = readCounts(r, o, at);
    if (!r.ok) return;
    const other = (kind: string): void => {
      if (typeof model !== 'string') return r.fail('missing-field', `${at}/model`, `a ${kind} iteration names the model that billed it`);
      others.push({ model, kind, pointer: at, usage: { cells: cellsOf(c) } });
    };
    if (o.type === 'compaction') {
      for (const cell of cellsOf(c)) if (cell.tokens > 0) addToCell(cells, cell, cell.tokens);
    } else if (o.type === 'advisor_message') other('advisor_message');
    else if (o.type === 'message' && serving !== undefined && typeof model === 'string' && model !== serving) other('message');
    else if (o.type === 'message' || o.type === 'fallback_message') {
      served.input += c.input;
      served.output += c.output;
      served.created += c.created;
      served.read += c.read;
      served.n++;
    } else r.fail('unknown-iteration', `${at}/type`, `unknown iteration type ${JSON.stringify(o.type)}; its billing is not known`);
  }
  if (r.ok && served.n > 0) {
    const pairs: [string, number, number][] = [
      ['input_tokens', served.input, top.input],
      ['output_tokens', served.output, top.output],
      ['cache_creation_input_tokens', served.created, top.created],
      ['cache_read_input_tokens', served.read, top.read],
    ];
    const off = pairs.filter(([, a, b]) => a !== b).map(([k, a, b]) => `${k} ${b} ≠ served iterations' ${a}`);
    if (off.length > 0) r.fail('iterations-mismatch', '/iterations', off.join(', '));
  }
}

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
    const top = readCounts(r, u, '');
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    const cells = cellsOf(top);
    const others: OtherModelUsage[] = [];
    readIterations(r, u, top, cells, others);
    if (!r.ok) return { ok: false, flags: [...r.flags], message: r.message() };
    return others.length > 0 ? { ok: true, usage: { cells }, others } : { ok: true, usage: { cells } };
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
      ? {
          ephemeral_5m_input_tokens: sumWhere(usage, { ...WRITE_5M, modality: undefined }),
          ephemeral_1h_input_tokens: sumWhere(usage, { ...WRITE_1H, modality: undefined }),
        }
      : null;
    out.output_tokens = sumWhere(usage, { direction: 'output' });
    const thinking = sumWhere(usage, { direction: 'output', phase: 'reasoning' });
    out.output_tokens_details = thinking > 0 ? { thinking_tokens: thinking } : null;
    return out;
  },
};
