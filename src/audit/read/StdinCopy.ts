import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../io/tempPaths.js';

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

  constructor() {
    ({ dir: this.dir, untrack: this.untrack } = makeTempDir('tokencert-stdin-'));
    this.path = join(this.dir, 'stdin');
    this.fd = openSync(this.path, 'w');
  }

  /** Appends bytes as read. */
  write(chunk: Buffer): void {
    if (this.fd === undefined) return;
    for (let o = 0; o < chunk.length; ) o += writeSync(this.fd, chunk, o, chunk.length - o);
  }

  /** Ends the copy: everything read is in the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Removes the copy. */
  dispose(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
    this.untrack();
  }
}
