import { LeafRuns } from './LeafRuns.js';

/**
 * Visits the 32-byte digests of packed, ascending lists in ascending order (a k-way merge; shards
 * hold disjoint ids, so no digest is lost or repeated beyond what the lists hold).
 */
export function forEachMergedLeaf(lists: readonly Uint8Array[], visit: (leaf: Uint8Array) => void): void {
  new LeafRuns(lists).forEach(visit);
}

/** Merges packed, ascending 32-byte digest lists into one ascending packed list. */
export function mergeLeaves(lists: readonly Uint8Array[]): Buffer {
  return new LeafRuns(lists).toBuffer();
}
