// Spilled leaves are merged from sorted runs on disk and in memory into the one sorted sequence (TMS-A-019, TMS-A-020).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeafRuns, type LeafSource } from './LeafRuns.js';

const digest = (n: number) => createHash('sha256').update(String(n)).digest();

describe('LeafRuns', () => {
  it('TMS-A-020: runs in files (read in blocks of 2048, crossed here) and in memory merge into the sorted leaves, with their digest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-leafruns-'));
    try {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 17000, maxLength: 20000 }), (runOf) => {
          const all = runOf.map((_, i) => digest(i));
          const sources: LeafSource[] = [];
          for (let r = 0; r < 8; r++) {
            const run = Buffer.concat(all.filter((_, i) => runOf[i] === r).sort(Buffer.compare));
            if (r % 2 === 0) sources.push(run);
            else {
              const path = join(dir, `run-${r}`);
              writeFileSync(path, run);
              sources.push({ path, count: run.length / 32 });
            }
          }
          let released = 0;
          const leaves = LeafRuns.merge([new LeafRuns(sources.slice(0, 3), () => released++), new LeafRuns(sources.slice(3))]);
          const want = Buffer.concat([...all].sort(Buffer.compare));
          expect(leaves.count).toBe(all.length);
          expect(leaves.toBuffer().equals(want)).toBe(true);
          // In blocks of 1,000 leaves (what a shard's partial writes): the same bytes, no block over the size.
          const blocks = [...leaves.blocks(1000)];
          expect(blocks.every((b) => b.length <= 32000)).toBe(true);
          expect(Buffer.concat(blocks).equals(want)).toBe(true);
          expect(leaves.sha256()).toBe(createHash('sha256').update(want).digest('hex'));
          leaves.release();
          expect(released).toBe(1);
        }),
        { numRuns: 8 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
