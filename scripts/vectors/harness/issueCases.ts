// Native usages from public issue threads about wrong token accounting and cost (TMS-H-010). Each
// case's numbers are the thread's own where it gives them; where a thread gives only some of them,
// the rest are marked "illustrative" in the comment. Expectations are never written here: the
// generator computes them with the reference implementation.
import type { UsageApi } from '../../../src/measure/usageConventions.js';

/** One cited case: the native usage as the provider returned it, and where it comes from. */
export interface IssueCase {
  readonly api: UsageApi;
  readonly model: string;
  readonly usage: Record<string, unknown>;
  readonly events?: Record<string, number>;
  readonly flags: readonly string[];
  /** What the case shows; ends with the citation. */
  readonly comment: string;
}

export const issueCases: readonly IssueCase[] = [
  // Anthropic: input_tokens excludes cache reads and writes (three disjoint buckets).
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-write'],
    usage: { input_tokens: 3, cache_creation_input_tokens: 12304, cache_read_input_tokens: 0, output_tokens: 550 },
    comment: 'cache write without reads: charged twice when writes are also counted as input (BerriAI/litellm#9812)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-write', 'cache-read'],
    usage: { input_tokens: 13646, cache_creation_input_tokens: 10769, cache_read_input_tokens: 15108, output_tokens: 24 },
    comment: 'cache write with reads: reads folded into input and charged again at the read rate (Wei-Shaw/sub2api#2944)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-read'],
    usage: { input_tokens: 19, cache_creation_input_tokens: 0, cache_read_input_tokens: 39000, output_tokens: 100 },
    comment:
      'tiny base input beside large cache reads: a remainder clamped to zero charges the base input nothing; output 100 illustrative (langchain-ai/langsmith-sdk#2519)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-write', 'cache-ttl'],
    usage: {
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 46209 },
      cache_creation_input_tokens: 46209,
      cache_read_input_tokens: 0,
      input_tokens: 337,
      output_tokens: 342,
      service_tier: 'standard',
    },
    comment: '5-minute cache write with its TTL split reported (get-convex/agent#191)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-write', 'cache-ttl'],
    usage: {
      cache_creation: { ephemeral_1h_input_tokens: 9613, ephemeral_5m_input_tokens: 0 },
      cache_creation_input_tokens: 9613,
      cache_read_input_tokens: 0,
      input_tokens: 3,
      output_tokens: 1,
    },
    comment:
      '1-hour cache write priced at the 5-minute rate when the split is dropped; 9613 written tokens from the thread, input 3 and output 1 illustrative (earendil-works/pi#9457, earendil-works/pi#5737)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['cache-write', 'cache-ttl'],
    usage: {
      cache_creation: { ephemeral_1h_input_tokens: 400000, ephemeral_5m_input_tokens: 600000 },
      cache_creation_input_tokens: 1000000,
      cache_read_input_tokens: 0,
      input_tokens: 0,
      output_tokens: 0,
    },
    comment: 'mixed 5-minute and 1-hour writes, the 600k/400k split of the thread (earendil-works/pi#5738)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['server-tool'],
    usage: { input_tokens: 9548, output_tokens: 528, server_tool_use: { web_search_requests: 2 } },
    events: { web_search: 2 },
    comment: 'two server-side web searches: a per-request fee no token count carries (BerriAI/litellm#15227, langfuse/langfuse#15856)',
  },
  {
    api: 'anthropic-messages',
    model: 'claude-sonnet-4-5',
    flags: ['reasoning-inside'],
    usage: { input_tokens: 120, output_tokens: 900, output_tokens_details: { thinking_tokens: 750 } },
    comment: 'thinking tokens reported inside output_tokens; counts illustrative (langchain-ai/langchain#39257, langchain-ai/langchain-google#1928)',
  },
  // OpenAI: cached_tokens is a subset of prompt_tokens; reasoning is a subset of completion tokens.
  {
    api: 'openai-chat',
    model: 'gpt-4o',
    flags: ['cache-read'],
    usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } },
    comment: 'cache reads inside prompt_tokens, the prompt-caching guide example quoted in the thread (mindroom-ai/mindroom#2134)',
  },
  {
    api: 'openai-chat',
    model: 'gpt-4o',
    flags: ['cache-read'],
    usage: { prompt_tokens: 17111, completion_tokens: 50, total_tokens: 17161, prompt_tokens_details: { cached_tokens: 17102 } },
    comment: 'cached tokens billed twice, once inside prompt_tokens; completion 50 illustrative (Aider-AI/aider#5516)',
  },
  {
    api: 'openai-chat',
    model: 'gpt-5',
    flags: ['reasoning-inside'],
    usage: { prompt_tokens: 50, completion_tokens: 1200, total_tokens: 1250, completion_tokens_details: { reasoning_tokens: 1000 } },
    comment: 'reasoning tokens inside completion_tokens, not beside them; counts illustrative (github/copilot-sdk#1160)',
  },
  {
    api: 'openai-responses',
    model: 'gpt-5',
    flags: ['cache-read', 'reasoning-inside'],
    usage: {
      input_tokens: 2455,
      input_tokens_details: { cached_tokens: 2048 },
      output_tokens: 120,
      output_tokens_details: { reasoning_tokens: 64 },
      total_tokens: 2575,
    },
    comment: 'Responses API: cached inside input, reasoning inside output (github/copilot-sdk#1160)',
  },
  {
    api: 'openai-chat',
    model: 'gpt-4o',
    flags: ['zero'],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    comment: 'an all-zero usage costs nothing and must not break a normaliser (openclaw/openclaw#51743)',
  },
  // Gemini: cachedContentTokenCount is a subset of promptTokenCount; thoughts sit beside candidates.
  {
    api: 'gemini',
    model: 'gemini-2.5-flash',
    flags: ['cache-read'],
    usage: { promptTokenCount: 20212, cachedContentTokenCount: 16298, candidatesTokenCount: 931, totalTokenCount: 21143 },
    comment: 'cache reads inside the prompt count, charged twice at the full input rate (earendil-works/pi#2148)',
  },
  {
    api: 'gemini',
    model: 'gemini-2.5-flash',
    flags: ['reasoning-beside'],
    usage: { promptTokenCount: 41, candidatesTokenCount: 5, thoughtsTokenCount: 343, totalTokenCount: 389 },
    comment: 'thoughts beside candidates: dropping thoughtsTokenCount loses 343 billed tokens (langchain-ai/langchainjs#11422)',
  },
  {
    api: 'gemini',
    model: 'gemini-2.5-flash',
    flags: ['reasoning-beside'],
    usage: { promptTokenCount: 220, candidatesTokenCount: 5, thoughtsTokenCount: 185, totalTokenCount: 410 },
    comment: 'a captured generateContent usage with thoughts (Joouis/agent-maestro#190)',
  },
  {
    api: 'gemini',
    model: 'gemini-2.5-flash',
    flags: ['missing'],
    usage: { promptTokenCount: 45, thoughtsTokenCount: 111, totalTokenCount: 156 },
    comment:
      'candidatesTokenCount omitted (a MAX_TOKENS answer) while thoughts are reported; 45 and 111 from the neuron-ai thread (adcontextprotocol/adcp#7359, neuron-core/neuron-ai#443)',
  },
];
