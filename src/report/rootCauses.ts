// The likely root causes behind failing probe checks, as data (TMS-C-213). One provider fault
// usually fails several checks at once — a provider that leaves cached tokens out of prompt_tokens
// fails cached-within-input, deterministic-counts, totals-are-sums and prompt-count-exact on every
// cache hit — so the report names the fault once and lists the checks beneath it.
//
// Each rule matches one violation (one exchange of one failing result) by check, exchange label,
// message, whether the observed number is above or below the expected one, and whether another
// check failed on the same exchange of the same case. The first matching rule wins; a violation no
// rule matches stays in its check's own group. The table says "likely": it reads the evidence the
// checks wrote, never the provider's code, and a combination of faults can mislead it (the report
// still shows every instance with its own evidence).

/** A root cause the report can name: a heading, one sentence a provider engineer can act on, and the requirements it breaks. */
export interface RootCause {
  id: string;
  title: string;
  explanation: string;
  requirements: readonly string[];
}

/** One rule: which violations point at which root cause. Every field given must hold. */
export interface RootCauseRule {
  cause: string;
  check: string;
  /** The violation's exchange label matches. */
  exchange?: RegExp;
  /** The violation's message matches. */
  message?: RegExp;
  /** The observed number is above or below the expected number (both numbers). */
  observed?: 'above' | 'below';
  /** Another check failed on the same exchange (label) of the same case. */
  alongside?: string;
  /** With `alongside`: observed − expected equals the alongside violation's observed number (the gap is exactly that amount, e.g. the cached tokens). */
  gapIsAlongsideObserved?: boolean;
}

export const ROOT_CAUSES: readonly RootCause[] = [
  {
    id: 'cache-read-outside-input',
    title: 'Cache reads not included in input',
    explanation:
      'On a cache hit the reported input leaves out the tokens read from the cache, although the API’s convention counts them inside it (OpenAI prompt_tokens, Gemini promptTokenCount): cached tokens exceed the input, the repeat looks cheaper than the first sending, and the total no longer adds up.',
    requirements: ['TMS-M-022', 'TMS-M-024', 'TMS-M-027'],
  },
  {
    id: 'input-miscounted',
    title: 'Counts differ from the declared tokenizer',
    explanation:
      'The billed input is not the count of the declared encoding and chat framing: another encoding, missing or extra framing tokens, or an inflated count. Exact-count checks fail on every case; the fingerprint says which public encoding (if any) the billed counts fit.',
    requirements: ['TMS-M-004', 'TMS-M-011', 'TMS-M-013', 'TMS-C-114'],
  },
  {
    id: 'repeat-billed-differently',
    title: 'Identical requests billed differently',
    explanation:
      'Repeating the very same request changes its billed input, so no single count is the price of a request: repeats disagree with the first sending, the exact count and the count endpoint.',
    requirements: ['TMS-M-008'],
  },
  {
    id: 'cache-writes-missing',
    title: 'Cache writes not reported',
    explanation:
      'A prompt written to the cache (billed at the write premium) is reported with no cache write, yet a later identical request reads it: the written tokens appear nowhere in usage.',
    requirements: ['TMS-M-050', 'TMS-M-051', 'TMS-M-008'],
  },
  {
    id: 'stream-usage-missing',
    title: 'Streamed usage missing',
    explanation: 'Streams carry no usage although it was requested, so a streaming client cannot know what it is billed.',
    requirements: ['TMS-M-032', 'TMS-M-030'],
  },
  {
    id: 'stream-usage-incremental',
    title: 'Streamed usage sent as increments',
    explanation:
      'Usage values in a stream are increments rather than running totals, so the last value a client keeps under-states the usage: input and cache reads read as zero and the stream disagrees with the non-streamed answer and the count endpoint.',
    requirements: ['TMS-M-031', 'TMS-M-030'],
  },
  {
    id: 'stream-output-differs',
    title: 'Streamed output count differs from the non-streamed one',
    explanation:
      'The output tokens reported at the end of a stream differ from the same request answered without streaming and fall short of the tokens of the streamed text (for example one per chunk instead of per token).',
    requirements: ['TMS-M-030', 'TMS-M-034'],
  },
  {
    id: 'stream-broken',
    title: 'Streams broken in transit',
    explanation:
      'Streamed responses arrive malformed or cut short, so every check that reads a stream fails on the same exchanges; fix the transport before judging the streamed counts.',
    requirements: ['TMS-C-109'],
  },
  {
    id: 'reasoning-outside-output',
    title: 'Reasoning reported beside the output count',
    explanation:
      'Reasoning tokens are reported outside the output count the API’s convention puts them in, so reasoning exceeds the output it should be part of and the total is not the sum of the parts.',
    requirements: ['TMS-M-023', 'TMS-M-021'],
  },
];

const CACHE_HIT = /^(repeat|cache-hit)/;
const STREAM = /stream/;

/** First match wins, so the specific rules (two checks failing together) come before the general ones. */
export const ROOT_CAUSE_RULES: readonly RootCauseRule[] = [
  // Transport first: a broken stream explains whatever else a stream check says about it.
  { cause: 'stream-broken', check: 'transport-errors-surface' },
  { cause: 'stream-broken', check: 'stream-usage-equals-nonstream', alongside: 'transport-errors-surface' },
  { cause: 'stream-broken', check: 'stream-include-usage-final-chunk', alongside: 'transport-errors-surface' },
  { cause: 'stream-broken', check: 'stream-cumulative-usage', alongside: 'transport-errors-surface' },
  // Cache reads left out of the input.
  { cause: 'cache-read-outside-input', check: 'cached-within-input' },
  { cause: 'cache-read-outside-input', check: 'prompt-count-exact', exchange: CACHE_HIT, observed: 'below', alongside: 'cached-within-input' },
  { cause: 'cache-read-outside-input', check: 'deterministic-counts', observed: 'below', alongside: 'cached-within-input' },
  { cause: 'cache-read-outside-input', check: 'totals-are-sums', alongside: 'cached-within-input', gapIsAlongsideObserved: true },
  // Cache writes dropped: the hit then bills more input than the write did.
  { cause: 'cache-writes-missing', check: 'cache-writes-reported' },
  { cause: 'cache-writes-missing', check: 'deterministic-counts', alongside: 'cache-writes-reported' },
  // Streamed usage as increments.
  { cause: 'stream-usage-incremental', check: 'stream-cumulative-usage' },
  { cause: 'stream-usage-incremental', check: 'stream-usage-equals-nonstream', alongside: 'stream-cumulative-usage' },
  { cause: 'stream-usage-incremental', check: 'caching-reported', alongside: 'stream-cumulative-usage' },
  { cause: 'stream-usage-incremental', check: 'count-endpoint-matches-usage', alongside: 'stream-cumulative-usage' },
  // Streamed usage missing.
  { cause: 'stream-usage-missing', check: 'stream-include-usage-final-chunk', message: /\b0 chunks carry usage/ },
  { cause: 'stream-usage-missing', check: 'stream-usage-equals-nonstream', message: /carried no usage/ },
  // Repeats billed differently (before the tokenizer rules: a repeat that disagrees with its first sending is not a tokenizer fault).
  { cause: 'repeat-billed-differently', check: 'deterministic-counts' },
  { cause: 'repeat-billed-differently', check: 'prompt-count-exact', exchange: CACHE_HIT, alongside: 'deterministic-counts' },
  { cause: 'repeat-billed-differently', check: 'count-endpoint-matches-usage', exchange: CACHE_HIT, alongside: 'deterministic-counts' },
  // Streamed output counted differently.
  { cause: 'stream-output-differs', check: 'stream-usage-equals-nonstream', exchange: STREAM, message: /in output$/ },
  { cause: 'stream-output-differs', check: 'output-covers-text', exchange: STREAM, alongside: 'stream-usage-equals-nonstream' },
  // Reasoning beside the output.
  { cause: 'reasoning-outside-output', check: 'reasoning-within-output' },
  { cause: 'reasoning-outside-output', check: 'totals-are-sums', alongside: 'reasoning-within-output' },
  // The tokenizer: exact counts, the fingerprint, marginal costs, and a count endpoint that agrees with the exact count.
  { cause: 'input-miscounted', check: 'prompt-count-exact' },
  { cause: 'input-miscounted', check: 'tokenizer-fingerprint' },
  { cause: 'input-miscounted', check: 'marginal-consistency' },
  { cause: 'input-miscounted', check: 'count-endpoint-matches-usage', alongside: 'prompt-count-exact' },
];
