import { isRecord } from '../../io/isRecord.js';
import { mergeAnthropicDelta } from '../../measure/streamUsage.js';
import { parseSse, sseJson } from '../http/parseSse.js';
import type { CaseInput, ExchangeKind, ModelProfile, RecordedResponse } from '../types.js';
import { DEFAULT_MAX_TOKENS } from './openaiChat.js';
import { type Adapter, type BuiltRequest, jsonBody, messagesFor, obj, precheck, type Reply, toolFunction } from './types.js';

/** The request body of the Messages API: system prompt apart, tools with input_schema. */
function body(model: ModelProfile, input: CaseInput, kind: ExchangeKind): Record<string, unknown> {
  const msgs = messagesFor(kind, input);
  const system = msgs
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const turns: { role: string; content: unknown }[] = msgs.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content }));
  // A caching case marks the whole prompt as its cacheable prefix: a breakpoint on the last message.
  const ttl = input.cache?.ttl;
  if (ttl !== undefined && kind.startsWith('cache-') && turns.length > 0) {
    const last = turns[turns.length - 1];
    last.content = [{ type: 'text', text: last.content, cache_control: { type: 'ephemeral', ...(ttl === '1h' ? { ttl } : {}) } }];
  }
  const out: Record<string, unknown> = { model: model.id, messages: turns };
  if (system !== '') out.system = system;
  if (input.tools) {
    out.tools = input.tools.map((t) => {
      const f = toolFunction(t);
      return {
        name: f.name,
        ...(f.description !== undefined ? { description: f.description } : {}),
        input_schema: f.parameters ?? { type: 'object', properties: {} },
      };
    });
  }
  return out;
}

/**
 * Anthropic Messages (`POST /v1/messages`, count: `POST /v1/messages/count_tokens`; anthropics/anthropic-sdk-typescript@bfa9197 src/resources/messages/messages.ts).
 * Streamed usage is cumulative: message_start carries the first values and every message_delta
 * overwrites them, never adds (TMS-M-031).
 */
export const anthropicAdapter: Adapter = {
  api: 'anthropic',
  build(kind, model, input): BuiltRequest | undefined {
    const headers = { 'anthropic-version': '2023-06-01' };
    if (kind === 'stream-bare') return undefined;
    if (kind === 'count') return { method: 'POST', path: '/v1/messages/count_tokens', body: body(model, input, kind), headers };
    const b: Record<string, unknown> = { ...body(model, input, kind), max_tokens: input.max_tokens ?? DEFAULT_MAX_TOKENS };
    if (kind === 'stream' || kind === 'cache-hit-stream') b.stream = true;
    return { method: 'POST', path: '/v1/messages', body: b, headers };
  },
  auth: (key) => ({ 'x-api-key': key }),
  parse(kind, response: RecordedResponse): Reply {
    const bad = precheck(response);
    if (bad || !response.ok) return bad!;
    if (kind === 'stream' || kind === 'cache-hit-stream') return parseStream(response.body);
    const j = jsonBody(response);
    if (!j.ok) return j.reply;
    if (kind === 'count') {
      const n = j.value.input_tokens;
      return typeof n === 'number'
        ? { ok: true, usage: undefined, text: '', count: n }
        : { ok: false, kind: 'malformed', message: 'count response has no numeric input_tokens' };
    }
    const content = Array.isArray(j.value.content) ? j.value.content : [];
    const text = content
      .map((c) => {
        const b = isRecord(c) ? c : {};
        return b.type === 'text' ? String(b.text ?? '') : '';
      })
      .join('');
    return { ok: true, usage: j.value.usage, text };
  },
};

function parseStream(raw: string): Reply {
  const sse = parseSse(raw);
  if (!sse.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${sse.error}` };
  const js = sseJson(sse.events, false);
  if (!js.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${js.error}` };
  const usages: unknown[] = [];
  let usage: Record<string, unknown> | undefined;
  let text = '';
  let stopped = false;
  for (const { event, json } of js.values) {
    const type = isRecord(json) ? json.type : undefined;
    if (typeof type !== 'string') return { ok: false, kind: 'malformed', message: 'malformed SSE stream: an event has no type' };
    if (event !== undefined && event !== type)
      return { ok: false, kind: 'malformed', message: `malformed SSE stream: event name ${event} ≠ data type ${type}` };
    if (type === 'message_start') {
      const u = obj(obj(json, 'message'), 'usage');
      usages.push(u);
      usage = { ...(u ?? {}) };
    } else if (type === 'message_delta') {
      const u = obj(json, 'usage');
      usages.push(u);
      if (!usage) return { ok: false, kind: 'malformed', message: 'malformed SSE stream: message_delta before message_start' };
      // TMS-M-031, TMS-M-060: each counter present overwrites the earlier value; nothing is added.
      usage = mergeAnthropicDelta(usage, u ?? {});
    } else if (type === 'content_block_delta') {
      const d = obj(json, 'delta');
      if (d?.type === 'text_delta') text += String(d.text ?? '');
    } else if (type === 'message_stop') stopped = true;
  }
  if (!usage) return { ok: false, kind: 'malformed', message: 'malformed SSE stream: no message_start' };
  return { ok: true, usage, text, stream: { usages, emptyChoices: [], terminated: stopped } };
}
