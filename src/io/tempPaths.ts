import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputError } from '../errors/errors.js';
import { outputError } from './outputError.js';

/**
 * Temporary outputs of this process (files and directories not yet renamed into place), removed
 * when the process is interrupted by SIGINT, SIGTERM or SIGHUP (TMS-C-008). A SIGKILL cannot be
 * caught: what it leaves is a hidden `.NAME.tokencert-*-PID-*` sibling, never a torn output, and
 * the next run writing the same output removes it (see outputDir.ts).
 */
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const p of live) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // best effort: the process is going away
    }
  }
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as the default handler would have (exit status 128 + n for the shell).
  process.kill(process.pid, signal);
}

/** Registers a temporary path for removal on interruption; returns the function that unregisters it. */
export function trackTempPath(path: string): () => void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(path);
  return () => {
    live.delete(path);
    if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}

/**
 * Creates a new temporary directory `<tmpdir>/<prefix>XXXXXX`, registered for removal on
 * interruption like every temporary path. One that cannot be created (TMPDIR missing, read-only
 * or full) is an output error naming the place (exit 2), not an internal error.
 */
export function makeTempDir(prefix: string): { readonly dir: string; readonly untrack: () => void } {
  const parent = tmpdir();
  let dir: string;
  try {
    dir = mkdtempSync(join(parent, prefix));
  } catch (e) {
    throw tempSpaceError(parent, 'cannot create a temporary directory here', e, 'set TMPDIR to a writable directory');
  }
  return { dir, untrack: trackTempPath(dir) };
}

/**
 * The error for temporary space that cannot be created or written (`doing` says what failed): an
 * output error naming the place (exit 2), worded by outputError, then what to do about it (`hint`).
 */
export function tempSpaceError(place: string | undefined, doing: string, e: unknown, hint: string): InputError {
  return outputError(place, e, doing, hint);
}
