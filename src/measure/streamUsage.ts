import type { UsageApi } from './conventions/types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Folds one Anthropic `message_delta` usage into the usage so far (TMS-M-031, TMS-M-060): every
 * counter present overwrites the earlier value, nothing is added. When the delta changes
 * `cache_creation_input_tokens` without a new `cache_creation` split, the earlier split no longer
 * sums: the change goes to the one TTL that held every earlier write, and when no single TTL did
 * (no writes yet, or both TTLs), the split becomes unknown (null) rather than invented.
 */
export function mergeAnthropicDelta(usage: Obj, delta: Obj): Obj {
  const out: Obj = { ...usage };
  for (const [k, v] of Object.entries(delta)) if (v !== null && v !== undefined) out[k] = v;
  const created = out.cache_creation_input_tokens;
  const split = out.cache_creation;
  // Only a delta that itself restates the writes can leave the split behind; an inconsistent
  // message_start stays inconsistent, for the convention's reader to reject.
  if (!isCount(delta.cache_creation_input_tokens) || isObj(delta.cache_creation) || !isObj(split) || !isCount(created)) return out;
  const w5m = split.ephemeral_5m_input_tokens;
  const w1h = split.ephemeral_1h_input_tokens;
  if (!isCount(w5m) || !isCount(w1h) || w5m + w1h === created) return out;
  if (w5m > 0 && w1h === 0) out.cache_creation = { ...split, ephemeral_5m_input_tokens: created };
  else if (w1h > 0 && w5m === 0) out.cache_creation = { ...split, ephemeral_1h_input_tokens: created };
  else out.cache_creation = null;
  return out;
}

/**
 * The usage of a whole stream from the usage values its events carried, in order (TMS-M-031):
 * OpenAI Chat and Gemini report cumulative usage, so the last value present is the usage;
 * Anthropic's first value is message_start's and each later one a message_delta's, folded by
 * `mergeAnthropicDelta`. Undefined when no event carried usage.
 */
export function mergeStreamUsage(api: UsageApi, usages: readonly unknown[]): unknown {
  if (api !== 'anthropic-messages') {
    let last: unknown;
    for (const u of usages) if (u !== undefined && u !== null) last = u;
    return last;
  }
  let acc: Obj | undefined;
  for (const u of usages) {
    if (!isObj(u)) continue;
    acc = acc === undefined ? { ...u } : mergeAnthropicDelta(acc, u);
  }
  return acc;
}
