import type { AuditProgress } from '../audit/runAudit.js';

/**
 * A one-line progress bar on standard error: records/s, bytes read and an ETA from the input size.
 * Only on a terminal and without --quiet; colour only when NO_COLOR is unset.
 */
export function progressBar(write: (t: string) => void, totalBytes: number, color: boolean): AuditProgress & { done(): void } {
  const start = Date.now();
  let lines = 0;
  let bytes = 0;
  let last = 0;
  const draw = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - last < 200) return;
    last = now;
    const s = Math.max((now - start) / 1000, 0.001);
    const rate = Math.round(lines / s);
    const frac = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 0;
    const eta = frac > 0 ? Math.round((s / frac) * (1 - frac)) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const text = `${color ? '\x1b[36m' : ''}${bar}${color ? '\x1b[0m' : ''} ${(frac * 100).toFixed(0).padStart(3)}% ${lines} lines ${rate}/s ${(bytes / 1e6).toFixed(1)} MB ETA ${eta}s`;
    write(`\r${text}\x1b[K`);
  };
  return {
    lines: (n) => {
      lines += n;
      draw(false);
    },
    bytes: (n) => {
      bytes += n;
      draw(false);
    },
    done: () => {
      draw(true);
      write('\n');
    },
  };
}
