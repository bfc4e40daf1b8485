import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { outputError } from './outputError.js';
import { trackTempPath } from './tempPaths.js';

/**
 * Streams lines to a temporary file beside `path` (gzip-compressed when `path` ends in .gz) and
 * renames it over `path` only on `commit()`: a failed run never leaves a half-written output
 * (TMS-C-004), however large the output. Lines are buffered and written in ~1 MB pieces,
 * waiting for the stream to drain so memory stays bounded. The temporary file is removed if the
 * process is interrupted (SIGINT, SIGTERM, SIGHUP; TMS-C-008), like every temporary output.
 */
export class AtomicLineWriter {
  private pending: string[] = [];
  private size = 0;
  /** A write found the stream over its high-water mark: `drained` waits for it. */
  private full = false;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly file: WriteStream,
    private readonly sink: Writable,
    private readonly untrack: () => void,
  ) {}

  /** Opens a writer for `path` (its directory is created). */
  static async open(path: string): Promise<AtomicLineWriter> {
    const dir = dirname(path);
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw outputError(path, e, 'cannot create the output directory');
    }
    const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    const untrack = trackTempPath(tmp);
    const file = createWriteStream(tmp);
    const sink: Writable = path.endsWith('.gz') ? createGzip() : file;
    if (sink !== file) sink.pipe(file);
    return new AtomicLineWriter(path, tmp, file, sink, untrack);
  }

  /** Adds one line (without its newline). */
  async line(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) await this.flush();
  }

  /**
   * Adds one line without waiting, for a synchronous producer; such a producer calls `drained`
   * between batches so the stream's buffer, and memory, stay bounded.
   */
  push(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.write();
  }

  /** Resolves once the stream has room again (at once when it has). */
  async drained(): Promise<void> {
    if (!this.full) return;
    this.full = false;
    await once(this.sink, 'drain');
  }

  private write(): void {
    if (this.pending.length === 0) return;
    if (!this.sink.write(`${this.pending.join('\n')}\n`)) this.full = true;
    this.pending = [];
    this.size = 0;
  }

  private async flush(): Promise<void> {
    this.write();
    await this.drained();
  }

  /** Writes what is left and puts the file in place. */
  async commit(): Promise<void> {
    try {
      await this.flush();
      this.sink.end();
      await once(this.file, 'close');
      await rename(this.tmp, this.path);
      this.untrack();
    } catch (e) {
      await this.abort();
      throw outputError(this.path, e);
    }
  }

  /** Drops the temporary file; nothing is written at `path`. */
  async abort(): Promise<void> {
    this.sink.destroy();
    this.file.destroy();
    await rm(this.tmp, { force: true });
    this.untrack();
  }
}
