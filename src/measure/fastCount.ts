import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * A pure-JS counting fast path that must give exactly tiktoken's counts (TMS-M-004): the same
 * pre-tokenisation regex (translated to JS, with Unicode White_Space for `\s` as in Rust's regex
 * crate — the J1 divergence of JS ports — and `(?i:…)` expanded with simple case folding, so `'ſ`
 * matches `'s`), byte-pair merging as tiktoken's `_byte_pair_merge` (lowest rank, leftmost first),
 * and a bounded cache of piece → count. It only handles text whose every code point lies in blocks
 * whose character properties are the same in Node's Unicode tables and in the Unicode 15.0 tables
 * of tiktoken's regex crate; any other text returns undefined and is counted by the WASM core.
 * Exactness is checked by a differential property test against @dqbd/tiktoken and by every vector.
 */

// Unicode White_Space (what `\s` means in Rust's regex crate). JS `\s` lacks U+0085 and adds U+FEFF.
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// Blocks unchanged between Unicode 15.0 and Node's tables (see the differential test of every code point in them).
const SAFE = /^[\u0000-\u05ff\u0600-\u06ff\u0900-\u09ff\u0b80-\u0bff\u0e00-\u0e7f\u1100-\u11ff\u2000-\u2bff\u3000-\u9fff\uac00-\ud7a3\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uffef\u{1f000}-\u{1faff}\u{e0000}-\u{e007f}]*$/u;

/** Translates a tiktoken pattern to a JS regex with the same matches. */
export function translatePattern(pat: string): RegExp {
  const fold: Record<string, string> = { s: '[sS\\u017f]', t: '[tT]', r: '[rR]', e: '[eE]', v: '[vV]', m: '[mM]', l: '[lL]', d: '[dD]' };
  let out = pat.replace(/\(\?i:([^)]*)\)/g, (_, body: string) => `(?:${body.replace(/[a-z]/g, (c) => fold[c] ?? `[${c}${c.toUpperCase()}]`)})`);
  // Inside a class `\s` expands to the set; outside it becomes a class, and `\S` its negation.
  out = out.replace(/\[(\^?)((?:\\.|[^\]\\])*)\]|\\s|\\S/g, (m: string, neg?: string, body?: string) => {
    if (m === '\\s') return `[${WS}]`;
    if (m === '\\S') return `[^${WS}]`;
    return `[${neg}${(body ?? '').replace(/\\s/g, WS)}]`;
  });
  return new RegExp(out, 'gu');
}

const require = createRequire(import.meta.url);

/** Counting state for one encoding: regex, ranks by byte string, and a bounded piece cache. */
export class FastCounter {
  private readonly re: RegExp;
  private readonly ranks = new Map<string, number>();
  private cache = new Map<string, number>();
  private static readonly CACHE_MAX = 100_000;
  /** Pieces longer than this (in bytes) are merged with a heap, O(n log n), instead of tiktoken's O(n²) scan. */
  private static readonly LONG_PIECE = 256;

  constructor(base: string) {
    const file = JSON.parse(readFileSync(require.resolve(`@dqbd/tiktoken/encoders/${base}.json`), 'utf8')) as { pat_str: string; bpe_ranks: string };
    this.re = translatePattern(file.pat_str);
    for (const line of file.bpe_ranks.split('\n')) {
      if (line === '') continue;
      const parts = line.split(' ');
      let rank = Number(parts[1]);
      for (let i = 2; i < parts.length; i++) this.ranks.set(Buffer.from(parts[i], 'base64').toString('latin1'), rank++);
    }
  }

  /** Token count of `text`, or undefined when the text is outside the fast path's safe blocks. */
  count(text: string): number | undefined {
    if (!SAFE.test(text)) return undefined;
    const re = this.re;
    re.lastIndex = 0;
    let n = 0;
    let expected = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const piece = m[0];
      // A gap or an empty match is not tiktoken's split: leave such text to the WASM core.
      if (m.index !== expected || piece === '') return undefined;
      expected = m.index + piece.length;
      let c = this.cache.get(piece);
      if (c === undefined) {
        c = this.pieceCount(Buffer.from(piece, 'utf8').toString('latin1'));
        // A long piece is rarely seen twice and would pin megabytes in the cache.
        if (piece.length <= 1024) {
          if (this.cache.size >= FastCounter.CACHE_MAX) this.cache = new Map();
          this.cache.set(piece, c);
        }
      }
      n += c;
    }
    return expected === text.length ? n : undefined;
  }

  /** Number of tokens of one piece: tiktoken's byte-pair merge (lowest rank, leftmost first). */
  private pieceCount(bytes: string): number {
    if (this.ranks.has(bytes)) return 1;
    const len = bytes.length;
    if (len === 1) return 1;
    if (len > RUN_MIN) {
      const run = periodicRun(bytes);
      if (run) {
        const n = runCount(run.head, run.unit, run.repeats, (b) => this.pieceCount(b));
        if (n !== undefined) return n;
      }
    }
    if (len > FastCounter.LONG_PIECE) return mergeCountHeap(bytes, this.ranks);
    const MAX = Number.MAX_SAFE_INTEGER;
    const starts: number[] = [];
    const rank: number[] = [];
    for (let i = 0; i < len - 1; i++) {
      starts.push(i);
      rank.push(this.ranks.get(bytes.slice(i, i + 2)) ?? MAX);
    }
    starts.push(len - 1, len);
    rank.push(MAX, MAX);
    const get = (i: number): number => (i + 3 < starts.length ? (this.ranks.get(bytes.slice(starts[i], starts[i + 3])) ?? MAX) : MAX);
    for (;;) {
      let min = MAX;
      let at = -1;
      for (let i = 0; i < rank.length - 1; i++) if (rank[i] < min) [min, at] = [rank[i], i];
      if (at < 0) break;
      if (at > 0) rank[at - 1] = get(at - 1);
      rank[at] = get(at);
      starts.splice(at + 1, 1);
      rank.splice(at + 1, 1);
    }
    return starts.length - 1;
  }
}

/**
 * Byte-pair merge of a long piece with a binary heap keyed by (rank, start): the same merges as
 * tiktoken's scan (lowest rank first, leftmost on ties, since a node keeps its start position), in
 * O(n log n) instead of O(n²), so a 1 MB run of one character does not take minutes.
 */
export function mergeCountHeap(bytes: string, ranks: ReadonlyMap<string, number>): number {
  const n = bytes.length;
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const rank = new Float64Array(n);
  const dead = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const pairRank = (i: number): number => {
    const j = next[i];
    if (j >= n) return Infinity;
    return ranks.get(bytes.slice(i, next[j] > n ? n : next[j])) ?? Infinity;
  };
  // Heap of [rank, start] pairs, flattened.
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => heap[a] < heap[b] || (heap[a] === heap[b] && heap[a + 1] < heap[b + 1]);
  const swap = (a: number, b: number): void => {
    [heap[a], heap[b]] = [heap[b], heap[a]];
    [heap[a + 1], heap[b + 1]] = [heap[b + 1], heap[a + 1]];
  };
  const push = (r: number, i: number): void => {
    if (r === Infinity) return;
    heap.push(r, i);
    for (let c = heap.length - 2; c > 0; ) {
      const p = (((c / 2 - 1) >> 1) << 1);
      if (!less(c, p)) break;
      swap(c, p);
      c = p;
    }
  };
  const pop = (): void => {
    const last = heap.length - 2;
    swap(0, last);
    heap.length = last;
    for (let p = 0; ; ) {
      const l = p * 2 + 2;
      const r = l + 2;
      let m = p;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === p) break;
      swap(p, m);
      p = m;
    }
  };
  for (let i = 0; i < n; i++) {
    rank[i] = pairRank(i);
    push(rank[i], i);
  }
  let count = n;
  while (heap.length > 0) {
    const r = heap[0];
    const i = heap[1];
    pop();
    if (dead[i] || rank[i] !== r) continue; // stale entry
    const j = next[i];
    dead[j] = 1;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    count--;
    rank[i] = pairRank(i);
    push(rank[i], i);
    const p = prev[i];
    if (p >= 0) {
      rank[p] = pairRank(p);
      push(rank[p], p);
    }
  }
  return count;
}

/** Pieces longer than this (bytes) are checked for being one character repeated. */
const RUN_MIN = 1 << 16;
/** Repeats before the window in which the period is found, and the window's width (units). */
const RUN_K0 = 1024;
const RUN_W = 512;

/** A piece that is a short head followed by one unit (a character's bytes) repeated, or undefined. */
export function periodicRun(bytes: string): { head: string; unit: string; repeats: number } | undefined {
  for (let u = 1; u <= 4; u++) {
    const unit = bytes.slice(bytes.length - u);
    let h = bytes.length - u;
    while (h - u >= 0 && bytes.startsWith(unit, h - u)) h -= u;
    if (h <= 16 && (bytes.length - h) / u > RUN_K0 + 2 * RUN_W) return { head: bytes.slice(0, h), unit, repeats: (bytes.length - h) / u };
  }
  return undefined;
}

/**
 * Exact count of `head + unit × repeats` for a long run (one character repeated: 20 MB of "a"),
 * in time independent of its length. Byte-pair merging of a run is periodic: within a rank every
 * merge in the repeated middle joins two copies of the same token, left to right, so the middle
 * becomes copies of one final token of L units while the ends affect only a bounded stretch beside
 * them. Hence count(j + L) = count(j) + q for every j past that stretch. The period is found on a
 * window of 512 consecutive lengths after 1024 units, each counted exactly by `countOf`, and must
 * hold on the whole window; otherwise undefined (and the caller merges the piece itself).
 * fastCount.property.test.ts checks the result against the full merge.
 */
export function runCount(head: string, unit: string, repeats: number, countOf: (bytes: string) => number): number | undefined {
  const memo = new Map<number, number>();
  const f = (j: number): number => {
    let v = memo.get(j);
    if (v === undefined) memo.set(j, (v = countOf(head + unit.repeat(j))));
    return v;
  };
  for (let period = 1; period <= RUN_W; period++) {
    const q = f(RUN_K0 + period) - f(RUN_K0);
    let holds = true;
    for (let j = RUN_K0 + 1; j < RUN_K0 + RUN_W && holds; j++) holds = f(j + period) - f(j) === q;
    if (!holds) continue;
    const base = RUN_K0 + ((repeats - RUN_K0) % period);
    return f(base) + ((repeats - base) / period) * q;
  }
  return undefined;
}
