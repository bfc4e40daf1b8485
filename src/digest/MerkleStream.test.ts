// The streaming Merkle root equals the RFC 9162 tree hash of the settlement (TMS-A-012, TMS-S-012).
import { createHash } from 'node:crypto';
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
