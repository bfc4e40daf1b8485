// Sorted leaves of shards merge into the sorted leaves of one run; shard assignment is stable (TMS-A-009, TMS-A-012).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeLeaves } from './mergeLeaves.js';
import { lineShardKey, shardOf } from './shardOf.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

describe('mergeLeaves and shardOf', () => {
  it('TMS-A-009: merging the sorted leaves of every shard equals sorting all leaves', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (ids, n) => {
        const all = ids.map(digest);
        const shards = Array.from({ length: n }, (_, k) => Buffer.concat(all.filter((_, i) => shardOf(ids[i], n) === k).sort(Buffer.compare)));
        expect(mergeLeaves(shards).equals(Buffer.concat([...all].sort(Buffer.compare)))).toBe(true);
      }),
    );
  });

  it('TMS-A-009: a record id lands in the same shard every time, and lines without an id by place', () => {
    expect(shardOf('chatcmpl-1', 1)).toBe(0);
    const n = createHash('sha256').update('chatcmpl-1').digest().readBigUInt64BE(0) % 7n;
    expect(shardOf('chatcmpl-1', 7)).toBe(Number(n));
    expect(lineShardKey(undefined, 2, 9)).not.toBe(lineShardKey('2:9', 2, 9));
  });
});
