import type { PriceLine } from '../../pricing/types.js';
import { sha256Into } from '../../digest/sha256.js';
import { REC_KEYS, type LineOutcome } from '../core/processLine.js';

type Rec = Extract<LineOutcome, { t: 'rec' }>;

/**
 * A worker's outcomes packed for the trip to the main thread. Structured clone rebuilds every
 * object and property name of an outcome on the receiving side — about 10 µs per priced record,
 * which made the merging thread the bottleneck (issue 11). A flat array of strings and numbers
 * crosses 15–30× faster: a plain priced record is written as its varying values only (line, id,
 * digest as bytes, time, total, each price line's quantity and amount), and everything records share
 * (period, model, tier, price entry, the price lines' kinds, units and unit prices) once per range
 * as a shape. Any other outcome crosses as it is. Unpacking gives outcomes equal to the originals,
 * packed records carrying REC_KEYS (id key and digest, hashed here, off the merging thread).
 */
export interface PackedOutcomes {
  /** Per outcome: SHAPE_BASE + shape index, or OTHER (the outcome is the next of `others`). */
  readonly tags: Uint32Array;
  /** Per packed record: its line number, then per price line its quantity. */
  readonly nums: Float64Array;
  /**
   * Per packed record: id, time and total, then per price line its amount — as one string cut at
   * `ends` (one string crosses as one copy; an array of thousands is cloned string by string). The
   * digest crosses only as bytes in `keys`: its hex is made again only for a record rebuilt whole.
   */
  readonly text: string;
  /** The end offset in `text` of each of its strings. */
  readonly ends: Uint32Array;
  /** Outcomes that cross as they are, in order. */
  readonly others: LineOutcome[];
  /** The shapes, by index. */
  readonly shapes: readonly Shape[];
  /** Number of outcomes. */
  readonly count: number;
  /** Per packed record, in order: SHA-256 of its id and its digest (64 bytes). */
  readonly keys: Uint8Array;
}

/** The buffers of packed outcomes a worker transfers rather than copies. */
export function transferables(p: PackedOutcomes): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [p.keys, p.tags, p.nums, p.ends]) if (a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  return out;
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
  const tags = new Uint32Array(outs.length);
  const nums: number[] = [];
  let text = '';
  const ends: number[] = [];
  const str = (x: string) => {
    text += x;
    ends.push(text.length);
  };
  const others: LineOutcome[] = [];
  const shapes: Shape[] = [];
  const trie: Trie = { kids: new Map() };
  let n = 0;
  for (const o of outs) if (packable(o)) n++;
  // Its own ArrayBuffer (not the Buffer pool's), so it can be transferred.
  const keys = new Uint8Array(n * 64);
  const kb = Buffer.from(keys.buffer);
  let at = 0;
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i];
    const s = packable(o) ? shapeIndex(trie, shapes, o) : undefined;
    // (packable again only narrows o's type: s is defined only for packable outcomes)
    if (s === undefined || !packable(o)) {
      tags[i] = OTHER;
      others.push(o);
      continue;
    }
    const p = o.priced;
    sha256Into(o.id, kb, at);
    kb.write(o.sha, at + 32, 32, 'hex');
    at += 64;
    tags[i] = SHAPE_BASE + s;
    nums.push(o.line);
    str(o.id);
    str(o.time);
    str(p.total);
    for (const l of p.lines) {
      nums.push(l.quantity);
      str(l.amount);
    }
  }
  return {
    tags,
    nums: Float64Array.from(nums),
    text,
    ends: Uint32Array.from(ends),
    others,
    shapes,
    count: outs.length,
    keys: at === keys.length ? keys : keys.subarray(0, at),
  };
}

/**
 * The index of a packable record's shape, added when new; undefined when it cannot be packed.
 * The shape is found by walking a trie of its values (cheaper than building one long key string
 * per record): period, model, tier, entry, currency, line count, then per line its fields but
 * quantity and amount. A line with any field beyond PriceOutputLine's crosses whole.
 */
function shapeIndex(trie: Trie, shapes: Shape[], o: Rec & { priced: { ok: true } }): number | undefined {
  const p = o.priced;
  let node = child(child(child(child(child(child(trie, o.period), o.model), o.tier), p.entry), p.currency), p.lines.length);
  for (const l of p.lines) {
    let fields = 0;
    for (const _ in l) fields++;
    if (fields !== 5 + (l.tier !== undefined ? 1 : 0) + (l.price_key !== undefined ? 1 : 0)) return undefined;
    node = child(child(child(child(child(node, l.kind), l.unit), l.unit_price), l.tier), l.price_key);
  }
  if (node.shape === undefined) {
    node.shape = shapes.length;
    shapes.push({
      period: o.period,
      model: o.model,
      tier: o.tier,
      entry: p.entry,
      currency: p.currency,
      lines: p.lines.map((l) => Object.entries(l).map(([k, v]): [string, unknown] => [k, k === 'quantity' || k === 'amount' ? undefined : v])),
    });
  }
  return node.shape;
}

/** Outcomes in order, and how many: an array, or packed outcomes rebuilt one at a time. */
export interface OutcomeSeq extends Iterable<LineOutcome> {
  readonly length: number;
  /** The packed form, when the outcomes crossed from a worker (mergePacked reads it without rebuilding). */
  readonly packed?: PackedOutcomes;
}

/**
 * The outcomes of a packed range, rebuilt only as the merge reaches each one: outcomes waiting in
 * the queue stay flat values, and a rebuilt one dies before the next young-generation collection
 * instead of being copied by it (the merging thread's collections were a sixth of its time).
 */
export function lazyOutcomes(packed: PackedOutcomes): OutcomeSeq {
  return { length: packed.count, packed, [Symbol.iterator]: () => rebuild(packed) };
}

/** Rebuilds the outcomes (on the main thread), in order. */
export function unpackOutcomes(packed: PackedOutcomes): LineOutcome[] {
  return [...rebuild(packed)];
}

function* rebuild(packed: PackedOutcomes): Generator<LineOutcome> {
  const cur = { n: 0, t: 0, other: 0, at: 0 };
  for (const tag of packed.tags) yield next(packed, tag, cur);
}

/** Where a walk over packed outcomes is: the next number, string, other outcome and key. */
interface Cursor {
  n: number;
  t: number;
  other: number;
  at: number;
}

/** Rebuilds the outcome of `tag` at the cursor and moves past it. */
function next(packed: PackedOutcomes, tag: number, cur: Cursor): LineOutcome {
  const { nums, text, ends, others, shapes, keys } = packed;
  if (tag === OTHER) return others[cur.other++];
  const str = () => {
    const k = cur.t++;
    return text.slice(k === 0 ? 0 : ends[k - 1], ends[k]);
  };
  const s = shapes[tag - SHAPE_BASE];
  const line = nums[cur.n++];
  const id = str();
  const sha = Buffer.from(keys.buffer, keys.byteOffset + cur.at + 32, 32).toString('hex');
  const time = str();
  const total = str();
  const lines: PriceLine[] = [];
  for (const fields of s.lines) {
    const quantity = nums[cur.n++];
    const amount = str();
    const l: Record<string, unknown> = {};
    for (const [k, v] of fields) l[k] = k === 'quantity' ? quantity : k === 'amount' ? amount : v;
    lines.push(l as unknown as PriceLine);
  }
  const at = cur.at;
  cur.at += 64;
  return {
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
}

/** What a packed record's shape says of its price lines: all but quantity and amount. */
export type ShapeLine = Omit<PriceLine, 'quantity' | 'amount'>;

/** A packed shape as the merging thread needs it. */
export interface PackedShape {
  readonly period: Rec['period'];
  readonly model: string;
  readonly tier: string;
  readonly entry: string;
  readonly lines: readonly ShapeLine[];
}

/** Where the merge of a packed range sends its outcomes (mergePacked). */
export interface PackedSink<H> {
  /** Prepares a shape once per range (e.g. resolves its line items); the result comes back with its records. */
  shape(s: PackedShape): H;
  /**
   * A plain priced record of a prepared shape: its id key and digest are the 64 bytes at `at` of
   * `keys`, its line's quantities `nums[q..]`. False when the sink needs the whole outcome: it is
   * then rebuilt and given to `outcome`.
   */
  plain(h: H, keys: Buffer, at: number, line: number, nums: Float64Array, q: number): boolean;
  /** Any other outcome, in order. */
  outcome(o: LineOutcome): void;
}

/**
 * Gives a packed range's outcomes to `sink` in order, plain priced records as their values only
 * (no object per record on the merging thread, issue 11), anything else as the outcome.
 */
export function mergePacked<H>(packed: PackedOutcomes, sink: PackedSink<H>): void {
  const prepared: H[] = packed.shapes.map((s) => sink.shape(shapeOf(s)));
  const kb = Buffer.from(packed.keys.buffer, packed.keys.byteOffset, packed.keys.byteLength);
  const cur: Cursor = { n: 0, t: 0, other: 0, at: 0 };
  for (const tag of packed.tags) {
    if (tag !== OTHER) {
      const s = tag - SHAPE_BASE;
      if (sink.plain(prepared[s], kb, cur.at, packed.nums[cur.n], packed.nums, cur.n + 1)) {
        cur.n += 1 + packed.shapes[s].lines.length;
        cur.t += 3 + packed.shapes[s].lines.length;
        cur.at += 64;
        continue;
      }
    }
    sink.outcome(next(packed, tag, cur));
  }
}

/** A shape's price lines as objects, from the field lists it crossed as. */
function shapeOf(s: Shape): PackedShape {
  const lines = s.lines.map((fields): ShapeLine => {
    const l: Record<string, unknown> = {};
    for (const [k, v] of fields) if (k !== 'quantity' && k !== 'amount') l[k] = v;
    const { kind, unit, unit_price, tier, price_key } = l;
    if (typeof kind !== 'string' || typeof unit !== 'number' || typeof unit_price !== 'string') throw new TypeError('packOutcomes: malformed shape line');
    return {
      kind,
      unit,
      unit_price,
      ...(typeof tier === 'string' ? { tier } : {}),
      ...(typeof price_key === 'string' ? { price_key } : {}),
    };
  });
  return { period: s.period, model: s.model, tier: s.tier, entry: s.entry, lines };
}
