import { fromCells, toCells } from '../measure/usageConventions.js';
import { GatewayError } from './GatewayError.js';
import type { GatewayFaultName } from './gatewayFaults.js';
import type { UpstreamApi } from './toUpstream.js';

type Details = Record<string, number>;

/**
 * The OpenAI Chat usage the gateway reports for an upstream usage: honest translation goes through
 * canonical cells (upstream convention → cells → OpenAI convention, TMS-M-024/026/027), so cache
 * reads and writes land inside prompt_tokens and reasoning inside completion_tokens. The usage
 * faults then bend the result the way the cited gateway bugs did.
 */
export function clientUsage(api: UpstreamApi, native: unknown, faults: ReadonlySet<GatewayFaultName>): Record<string, unknown> {
  const cells = toCells(api, native);
  if (!cells.ok) throw new GatewayError(502, `upstream usage cannot be read under the ${api} convention: ${cells.message}`);
  const u = fromCells('openai-chat', cells.usage) as {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    prompt_tokens_details: Details;
    completion_tokens_details: Details;
  };
  const pd = u.prompt_tokens_details;
  const cd = u.completion_tokens_details;
  const reads = pd.cached_tokens ?? 0;
  const writes = pd.cache_write_tokens ?? 0;
  if (faults.has('cache-write-dropped') && writes > 0) {
    u.prompt_tokens -= writes;
    delete pd.cache_write_tokens;
  }
  if (faults.has('cache-write-double-counted') && writes > 0) u.prompt_tokens += writes;
  if (faults.has('reasoning-dropped') && (cd.reasoning_tokens ?? 0) > 0) {
    u.completion_tokens -= cd.reasoning_tokens;
    cd.reasoning_tokens = 0;
  }
  u.total_tokens = u.prompt_tokens + u.completion_tokens;
  // Reads leave prompt_tokens but stay in the total: the 119 + 16 ≠ 1415 shape of the cited report.
  if (faults.has('cache-read-beside-prompt') && reads > 0) u.prompt_tokens -= reads;
  if (faults.has('totals-include-cache')) u.total_tokens += reads + (pd.cache_write_tokens ?? 0);
  return u;
}
