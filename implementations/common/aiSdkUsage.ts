// The AI SDK's LanguageModelUsage (package `ai`) → canonical cells, shared by the three AI SDK
// provider adapters. Fields: inputTokenDetails.{noCacheTokens, cacheReadTokens, cacheWriteTokens}
// and outputTokenDetails.{textTokens, reasoningTokens}. The SDK has no field for cache TTL,
// modality or tool-use prompt tokens, so those distinctions are declared not expressible (TMS-H-005).
// Where a detail is undefined, the SDK's documented totals give it: noCache = inputTokens − reads −
// writes, text = outputTokens − reasoning.
import type { LanguageModelUsage } from 'ai';
import { put } from './fakeFetch.js';

/** Maps the SDK's usage of one generation to canonical cells. */
export function aiSdkCells(u: LanguageModelUsage): { cells: Record<string, number>; not_expressible: string[]; library_output: unknown } {
  const cells: Record<string, number> = {};
  const d = u.inputTokenDetails ?? {};
  const o = u.outputTokenDetails ?? {};
  const read = d.cacheReadTokens ?? 0;
  const write = d.cacheWriteTokens ?? 0;
  put(cells, 'input/none/text', d.noCacheTokens ?? (u.inputTokens !== undefined ? u.inputTokens - read - write : undefined));
  put(cells, 'input/read/text', d.cacheReadTokens);
  put(cells, 'input/write/text', d.cacheWriteTokens);
  const reasoning = o.reasoningTokens ?? 0;
  put(cells, 'output/none/text/answer', o.textTokens ?? (u.outputTokens !== undefined ? u.outputTokens - reasoning : undefined));
  put(cells, 'output/none/text/reasoning', o.reasoningTokens);
  const { raw: _raw, ...shown } = u as LanguageModelUsage & { raw?: unknown };
  return { cells, not_expressible: ['cache_ttl', 'modality', 'tool_prompt'], library_output: shown };
}
