import { inclusionProofPacked, merkleRootPacked, verifyInclusion } from '../digest/merkle.js';
import type { InclusionProof, Statement } from '../schemas/types.gen.js';
import { tmsVersion } from '../version.js';
import { leafIndex, type Leaves } from './collectLeaves.js';

/** The result of making a proof: the proof, or why there is none. */
export type ProofResult = { readonly ok: true; readonly proof: InclusionProof } | { readonly ok: false; readonly reason: string };

/**
 * Builds the inclusion proof of one record in a statement (TMS-S-013) from the leaves recomputed
 * from the records. Refuses when those leaves do not reproduce the statement's root and size
 * (the records are not the ones the statement commits to) or the record is not billed.
 */
export function proveRecord(statement: Statement, leaves: Leaves, recordId: string): ProofResult {
  const size = leaves.packed.length / 32;
  const root = Buffer.from(merkleRootPacked(leaves.packed)).toString('hex');
  if (root !== statement.merkle.root || size !== statement.merkle.size) {
    return {
      ok: false,
      reason: `the records give Merkle root ${root} over ${size} record(s), but the statement commits to ${statement.merkle.root} over ${statement.merkle.size}`,
    };
  }
  const s = leaves.stateOf(recordId);
  if (s.state !== 'billed')
    return {
      ok: false,
      reason: `record "${recordId}" is not billed in this statement (${s.state === 'unknown' ? 'no such record_id in the records' : s.state})`,
    };
  const index = leafIndex(leaves.packed, s.digest);
  const path = inclusionProofPacked(leaves.packed, index).map((p) => Buffer.from(p).toString('hex'));
  return {
    ok: true,
    proof: {
      tms_version: tmsVersion as '0.1.0',
      algorithm: 'rfc9162-sha256',
      record_id: recordId,
      record_sha256: s.digest.toString('hex'),
      leaf_index: index,
      tree_size: size,
      audit_path: path,
      root,
    },
  };
}

/** Checks a proof against a statement (TMS-S-013): same root and size, and the audit path leads there. */
export function checkProof(proof: InclusionProof, statement: Statement): { ok: true } | { ok: false; reason: string } {
  if (proof.root !== statement.merkle.root)
    return { ok: false, reason: `the proof is for root ${proof.root}, the statement commits to ${statement.merkle.root}` };
  if (proof.tree_size !== statement.merkle.size)
    return { ok: false, reason: `the proof is for a tree of ${proof.tree_size}, the statement's has ${statement.merkle.size}` };
  const ok = verifyInclusion(
    Buffer.from(proof.record_sha256, 'hex'),
    proof.leaf_index,
    proof.tree_size,
    proof.audit_path.map((h) => Buffer.from(h, 'hex')),
    Buffer.from(statement.merkle.root, 'hex'),
  );
  return ok ? { ok: true } : { ok: false, reason: 'the audit path does not lead from the record digest to the statement root (RFC 9162 §2.1.3.2)' };
}
