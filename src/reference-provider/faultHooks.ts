import type { Usage } from '../schemas/types.gen.js';
import { conventionVariants } from '../measure/usageConventions.js';
import { ApiError } from './apiError.js';
import type { FaultName } from './faults.js';
import type { EncodingName } from '../measure/encodings.js';
import type { ReferenceApi, ReferenceModel } from './models.js';
import { isRecord } from '../io/isRecord.js';

/** What a usage hook knows about the request it is changing. */
export interface UsageFaultContext {
  readonly api: ReferenceApi;
  readonly messageCount: number;
  /** How many times this exact request was served before (0 = first time). */
  readonly repetition: number;
}

/** What a native-usage hook knows about the response it is changing. */
export interface NativeFaultContext {
  /** How many times this exact request (stream flag included) was served before (0 = first time). */
  readonly repetition: number;
}

/** How a stream reports usage: honestly, not at all, or as increments instead of cumulative values. */
export type StreamUsageMode = 'cumulative' | 'missing' | 'incremental';

/** The places a fault can change the server's behaviour; a fault sets only the hooks it needs. */
export interface FaultHooks {
  /** Changes the total input billed in usage (streamed or not); `textOnly` is the tokens of the messages' text without framing. */
  billedInput?(tokens: number, ctx: UsageFaultContext, textOnly: number): number;
  /** Counts prompts (usage and count endpoints) with another encoding than the model's, or undefined to keep it. */
  countingEncoding?(model: ReferenceModel): EncodingName | undefined;
  /** Reasoning tokens are generated on top of the output limit instead of within it. */
  readonly reasoningBeyondLimit?: boolean;
  /** Changes the total input the count endpoints return. */
  countedInput?(tokens: number, ctx: UsageFaultContext, textOnly: number): number;
  /** Changes the output limit the request set (undefined = none). */
  limit?(limit: number | undefined): number | undefined;
  /** The least visible output to generate given the request's own limit (a server running past it). */
  outputFloor?(limit: number | undefined): number;
  /** Changes the native usage object after fromCells (every usage object: JSON, stream chunks). */
  native?(api: ReferenceApi, native: Record<string, unknown>, ctx?: NativeFaultContext): void;
  /** Changes the canonical usage of the final streamed usage; `chunks` is the number of streamed content chunks. */
  streamUsage?(usage: Usage, chunks: number): Usage;
  /** How streams report usage. */
  readonly streamMode?: StreamUsageMode;
  /** OpenAI streams with include_usage: the usage rides on the finish chunk instead of its own final chunk. */
  readonly usageOnFinishChunk?: boolean;
  /** OpenAI streams: the usage chunk is sent even without include_usage. */
  readonly usageUnrequested?: boolean;
  /** Delay before every response, in milliseconds. */
  readonly delayMs?: number;
  /** Refuses the `seq`-th request (0-based, counting every API request) with an error, or lets it through. */
  intercept?(seq: number): ApiError | undefined;
  /** Breaks streams mid-way. */
  readonly malformSse?: boolean;
  /** Pads every response body to this many bytes. */
  readonly padBodyTo?: number;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const detail = (o: Record<string, unknown>, k: string, f: string): number => {
  const d = o[k];
  return num(isRecord(d) ? d[f] : undefined);
};

/**
 * The behaviour of every fault, in one table (the descriptions and `catches` are in faults.ts).
 * `Record<FaultName, …>` makes a fault without an entry a type error.
 */
export const faultHooks: Readonly<Record<FaultName, FaultHooks>> = {
  'inflated-input': { billedInput: (n) => n + Math.max(1, Math.ceil(n / 10)) },
  'extra-token-per-message': {
    billedInput: (n, c) => n + c.messageCount,
    countedInput: (n, c) => n + c.messageCount,
  },
  'stream-usage-differs': {
    streamUsage: (u, chunks) => ({ cells: u.cells.map((c) => (c.direction === 'output' && c.phase === 'answer' ? { ...c, tokens: chunks } : c)) }),
  },
  'stream-usage-missing': { streamMode: 'missing' },
  'stream-usage-incremental': { streamMode: 'incremental' },
  'cached-exceeds-input': {
    native(api, u) {
      if (api === 'openai-chat') u.prompt_tokens = num(u.prompt_tokens) - detail(u, 'prompt_tokens_details', 'cached_tokens');
      if (api === 'gemini') u.promptTokenCount = num(u.promptTokenCount) - num(u.cachedContentTokenCount);
    },
  },
  'reasoning-double-counted': {
    native(api, u) {
      if (api === 'openai-chat') u.total_tokens = num(u.total_tokens) + detail(u, 'completion_tokens_details', 'reasoning_tokens');
      if (api === 'gemini') u.totalTokenCount = num(u.totalTokenCount) + num(u.thoughtsTokenCount);
    },
  },
  'total-not-sum': {
    native(api, u) {
      if (api === 'openai-chat') u.total_tokens = num(u.total_tokens) + 1;
      if (api === 'gemini') u.totalTokenCount = num(u.totalTokenCount) + 1;
    },
  },
  'max-tokens-ignored': { limit: () => undefined, outputFloor: (l) => (l === undefined ? 0 : l + 8) },
  // Keyed on the request and whether it is a repetition, never on the order of other requests (TMS-C-128).
  'nondeterministic-counts': { billedInput: (n, c) => n + (c.repetition > 0 ? 1 : 0) },
  'count-endpoint-disagrees': { countedInput: (_n, _c, textOnly) => textOnly },
  latency: { delayMs: 300 },
  'rate-limit-429': {
    intercept: (seq) =>
      seq % 4 === 3
        ? new ApiError('rate-limit', 429, 'Rate limit reached for requests (reference provider fault rate-limit-429). Please retry after 1s.')
        : undefined,
  },
  'intermittent-5xx': {
    intercept: (seq) =>
      seq % 5 === 4
        ? new ApiError('unavailable', 503, 'The server is temporarily overloaded (reference provider fault intermittent-5xx). Please retry.')
        : undefined,
  },
  'malformed-sse': { malformSse: true },
  'oversized-body': { padBodyTo: 64 * 1024 * 1024 },
  'reasoning-beside-completion': {
    native(api, u) {
      // The variant table's own inverse, so the fault and what `--convention` reads are one definition.
      if (api === 'openai-chat') Object.assign(u, reasoningBeside.fromConvention!(u));
    },
  },
  // Only models counted by a cookbook profile (the OpenAI-style ones) have an encoding to swap; the
  // Anthropic- and Gemini-style profiles fix o200k_base.
  'wrong-encoding': { countingEncoding: (m) => (m.profile !== undefined ? undefined : m.encoding === 'o200k_base' ? 'cl100k_base' : 'o200k_base') },
  'no-framing': { billedInput: (_n, _c, textOnly) => textOnly, countedInput: (_n, _c, textOnly) => textOnly },
  'reasoning-limit-ignored': { reasoningBeyondLimit: true },
  'cached-outside-prompt': {
    native(api, u) {
      if (api === 'openai-chat') {
        const cached = detail(u, 'prompt_tokens_details', 'cached_tokens');
        u.prompt_tokens = num(u.prompt_tokens) - cached;
        u.total_tokens = num(u.total_tokens) - cached;
      }
      if (api === 'gemini') {
        const cached = num(u.cachedContentTokenCount);
        u.promptTokenCount = num(u.promptTokenCount) - cached;
        u.totalTokenCount = num(u.totalTokenCount) - cached;
      }
    },
  },
  'totals-wrong-on-repeat': {
    native(api, u, c) {
      if ((c?.repetition ?? 0) === 0) return;
      if (api === 'openai-chat') u.total_tokens = num(u.total_tokens) + 100;
      if (api === 'gemini') u.totalTokenCount = num(u.totalTokenCount) + 100;
    },
  },
  'cache-writes-dropped': {
    native(api, u) {
      if (api !== 'anthropic-messages' || num(u.cache_creation_input_tokens) === 0) return;
      u.cache_creation_input_tokens = 0;
      if (u.cache_creation !== null && typeof u.cache_creation === 'object') u.cache_creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    },
  },
  'usage-on-finish-chunk': { usageOnFinishChunk: true },
  'usage-unrequested': { usageUnrequested: true },
};

const reasoningBeside = conventionVariants.find((v) => v.id === 'openai-chat/reasoning-beside')!;

/** Composes the hooks of several faults into one: value hooks chain in the given order, flags combine. */
export function composeHooks(names: readonly FaultName[]): FaultHooks {
  const hs = names.map((n) => faultHooks[n]);
  const chain =
    (k: 'billedInput' | 'countedInput') =>
    (n: number, c: UsageFaultContext, t: number): number =>
      hs.reduce((acc, h) => {
        const hook = h[k];
        return hook ? hook(acc, c, t) : acc;
      }, n);
  return {
    billedInput: chain('billedInput'),
    countingEncoding: (m) => hs.reduce<EncodingName | undefined>((acc, h) => acc ?? h.countingEncoding?.(m), undefined),
    reasoningBeyondLimit: hs.some((h) => h.reasoningBeyondLimit),
    countedInput: chain('countedInput'),
    limit: (l) => hs.reduce((acc, h) => (h.limit ? h.limit(acc) : acc), l),
    outputFloor: (l) => hs.reduce((acc, h) => Math.max(acc, h.outputFloor?.(l) ?? 0), 0),
    native: (api, u, c) => hs.forEach((h) => h.native?.(api, u, c)),
    streamUsage: (u, chunks) => hs.reduce((acc, h) => (h.streamUsage ? h.streamUsage(acc, chunks) : acc), u),
    streamMode: hs.find((h) => h.streamMode)?.streamMode ?? 'cumulative',
    usageOnFinishChunk: hs.some((h) => h.usageOnFinishChunk),
    usageUnrequested: hs.some((h) => h.usageUnrequested),
    delayMs: hs.reduce((acc, h) => acc + (h.delayMs ?? 0), 0),
    intercept: (seq) => hs.reduce<ApiError | undefined>((acc, h) => acc ?? h.intercept?.(seq), undefined),
    malformSse: hs.some((h) => h.malformSse),
    padBodyTo: hs.reduce<number | undefined>((acc, h) => h.padBodyTo ?? acc, undefined),
  };
}

/** The hooks of one response: its native-usage hooks see how often the same request was served before. */
export function hooksForReply(hooks: FaultHooks, repetition: number): FaultHooks {
  const native = hooks.native;
  return native ? { ...hooks, native: (api, u) => native(api, u, { repetition }) } : hooks;
}
