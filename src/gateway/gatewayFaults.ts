/**
 * The reference gateway's fault modes: each reproduces a usage-translation bug documented in a
 * public gateway, SDK or proxy tracker (cited), so a gateway certification can be shown to catch it.
 * Faults change only what the client is told; the upstream request and its bill are untouched,
 * except `duplicate-upstream-request`, which bills the upstream twice. `catches` names the
 * certify-gateway checks each fault fails, and `upstreams` the upstreams where it shows (only an
 * Anthropic upstream reports cache writes).
 */
export const gatewayFaults = {
  'cache-read-beside-prompt': {
    summary: 'cache reads left out of prompt_tokens but reported as cached_tokens; total_tokens still counts them, so it is not prompt + completion',
    source:
      'https://github.com/mozilla-ai/any-llm/issues/622 (Anthropic caching through an OpenAI-style usage); https://github.com/Arize-ai/openinference/pull/1429',
    catches: ['cells-preserved', 'totals-consistent'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'cache-write-dropped': {
    summary: 'cache-write tokens vanish from every field: prompt_tokens and total_tokens leave them out and no cache_write_tokens is reported',
    source: 'https://github.com/jundot/omlx/issues/912 (cache fields always 0); https://github.com/BerriAI/litellm/issues/11364 (cache tokens not priced)',
    catches: ['cells-preserved'],
    upstreams: ['anthropic-messages'],
  },
  'cache-write-double-counted': {
    summary: 'cache writes counted twice: once as fresh prompt input and once as cache_write_tokens',
    source: 'https://github.com/majiayu000/litellm-rs/pull/684 (cache tokens added to prompt_tokens again)',
    catches: ['cells-preserved'],
    upstreams: ['anthropic-messages'],
  },
  'reasoning-dropped': {
    summary: 'reasoning (thinking) tokens dropped: completion_tokens holds the answer only and reasoning_tokens is 0',
    source:
      'https://github.com/Portkey-AI/gateway/pull/1458; https://github.com/mozilla-ai/any-llm/pull/1291 (Gemini thoughtsTokenCount left out of completion_tokens)',
    catches: ['cells-preserved'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'totals-include-cache': {
    summary: 'total_tokens adds cache reads and writes again on top of a prompt_tokens that already contains them',
    source: 'https://github.com/Helicone/helicone/pull/4655 (totals and Anthropic cache tokens)',
    catches: ['cells-preserved', 'totals-consistent'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'stream-usage-dropped': {
    summary: 'a stream asked for usage (stream_options.include_usage) ends without the usage chunk',
    source: 'https://github.com/rynfar/meridian/pull/554; https://github.com/Portkey-AI/gateway/issues/1259',
    catches: ['cells-preserved', 'stream-usage-placed'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'usage-on-finish-chunk': {
    summary: 'streamed usage rides on the chunk that carries finish_reason instead of a final chunk with empty choices',
    source: 'https://github.com/inference-gateway/inference-gateway/issues/206 (usage on the finish_reason chunk)',
    catches: ['stream-usage-placed'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'usage-unrequested': {
    summary: 'a usage chunk is streamed although the client did not ask for it (no stream_options.include_usage)',
    source: 'https://github.com/entrius/gittensor/pull/1750 (usage chunk must be opt-in)',
    catches: ['no-unrequested-usage'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
  'duplicate-upstream-request': {
    summary: 'every client request is sent upstream twice (a silent retry), so the upstream bills two requests for one answer',
    source: 'retry-on-success behaviour of proxies; the certification counts upstream requests per client request',
    catches: ['one-upstream-request'],
    upstreams: ['openai-chat', 'anthropic-messages', 'gemini'],
  },
} as const satisfies Record<string, { summary: string; source: string; catches: readonly string[]; upstreams: readonly string[] }>;

/** A gateway fault mode's name. */
export type GatewayFaultName = keyof typeof gatewayFaults;

/** Every gateway fault name, in documentation order. */
export const gatewayFaultNames = Object.keys(gatewayFaults) as GatewayFaultName[];

/** True when `name` is a gateway fault mode. */
export function isGatewayFaultName(name: string): name is GatewayFaultName {
  return Object.hasOwn(gatewayFaults, name);
}
