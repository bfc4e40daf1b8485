import { fromCells } from '../../measure/usageConventions.js';
import type { Usage } from '../../schemas/types.gen.js';
import { ApiError, asArray, asObject, asString, badRequest, optionalPositiveInt } from '../apiError.js';
import type { FaultHooks } from '../faultHooks.js';
import { findReferenceModel } from '../models.js';
import type { ReplyPlan } from '../planReply.js';
import type { PromptMessage, PromptTool, ReplyRequest } from '../replyRequest.js';
import type { SseEvent, WireReply } from '../wire.js';

/**
 * Validates an Anthropic Messages body (`POST /v1/messages`, or `/v1/messages/count_tokens` when
 * `counting`) into a neutral reply request. Thinking blocks of earlier turns are not counted, as
 * Anthropic documents; tool use and results count as their JSON text; a `cache_control` anywhere
 * enables cache writes with its TTL.
 */
export function parseAnthropicMessages(raw: unknown, counting = false): ReplyRequest {
  const body = asObject(raw, 'body');
  const name = asString(body.model, 'model');
  const model = findReferenceModel('anthropic-messages', name);
  if (!model) throw new ApiError('not-found', 404, `model: ${name}`);
  const limit = optionalPositiveInt(body, 'max_tokens');
  if (!counting && limit === undefined) throw badRequest('max_tokens: Field required');
  // Parts are read in a fixed order (request-level cache_control, messages, system, tools, thinking, stream):
  // which error a client gets first for a body with several faults depends on it.
  const marks = new CacheMarks();
  marks.note(body, 'body');
  const messages = parseMessages(body.messages, marks);
  marks.at = 'system';
  const system = body.system === undefined ? undefined : blocksText(body.system, 'system', marks.note);
  marks.at = 'tools';
  const tools = body.tools === undefined ? undefined : parseTools(body.tools, marks);
  const thinkingBudget = parseThinking(body.thinking, limit);
  const stream = body.stream ?? false;
  if (typeof stream !== 'boolean') throw badRequest('stream: Input should be a valid boolean');
  const { stream: _s, ...canonical } = body;
  return {
    api: 'anthropic-messages',
    model,
    prompt: { messages, ...(system ? { system } : {}), ...(tools ? { tools } : {}) },
    limit,
    thinkingBudget,
    cacheWrite: marks.ttl,
    cacheBreakpoints: marks.breakpoints(tools, system, messages.length),
    stream,
    includeUsage: true,
    canonical,
  };
}

/** Where a cache breakpoint sits: in the tools, the system prompt, message i, or on the request as a whole. */
type MarkPlace = 'tools' | 'system' | 'request' | number;

/**
 * The `cache_control` breakpoints of one request, collected while its parts are read: the parser
 * moves `at` as it goes, so each breakpoint knows its part without every reader passing it along.
 */
class CacheMarks {
  /** The TTL of the cache writes: 1 hour if any breakpoint asks for it, else 5 minutes, or none without breakpoints. */
  ttl: '5m' | '1h' | undefined;
  /** The part being read. */
  at: MarkPlace = 'request';
  private readonly marks: { ttl: '5m' | '1h'; at: MarkPlace }[] = [];

  /** Validates the `cache_control` of a block (if any) and records a breakpoint at the part being read. */
  readonly note = (o: Record<string, unknown>, where: string): void => {
    if (o.cache_control === undefined || o.cache_control === null) return;
    const cc = asObject(o.cache_control, `${where}.cache_control`);
    if (cc.type !== 'ephemeral') throw badRequest(`${where}.cache_control.type: must be "ephemeral"`);
    const t = cc.ttl ?? '5m';
    if (t !== '5m' && t !== '1h') throw badRequest(`${where}.cache_control.ttl: must be "5m" or "1h"`);
    this.ttl = this.ttl === '1h' ? this.ttl : t;
    this.marks.push({ ttl: t, at: this.at });
  };

  /** The breakpoints by prompt part, numbered as promptTokenIds renders the parts: tools, system, then each message; a request-level breakpoint closes the last. */
  breakpoints(tools: readonly PromptTool[] | undefined, system: string | undefined, messageCount: number): { ttl: '5m' | '1h'; part: number }[] {
    const first = (tools && tools.length > 0 ? 1 : 0) + (system ? 1 : 0);
    const partOf = (a: MarkPlace): number => (a === 'tools' ? 0 : a === 'system' ? first - 1 : a === 'request' ? first + messageCount - 1 : first + a);
    return this.marks.map((m) => ({ ttl: m.ttl, part: partOf(m.at) }));
  }
}

/** The conversation: user and assistant turns only (Anthropic takes the system prompt apart), at least one. */
function parseMessages(raw: unknown, marks: CacheMarks): PromptMessage[] {
  const messages: PromptMessage[] = asArray(raw, 'messages').map((m, i) => {
    marks.at = i;
    const msg = asObject(m, `messages.${i}`);
    if (msg.role !== 'user' && msg.role !== 'assistant') throw badRequest(`messages.${i}.role: must be "user" or "assistant"`);
    return { role: msg.role, content: blocksText(msg.content, `messages.${i}.content`, marks.note) };
  });
  if (messages.length === 0) throw badRequest('messages: at least one message is required');
  return messages;
}

/** Client tools, as neutral function tools; server tools (web search and the like) run at Anthropic, so the reference provider refuses them. */
function parseTools(raw: unknown, marks: CacheMarks): PromptTool[] {
  return asArray(raw, 'tools').map((t, i) => {
    const tool = asObject(t, `tools.${i}`);
    marks.note(tool, `tools.${i}`);
    if (tool.type !== undefined && tool.type !== 'custom') throw badRequest(`tools.${i}.type: server tools are not supported by the reference provider`);
    const fn: PromptTool['function'] = {
      name: asString(tool.name, `tools.${i}.name`),
      parameters: asObject(tool.input_schema, `tools.${i}.input_schema`),
    };
    if (tool.description !== undefined) fn.description = asString(tool.description, `tools.${i}.description`);
    return { type: 'function', function: fn };
  });
}

/** The thinking budget of extended thinking, checked against Anthropic's minimum (1024) and the output limit it must stay under. */
function parseThinking(raw: unknown, limit: number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const th = asObject(raw, 'thinking');
  if (th.type === 'enabled') {
    const budget = optionalPositiveInt(th, 'budget_tokens', 'thinking.budget_tokens');
    if (budget === undefined || budget < 1024) throw badRequest('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    if (limit !== undefined && budget >= limit) throw badRequest('`max_tokens` must be greater than `thinking.budget_tokens`');
    return budget;
  }
  if (th.type !== 'disabled') throw badRequest('thinking.type: must be "enabled" or "disabled"');
  return undefined;
}

function blocksText(c: unknown, where: string, noteCache: (o: Record<string, unknown>, where: string) => void): string {
  if (typeof c === 'string') return c;
  return asArray(c, where)
    .map((b, j) => {
      const block = asObject(b, `${where}.${j}`);
      noteCache(block, `${where}.${j}`);
      switch (block.type) {
        case 'text':
          return asString(block.text, `${where}.${j}.text`);
        case 'thinking':
        case 'redacted_thinking':
          return '';
        case 'tool_use':
          return JSON.stringify({ name: block.name, input: block.input });
        case 'tool_result':
          return typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? '');
        default:
          throw badRequest(`${where}.${j}.type: "${String(block.type)}" blocks are not supported by the reference provider`);
      }
    })
    .join('\n');
}

/** The native Anthropic usage object of canonical cells, through the fault hooks (TMS-M-026). */
export function anthropicUsage(usage: Usage, hooks: FaultHooks): Record<string, unknown> {
  const native = fromCells('anthropic-messages', usage);
  hooks.native?.('anthropic-messages', native);
  return native;
}

const DELTA_FIELDS = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens', 'output_tokens_details'];

/** Renders a Messages reply: a `message` object, or the event stream with cumulative `message_delta` usage (TMS-M-031). */
export function renderAnthropicMessages(req: ReplyRequest, plan: ReplyPlan, hooks: FaultHooks): WireReply {
  const head = { id: `msg_${plan.id}`, type: 'message', role: 'assistant', model: req.model.id };
  const stopReason = plan.finish === 'length' ? 'max_tokens' : 'end_turn';
  const signature = `sig_${plan.id}`;
  if (!req.stream) {
    const content: unknown[] = [];
    if (plan.thinking) content.push({ type: 'thinking', thinking: plan.thinking.text, signature });
    content.push({ type: 'text', text: plan.text.text });
    return { kind: 'json', status: 200, body: { ...head, content, stop_reason: stopReason, stop_sequence: null, usage: anthropicUsage(plan.usage, hooks) } };
  }
  const inputCells = plan.streamUsage.cells.filter((c) => c.direction === 'input');
  const startUsage = anthropicUsage({ cells: [...inputCells, { direction: 'output', cache: 'none', modality: 'text', phase: 'answer', tokens: 1 }] }, hooks);
  const events: SseEvent[] = [
    { event: 'message_start', data: { type: 'message_start', message: { ...head, content: [], stop_reason: null, stop_sequence: null, usage: startUsage } } },
    { event: 'ping', data: { type: 'ping' } },
  ];
  const block = (index: number, start: unknown, deltas: unknown[]): void => {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } });
    for (const delta of deltas) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  };
  let index = 0;
  if (plan.thinking) {
    const deltas: unknown[] = groups(plan.thinking.pieces).map((thinking) => ({ type: 'thinking_delta', thinking }));
    deltas.push({ type: 'signature_delta', signature });
    block(index++, { type: 'thinking', thinking: '', signature: '' }, deltas);
  }
  block(
    index,
    { type: 'text', text: '' },
    plan.chunks.map((text) => ({ type: 'text_delta', text })),
  );
  const final = anthropicUsage(plan.streamUsage, hooks);
  const delta: Record<string, unknown> = { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null } };
  if (hooks.streamMode === 'cumulative') delta.usage = Object.fromEntries(DELTA_FIELDS.filter((k) => k in final).map((k) => [k, final[k]]));
  // The fault stream-usage-incremental: values since message_start instead of cumulative totals (vllm#9357).
  if (hooks.streamMode === 'incremental')
    delta.usage = { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: Number(final.output_tokens) - 1 };
  events.push({ event: 'message_delta', data: delta }, { event: 'message_stop', data: { type: 'message_stop' } });
  return { kind: 'sse', events };
}

function groups(pieces: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 3) out.push(pieces.slice(i, i + 3).join(''));
  return out;
}
