// The streaming Merkle root equals the RFC 9162 tree hash of the settlement (TMS-A-012, TMS-S-012).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merkleRootPacked } from './merkle.js';
import { MerkleStream } from './MerkleStream.js';

describe('MerkleStream (TMS-A-012)', () => {
  it('TMS-A-012: gives merkleRootPacked for every size from 0 to 70', () => {
    const leaves: Buffer[] = [];
    for (let n = 0; n <= 70; n++) {
      const m = new MerkleStream();
      for (const l of leaves) m.push(l);
      expect(m.root().toString('hex'), `n=${n}`).toBe(Buffer.from(merkleRootPacked(Buffer.concat(leaves))).toString('hex'));
      leaves.push(createHash('sha256').update(String(n)).digest());
    }
  });
});

describe('MerkleStream.pushLeaves (TMS-A-012)', () => {
  const leafOf = (n: number) => createHash('sha256').update(`leaf ${n}`).digest();

  it('TMS-A-012: packed leaves in chunks of any sizes give the root of pushing them one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 12 }), (count, cuts) => {
        const all = Buffer.concat(Array.from({ length: count }, (_, i) => leafOf(i)));
        const m = new MerkleStream();
        let at = 0;
        for (const c of cuts) {
          const end = Math.min(count, at + c);
          m.pushLeaves(all.subarray(at * 32, end * 32));
          at = end;
        }
        m.pushLeaves(all.subarray(at * 32));
        expect(m.size).toBe(count);
        expect(m.root().toString('hex')).toBe(Buffer.from(merkleRootPacked(all)).toString('hex'));
      }),
      { numRuns: 150 },
    );
  });

  it('TMS-A-012: a run longer than the largest subtree hashed at once (65,536 leaves) after one odd leaf', () => {
    const count = 65_536 + 70_001;
    const all = Buffer.alloc(count * 32);
    for (let i = 0; i < count; i++) all.writeUInt32BE(i, i * 32);
    const m = new MerkleStream();
    m.push(all.subarray(0, 32));
    m.pushLeaves(all.subarray(32));
    expect(m.root().toString('hex')).toBe(Buffer.from(merkleRootPacked(all)).toString('hex'));
  });

  it('rejects packed leaves that are not a whole number of 32-byte leaves', () => {
    expect(() => new MerkleStream().pushLeaves(Buffer.alloc(33))).toThrow(RangeError);
  });
});
