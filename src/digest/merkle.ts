import { createHash } from 'node:crypto';
import { sha256Bytes, sha256Into } from './sha256.js';

/**
 * Merkle tree hash and inclusion proofs of RFC 9162 §2.1 (Certificate Transparency v2):
 * leaf hash = SHA-256(0x00 ‖ d), interior node = SHA-256(0x01 ‖ left ‖ right), the empty tree hashes
 * to SHA-256 of the empty string, and a tree of n > 1 leaves splits at k, the largest power of two
 * smaller than n. The leaf prefix 0x00 versus node prefix 0x01 is what stops a second-preimage attack
 * passing an interior node off as a leaf (RFC 9162 §2.1.1). Settlement commits to its record digests
 * with this tree (TMS-S spec part, Merkle commitment).
 *
 * The functions below work level by level (pair neighbours left to right, carry an odd last node up
 * unchanged), which yields exactly the tree of the RFC's recursive definition: the left subtree of a
 * level-by-level tree of n leaves is always the complete tree of the first k leaves.
 */

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** SHA-256 of the empty string: the hash of a tree with no leaves (RFC 9162 §2.1.1). */
export function emptyTreeHash(): Uint8Array {
  return createHash('sha256').digest();
}

// One-shot hashing of a reused buffer is about twice as fast as createHash() per node, which
// matters for a million leaves (2 million hashes). The buffers are filled and hashed synchronously.
const leafScratch = Buffer.alloc(33);
const nodeScratch = Buffer.alloc(65);

/** The RFC 9162 leaf hash of leaf data `d`: SHA-256(0x00 ‖ d). */
export function leafHash(d: Uint8Array): Uint8Array {
  if (d.length !== 32) return createHash('sha256').update(LEAF).update(d).digest();
  leafScratch[0] = 0x00;
  leafScratch.set(d, 1);
  return sha256Bytes(leafScratch);
}

/** The RFC 9162 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(NODE).update(left).update(right).digest();
  nodeScratch[0] = 0x01;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 33);
  return sha256Bytes(nodeScratch);
}

/** Hashes one level into the next: neighbours pair up, an odd last node moves up unchanged. */
function nextLevel(level: readonly Uint8Array[]): Uint8Array[] {
  const next: Uint8Array[] = new Array(Math.ceil(level.length / 2));
  for (let i = 0; i + 1 < level.length; i += 2) next[i >> 1] = nodeHash(level[i], level[i + 1]);
  if (level.length % 2 === 1) next[next.length - 1] = level[level.length - 1];
  return next;
}

/** The Merkle tree hash (RFC 9162 §2.1.1 MTH) of the leaf data `leaves`, in the order given. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leaves)) throw new TypeError('merkleRoot: leaves must be an array of byte arrays');
  if (leaves.length === 0) return emptyTreeHash();
  let level = leaves.map(leafHash);
  while (level.length > 1) level = nextLevel(level);
  return level[0];
}

/**
 * The inclusion proof (RFC 9162 §2.1.3.1 PATH) of leaf `index` in the tree of `leaves`: the sibling
 * hashes from the leaf's level up to the root, leaf side first.
 */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`inclusionProof: index ${index} is outside a tree of ${leaves.length} leaves`);
  }
  const path: Uint8Array[] = [];
  let level = leaves.map(leafHash);
  let i = index;
  while (level.length > 1) {
    const sibling = i ^ 1;
    // The last node of an odd level has no sibling: it moves up and contributes nothing to the path.
    if (sibling < level.length) path.push(level[sibling]);
    level = nextLevel(level);
    i >>= 1;
  }
  return path;
}

/** True when two byte arrays hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2: `leaf` is the leaf data (not
 * its hash), `index` its position, `size` the tree size. Returns false (never throws) for any
 * malformed or wrong proof.
 */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  // Shifts are done on BigInt so trees larger than 2^31 leaves do not overflow 32-bit operators.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash(leaf);
  for (const p of proof) {
    if (!(p instanceof Uint8Array) || p.length !== 32) return false;
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameBytes(r, root);
}

/**
 * Splits packed leaf data (n × 32 bytes) into its hashed bottom level, in one contiguous buffer.
 * Every hash is written straight into the level (no Buffer per node): this and reducePacked are
 * two million hashes for a million records, the tail of every audit and settlement (issue 11).
 */
function packedLeafLevel(packed: Uint8Array): Buffer {
  if (packed.length % 32 !== 0) throw new RangeError(`merkle: packed leaves must be a multiple of 32 bytes, got ${packed.length}`);
  const n = packed.length / 32;
  const src = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const level = Buffer.allocUnsafe(packed.length);
  leafScratch[0] = 0x00;
  for (let i = 0; i < n; i++) {
    src.copy(leafScratch, 1, i * 32, i * 32 + 32);
    sha256Into(leafScratch, level, i * 32);
  }
  return level;
}

/** Reduces a level of `n` 32-byte hashes in place to the next level; returns its size. */
function reducePacked(level: Buffer, n: number): number {
  const m = Math.ceil(n / 2);
  nodeScratch[0] = 0x01;
  // Node i >> 1 is written over bytes the pair i, i + 1 was already copied out of.
  for (let i = 0; i + 1 < n; i += 2) {
    level.copy(nodeScratch, 1, i * 32, i * 32 + 64);
    sha256Into(nodeScratch, level, (i >> 1) * 32);
  }
  if (n % 2 === 1) level.copyWithin((m - 1) * 32, (n - 1) * 32, n * 32);
  return m;
}

/**
 * `merkleRoot` over 32-byte leaves packed in one buffer (leaf i = bytes 32i…32i+31). Same result as
 * `merkleRoot`, but holds one 32-byte slot per leaf instead of one object per node, which is what
 * keeps settling a million records within the memory bound of TMS-S (digests only).
 */
export function merkleRootPacked(packed: Uint8Array): Uint8Array {
  if (packed.length === 0) return emptyTreeHash();
  const level = packedLeafLevel(packed);
  let n = packed.length / 32;
  while (n > 1) n = reducePacked(level, n);
  return Uint8Array.prototype.slice.call(level, 0, 32);
}

/** `inclusionProof` over 32-byte leaves packed in one buffer (see `merkleRootPacked`). */
export function inclusionProofPacked(packed: Uint8Array, index: number): Uint8Array[] {
  const size = packed.length / 32;
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`inclusionProofPacked: index ${index} is outside a tree of ${size} leaves`);
  }
  const level = packedLeafLevel(packed);
  const path: Uint8Array[] = [];
  let n = size;
  let i = index;
  while (n > 1) {
    const sibling = i ^ 1;
    if (sibling < n) path.push(Uint8Array.prototype.slice.call(level, sibling * 32, sibling * 32 + 32));
    n = reducePacked(level, n);
    i >>= 1;
  }
  return path;
}
