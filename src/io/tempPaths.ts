import { rmSync } from 'node:fs';

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
