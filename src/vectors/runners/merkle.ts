import { inclusionProof, merkleRoot, verifyInclusion } from '../../digest/merkle.js';
import type { VectorOutcome, VectorRunner, VectorTest } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';
import { isStringArray } from '../../io/isRecord.js';

/** One merkle vector test (schemas/vectors-merkle.json). */
export interface MerkleTest extends VectorTest {
  op: 'root' | 'inclusion';
  leaves?: string[];
  leaf?: string;
  index?: number;
  size?: number;
  path?: string[];
  root: string;
}

const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Runs Merkle tree hash and inclusion proof vectors against src/digest/merkle.ts (TMS-S-012, TMS-S-013). */
export const merkleRunner: VectorRunner = {
  kind: 'merkle',
  run(test, group): VectorOutcome {
    const t = test as MerkleTest;
    try {
      if (t.op === 'root') {
        const got = hex(merkleRoot((t.leaves ?? []).map(bytes)));
        return got === t.root ? { status: 'pass' } : { status: 'fail', message: 'tree hash differs', expected: t.root, observed: got };
      }
      const ok = verifyInclusion(bytes(t.leaf ?? ''), t.index ?? -1, t.size ?? 0, (t.path ?? []).map(bytes), bytes(t.root));
      if (ok !== (t.result === 'valid'))
        return { status: 'fail', message: `proof ${ok ? 'accepted' : 'rejected'}`, expected: t.result, observed: ok ? 'valid' : 'invalid' };
      const leaves = group.leaves;
      if (t.result === 'valid' && isStringArray(leaves)) {
        const made = inclusionProof(leaves.map(bytes), t.index!).map(hex);
        if (made.join() !== (t.path ?? []).join()) return { status: 'fail', message: 'generated audit path differs', expected: t.path, observed: made };
      }
      return { status: 'pass' };
    } catch (e) {
      return { status: 'fail', message: `threw: ${errorMessage(e)}` };
    }
  },
};
