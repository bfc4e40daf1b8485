import { sha256Bytes } from '../../digest/sha256.js';

/** Which of `count` shards a key belongs to: the first 8 bytes of SHA-256(key), big-endian, mod count (TMS-A-009). */
export function shardOf(key: string, count: number): number {
  if (count === 1) return 0;
  const h = sha256Bytes(key);
  return Number(h.readBigUInt64BE(0) % BigInt(count));
}

/** A shard selection: the `index`-th (0-based) of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * The shard key of a line: its record id when the line has one, else its place, so a line that
 * cannot be read is still reported by exactly one shard (TMS-C-003).
 */
export function lineShardKey(id: string | undefined, file: number, line: number): string {
  return id !== undefined ? id : `\u0000${file}:${line}`;
}
