import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionProof, inclusionProofPacked, merkleRoot, merkleRootPacked, verifyInclusion } from './merkle.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

// Leaf inputs and roots quoted from transparency-dev/merkle testonly/constants.go (LeafInputs,
// RootHashes; the RFC 6962 test data of google/certificate-transparency merkle_tree_test.cc).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** RFC 9162 §2.1.1 MTH written literally (recursive split at the largest power of two < n). */
function mth(d: readonly Uint8Array[]): Uint8Array {
  const h = (...parts: Uint8Array[]) => parts.reduce((c, p) => c.update(p), createHash('sha256')).digest();
  if (d.length === 0) return h();
  if (d.length === 1) return h(Uint8Array.of(0), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return h(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH written literally. */
function path(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

const digests = (n: number) => Array.from({ length: n }, (_, i) => createHash('sha256').update(`leaf ${i}`).digest());

describe('merkle (RFC 9162, TMS-S-012, TMS-S-013)', () => {
  it('TMS-S-012: reproduces the certificate-transparency roots for 0…8 leaves', () => {
    for (let n = 0; n <= 8; n++) expect(hex(merkleRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
  });

  it('TMS-S-012: equals the literal recursive MTH for random trees (packed and unpacked)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), (n) => {
        const leaves = digests(n);
        const want = hex(mth(leaves));
        expect(hex(merkleRoot(leaves))).toBe(want);
        expect(hex(merkleRootPacked(Buffer.concat(leaves)))).toBe(want);
      }),
      { numRuns: 60 },
    );
  });

  it('TMS-S-013: proofs equal the literal PATH and verify; any altered input fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([n, m]) => {
          const leaves = digests(n);
          const root = merkleRoot(leaves);
          const proof = inclusionProof(leaves, m);
          expect(proof.map(hex)).toEqual(path(m, leaves).map(hex));
          expect(inclusionProofPacked(Buffer.concat(leaves), m).map(hex)).toEqual(proof.map(hex));
          expect(verifyInclusion(leaves[m], m, n, proof, root)).toBe(true);
          expect(verifyInclusion(digests(n + 1)[n], m, n, proof, root)).toBe(false);
          if (n > 1) expect(verifyInclusion(leaves[m], (m + 1) % n, n, proof, root)).toBe(false);
          if (proof.length > 0) {
            const bad = proof.map((p) => Uint8Array.from(p));
            bad[0][0] ^= 1;
            expect(verifyInclusion(leaves[m], m, n, bad, root)).toBe(false);
            expect(verifyInclusion(leaves[m], m, n, proof.slice(1), root)).toBe(false);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('TMS-S-013: rejects out-of-range indexes without throwing', () => {
    const leaves = digests(3);
    expect(verifyInclusion(leaves[0], 3, 3, [], merkleRoot(leaves))).toBe(false);
    expect(verifyInclusion(leaves[0], -1, 3, [], merkleRoot(leaves))).toBe(false);
    expect(() => inclusionProof(leaves, 3)).toThrow(/inclusionProof/);
  });
});
