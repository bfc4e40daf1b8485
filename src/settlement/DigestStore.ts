import { sha256Into } from '../digest/sha256.js';

/** What became of a distinct record id. */
export const SlotState = { Billed: 0, Excluded: 1, Conflict: 2 } as const;
/** One of the SlotState values. */
export type SlotState = (typeof SlotState)[keyof typeof SlotState];

/**
 * Per distinct record id: its first version's 32-byte digest, its state and where it was read
 * (file index and line, for the rare re-read a conflict needs). Ids are not kept as strings: the
 * table is keyed by SHA-256(record_id) (32 bytes, compared in full) in an open-addressing index of
 * 32-bit slots, so every record costs a fixed 32 + 32 + 7 bytes plus ~8 bytes of index, in a few
 * typed arrays and no per-record JS object (TMS-S-017, TMS-A-012).
 */
export class DigestStore {
  private idDigests!: Buffer;
  private digests!: Buffer;
  /** The same tables as 32-bit words (8 a key or digest): compared and copied a word at a time. */
  private idWords!: Uint32Array;
  private digestWords!: Uint32Array;
  /** The last `keys` buffer given to insertNewKey, and its words when it is 4-byte aligned. */
  private lastKeys: Buffer | undefined;
  private lastKeyWords: Uint32Array | undefined;
  private states!: Uint8Array;
  private files!: Uint16Array;
  private lines!: Uint32Array;
  /** Open addressing (linear probing): slot + 1 per cell, 0 when empty; size a power of two ≥ 2n. */
  private index!: Int32Array;
  private n = 0;
  /** The last id hashed: a lookup followed by an insert of the same id hashes once. */
  private lastId: string | undefined;
  private lastKey = Buffer.alloc(32);

  /**
   * `capacity` ids fit without growing (rounded up to a power of two). The tables are zero-filled
   * allocations the system maps lazily, so room never used costs address space, not memory: a
   * bounded book sized to its bound never holds both the old and new tables of a doubling.
   */
  constructor(capacity = 1024) {
    this.allocate(2 ** Math.ceil(Math.log2(Math.max(1024, capacity))));
  }

  private allocate(cap: number): void {
    this.setTables(new Uint32Array(cap * 8), new Uint32Array(cap * 8));
    this.states = new Uint8Array(cap);
    this.files = new Uint16Array(cap);
    this.lines = new Uint32Array(cap);
    this.index = new Int32Array(cap * 2);
    this.n = 0;
    this.lastId = undefined;
  }

  private setTables(ids: Uint32Array, digests: Uint32Array): void {
    this.idWords = ids;
    this.digestWords = digests;
    this.idDigests = Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength);
    this.digests = Buffer.from(digests.buffer, digests.byteOffset, digests.byteLength);
  }

  private keyOf(id: string): Buffer {
    if (id !== this.lastId) {
      // One-shot hash (UTF-8 of the id): a createHash object per record costs three times as much.
      sha256Into(id, this.lastKey);
      this.lastId = id;
    }
    return this.lastKey;
  }

  /**
   * Gives the key of `id` (SHA-256 of its UTF-8) computed elsewhere — by the audit worker that read
   * the record — so the next lookup or insert of `id` does not hash it again on this thread.
   */
  useKey(id: string, key: Uint8Array): void {
    this.lastKey.set(key.subarray(0, 32));
    this.lastId = id;
  }

  /** The index cell holding `key`, or the empty cell where it would go. */
  private cell(key: Buffer): number {
    return this.cellAt(key, 0);
  }

  /** `cell` of the key at `at` in `keys`. */
  private cellAt(keys: Buffer, at: number): number {
    const mask = this.index.length - 1;
    let c = keys.readUInt32BE(at) & mask;
    for (;;) {
      const v = this.index[c];
      if (v === 0) return c;
      if (this.idDigests.compare(keys, at, at + 32, (v - 1) * 32, v * 32) === 0) return c;
      c = (c + 1) & mask;
    }
  }

  /**
   * `cellAt` for a key at word `w` of `words`: compared in JS a word at a time, since a native
   * Buffer#compare per probed cell cost more than the probe (the auditor's merge, issue 11). The
   * first word is the same bytes `cellAt` starts from, read big-endian there: both find one cell.
   */
  private cellAtWords(words: Uint32Array, w: number, first: number): number {
    const mask = this.index.length - 1;
    const ids = this.idWords;
    let c = first & mask;
    for (;;) {
      const v = this.index[c];
      if (v === 0) return c;
      const o = (v - 1) * 8;
      if (
        ids[o] === words[w] &&
        ids[o + 1] === words[w + 1] &&
        ids[o + 2] === words[w + 2] &&
        ids[o + 3] === words[w + 3] &&
        ids[o + 4] === words[w + 4] &&
        ids[o + 5] === words[w + 5] &&
        ids[o + 6] === words[w + 6] &&
        ids[o + 7] === words[w + 7]
      )
        return c;
      c = (c + 1) & mask;
    }
  }

  /**
   * Stores an id given its key — SHA-256 of the id at `at` of `keys`, its digest right after —
   * unless the id is stored already (then false, and nothing changes). One probe instead of a
   * lookup and an insert: the auditor's merge of records a worker hashed (packOutcomes).
   */
  insertNewKey(keys: Buffer, at: number, state: SlotState, file: number, line: number): boolean {
    if (this.n === this.states.length) this.grow();
    if (keys !== this.lastKeys) {
      this.lastKeys = keys;
      this.lastKeyWords = keys.byteOffset % 4 === 0 ? new Uint32Array(keys.buffer, keys.byteOffset, keys.byteLength >>> 2) : undefined;
    }
    const words = this.lastKeyWords;
    const slot = this.n;
    if (words !== undefined && at % 4 === 0) {
      const w = at >>> 2;
      const c = this.cellAtWords(words, w, keys.readUInt32BE(at));
      if (this.index[c] !== 0) return false;
      // 8 words each: a loop beats Buffer#copy's argument checks on this per-record path.
      const ids = this.idWords;
      const digests = this.digestWords;
      for (let j = 0, o = slot * 8; j < 8; j++, o++) {
        ids[o] = words[w + j];
        digests[o] = words[w + 8 + j];
      }
      this.index[c] = slot + 1;
    } else {
      const c = this.cellAt(keys, at);
      if (this.index[c] !== 0) return false;
      keys.copy(this.idDigests, slot * 32, at, at + 32);
      keys.copy(this.digests, slot * 32, at + 32, at + 64);
      this.index[c] = slot + 1;
    }
    this.n++;
    this.states[slot] = state;
    this.files[slot] = file;
    this.lines[slot] = line;
    return true;
  }

  /** Number of distinct ids stored. */
  get size(): number {
    return this.n;
  }

  /** The slot of `id`, or undefined when it has not been seen. */
  slotOf(id: string): number | undefined {
    const v = this.index[this.cell(this.keyOf(id))];
    return v === 0 ? undefined : v - 1;
  }

  /** Stores a new id with its digest, state and place; returns its slot. */
  insert(id: string, digest: Uint8Array, state: SlotState, file: number, line: number): number {
    if (this.n === this.states.length) this.grow();
    const key = this.keyOf(id);
    const c = this.cell(key);
    if (this.index[c] !== 0) throw new RangeError(`DigestStore: id "${id}" is stored already`);
    const slot = this.n++;
    key.copy(this.idDigests, slot * 32);
    this.index[c] = slot + 1;
    this.digests.set(digest, slot * 32);
    this.states[slot] = state;
    this.files[slot] = file;
    this.lines[slot] = line;
    return slot;
  }

  private grow(): void {
    const cap = this.states.length * 2;
    const k = new Uint32Array(cap * 8);
    k.set(this.idWords);
    const d = new Uint32Array(cap * 8);
    d.set(this.digestWords);
    this.setTables(k, d);
    const s = new Uint8Array(cap);
    s.set(this.states);
    this.states = s;
    const f = new Uint16Array(cap);
    f.set(this.files);
    this.files = f;
    const l = new Uint32Array(cap);
    l.set(this.lines);
    this.lines = l;
    // Rebuild the index at twice the capacity (load stays ≤ 1/2).
    this.index = new Int32Array(cap * 2);
    const mask = this.index.length - 1;
    for (let slot = 0; slot < this.n; slot++) {
      let c = this.idDigests.readUInt32BE(slot * 32) & mask;
      while (this.index[c] !== 0) c = (c + 1) & mask;
      this.index[c] = slot + 1;
    }
  }

  /** Lets go of the table's memory; the store is empty afterwards. */
  release(): void {
    this.allocate(1024);
  }

  /** The digest of the first version seen at `slot` (a view, not a copy). */
  digest(slot: number): Buffer {
    return this.digests.subarray(slot * 32, slot * 32 + 32);
  }

  /** The state of `slot`. */
  state(slot: number): SlotState {
    return this.states[slot] as SlotState;
  }

  /** Changes the state of `slot`. */
  setState(slot: number, state: SlotState): void {
    this.states[slot] = state;
  }

  /** Where the first version of `slot` was read: file index and 1-based line. */
  place(slot: number): { file: number; line: number } {
    return { file: this.files[slot], line: this.lines[slot] };
  }

  /**
   * The digests of every billed slot, sorted ascending bytewise and packed (32 bytes each): the
   * Merkle leaves of TMS-S-012. A numeric key from the first six bytes does almost all the ordering
   * so the sort rarely touches the buffers. With `last`, the store is not looked up again and
   * lets go of its id keys first.
   */
  sortedBilled(last = false): Buffer {
    // Lookups are over with `last`: the id keys and the index are let go, and their memory holds
    // the sorted digests and the sort keys. Fresh buffers cost ~40 MB more at a million records,
    // since the old ones are freed only when a collection finds them: the end of a spilled 5M
    // audit peaked at 309 MB on that spike (issue 11).
    const spareKeys = last ? this.idWords : undefined;
    const spareIndex = last ? this.index : undefined;
    if (last) {
      this.idDigests = Buffer.alloc(0);
      this.idWords = new Uint32Array(0);
      this.index = new Int32Array(0);
    }
    const idx = this.billedSlots(spareIndex);
    const d = this.digestWords;
    const words = spareKeys && spareKeys.length >= idx.length * 8 ? spareKeys.subarray(0, idx.length * 8) : new Uint32Array(idx.length * 8);
    // A word at a time: a Buffer#copy per digest cost ~0.4 us each, a third of a second at a million.
    for (let k = 0, o = 0; k < idx.length; k++) for (let j = 0, i = idx[k] * 8; j < 8; j++) words[o++] = d[i++];
    return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  }

  /**
   * The billed slots in ascending digest order. Each slot becomes one 64-bit integer — the first
   * five digest bytes above the slot number — sorted natively (a comparator callback per comparison
   * cost ~1 us a record at a million); slots whose five bytes tie are then put in full digest order.
   */
  private billedSlots(spare?: Int32Array): Uint32Array {
    let m = 0;
    for (let i = 0; i < this.n; i++) if (this.states[i] === SlotState.Billed) m++;
    const d = this.digests;
    // Whole-digest order; buf.compare(target, …, sourceStart, sourceEnd) orders source against target.
    const byDigest = (a: number, b: number) => d.compare(d, b * 32, b * 32 + 32, a * 32, a * 32 + 32);
    const slots = new Uint32Array(m);
    if (this.n > SLOT_LIMIT || !LITTLE_ENDIAN) {
      const idx: number[] = [];
      for (let i = 0; i < this.n; i++) if (this.states[i] === SlotState.Billed) idx.push(i);
      slots.set(idx.sort(byDigest));
      return slots;
    }
    // Per billed slot one 64-bit integer, as two 32-bit halves of a little-endian word: high half
    // digest bytes 0..3, low half digest byte 4 then the slot number in 24 bits.
    // In the spare index's memory when it is there and big enough (sortedBilled with `last`).
    const keys =
      spare && spare.byteOffset % 8 === 0 && spare.byteLength >= m * 8 ? new BigUint64Array(spare.buffer, spare.byteOffset, m) : new BigUint64Array(m);
    const w = new Uint32Array(keys.buffer, keys.byteOffset, m * 2);
    let k = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.states[i] !== SlotState.Billed) continue;
      w[2 * k + 1] = d.readUInt32BE(i * 32);
      w[2 * k] = (d[i * 32 + 4] * SLOT_LIMIT + i) >>> 0;
      k++;
    }
    keys.sort();
    for (let j = 0; j < m; j++) slots[j] = w[2 * j] & (SLOT_LIMIT - 1);
    // Runs that tie on the five bytes (rare: about n^2 / 2^41 pairs) are put in whole-digest order.
    const prefix = (j: number) => w[2 * j + 1] === w[2 * j + 3] && w[2 * j] >>> 24 === w[2 * j + 2] >>> 24;
    for (let j = 0; j + 1 < m; ) {
      let e = j;
      while (e + 1 < m && prefix(e)) e++;
      if (e > j) slots.set(Array.from(slots.subarray(j, e + 1)).sort(byDigest), j);
      j = e + 1;
    }
    return slots;
  }
}

/** Slots numbered below this sort by a native 64-bit key (24 bits of slot number). */
const SLOT_LIMIT = 1 << 24;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
