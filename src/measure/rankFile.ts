import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The encodings whose ranks ship with @dqbd/tiktoken (o200k_harmony reuses o200k_base's). */
export type RankBase = 'gpt2' | 'r50k_base' | 'p50k_base' | 'p50k_edit' | 'cl100k_base' | 'o200k_base';

/** One of @dqbd/tiktoken's encoder files: the pre-tokenisation pattern, special tokens and compressed ranks. */
export interface RankFile {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  /** Lines of "marker firstRank base64 base64 …": consecutive ranks from firstRank. */
  readonly bpe_ranks: string;
}

const require = createRequire(import.meta.url);
const files = new Map<RankBase, RankFile>();

/** Reads (once per process) the rank file of an encoding; the fast path, the WASM core and the digest share it. */
export function rankFile(base: RankBase): RankFile {
  let f = files.get(base);
  if (f === undefined) {
    f = JSON.parse(readFileSync(require.resolve(`@dqbd/tiktoken/encoders/${base}.json`), 'utf8')) as RankFile;
    files.set(base, f);
  }
  return f;
}
