import { sha256Bytes } from '../../digest/sha256.js';
import { REC_KEYS } from '../core/processLine.js';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError, TokencertError } from '../../errors/errors.js';
import { errnoCode } from '../../io/errnoCode.js';
import { makeTempDir, tempSpaceError } from '../../io/tempPaths.js';
import { readSourceLines } from '../read/readSourceLines.js';
import type { AuditBook, Rec } from './AuditBook.js';
import { LeafRuns } from './LeafRuns.js';

/**
 * Default bound on the distinct record ids one book keeps in memory (TMS-A-019): 2^20 ids fill a
 * DigestStore of ~80 MiB exactly, without a doubling beyond it.
 */
export const DEFAULT_SPILL_THRESHOLD = 1 << 20;

/** Partitions per level: a book over its bound sends new ids to 16 files by 4 bits of their hash. */
const FANOUT = 16;
/** Bytes buffered per partition before a write. */
const FLUSH = 64 << 10;

/**
 * The on-disk side of bounded deduplication (TMS-A-019, TMS-A-020). Once a book holds `threshold`
 * distinct ids, each record of an id it has not seen goes — as its judged outcome, one JSON line —
 * to one of 16 partition files by its id's hash; ids the book already holds stay in it. So every
 * id lives wholly in one book, its lines in input order: each partition is then settled by a fresh
 * book exactly as the in-memory book would have (recursively, on other hash bits, if it is itself
 * over the bound), and the books merge like shards of disjoint ids. Each book's billed digests are
 * written as a sorted run; the runs are merged as the Merkle leaves are visited (LeafRuns).
 * Everything lives in one temporary directory that `dispose` removes (also on exit and on
 * SIGINT, SIGTERM, SIGHUP).
 */
export class SpillRoot {
  private dir: string | undefined;
  private seq = 0;
  private readonly runs: { path: string; count: number }[] = [];
  /** Partition files open for writing: `dispose` closes those left when the audit fails. */
  private readonly openFds = new Set<number>();
  private untrack: (() => void) | undefined;
  private readonly onExit = () => this.dispose();

  constructor(readonly threshold: number) {
    if (!(threshold >= 1)) throw new InternalError(`spill threshold must be at least 1, got ${threshold}`);
  }

  /** A new file path in the spill directory (created on first use). */
  path(kind: string): string {
    if (this.dir === undefined) {
      // Removed on SIGINT, SIGTERM, SIGHUP like every temporary output (TMS-C-008), and on exit.
      const made = makeTempDir('tokencert-spill-');
      this.dir = made.dir;
      this.untrack = made.untrack;
      process.on('exit', this.onExit);
    }
    return join(this.dir, `${kind}-${this.seq++}.jsonl`);
  }

  /** Whether anything was spilled. */
  get used(): boolean {
    return this.dir !== undefined;
  }

  /**
   * Runs a write to the spill directory. A failure of the system (the disk full above all) is an
   * output error naming the directory (exit 2), like one creating it (makeTempDir), not an
   * internal error; the spill files open are closed and the directory removed (TMS-A-021).
   */
  write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const code = errnoCode(e);
      if (code === undefined || e instanceof TokencertError) throw e;
      const dir = this.dir;
      this.dispose();
      throw tempSpaceError(dir, 'cannot write the spilled records here', e, 'set TMPDIR to a directory with room, or raise --spill-threshold');
    }
  }

  /** Opens a new spill file for writing, kept open until `close` (or `dispose`). */
  open(path: string): number {
    const fd = this.write(() => openSync(path, 'w'));
    this.openFds.add(fd);
    return fd;
  }

  /** Closes a spill file opened by `open`. */
  close(fd: number): void {
    this.openFds.delete(fd);
    closeSync(fd);
  }

  /** Writes a book's sorted billed digests as a run. */
  addRun(leaves: Buffer): void {
    if (leaves.length === 0) return;
    const path = this.path('leaves');
    this.write(() => {
      const fd = openSync(path, 'w');
      try {
        for (let o = 0; o < leaves.length; ) o += writeSync(fd, leaves, o, leaves.length - o);
      } finally {
        closeSync(fd);
      }
    });
    this.runs.push({ path, count: leaves.length / 32 });
  }

  /**
   * Every run as the audit's leaves. They outlive the audit's reading: the directory goes when the
   * leaves are released (after the statement or the partial is written), at the latest on exit.
   */
  leaves(): LeafRuns {
    return new LeafRuns([...this.runs], () => this.dispose());
  }

  /** Closes the spill files still open (a write failed, the audit failed) and removes the spill directory. */
  dispose(): void {
    for (const fd of this.openFds) {
      try {
        closeSync(fd);
      } catch {
        // closing is all that is left to do with it; the directory goes below
      }
    }
    this.openFds.clear();
    this.untrack?.();
    this.untrack = undefined;
    process.off('exit', this.onExit);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** One partition file being written. */
interface Part {
  readonly path: string;
  readonly fd: number;
  readonly buf: Buffer;
  used: number;
}

/** The partitions one book spills into: 16 files, chosen by 4 bits of SHA-256(id) that depend on the depth. */
export class SpillLevel {
  private readonly parts: Part[] = [];

  constructor(
    readonly root: SpillRoot,
    readonly depth: number,
  ) {
    if (depth >= 28) throw new InternalError('spill: partitions nest too deep');
  }

  get threshold(): number {
    return this.root.threshold;
  }

  /** Sends one record outcome (its line already absolute) of file number `file` to its partition. */
  put(o: Rec, file: number): void {
    // A nibble past the first 8 bytes of the hash: a shard is its first 8 bytes mod N (shardOf),
    // so a sharded run still spreads over all 16 partitions; each depth takes another nibble.
    const h = o[REC_KEYS] ?? sha256Bytes(o.id);
    const k = (h[8 + (this.depth >> 1)] >> ((this.depth & 1) * 4)) & 15;
    let p = this.parts[k];
    if (p === undefined) {
      const path = this.root.path(`part-${this.depth}`);
      p = this.parts[k] = { path, fd: this.root.open(path), buf: Buffer.allocUnsafe(FLUSH), used: 0 };
    }
    // Straight into the partition's byte buffer: the line string dies young (no promoted garbage).
    const line = `${JSON.stringify([file, o])}\n`;
    if (p.used + Buffer.byteLength(line) > FLUSH) this.flush(p);
    if (Buffer.byteLength(line) > FLUSH) this.root.write(() => writeSync(p.fd, line));
    else p.used += p.buf.write(line, p.used);
  }

  private flush(p: Part): void {
    this.root.write(() => {
      for (let o = 0; o < p.used; ) o += writeSync(p.fd, p.buf, o, p.used - o);
    });
    p.used = 0;
  }

  /**
   * Settles every partition into `book` (whose own lines are all read and withdrawn): a fresh book
   * per partition, its withdrawals found by a second pass over the partition, then merged like a
   * shard of disjoint ids (TMS-A-009). Each book's billed digests become a sorted run.
   */
  async settleInto(book: AuditBook): Promise<void> {
    for (const p of this.parts) {
      if (!p) continue;
      this.flush(p);
      this.root.close(p.fd);
    }
    for (let k = 0; k < FANOUT; k++) {
      const p = this.parts[k];
      if (!p) continue;
      const sub = book.fresh(new SpillLevel(this.root, this.depth + 1));
      for await (const [file, o] of outcomes(p.path)) sub.record(o, file);
      const pending = sub.pendingWithdrawals();
      if (pending.length > 0) {
        const at = new Set(pending.map((w) => `${w.file}:${w.line}`));
        for await (const [file, o] of outcomes(p.path)) if (at.has(`${file}:${o.line}`)) sub.withdraw(o, file);
      }
      rmSync(p.path, { force: true });
      await sub.settleSpill();
      this.root.addRun(sub.dedup.store.sortedBilled(true));
      book.absorb(sub);
    }
  }
}

async function* outcomes(path: string): AsyncGenerator<[number, Rec]> {
  for await (const l of readSourceLines(path)) {
    if (!l.ok) throw new InternalError(`spill file ${path} unreadable at line ${l.line}: ${l.message}`);
    yield JSON.parse(l.bytes.toString('utf8')) as [number, Rec];
  }
}
