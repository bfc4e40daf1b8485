import * as fs from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fromRoot } from '../../paths.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { lineContext } from '../runAudit.js';
import { judgeRange } from './judgeRange.js';

// Counts the bytes judgeRange reads (it reads with readSync only).
let bytesRead = 0;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const readSync = ((...args: Parameters<typeof real.readSync>) => {
    const n = real.readSync(...args);
    bytesRead += n;
    return n;
  }) as typeof real.readSync;
  return { ...real, readSync, default: { ...real, readSync } };
});

describe('judgeRange reads a byte range of a JSON-lines log (TMS-A-010)', () => {
  it('reads no further than its own end for a range inside a long line, and the whole line once for the range it starts in (TMS-A-010, TMS-C-012)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tokencert-judgeRange-')), 'long.jsonl');
    const long = 8 << 20;
    writeFileSync(path, `${'x'.repeat(long)}\n`);
    const size = fs.statSync(path).size;
    const period = { from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z' };
    const ctx = lineContext(await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml')), period, null, null);
    const step = 256 << 10;
    bytesRead = 0;
    expect(judgeRange({ path, file: 0, start: step, end: 2 * step, size }, ctx)).toEqual([]);
    // Before: every range inside the line read on to its end, 8 GiB over a 64 MiB line's ranges.
    expect(bytesRead).toBeLessThanOrEqual(step + 1);
    bytesRead = 0;
    const first = judgeRange({ path, file: 0, start: 0, end: step, size }, ctx);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ t: 'bad', line: 1 });
    expect(bytesRead).toBe(size);
  });

  it('TMS-A-001: a log cut short before its range is read is an input error naming it, never lines silently missing', async () => {
    // A log rotated by truncation (copytruncate) after the audit took its size: every read below
    // that size must find its bytes. Before, a short read just ended the range, dropping its lines.
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-judgeRange-'));
    const path = join(dir, 'cut.jsonl');
    writeFileSync(path, `${'{"a":1}\n'.repeat(100)}`);
    const size = 2 * fs.statSync(path).size; // the size it had when the audit began
    const period = { from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z' };
    const ctx = lineContext(await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml')), period, null, null);
    for (const [start, end] of [
      [0, size], // the body
      [size / 2 - 3, size / 2 + 5], // the scan for the range's first line
      [0, size / 2 - 3], // the last line's read past the range's end
    ])
      expect(() => judgeRange({ path, file: 0, start, end, size }, ctx)).toThrow(
        expect.objectContaining({ code: 'input-unreadable', location: { file: path } }),
      );
    // A log removed meanwhile: an input error too (exit 2), not an internal one.
    expect(() => judgeRange({ path: join(dir, 'gone.jsonl'), file: 0, start: 0, end: 10, size: 10 }, ctx)).toThrow(
      expect.objectContaining({ code: 'input-missing' }),
    );
  });
});
