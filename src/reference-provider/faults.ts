/**
 * The reference provider's named fault modes (like bowtie's test miniatures, bowtie-json-schema/bowtie@5e76acd `bowtie/tests/miniatures.py`): each makes the server
 * misbehave in one realistic way, taken from a bug seen in the field (each names its public bug report),
 * and names the probe checks that MUST fail against it. Their behaviour is the hooks table in
 * faultHooks.ts; this file is the documentation and the contract the probe tests against.
 */

/** One fault mode: its name, what it changes (and where that bug was seen), and the probe checks that must catch it. */
export interface FaultMode {
  readonly name: string;
  readonly description: string;
  /** Probe check names (src/probe/checks/) that MUST fail against a provider with this fault; empty for transport faults the probe must absorb. */
  readonly catches: readonly string[];
  /** The reference models whose answers the fault changes, when not all: probing only other models, nothing fails. */
  readonly models?: readonly string[];
  /** The APIs whose responses the fault changes, when not all three: against the others the provider stays honest. */
  readonly apis?: readonly ('openai-chat' | 'anthropic-messages' | 'gemini')[];
}

/** Every fault mode the reference provider knows, in a stable order. */
export const faults = [
  {
    name: 'inflated-input',
    description:
      'Bills 10% more input tokens than the prompt has (rounded up, at least 1 more) in every usage object, streamed or not, while the count endpoints stay honest: a provider whose billed prompt count is not its own count (openai/tiktoken#37: 1942 counted vs 748 billed; langgenius/dify#40752: 298 vs 56593). Adding ceil(n/10) is not additive, so the same appended text costs different amounts in different contexts, which the opaque-tokenizer marginal check sees too.',
    catches: ['prompt-count-exact', 'count-endpoint-matches-usage', 'marginal-consistency', 'tokenizer-fingerprint'],
  },
  {
    name: 'extra-token-per-message',
    description:
      'Frames every message with one token more than the declared profile, in usage and in the count endpoints alike (they agree with each other but not with the declared framing): the off-by-one per-message constant of openai/openai-cookbook#488.',
    catches: ['prompt-count-exact'],
  },
  {
    name: 'stream-usage-differs',
    description:
      'In streamed responses the output count is the number of streamed content chunks instead of the tokens generated (a chunk usually holds several tokens), so the final streamed usage differs from the non-streamed one and falls short of the tokens of the streamed text: microsoft/autogen#1164 (completion_tokens += 1 per chunk), abetlen/llama-cpp-python#1498.',
    catches: ['stream-usage-equals-nonstream', 'output-covers-text'],
  },
  {
    name: 'stream-usage-missing',
    description:
      'Streams carry no usage even when asked: no OpenAI include_usage chunk (and no usage field), no usage in Anthropic message_delta, no usageMetadata on Gemini chunks; non-streamed usage is unchanged. vllm-project/vllm#6083, #7179, #7299; NousResearch/hermes-agent#15253 (usage 0 from streams).',
    catches: ['stream-include-usage-final-chunk', 'stream-usage-equals-nonstream'],
  },
  {
    name: 'stream-usage-incremental',
    description:
      'Cumulative streamed usage is sent as increments: each Gemini chunk reports only its own candidates (and the prompt only on the first chunk), Anthropic message_delta reports output tokens since message_start and zero input and cache reads (so the merged usage of a streamed cache hit shows no cache read and disagrees with the count endpoint); OpenAI streams (one final usage chunk) are unaffected. vllm-project/vllm#9357 ("completion_tokens in returned continuous usage stats was not cumulative as it should be").',
    catches: ['stream-cumulative-usage', 'stream-usage-equals-nonstream', 'caching-reported', 'count-endpoint-matches-usage'],
  },
  {
    name: 'cached-exceeds-input',
    description:
      'On a cache hit the OpenAI prompt_tokens and Gemini promptTokenCount report only the uncached part while the cached count stays, so cached tokens can exceed the prompt (Anthropic, whose input_tokens excludes cache reads by convention, is unaffected): SamSaffron/term-llm#424 (cached tokens omitted from prompt_tokens), ollama/ollama#5370 (prompt 0 when cached). The total is left as it was, so on the hit it is not the sum of the reported parts (total_tokens 1415 for prompt 119 + completion 16, the gateway of issue 8), the prompt is below its exact count, and the repeated identical request is billed a different total input than the first, so determinism fails as well.',
    catches: ['cached-within-input', 'deterministic-counts', 'totals-are-sums', 'prompt-count-exact'],
  },
  {
    name: 'reasoning-double-counted',
    description:
      'Reasoning tokens are added to the total a second time although they already sit inside the output count (OpenAI total_tokens; Gemini totalTokenCount counts thoughts twice); only responses with reasoning (o3, Gemini with a thinking budget) change. anomalyco/opencode#17566, #24268, LionSR/TeXRA#2962.',
    catches: ['totals-are-sums'],
  },
  {
    name: 'total-not-sum',
    description:
      'The total is one more than the sum of its parts (OpenAI total_tokens, Gemini totalTokenCount; Anthropic reports no total): the "impossible" usage of SamSaffron/term-llm#424, whose total_tokens was not prompt + completion.',
    catches: ['totals-are-sums'],
  },
  {
    name: 'max-tokens-ignored',
    description:
      'max_tokens / max_completion_tokens / maxOutputTokens are ignored: replies run past the limit (to their natural length, and at least 8 tokens beyond the limit) and stop with a normal finish reason. No public bug report we found names this; it is the failure TMS-M-033 exists for (a spend cap a client cannot rely on).',
    catches: ['max-tokens-honoured'],
  },
  {
    name: 'nondeterministic-counts',
    description:
      "Every repetition of an identical request is billed one more input token than its first sending (the first is honest, and so is each request's first stream; the repetitions disagree with the exact count, with the count endpoint, which answers for a first call, and a streamed cache hit disagrees with the repeated non-streamed hit). The extra token depends only on the request and whether the server served it before, never on other requests, so it is deterministic under concurrency: ollama/ollama#2068, #3427 (prompt_eval_count differs on repeated prompts), vllm-project/vllm#9028 (counts depending on scheduling).",
    catches: ['deterministic-counts', 'count-endpoint-matches-usage', 'prompt-count-exact', 'stream-usage-equals-nonstream'],
  },
  {
    name: 'count-endpoint-disagrees',
    description:
      'The count endpoints (OpenAI /v1/responses/input_tokens, Anthropic count_tokens, Gemini countTokens) return the tokens of the prompt text alone, without message framing, system and tool overhead, while usage bills the framed prompt: ceifa/tiktoken-node#7 (14 counted vs 21 billed), OVINC-CN/OpenWebUI#71.',
    catches: ['count-endpoint-matches-usage'],
  },
  {
    name: 'latency',
    description: 'Every response starts 300 ms late. Not a measurement fault: the probe must still pass every check.',
    catches: [],
  },
  {
    name: 'rate-limit-429',
    description:
      "Every 4th request is refused with 429 and `Retry-After: 1` (plus `retry-after-ms: 200`) in the API's error shape, before any work is done (no usage, no cache effect); the retry of a refused request is let through, so no request is refused twice whatever its concurrent neighbours do. The probe must honour Retry-After, retry and still pass.",
    catches: [],
  },
  {
    name: 'intermittent-5xx',
    description:
      "Every 5th request fails with a server error in the API's shape (OpenAI 503 server_error, Anthropic 529 overloaded_error, Gemini 503 UNAVAILABLE) before any work is done; the retry of a refused request is let through. The probe must retry and still pass.",
    catches: [],
  },
  {
    name: 'malformed-sse',
    description:
      'Streams break mid-way: one event carries truncated JSON and the stream ends without its usage, its final events and the OpenAI `[DONE]` — the interrupted stream the OpenAI docs warn about ("If the stream is interrupted, you may not receive the final usage chunk"). The probe must report a transport error, and the stream checks cannot pass.',
    catches: ['transport-errors-surface', 'stream-include-usage-final-chunk', 'stream-usage-equals-nonstream', 'stream-cumulative-usage'],
  },
  {
    name: 'oversized-body',
    description:
      'Every response body is padded to 64 MiB (JSON followed by whitespace; streams open with a 64 MiB SSE comment). A probe must bound what it reads and report the oversized response as a transport error instead of exhausting memory.',
    catches: ['transport-errors-surface'],
  },
  {
    name: 'reasoning-beside-completion',
    description:
      'OpenAI Chat usage reports reasoning tokens beside completion_tokens instead of inside it (completion_tokens is the visible answer, total_tokens still includes reasoning): the known variant openai-chat/reasoning-beside (src/measure/conventions/variants.ts), as xAI grok-3-mini reports it (vercel/ai@ed857f5 packages/xai/src/__fixtures__/xai-text.chunks.txt: prompt 12, completion 1, reasoning 290, total 303). Only responses with reasoning (o3) change; the probe reports it as a failure of the declared convention: the total is not prompt + completion, and reasoning exceeds the completion count it should sit inside.',
    catches: ['totals-are-sums', 'reasoning-within-output'],
  },
  {
    name: 'wrong-encoding',
    description:
      "Counts the prompts of OpenAI-style models with the other public encoding, in usage and in the count endpoint alike: gpt-4o and o3 with cl100k_base instead of o200k_base, gpt-4 with o200k_base (the Anthropic- and Gemini-style models keep theirs). A counter that still uses the previous generation's encoding: AgentOps-AI/tokencost#44 (gpt-4o not found, counted with cl100k_base), Center-for-Applied-AI/delm#62 (cl100k_base hard-coded for GPT-4o). Framing and output stay honest, so only the exact count and the fingerprint see it.",
    catches: ['prompt-count-exact', 'tokenizer-fingerprint'],
  },
  {
    name: 'no-framing',
    description:
      'Bills only the tokens of the messages\' text, in usage and in the count endpoint alike: no per-message framing, no name tokens, no reply priming, no tool definitions. Counting the text of each message and summing it is the commonest home-made counter (openai/openai-cookbook "How to count tokens": message framing adds 3 tokens per message and 3 for the reply); billed that way, every appended message costs the same everywhere, so only the exact count sees it.',
    catches: ['prompt-count-exact'],
  },
  {
    name: 'reasoning-limit-ignored',
    description:
      'A reasoning model generates its reasoning on top of max_completion_tokens instead of within it: the visible answer runs up to the limit and the hidden reasoning is added to completion_tokens, so the output billed exceeds the limit the client set. OpenAI documents max_completion_tokens as the upper bound of visible and reasoning tokens together (TMS-M-045). Only models that reason (o3 here) change.',
    catches: ['max-tokens-honoured'],
    models: ['o3'],
  },
  {
    name: 'cached-outside-prompt',
    description:
      "On a cache hit the OpenAI prompt_tokens and Gemini promptTokenCount leave out the cached tokens, and the total is the sum of what is reported, so each usage object adds up: the usage of a gateway that maps Anthropic's input_tokens (which exclude cache reads) onto OpenAI's prompt_tokens (which include them). Only repetitions that hit the cache change; the first, uncached sending is honest, so a probe that checks only the first exchange misses it. SamSaffron/term-llm#424 (cached tokens omitted from prompt_tokens).",
    catches: ['cached-within-input', 'deterministic-counts', 'prompt-count-exact'],
    apis: ['openai-chat', 'gemini'],
  },
  {
    name: 'totals-wrong-on-repeat',
    description:
      'The total (OpenAI total_tokens, Gemini totalTokenCount) is 100 too high on every repetition of a request the server has served before, while first sendings, streamed or not, are right: the gateway of issue 8 whose cache-hit repeat reported total_tokens 1415 for prompt 119 + completion 16, which passed while only the first exchange of a case was checked.',
    catches: ['totals-are-sums'],
    apis: ['openai-chat', 'gemini'],
  },
  {
    name: 'cache-writes-dropped',
    description:
      'Anthropic cache writes vanish from usage: cache_creation_input_tokens and its TTL split are reported as 0 although the prompt was written to the cache (and a later identical request reads it), so the written tokens, billed at 1.25× (5 minutes) or 2× (1 hour), appear nowhere: sgl-project/sglang#39922 (the writing call reports only input_tokens 7237, the next call reads 6336), musistudio/claude-code-router#1461 (cache_creation_input_tokens dropped in conversion), Helicone/helicone#5606 ("cache read without cache creation").',
    catches: ['cache-writes-reported', 'deterministic-counts'],
    apis: ['anthropic-messages'],
  },
  {
    name: 'usage-on-finish-chunk',
    description:
      'OpenAI streams with include_usage carry the usage on the chunk with finish_reason instead of one extra final chunk whose choices are empty: epam/ai-dial-adapter-openai#140, BerriAI/litellm#17136 (usage in the wrong chunk), deepset-ai/haystack#8968 (mocks with choices and usage in one chunk). A client that waits for the empty-choices chunk never sees usage.',
    catches: ['stream-include-usage-final-chunk'],
    apis: ['openai-chat'],
  },
  {
    name: 'usage-unrequested',
    description:
      'OpenAI streams carry the usage chunk even without stream_options.include_usage, which strict clients treat as a protocol error (a chunk with empty choices they did not ask for): volcano-sh/kthena#202 ("strip token usage chunk if this not user explicitly requested").',
    catches: ['stream-include-usage-final-chunk'],
    apis: ['openai-chat'],
  },
] as const satisfies readonly FaultMode[];

/** The name of a fault mode. */
export type FaultName = (typeof faults)[number]['name'];

/** Every fault name, in table order. */
export const faultNames: readonly FaultName[] = faults.map((f) => f.name);

/** True when `name` is a fault mode the reference provider knows. */
export function isFaultName(name: string): name is FaultName {
  return faultNames.some((f) => f === name);
}
