/**
 * The mergeable ranks of an encoding as flat typed arrays: every token's bytes in one buffer and an
 * open-addressing hash table over them, so a rank is looked up from a byte range without building
 * a string. Built in one pass over @dqbd/tiktoken's compressed rank lines (base64 decoded by hand),
 * it takes tens of milliseconds and a few megabytes, where a Map of 200,000 strings took most of a
 * second and tens of megabytes: the start-up cost of a one-shot count (TMS-M-004 counts, fast).
 */
export class RankTable {
  /** Largest rank (p50k_base has a hole, so not the number of tokens minus one). */
  readonly maxRank: number;
  readonly size: number;
  private readonly bytes: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly ranks: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Rank of every two-byte token by (b0 << 8 | b1), -1 when none: the hot first step of every merge. */
  readonly pairs: Int32Array;

  constructor(bpeRanks: string) {
    const bytes = new Uint8Array(Math.ceil((bpeRanks.length * 3) / 4));
    const offsets: number[] = [0];
    const ranks: number[] = [];
    let used = 0;
    let maxRank = -1;
    for (let at = 0; at < bpeRanks.length; ) {
      let end = bpeRanks.indexOf('\n', at);
      if (end < 0) end = bpeRanks.length;
      // "marker firstRank tok tok …"
      const s1 = bpeRanks.indexOf(' ', at);
      if (s1 > 0 && s1 < end) {
        let s2 = bpeRanks.indexOf(' ', s1 + 1);
        if (s2 < 0 || s2 > end) s2 = end;
        let rank = Number(bpeRanks.slice(s1 + 1, s2));
        for (let t = s2 + 1; t <= end; ) {
          let e = bpeRanks.indexOf(' ', t);
          if (e < 0 || e > end) e = end;
          used = decodeBase64(bpeRanks, t, e, bytes, used);
          offsets.push(used);
          ranks.push(rank);
          if (rank > maxRank) maxRank = rank;
          rank++;
          t = e + 1;
        }
      }
      at = end + 1;
    }
    this.bytes = bytes.subarray(0, used);
    this.offsets = Int32Array.from(offsets);
    this.ranks = Int32Array.from(ranks);
    this.size = ranks.length;
    this.maxRank = maxRank;
    let cap = 1;
    while (cap < this.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    this.pairs = new Int32Array(65536).fill(-1);
    for (let i = 0; i < this.size; i++) {
      const a = this.offsets[i];
      const b = this.offsets[i + 1];
      if (b - a === 2) this.pairs[(this.bytes[a] << 8) | this.bytes[a + 1]] = this.ranks[i];
      let h = hash(this.bytes, a, b) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = i + 1;
    }
  }

  /** Rank of the token whose bytes are buf[start..end), or -1 when it is not a token. */
  rank(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === 2) return this.pairs[(buf[start] << 8) | buf[start + 1]];
    const { bytes, offsets, slots, mask } = this;
    for (let h = hash(buf, start, end) & mask; ; h = (h + 1) & mask) {
      const s = slots[h];
      if (s === 0) return -1;
      const a = offsets[s - 1];
      if (offsets[s] - a !== len) continue;
      let k = 0;
      while (k < len && bytes[a + k] === buf[start + k]) k++;
      if (k === len) return this.ranks[s - 1];
    }
  }
}

/** FNV-1a over a byte range. */
function hash(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** Decodes base64 text s[start..end) into out at `at`; returns the new end. */
function decodeBase64(s: string, start: number, end: number, out: Uint8Array, at: number): number {
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const v = B64[s.charCodeAt(i)];
    if (v < 0) continue; // '=' padding
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return at;
}
