import { createHash } from 'node:crypto';

/** OpenAI's documented caching granularity: prompts of 1024 tokens or more, hits in 128-token steps (openai/openai-cookbook examples/Prompt_Caching_201.ipynb). */
export const CACHE_MIN_TOKENS = 1024;
/** The step of cacheable prefix lengths. */
export const CACHE_STEP_TOKENS = 128;

/**
 * An in-memory prefix cache per server (TMS-M-036): prefixes of 1024 + 128·k tokens are remembered
 * per model, and a later prompt sharing such a prefix is reported with that many cached tokens.
 */
export class PromptCache {
  private readonly seen = new Set<string>();

  /** @param maxEntries bound on remembered prefixes; the oldest are forgotten first, so a long-running server stays bounded. */
  constructor(private readonly maxEntries = 200_000) {}

  /** The longest remembered cacheable prefix length of `ids` for `model` (0 when none). */
  lookup(model: string, ids: readonly number[]): number {
    let best = 0;
    for (const [len, key] of prefixKeys(model, ids)) if (this.seen.has(key)) best = len;
    return best;
  }

  /** Remembers every cacheable prefix of `ids`; returns the longest cacheable length (0 when the prompt is too short). */
  store(model: string, ids: readonly number[]): number {
    let longest = 0;
    for (const [len, key] of prefixKeys(model, ids)) {
      this.seen.delete(key);
      this.seen.add(key);
      longest = len;
    }
    for (const old of this.seen) {
      if (this.seen.size <= this.maxEntries) break;
      this.seen.delete(old);
    }
    return longest;
  }
}

/** The longest cacheable prefix length of a prompt of `n` tokens. */
export function cacheableLength(n: number): number {
  return n < CACHE_MIN_TOKENS ? 0 : Math.floor(n / CACHE_STEP_TOKENS) * CACHE_STEP_TOKENS;
}

function* prefixKeys(model: string, ids: readonly number[]): Generator<[number, string]> {
  const h = createHash('sha256').update(model);
  for (let end = CACHE_STEP_TOKENS; end <= ids.length; end += CACHE_STEP_TOKENS) {
    h.update(Uint32Array.from(ids.slice(end - CACHE_STEP_TOKENS, end)));
    if (end >= CACHE_MIN_TOKENS) yield [end, h.copy().digest('hex')];
  }
}
