import { parentPort } from 'node:worker_threads';
import { MerkleStream } from './MerkleStream.js';

// A thread of merkleTreeOf: hashes each piece of leaves it is sent as one complete subtree and
// sends back the subtree's root, with the piece for reuse. Shares MerkleStream with the sending
// thread: one tree engine.
parentPort!.on('message', (m: { id: number; leaves: Uint8Array; leafBytes: number }) => {
  const tree = new MerkleStream();
  const b = Buffer.from(m.leaves.buffer, m.leaves.byteOffset, m.leaves.byteLength);
  for (let o = 0; o < b.length; o += m.leafBytes) tree.push(b.subarray(o, o + m.leafBytes));
  parentPort!.postMessage({ id: m.id, root: tree.root(), leaves: m.leaves }, [m.leaves.buffer as ArrayBuffer]);
});
