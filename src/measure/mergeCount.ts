import type { RankTable } from './rankTable.js';

const NONE = 0x7fffffff;
/** Pieces longer than this (in bytes) are merged with a heap, O(n log n), instead of tiktoken's O(n²) scan. */
const LONG_PIECE = 128;
// Scratch arrays of the short-piece merge, reused across calls.
const starts = new Int32Array(LONG_PIECE + 2);
const rankAt = new Int32Array(LONG_PIECE + 2);

/**
 * Number of tokens of the byte string buf[0..len): tiktoken's `_byte_pair_merge` (merge the pair of
 * lowest rank, leftmost on ties, until no pair is a token), counted without building the tokens.
 */
export function mergeCount(buf: Uint8Array, len: number, table: RankTable): number {
  if (len <= 1) return len;
  if (table.rank(buf, 0, len) >= 0) return 1;
  if (len > LONG_PIECE) return mergeCountHeap(buf, len, table);
  const pairs = table.pairs;
  // parts: starts[0..m) with rankAt[i] = rank of the bytes from starts[i] to starts[i + 2].
  let m = len + 1;
  for (let i = 0; i < len - 1; i++) {
    starts[i] = i;
    const r = pairs[(buf[i] << 8) | buf[i + 1]];
    rankAt[i] = r < 0 ? NONE : r;
  }
  starts[len - 1] = len - 1;
  rankAt[len - 1] = NONE;
  starts[len] = len;
  rankAt[len] = NONE;
  const get = (i: number): number => {
    if (i + 3 >= m) return NONE;
    const r = table.rank(buf, starts[i], starts[i + 3]);
    return r < 0 ? NONE : r;
  };
  for (;;) {
    let min = NONE;
    let at = -1;
    for (let i = 0; i < m - 1; i++) {
      if (rankAt[i] < min) {
        min = rankAt[i];
        at = i;
      }
    }
    if (at < 0) break;
    if (at > 0) rankAt[at - 1] = get(at - 1);
    rankAt[at] = get(at);
    starts.copyWithin(at + 1, at + 2, m);
    rankAt.copyWithin(at + 1, at + 2, m);
    m--;
  }
  return m - 1;
}

// Scratch arrays of the heap merge, grown on demand and reused.
let next = new Int32Array(256);
let prev = new Int32Array(256);
let rank = new Int32Array(256);
let dead = new Uint8Array(256);
let heap = new Int32Array(512);
// The heap holds (rank, start) pairs flattened in `heap[0..heapSize)`, ordered by rank, then start.
let heapSize = 0;

function heapLess(a: number, b: number): boolean {
  return heap[a] < heap[b] || (heap[a] === heap[b] && heap[a + 1] < heap[b + 1]);
}

function heapSwap(a: number, b: number): void {
  const r = heap[a];
  const s = heap[a + 1];
  heap[a] = heap[b];
  heap[a + 1] = heap[b + 1];
  heap[b] = r;
  heap[b + 1] = s;
}

/** Adds pair (r, i), unless r is NONE (no merge possible there). */
function heapPush(r: number, i: number): void {
  if (r === NONE) return;
  if (heapSize + 2 > heap.length) {
    const h = new Int32Array(heap.length * 2);
    h.set(heap);
    heap = h;
  }
  heap[heapSize] = r;
  heap[heapSize + 1] = i;
  heapSize += 2;
  for (let c = heapSize - 2; c > 0; ) {
    const p = ((c / 2 - 1) >> 1) << 1;
    if (!heapLess(c, p)) break;
    heapSwap(c, p);
    c = p;
  }
}

/** Removes the smallest pair (read it from heap[0], heap[1] first). */
function heapPop(): void {
  heapSize -= 2;
  heapSwap(0, heapSize);
  for (let p = 0; ; ) {
    const l = p * 2 + 2;
    const r = l + 2;
    let m = p;
    if (l < heapSize && heapLess(l, m)) m = l;
    if (r < heapSize && heapLess(r, m)) m = r;
    if (m === p) break;
    heapSwap(p, m);
    p = m;
  }
}

/**
 * Byte-pair merge of a long piece with a binary heap keyed by (rank, start): the same merges as
 * tiktoken's scan (lowest rank first, leftmost on ties, since a node keeps its start position), in
 * O(n log n) instead of O(n²), so a 1 MB run of one character does not take minutes.
 */
export function mergeCountHeap(buf: Uint8Array, n: number, table: RankTable): number {
  if (next.length < n) {
    const cap = Math.max(n, next.length * 2);
    next = new Int32Array(cap);
    prev = new Int32Array(cap);
    rank = new Int32Array(cap);
    dead = new Uint8Array(cap);
  }
  dead.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const pairRank = (i: number): number => {
    const j = next[i];
    if (j >= n) return NONE;
    const r = table.rank(buf, i, next[j] > n ? n : next[j]);
    return r < 0 ? NONE : r;
  };
  heapSize = 0;
  for (let i = 0; i < n; i++) {
    rank[i] = pairRank(i);
    heapPush(rank[i], i);
  }
  let count = n;
  while (heapSize > 0) {
    const r = heap[0];
    const i = heap[1];
    heapPop();
    if (dead[i] || rank[i] !== r) continue; // stale entry
    const j = next[i];
    dead[j] = 1;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    count--;
    rank[i] = pairRank(i);
    heapPush(rank[i], i);
    const p = prev[i];
    if (p >= 0) {
      rank[p] = pairRank(p);
      heapPush(rank[p], p);
    }
  }
  return count;
}
