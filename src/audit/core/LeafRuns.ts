import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** A sorted run of packed 32-byte digests: in memory, or a file of `count` digests. */
export type LeafSource = Uint8Array | { readonly path: string; readonly count: number };

/** Digests read from a file per block. */
const BLOCK = 2048;

/**
 * The Merkle leaves of an audit (TMS-S-012, TMS-A-012) as sorted runs — in memory and on disk —
 * visited in ascending order by a k-way merge that reads files a block at a time, so the leaves of
 * a spilled audit are never all in memory at once (TMS-A-019). Runs hold disjoint digests (shards
 * and spill partitions hold disjoint ids), so nothing is lost or repeated beyond what they hold.
 */
export class LeafRuns {
  private digest: string | undefined;

  constructor(
    readonly sources: readonly LeafSource[],
    /** Called by `release` once the leaves are no longer needed (removes spilled runs). */
    private readonly onRelease?: () => void,
  ) {}

  /** The runs of several lists as one (shards of one audit). */
  static merge(list: readonly LeafRuns[]): LeafRuns {
    return new LeafRuns(
      list.flatMap((l) => l.sources),
      () => {
        for (const l of list) l.release();
      },
    );
  }

  /** Number of leaves. */
  get count(): number {
    return this.sources.reduce((n, s) => n + ('path' in s ? s.count : s.length / 32), 0);
  }

  /** Visits every leaf in ascending order (the view passed is valid only during the call). */
  forEach(visit: (leaf: Buffer) => void): void {
    for (const leaf of this.leaves()) visit(leaf);
  }

  /** Every leaf in ascending order (each view valid until the next). */
  private *leaves(): Generator<Buffer> {
    const readers = this.sources.map((s) => new RunReader(s)).filter((r) => !r.done);
    try {
      for (;;) {
        let best: RunReader | undefined;
        for (const r of readers) if (!r.done && (best === undefined || r.compare(best) < 0)) best = r;
        if (!best) return;
        yield best.leaf();
        best.next();
      }
    } finally {
      for (const r of readers) r.close();
    }
  }

  /**
   * The leaves packed in buffers of at most `perBlock` leaves, ascending: views of the one run
   * when there is one in memory (no per-leaf merge step), else new buffers.
   */
  *blocks(perBlock = BLOCK): Generator<Buffer> {
    const only = this.sources.length === 1 ? this.sources[0] : undefined;
    if (only !== undefined && !('path' in only)) {
      const b = Buffer.from(only.buffer, only.byteOffset, only.byteLength);
      for (let at = 0; at < b.length; at += perBlock * 32) yield b.subarray(at, Math.min(b.length, at + perBlock * 32));
      return;
    }
    let out = Buffer.alloc(Math.min(this.count, perBlock) * 32);
    let o = 0;
    for (const leaf of this.leaves()) {
      if (o === out.length) {
        yield out;
        out = Buffer.alloc(out.length);
        o = 0;
      }
      leaf.copy(out, o);
      o += 32;
    }
    if (o > 0) yield out.subarray(0, o);
  }

  /** The leaves packed in one buffer, ascending. */
  toBuffer(): Buffer {
    return Buffer.concat([...this.blocks()]);
  }

  /** SHA-256 of the packed leaves, hex (what a partial states for its leaves.bin). */
  sha256(): string {
    if (this.digest === undefined) {
      const h = createHash('sha256');
      this.forEach((leaf) => h.update(leaf));
      this.digest = h.digest('hex');
    }
    return this.digest;
  }

  /** Lets go of the runs (spilled runs are deleted). */
  release(): void {
    this.onRelease?.();
  }
}

/** Reads one run a leaf at a time. */
class RunReader {
  private fd: number | undefined;
  private pos = 0;
  private buf: Buffer;
  private readonly block: Buffer | undefined;
  done = false;

  constructor(s: LeafSource) {
    if ('path' in s) {
      this.fd = openSync(s.path, 'r');
      this.block = Buffer.alloc(Math.min(s.count, BLOCK) * 32);
      this.buf = this.block;
      this.fill();
    } else {
      this.buf = Buffer.from(s.buffer, s.byteOffset, s.byteLength);
      this.done = s.length === 0;
    }
  }

  private fill(): void {
    const block = this.block!;
    let n = 0;
    while (n < block.length) {
      const r = readSync(this.fd!, block, n, block.length - n, null);
      if (r === 0) break;
      n += r;
    }
    this.buf = block.subarray(0, n - (n % 32));
    this.pos = 0;
    this.done = this.buf.length === 0;
  }

  compare(other: RunReader): number {
    return this.buf.compare(other.buf, other.pos, other.pos + 32, this.pos, this.pos + 32);
  }

  leaf(): Buffer {
    return this.buf.subarray(this.pos, this.pos + 32);
  }

  next(): void {
    this.pos += 32;
    if (this.pos < this.buf.length) return;
    if (this.fd === undefined) this.done = true;
    else this.fill();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
