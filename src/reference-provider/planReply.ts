import { digestJson } from '../digest/sha256.js';
import type { Usage, UsageCell } from '../schemas/types.gen.js';
import type { FaultHooks, UsageFaultContext } from './faultHooks.js';
import { generateText, type GeneratedText } from './generateText.js';
import { countPrompt, countPromptText, promptTokenIds, promptTokensThrough } from './countPrompt.js';
import { cacheableLength, type PromptCache } from './promptCache.js';
import { createRng, type Rng } from './prng.js';
import type { ReplyRequest } from './replyRequest.js';
import { recordLedger, type LedgerEntry } from './ledger.js';

/** The mutable state of one running reference provider. */
export interface ProviderState {
  readonly seed: number;
  readonly cache: PromptCache;
  readonly hooks: FaultHooks;
  /**
   * How many times each exact request (by digest, stream flag included) was delivered: a response
   * the client never received (it hung up, e.g. on a timeout) does not count, so the client's retry
   * of it is not a repetition (TMS-C-128).
   */
  readonly repeats: Map<string, number>;
  /** Requests (method, path and body) refused by a fault's intercept and not yet retried. */
  readonly refused: Set<string>;
  /** Served generation requests, for unique response ids. */
  served: number;
  /** What each generation request was billed (served at GET /_tokencert/ledger). */
  readonly ledger: LedgerEntry[];
  /** The correlation header of the request being handled (set by the server around each handler call). */
  correlation?: string;
}

/** Everything a reply needs, computed once and rendered by each API as JSON or as a stream. */
export interface ReplyPlan {
  readonly id: string;
  readonly created: number;
  /** The visible answer text; its token count is the answer output cell. */
  readonly text: GeneratedText;
  /** Visible thinking text (Anthropic thinking blocks), whose count is the reasoning cell. */
  readonly thinking: GeneratedText | undefined;
  readonly reasoningTokens: number;
  /** `length` when the output limit cut the reply short. */
  readonly finish: 'stop' | 'length';
  /** The usage of the request (TMS-M-020 cells). */
  readonly usage: Usage;
  /** The usage a stream reports at its end (equals `usage` unless a fault says otherwise, TMS-M-030). */
  readonly streamUsage: Usage;
  /** The streamed deltas of the visible text (each one to a few words). */
  readonly chunks: readonly string[];
  /** How many times the same request (stream flag included) was delivered before this one. */
  readonly repetition: number;
  /** The key of the request in ProviderState.repeats, counted by `delivered` once the reply was sent. */
  readonly repeatKey: string;
}

/** Counts a reply as delivered, so the next identical request is a repetition of it. */
export function delivered(state: ProviderState, plan: Pick<ReplyPlan, 'repeatKey'>): void {
  state.repeats.set(plan.repeatKey, (state.repeats.get(plan.repeatKey) ?? 0) + 1);
  // Bounded like the prompt cache: forget the oldest requests first on a long-running server.
  if (state.repeats.size > 100_000) {
    const [oldest] = state.repeats.keys();
    state.repeats.delete(oldest);
  }
}

const IN = { direction: 'input', modality: 'text' } as const;
const OUT = { direction: 'output', cache: 'none', modality: 'text' } as const;

/**
 * Plans the reply to a generation request: deterministic text from a PRNG seeded by the canonical
 * request digest and the server seed (TMS-M-008), exact output counts under the model's encoding
 * within the output limit (TMS-M-033, TMS-M-034), and input counted by the reference counter with
 * prefix caching (TMS-M-036), then passed through the active fault hooks.
 */
export function planReply(req: ReplyRequest, state: ProviderState): ReplyPlan {
  const digest = digestJson({ api: req.api, model: req.model.id, request: req.canonical });
  const rng = createRng(digest, state.seed);
  const repeatKey = `${digest}:${req.stream ? 's' : 'j'}`;
  const repetition = state.repeats.get(repeatKey) ?? 0;
  const ctx: UsageFaultContext = { api: req.api, messageCount: req.prompt.messages.length + (req.prompt.system ? 1 : 0), repetition };
  // Input before output: the fault hooks are called in this order, and only the output draws from the PRNG.
  const input = planInput(req, state, ctx);
  const output = planOutput(req, state, rng);
  const usage: Usage = { cells: usageCells(input, output) };
  const streamUsage = state.hooks.streamUsage ? state.hooks.streamUsage(usage, output.chunks.length) : usage;

  const n = state.served++;
  recordLedger(state.ledger, {
    seq: n,
    correlation: state.correlation ?? null,
    api: req.api,
    model: req.model.id,
    stream: req.stream,
    request_sha256: digest,
    usage: req.stream ? streamUsage : usage,
  });
  return {
    id: digestJson({ digest, n, seed: state.seed }).slice(0, 24),
    created: Math.floor(Date.now() / 1000),
    text: output.text,
    thinking: output.thinking,
    reasoningTokens: output.reasoning,
    finish: output.finish,
    usage,
    streamUsage,
    chunks: output.chunks,
    repetition,
    repeatKey,
  };
}

/** The input side of a reply: billed prompt tokens, and how many of them were read from or written to the prompt cache. */
interface InputPlan {
  readonly billed: number;
  readonly read: number;
  /** Cache writes of every TTL; `writeHour` of them for 1 hour, the rest for 5 minutes. */
  readonly write: number;
  readonly writeHour: number;
}

/** Counts the billed input (through the fault hooks) and splits it into uncached, cache-read and cache-written tokens, updating the prompt cache. */
function planInput(req: ReplyRequest, state: ProviderState, ctx: UsageFaultContext): InputPlan {
  const counted = countingModel(req.model, state.hooks);
  const billed = state.hooks.billedInput
    ? state.hooks.billedInput(countPrompt(counted, req.prompt), ctx, countPromptText(counted, req.prompt))
    : countPrompt(counted, req.prompt);
  const ids = promptTokenIds(req.model, req.prompt);
  // Anthropic caches only at cache_control breakpoints; OpenAI and Gemini cache long prefixes automatically.
  const caches = req.model.caching && (req.api !== 'anthropic-messages' || req.cacheWrite !== undefined);
  const read = caches ? Math.min(state.cache.lookup(req.model.id, ids), billed) : 0;
  // Anthropic caches the prefix up to its last breakpoint; the prefix up to the last 1-hour breakpoint
  // is written for 1 hour, the rest for 5 minutes (1-hour breakpoints must come first).
  const marks = req.cacheBreakpoints ?? [];
  const through = (part: number): number => Math.min(ids.length, promptTokensThrough(req.model, req.prompt, part));
  const cachedUpTo = marks.length > 0 ? through(Math.max(...marks.map((m) => m.part))) : ids.length;
  const hourUpTo = marks.some((m) => m.ttl === '1h') ? through(Math.max(...marks.filter((m) => m.ttl === '1h').map((m) => m.part))) : 0;
  let write = caches && req.cacheWrite ? Math.max(0, cacheableLength(cachedUpTo) - read) : 0;
  write = Math.min(write, billed - read);
  const writeHour = marks.length > 0 ? Math.min(write, Math.max(0, hourUpTo - read)) : req.cacheWrite === '1h' ? write : 0;
  if (caches) state.cache.store(req.model.id, ids.slice(0, cachedUpTo));
  return { billed, read, write, writeHour };
}

/** The output side of a reply: reasoning and visible token counts within the limit, and the generated text. */
interface OutputPlan {
  readonly reasoning: number;
  readonly visible: number;
  readonly finish: 'stop' | 'length';
  readonly thinking: GeneratedText | undefined;
  readonly text: GeneratedText;
  readonly chunks: string[];
}

/** Sizes the reasoning and the answer within the output limit and generates their text; the PRNG draws stay in this order, so a reply is the same for the same request and seed (TMS-M-008). */
function planOutput(req: ReplyRequest, state: ProviderState, rng: Rng): OutputPlan {
  const limit = state.hooks.limit ? state.hooks.limit(req.limit) : req.limit;
  const cap = limit ?? req.model.maxOutputTokens;
  const plannedReasoning = plannedReasoningTokens(req, rng);
  const natural = Math.max(8 + rng.int(56), state.hooks.outputFloor?.(req.limit) ?? 0);
  // TMS-M-045: the limit bounds reasoning and answer together, unless a fault puts reasoning beyond it.
  const beyond = state.hooks.reasoningBeyondLimit === true;
  const reasoning = beyond ? plannedReasoning : Math.min(plannedReasoning, cap);
  const visible = Math.min(natural, beyond ? cap : cap - reasoning);
  const finish = visible < natural ? 'length' : 'stop';
  const thinking = req.api === 'anthropic-messages' && reasoning > 0 ? generateText(req.model.encoding, reasoning, rng) : undefined;
  const text = generateText(req.model.encoding, visible, rng);
  const chunks = chunkPieces(text.pieces, rng);
  return { reasoning, visible, finish, thinking, text, chunks };
}

/** The usage cells of a reply (TMS-M-020); cache cells and reasoning appear only when non-zero, uncached input and the answer always. */
function usageCells(input: InputPlan, output: OutputPlan): UsageCell[] {
  const { billed, read, write, writeHour } = input;
  const cells: UsageCell[] = [{ ...IN, cache: 'none', tokens: billed - read - write }];
  if (read > 0) cells.push({ ...IN, cache: 'read', tokens: read });
  if (writeHour > 0) cells.push({ ...IN, cache: 'write', cache_ttl: '1h', tokens: writeHour });
  if (write - writeHour > 0) cells.push({ ...IN, cache: 'write', cache_ttl: '5m', tokens: write - writeHour });
  cells.push({ ...OUT, phase: 'answer', tokens: output.visible });
  if (output.reasoning > 0) cells.push({ ...OUT, phase: 'reasoning', tokens: output.reasoning });
  return cells;
}

/** The count endpoints' answer for a request: the billed input of a first, uncached call (TMS-M-035), through the fault hooks. */
export function countInput(req: Pick<ReplyRequest, 'api' | 'model' | 'prompt'>, hooks: FaultHooks): number {
  const counted = countingModel(req.model, hooks);
  const honest = countPrompt(counted, req.prompt);
  const ctx: UsageFaultContext = { api: req.api, messageCount: req.prompt.messages.length + (req.prompt.system ? 1 : 0), repetition: 0 };
  return hooks.countedInput ? hooks.countedInput(honest, ctx, countPromptText(counted, req.prompt)) : honest;
}

/** The model as prompts are counted: itself, or with the encoding a fault swaps in. */
function countingModel(model: ReplyRequest['model'], hooks: FaultHooks): ReplyRequest['model'] {
  const enc = hooks.countingEncoding?.(model);
  return enc === undefined ? model : { ...model, encoding: enc };
}

function plannedReasoningTokens(req: ReplyRequest, rng: Rng): number {
  const planned = 16 + rng.int(64);
  if (req.model.reasoning === 'always') return planned;
  if (req.model.reasoning === 'on-request' && req.thinkingBudget !== undefined) return Math.min(planned, req.thinkingBudget);
  return 0;
}

/** Groups text pieces into stream deltas of one to three pieces, so a delta is often several tokens. */
function chunkPieces(pieces: readonly string[], rng: Rng): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    const take = 1 + rng.int(3);
    out.push(pieces.slice(i, i + take).join(''));
    i += take;
  }
  return out;
}
