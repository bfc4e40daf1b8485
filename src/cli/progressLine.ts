import type { CliIo } from './command.js';

/** A status line that long commands redraw on standard error while they work. */
export interface ProgressLine {
  /** Shows `text` (throttled to five redraws a second unless `force`). */
  update(text: string, force?: boolean): void;
  /** Clears the line so the command's own output starts on a clean line. */
  done(): void;
}

const silent: ProgressLine = { update: () => {}, done: () => {} };

/**
 * A progress line for runs longer than a moment (STYLE: progress on a TTY only). It draws nothing
 * when standard error is not a terminal, with `--quiet`, or under CI, so logs and pipes stay clean;
 * colour is left out when NO_COLOR is set. Elapsed seconds are shown beside the caller's text.
 */
export function progressLine(io: CliIo, quiet = false): ProgressLine {
  if (!io.isTTY || quiet || io.env.CI) return silent;
  const color = io.env.NO_COLOR === undefined || io.env.NO_COLOR === '';
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(text, force = false) {
      const now = Date.now();
      if (!force && now - last < 200) return;
      last = now;
      shown = true;
      const secs = ((now - start) / 1000).toFixed(0);
      io.err(`\r${color ? '\x1b[36m' : ''}${text}${color ? '\x1b[0m' : ''} · ${secs}s\x1b[K`);
    },
    done() {
      if (shown) io.err('\r\x1b[K');
      shown = false;
    },
  };
}
