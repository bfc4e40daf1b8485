/**
 * Visits the 32-byte digests of packed, ascending lists in ascending order (a k-way merge; shards
 * hold disjoint ids, so no digest is lost or repeated beyond what the lists hold).
 */
export function forEachMergedLeaf(lists: readonly Uint8Array[], visit: (leaf: Uint8Array) => void): void {
  const bufs = lists.filter((l) => l.length > 0).map((l) => Buffer.from(l.buffer, l.byteOffset, l.byteLength));
  const pos = bufs.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < bufs.length; i++) {
      if (pos[i] >= bufs[i].length) continue;
      if (best < 0 || bufs[i].compare(bufs[best], pos[best], pos[best] + 32, pos[i], pos[i] + 32) < 0) best = i;
    }
    if (best < 0) return;
    visit(bufs[best].subarray(pos[best], pos[best] + 32));
    pos[best] += 32;
  }
}

/** Merges packed, ascending 32-byte digest lists into one ascending packed list. */
export function mergeLeaves(lists: readonly Buffer[]): Buffer {
  const out = Buffer.alloc(lists.reduce((n, l) => n + l.length, 0));
  let o = 0;
  forEachMergedLeaf(lists, (leaf) => {
    out.set(leaf, o);
    o += 32;
  });
  return out;
}
