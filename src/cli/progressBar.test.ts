// The progress bar shows records/s, bytes and ETA, and colour only without NO_COLOR (TMS-A-012).
import { describe, expect, it } from 'vitest';
import { progressBar } from './progressBar.js';

describe('progressBar (TMS-A-012)', () => {
  it('draws lines, rate, megabytes and ETA; colour codes only when asked', () => {
    for (const color of [true, false]) {
      let out = '';
      const bar = progressBar((t) => void (out += t), 2_000_000, color);
      bar.bytes(1_000_000);
      bar.lines(500);
      bar.done();
      expect(out).toMatch(/50% 500 lines \d+\/s 1\.0 MB ETA \d+s/);
      expect(out.includes('\x1b[36m')).toBe(color);
      expect(out.endsWith('\n')).toBe(true);
    }
  });
});
