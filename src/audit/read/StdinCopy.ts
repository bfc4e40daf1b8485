import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { InputError } from '../../errors/errors.js';
import { makeTempDir, tempSpaceError } from '../../io/tempPaths.js';

/** The copy cannot be written (the disk full above all): an output error naming its place (exit 2). */
const unwritable = (dir: string, e: unknown): InputError =>
  tempSpaceError(dir, 'cannot keep a copy of standard input here', e, 'set TMPDIR to a directory with room');

/**
 * A copy on disk of standard input (`--records -`) as it is read. Standard input can be read only
 * once, yet a first version found in conflict later must be read again to take its cost back
 * (TMS-S-005): without the copy it stayed billed when piped, while the same log given as a file
 * was withdrawn. Removed by `dispose` (and on SIGINT, SIGTERM, SIGHUP, TMS-C-008).
 */
export class StdinCopy {
  readonly path: string;
  private readonly dir: string;
  private fd: number | undefined;
  private readonly untrack: () => void;
  /** The first write that failed: thrown by `close`, since a write runs inside the stream's listener. */
  private failed: InputError | undefined;

  constructor() {
    ({ dir: this.dir, untrack: this.untrack } = makeTempDir('tokencert-stdin-'));
    this.path = join(this.dir, 'stdin');
    try {
      this.fd = openSync(this.path, 'w');
    } catch (e) {
      this.dispose();
      throw unwritable(this.dir, e);
    }
  }

  /** Appends bytes as read; a failure stops the copy and is thrown by `close`. */
  write(chunk: Buffer): void {
    if (this.fd === undefined || this.failed) return;
    try {
      for (let o = 0; o < chunk.length; ) o += writeSync(this.fd, chunk, o, chunk.length - o);
    } catch (e) {
      this.failed = unwritable(this.dir, e);
    }
  }

  /** Ends the copy: everything read is in the file, or the write that failed is thrown. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.failed) throw this.failed;
  }

  /** Removes the copy. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
    this.untrack();
  }
}
