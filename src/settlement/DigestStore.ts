/** What became of a distinct record id. */
export const SlotState = { Billed: 0, Excluded: 1, Conflict: 2 } as const;
/** One of the SlotState values. */
export type SlotState = (typeof SlotState)[keyof typeof SlotState];

/**
 * Per distinct record id: its first version's 32-byte digest, its state and where it was read
 * (file index and line, for the rare re-read a conflict needs). Everything lives in growable typed
 * arrays — 32 + 7 bytes per record plus the id's map entry — so a million records cost tens of
 * megabytes, not a million objects (TMS-S-017).
 */
export class DigestStore {
  private readonly ids = new Map<string, number>();
  private digests = Buffer.alloc(32 * 1024);
  private states = new Uint8Array(1024);
  private files = new Uint16Array(1024);
  private lines = new Uint32Array(1024);
  private n = 0;

  /** Number of distinct ids stored. */
  get size(): number {
    return this.n;
  }

  /** The slot of `id`, or undefined when it has not been seen. */
  slotOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  /** Stores a new id with its digest, state and place; returns its slot. */
  insert(id: string, digest: Uint8Array, state: SlotState, file: number, line: number): number {
    if (this.n === this.states.length) this.grow();
    const slot = this.n++;
    this.ids.set(id, slot);
    this.digests.set(digest, slot * 32);
    this.states[slot] = state;
    this.files[slot] = file;
    this.lines[slot] = line;
    return slot;
  }

  private grow(): void {
    const cap = this.states.length * 2;
    const d = Buffer.alloc(cap * 32);
    this.digests.copy(d);
    this.digests = d;
    const s = new Uint8Array(cap);
    s.set(this.states);
    this.states = s;
    const f = new Uint16Array(cap);
    f.set(this.files);
    this.files = f;
    const l = new Uint32Array(cap);
    l.set(this.lines);
    this.lines = l;
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
   * so the sort rarely touches the buffers.
   */
  sortedBilled(): Buffer {
    const idx: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.states[i] === SlotState.Billed) idx.push(i);
    const keys = new Float64Array(this.n);
    for (const i of idx) keys[i] = this.digests.readUIntBE(i * 32, 6);
    const d = this.digests;
    idx.sort((a, b) => keys[a] - keys[b] || d.compare(d, b * 32, b * 32 + 32, a * 32, a * 32 + 32));
    const out = Buffer.alloc(idx.length * 32);
    idx.forEach((slot, k) => d.copy(out, k * 32, slot * 32, slot * 32 + 32));
    return out;
  }
}
