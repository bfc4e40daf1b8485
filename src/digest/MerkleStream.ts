import { merkleRootPacked } from './merkle.js';
import { sha256Bytes } from './sha256.js';

// One-shot hashes of a reused scratch buffer: an audit hashes two nodes per record, and a
// createHash object per node cost the merging thread ~3 us each (issue 11 profile).
let scratch = Buffer.alloc(1 + 32 + 32);
/** SHA-256 of the prefix byte then `a` then `b`; of the empty string without `a`. */
const sha = (prefix: number, a?: Uint8Array, b?: Uint8Array): Buffer => {
  if (a === undefined) return sha256Bytes('');
  const n = 1 + a.length + (b?.length ?? 0);
  if (n > scratch.length) scratch = Buffer.alloc(n); // leaves longer than a digest
  scratch[0] = prefix;
  scratch.set(a, 1);
  if (b !== undefined) scratch.set(b, 1 + a.length);
  return sha256Bytes(scratch.subarray(0, n));
};
const LEAF = 0;
const NODE = 1;
/** The most leaves hashed as one subtree by pushLeaves: its level buffer is 32 bytes a leaf. */
const MAX_RUN = 1 << 16;

/**
 * The RFC 9162 Merkle tree hash computed from leaves given one at a time, in O(log n) memory
 * (TMS-A-012): complete subtrees are kept on a stack like the digits of a binary counter, and at
 * the end they are folded right to left — which is exactly MTH's split at the largest power of two
 * below n. Gives the same root as src/digest/merkle.ts for the same leaves in the same order.
 */
export class MerkleStream {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private n = 0;

  /** Appends one leaf (the leaf data, e.g. a 32-byte record digest). */
  push(leaf: Uint8Array): void {
    this.pushSubtree(sha(LEAF, leaf), 1);
  }

  /**
   * Appends 32-byte leaves packed in one buffer (leaf i = bytes 32i…32i+31), as many push() calls
   * would. Runs of them that form complete subtrees of the final tree (a power of two of leaves,
   * starting where the leaves pushed so far end one) are hashed level by level in one buffer
   * (merkleRootPacked) rather than as a node object and a Buffer per hash (issue 11).
   */
  pushLeaves(packed: Uint8Array): void {
    if (packed.length % 32 !== 0) throw new RangeError(`MerkleStream: packed leaves must be a multiple of 32 bytes, got ${packed.length}`);
    const count = packed.length / 32;
    for (let i = 0; i < count; ) {
      // The largest power of two that fits what is left and divides the leaves pushed so far.
      let k = Math.min(MAX_RUN, 2 ** Math.floor(Math.log2(count - i)));
      while (k > 1 && this.n % k !== 0) k /= 2;
      if (k === 1) this.push(packed.subarray(i * 32, i * 32 + 32));
      else this.pushSubtree(Buffer.from(merkleRootPacked(packed.subarray(i * 32, (i + k) * 32))), k);
      i += k;
    }
  }

  /** Appends a complete subtree of `size` leaves (a power of two dividing the leaves so far) by its hash. */
  private pushSubtree(hash: Buffer, size: number): void {
    let node = { hash, size };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: sha(NODE, left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.n += size;
  }

  /** Number of leaves pushed. */
  get size(): number {
    return this.n;
  }

  /** The tree hash of the leaves pushed so far (SHA-256 of the empty string for none). */
  root(): Buffer {
    if (this.stack.length === 0) return sha(LEAF);
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = sha(NODE, this.stack[i].hash, acc);
    return acc;
  }
}
