import type { ApiStyle } from './types.js';
import { isRecord } from '../io/isRecord.js';

/** The counts a usage object reports, read leniently (shape problems are usage-shape's job). */
export interface NativeCounts {
  /** Total input: fresh + cache reads + cache writes (+ tool-use prompt for Gemini). */
  readonly input: number | undefined;
  /** Total output: visible + reasoning. */
  readonly output: number | undefined;
  /** The total the object states, if it states one. */
  readonly reportedTotal: number | undefined;
  /** What the convention's total must equal (TMS-M-021), if it has a total. */
  readonly expectedTotal: number | undefined;
  /** Cache reads plus writes. */
  readonly cached: number;
  /** Cache reads alone. */
  readonly cacheRead: number;
  /** Cache writes alone (0 where the convention reports none). */
  readonly cacheWrite: number;
  /** The count the cached figure must not exceed in this convention (TMS-M-022). */
  readonly cachedBound: number | undefined;
  /** Reasoning (thinking) tokens. */
  readonly reasoning: number;
  /** Whether the convention counts reasoning inside the output figure (TMS-M-023). */
  readonly reasoningInside: boolean;
  /** The output figure reasoning must sit within, where it does. */
  readonly outputFigure: number | undefined;
}

const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const o = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** Reads the counts of a native usage object by its API's convention (TMS-M-024, TMS-M-026, TMS-M-027). */
export function nativeCounts(api: ApiStyle, native: unknown): NativeCounts {
  const u = o(native);
  if (api === 'openai-chat') return openaiChatCounts(u);
  if (api === 'anthropic') return anthropicCounts(u);
  return geminiCounts(u);
}

/** OpenAI Chat: cache reads and writes inside prompt_tokens, reasoning inside completion_tokens. */
function openaiChatCounts(u: Record<string, unknown>): NativeCounts {
  const prompt = n(u.prompt_tokens);
  const completion = n(u.completion_tokens);
  const pd = o(u.prompt_tokens_details);
  const read = n(pd.cached_tokens) ?? 0;
  const write = n(pd.cache_write_tokens) ?? 0;
  const cached = read + write;
  return {
    cacheRead: read,
    cacheWrite: write,
    input: prompt,
    output: completion,
    reportedTotal: n(u.total_tokens),
    expectedTotal: prompt !== undefined && completion !== undefined ? prompt + completion : undefined,
    cached,
    cachedBound: prompt,
    reasoning: n(o(u.completion_tokens_details).reasoning_tokens) ?? 0,
    reasoningInside: true,
    outputFigure: completion,
  };
}

/** Anthropic: input_tokens excludes cache reads and writes; compaction iterations add to the top-level counts. */
function anthropicCounts(u: Record<string, unknown>): NativeCounts {
  // TMS-M-057: compaction iterations are billed on top of the top-level counts, at this model's rates.
  const compactions = (Array.isArray(u.iterations) ? u.iterations : []).map(o).filter((it) => it.type === 'compaction');
  const sum = (k: string): number => compactions.reduce((acc, it) => acc + (n(it[k]) ?? 0), 0);
  const topFresh = n(u.input_tokens);
  const fresh = topFresh === undefined ? undefined : topFresh + sum('input_tokens');
  const read = (n(u.cache_read_input_tokens) ?? 0) + sum('cache_read_input_tokens');
  const write = (n(u.cache_creation_input_tokens) ?? 0) + sum('cache_creation_input_tokens');
  const topOut = n(u.output_tokens);
  const out = topOut === undefined ? undefined : topOut + sum('output_tokens');
  return {
    input: fresh === undefined ? undefined : fresh + read + write,
    output: out,
    reportedTotal: undefined,
    expectedTotal: undefined,
    cached: read + write,
    cacheRead: read,
    cacheWrite: write,
    cachedBound: fresh === undefined ? undefined : fresh + read + write,
    reasoning: n(o(u.output_tokens_details).thinking_tokens) ?? 0,
    reasoningInside: true,
    outputFigure: out,
  };
}

/** Gemini: tool-use prompt tokens join the prompt, thoughts sit beside the candidates. */
function geminiCounts(u: Record<string, unknown>): NativeCounts {
  const prompt = n(u.promptTokenCount);
  const tool = n(u.toolUsePromptTokenCount) ?? 0;
  const candidates = n(u.candidatesTokenCount) ?? 0;
  const thoughts = n(u.thoughtsTokenCount) ?? 0;
  return {
    input: prompt === undefined ? undefined : prompt + tool,
    output: candidates + thoughts,
    reportedTotal: n(u.totalTokenCount),
    expectedTotal: prompt === undefined ? undefined : prompt + candidates + tool + thoughts,
    cached: n(u.cachedContentTokenCount) ?? 0,
    cacheRead: n(u.cachedContentTokenCount) ?? 0,
    cacheWrite: 0,
    cachedBound: prompt,
    reasoning: thoughts,
    reasoningInside: false,
    outputFigure: candidates,
  };
}
