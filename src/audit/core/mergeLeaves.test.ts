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

  it('TMS-A-009: a record id lands in the shard its published SHA-256 prefix names, and lines without an id by place', () => {
    // FIPS 180-2 example digests: SHA-256("abc") = ba7816bf8f01cfea…, SHA-256("") = e3b0c44298fc1c14…;
    // the shard is the first 8 bytes, big-endian, mod the shard count.
    expect(shardOf('abc', 16)).toBe(Number(0xba7816bf8f01cfean % 16n));
    expect(shardOf('abc', 7)).toBe(Number(0xba7816bf8f01cfean % 7n));
    expect(shardOf('', 16)).toBe(Number(0xe3b0c44298fc1c14n % 16n));
    expect(shardOf('', 7)).toBe(Number(0xe3b0c44298fc1c14n % 7n));
    expect(shardOf('chatcmpl-1', 1)).toBe(0);
    expect(shardOf('chatcmpl-1', 7)).toBe(shardOf('chatcmpl-1', 7));
    expect(lineShardKey(undefined, 2, 9)).not.toBe(lineShardKey('2:9', 2, 9));
  });

  it('TMS-A-009: shards are balanced: 7,000 record ids spread within ±20% of an even split over 7 shards', () => {
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[shardOf(`chatcmpl-${i}`, 7)] += 1;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
  });
});
