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
    let node = { hash: sha(LEAF, leaf), size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: sha(NODE, left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.n++;
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
