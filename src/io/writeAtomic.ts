import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { outputError } from './outputError.js';
import { trackTempPath } from './tempPaths.js';

/**
 * Writes a file atomically: the data goes to a temporary file beside the target, is flushed,
 * then renamed over it. A failed or interrupted run never leaves a half-written output, and the
 * temporary file is removed on SIGINT/SIGTERM (TMS-C-004, TMS-C-008). Multi-file outputs use
 * outputDir.ts, which stages a whole directory the same way.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeAtomicChunks(path, [data]);
}

/**
 * `writeAtomic` of data given in pieces, written as they come: an output bigger than memory
 * should hold (a shard's leaves, TMS-A-019) is never assembled in one buffer.
 */
export async function writeAtomicChunks(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const untrack = trackTempPath(tmp);
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'w');
    try {
      // Two calls because FileHandle.write has separate overloads for text and bytes.
      for (const c of chunks) await (typeof c === 'string' ? fh.write(c) : fh.write(c));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw outputError(path, e);
  } finally {
    untrack();
  }
}
