import type { PriceLine } from '../../pricing/types.js';
import { hash } from 'node:crypto';
import { REC_KEYS, type LineOutcome } from '../core/processLine.js';

type Rec = Extract<LineOutcome, { t: 'rec' }>;

/**
 * A worker's outcomes packed for the trip to the main thread. Structured clone rebuilds every
 * object and property name of an outcome on the receiving side — about 10 µs per priced record,
 * which made the merging thread the bottleneck (issue 11). A flat array of strings and numbers
 * crosses 15–30× faster: a plain priced record is written as its varying values only (line, id,
 * digest, time, total, each price line's quantity and amount), and everything records share
 * (period, model, tier, price entry, the price lines' kinds, units and unit prices) once per range
 * as a shape. Any other outcome crosses as it is. Unpacking gives outcomes equal to the originals,
 * packed records carrying REC_KEYS (id key and digest, hashed here, off the merging thread).
 */
export interface PackedOutcomes {
  /** Per outcome: SHAPE_BASE + shape index, or OTHER (the outcome is the next of `others`). */
  readonly tags: number[];
  /** Per packed record: its line number, then per price line its quantity. */
  readonly nums: number[];
  /** Per packed record: id, digest, time and total, then per price line its amount. */
  readonly strs: string[];
  /** Outcomes that cross as they are, in order. */
  readonly others: LineOutcome[];
  /** The shapes, by index. */
  readonly shapes: readonly Shape[];
  /** Number of outcomes. */
  readonly count: number;
  /** Per packed record, in order: SHA-256 of its id and its digest (64 bytes; transferable). */
  readonly keys: Uint8Array;
}

/** What priced records of one kind share: everything but their per-record values. */
interface Shape {
  readonly period: Rec['period'];
  readonly model: string;
  readonly tier: string;
  readonly entry: string;
  readonly currency: string;
  /** Per price line, its fields in order; quantity and amount are the record's own. */
  readonly lines: readonly (readonly [string, unknown][])[];
}

const OTHER = 0;
const SHAPE_BASE = 1;

/** A trie of shape values (Map keys compare by SameValueZero: 1 is not '1', undefined is a key). */
interface Trie {
  readonly kids: Map<unknown, Trie>;
  /** The index of the shape that ends here. */
  shape?: number;
}

function child(t: Trie, v: unknown): Trie {
  let c = t.kids.get(v);
  if (c === undefined) t.kids.set(v, (c = { kids: new Map() }));
  return c;
}

/** A record packs as values when it is plainly priced and carries nothing else. */
function packable(o: LineOutcome): o is Rec & { priced: { ok: true } } {
  return o.t === 'rec' && o.priced.ok && !('recount' in o) && !('cost' in o) && !('companions' in o);
}

/** Packs outcomes (in a worker). */
export function packOutcomes(outs: readonly LineOutcome[]): PackedOutcomes {
  const tags: number[] = [];
  const nums: number[] = [];
  const strs: string[] = [];
  const others: LineOutcome[] = [];
  const shapes: Shape[] = [];
  const trie: Trie = { kids: new Map() };
  let n = 0;
  for (const o of outs) if (packable(o)) n++;
  // Its own ArrayBuffer (not the Buffer pool's), so it can be transferred.
  const keys = new Uint8Array(n * 64);
  const kb = Buffer.from(keys.buffer);
  let at = 0;
  for (const o of outs) {
    if (!packable(o)) {
      tags.push(OTHER);
      others.push(o);
      continue;
    }
    const p = o.priced;
    // The shape is found by walking a trie of its values (cheaper than building one long key string
    // per record): period, model, tier, entry, currency, line count, then per line its fields but
    // quantity and amount. A line with any field beyond PriceOutputLine's crosses whole.
    let node = child(child(child(child(child(child(trie, o.period), o.model), o.tier), p.entry), p.currency), p.lines.length);
    let plain = true;
    for (const l of p.lines) {
      let fields = 0;
      for (const _ in l) fields++;
      if (fields !== 5 + (l.tier !== undefined ? 1 : 0) + (l.price_key !== undefined ? 1 : 0)) {
        plain = false;
        break;
      }
      node = child(child(child(child(child(node, l.kind), l.unit), l.unit_price), l.tier), l.price_key);
    }
    if (!plain) {
      tags.push(OTHER);
      others.push(o);
      continue;
    }
    let s = node.shape;
    if (s === undefined) {
      s = shapes.length;
      node.shape = s;
      shapes.push({
        period: o.period,
        model: o.model,
        tier: o.tier,
        entry: p.entry,
        currency: p.currency,
        lines: p.lines.map((l) => Object.entries(l).map(([k, v]): [string, unknown] => [k, k === 'quantity' || k === 'amount' ? undefined : v])),
      });
    }
    keys.set(hash('sha256', o.id, 'buffer'), at);
    kb.write(o.sha, at + 32, 32, 'hex');
    at += 64;
    tags.push(SHAPE_BASE + s);
    nums.push(o.line);
    strs.push(o.id, o.sha, o.time, p.total);
    for (const l of p.lines) {
      nums.push(l.quantity);
      strs.push(l.amount);
    }
  }
  return { tags, nums, strs, others, shapes, count: outs.length, keys };
}

/** Outcomes in order, and how many: an array, or packed outcomes rebuilt one at a time. */
export interface OutcomeSeq extends Iterable<LineOutcome> {
  readonly length: number;
}

/**
 * The outcomes of a packed range, rebuilt only as the merge reaches each one: outcomes waiting in
 * the queue stay flat values, and a rebuilt one dies before the next young-generation collection
 * instead of being copied by it (the merging thread's collections were a sixth of its time).
 */
export function lazyOutcomes(packed: PackedOutcomes): OutcomeSeq {
  return { length: packed.count, [Symbol.iterator]: () => rebuild(packed) };
}

/** Rebuilds the outcomes (on the main thread), in order. */
export function unpackOutcomes(packed: PackedOutcomes): LineOutcome[] {
  return [...rebuild(packed)];
}

function* rebuild(packed: PackedOutcomes): Generator<LineOutcome> {
  const { tags, nums, strs, others, shapes, keys } = packed;
  let at = 0;
  let n = 0;
  let t = 0;
  let other = 0;
  for (const tag of tags) {
    if (tag === OTHER) {
      yield others[other++];
      continue;
    }
    const s = shapes[tag - SHAPE_BASE];
    const line = nums[n++];
    const id = strs[t++];
    const sha = strs[t++];
    const time = strs[t++];
    const total = strs[t++];
    const lines: PriceLine[] = [];
    for (const fields of s.lines) {
      const quantity = nums[n++];
      const amount = strs[t++];
      const l: Record<string, unknown> = {};
      for (const [k, v] of fields) l[k] = k === 'quantity' ? quantity : k === 'amount' ? amount : v;
      lines.push(l as unknown as PriceLine);
    }
    yield {
      t: 'rec',
      line,
      id,
      sha,
      time,
      period: s.period,
      model: s.model,
      tier: s.tier,
      priced: { ok: true, entry: s.entry, currency: s.currency, lines, total },
      [REC_KEYS]: keys.subarray(at, at + 64),
    };
    at += 64;
  }
}
