/** The upstream APIs a gateway certification puts behind the gateway. */
export type GatewayUpstream = 'openai-chat' | 'anthropic-messages' | 'gemini';

/** Every upstream, in report order. */
export const gatewayUpstreams: readonly GatewayUpstream[] = ['openai-chat', 'anthropic-messages', 'gemini'];

/** How an exchange is sent: JSON, a stream asking for usage, or a bare stream that does not ask. */
export type GatewayExchangeKind = 'json' | 'stream-usage' | 'stream-bare';

/** One request of a case, as the client (OpenAI Chat Completions) sends it. */
export interface GatewayExchange {
  /** Label in the report and in the correlation id, e.g. `write` or `hit`. */
  readonly label: string;
  readonly kind: GatewayExchangeKind;
  readonly body: Record<string, unknown>;
}

/** One case: a title and the exchanges sent in order (a cache hit follows the write it reads). */
export interface GatewayCase {
  readonly id: string;
  readonly title: string;
  readonly exchanges: readonly GatewayExchange[];
}

/** The models the reference provider serves for each upstream: a chat model and one that reasons. */
export const upstreamModels: Readonly<Record<GatewayUpstream, { chat: string; reasoning: string }>> = {
  'openai-chat': { chat: 'gpt-4o', reasoning: 'o3' },
  'anthropic-messages': { chat: 'claude-sonnet-4-5', reasoning: 'claude-sonnet-4-5' },
  gemini: { chat: 'gemini-2.5-flash', reasoning: 'gemini-2.5-flash' },
};

// Long enough (well over 1,024 tokens) for every provider's prompt cache; two texts so the 5-minute
// and the 1-hour writes do not hit each other's cache.
const clauses = (tag: string) => Array.from({ length: 320 }, (_, i) => `${tag} clause ${i + 1}: usage is billed per token as measured and reported.`).join(' ');

function cached(model: string, tag: string, ttl: '5m' | '1h'): Record<string, unknown> {
  return {
    model,
    max_tokens: 32,
    messages: [
      // cache_control on a text part is how OpenAI-compatible gateways pass Anthropic cache marks through.
      { role: 'system', content: [{ type: 'text', text: clauses(tag), cache_control: { type: 'ephemeral', ...(ttl === '1h' ? { ttl: '1h' } : {}) } }] },
      { role: 'user', content: 'Summarise the contract in one sentence.' },
    ],
  };
}

/**
 * The cases a gateway is certified with, for one upstream: a plain request, cache writes with both
 * TTLs followed by the hits that read them (JSON and streamed), streams with and without requested
 * usage, and a reasoning request.
 */
export function gatewayCases(upstream: GatewayUpstream): GatewayCase[] {
  const m = upstreamModels[upstream];
  const plain = { model: m.chat, max_tokens: 32, messages: [{ role: 'user', content: 'Name three colours of the rainbow.' }] };
  const reasoning: Record<string, unknown> =
    upstream === 'openai-chat'
      ? { model: m.reasoning, max_completion_tokens: 400, messages: [{ role: 'user', content: 'Is 391 a prime number?' }] }
      : {
          model: m.reasoning,
          max_tokens: 1600,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          reasoning_effort: 'low',
          messages: [{ role: 'user', content: 'Is 391 a prime number?' }],
        };
  return [
    { id: 'plain', title: 'A plain request, JSON', exchanges: [{ label: 'plain', kind: 'json', body: plain }] },
    {
      id: 'cache-5m',
      title: 'A 5-minute cache write, then its hit (JSON and streamed)',
      exchanges: [
        { label: 'write', kind: 'json', body: cached(m.chat, 'Alpha', '5m') },
        { label: 'hit', kind: 'json', body: cached(m.chat, 'Alpha', '5m') },
        { label: 'stream-hit', kind: 'stream-usage', body: cached(m.chat, 'Alpha', '5m') },
      ],
    },
    {
      id: 'cache-1h',
      title: 'A 1-hour cache write, then its hit',
      exchanges: [
        { label: 'write', kind: 'json', body: cached(m.chat, 'Beta', '1h') },
        { label: 'hit', kind: 'json', body: cached(m.chat, 'Beta', '1h') },
      ],
    },
    {
      id: 'streams',
      title: 'Streams with and without requested usage',
      exchanges: [
        { label: 'stream', kind: 'stream-usage', body: plain },
        { label: 'stream-bare', kind: 'stream-bare', body: plain },
      ],
    },
    { id: 'reasoning', title: 'A reasoning request', exchanges: [{ label: 'reasoning', kind: 'json', body: reasoning }] },
  ];
}
