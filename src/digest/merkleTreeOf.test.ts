// The Merkle tree hashed a subtree per thread is the RFC 9162 tree of the same leaves (TMS-S-012,
// TMS-A-012): same root and size as merkleRootPacked, whatever the subtree size and however the
// leaves are cut into blocks (mid-leaf included).
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merkleRootPacked } from './merkle.js';
import { MerkleStream } from './MerkleStream.js';
import { merkleTreeOf } from './merkleTreeOf.js';

/** `packed` cut at the given byte offsets. */
function cut(packed: Uint8Array, at: number[]): Uint8Array[] {
  const ends = [...new Set(at.map((a) => a % (packed.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let s = 0;
  for (const e of [...ends, packed.length]) {
    out.push(packed.subarray(s, e));
    s = e;
  }
  return out;
}

describe('merkleTreeOf (TMS-S-012)', () => {
  it('TMS-S-012: gives merkleRootPacked’s root and size, subtrees hashed on two threads, blocks cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(1, 2, 4, 8, 32),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (count, subtree, cuts) => {
          const packed = randomBytes(count * 32);
          const tree = await merkleTreeOf(cut(packed, cuts), count, { threads: 2, subtree, minLeaves: 0 });
          expect(tree.size).toBe(count);
          expect(Buffer.from(tree.root()).equals(Buffer.from(merkleRootPacked(packed)))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('TMS-S-012: hashes on this thread below minLeaves, with the same root', async () => {
    const packed = randomBytes(1000 * 32);
    const tree = await merkleTreeOf([packed], 1000);
    expect(Buffer.from(tree.root()).equals(Buffer.from(merkleRootPacked(packed)))).toBe(true);
  });

  it('refuses a subtree that is not one of the tree’s own (MerkleStream.pushSubtree)', () => {
    const t = new MerkleStream();
    t.push(randomBytes(32));
    expect(() => t.pushSubtree(randomBytes(32), 2)).toThrow(RangeError);
    expect(() => t.pushSubtree(randomBytes(32), 3)).toThrow(RangeError);
    t.pushSubtree(randomBytes(32), 1);
    expect(t.size).toBe(2);
  });
});
