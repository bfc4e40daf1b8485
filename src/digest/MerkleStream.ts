import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

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
    if (this.stack.length === 0) return sha();
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = sha(NODE, this.stack[i].hash, acc);
    return acc;
  }
}
