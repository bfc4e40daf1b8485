import { parseSse, sseJson } from '../http/parseSse.js';
import type { CaseInput, ExchangeKind, ModelProfile, RecordedResponse } from '../types.js';
import { type Adapter, type BuiltRequest, jsonBody, messagesFor, obj, precheck, type Reply } from './types.js';

/** Default output limit: small, so the default run stays fast and cheap. */
export const DEFAULT_MAX_TOKENS = 24;

/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), also spoken by vLLM, llama.cpp and most
 * gateways. Streams use `stream_options.include_usage` (TMS-M-032); the count endpoint is
 * `POST /v1/responses/input_tokens` (reference §4.3), which many servers lack (404 → not_applicable).
 */
export const openaiChatAdapter: Adapter = {
  api: 'openai-chat',
  build(kind: ExchangeKind, model: ModelProfile, input: CaseInput): BuiltRequest | undefined {
    const messages = messagesFor(kind, input).map((m) => ({ ...m }));
    if (kind === 'count') {
      return { method: 'POST', path: '/v1/responses/input_tokens', body: { model: model.id, input: messages.map(({ role, content }) => ({ role, content })), ...(input.tools ? { tools: input.tools } : {}) } };
    }
    const body: Record<string, unknown> = { model: model.id, messages, max_tokens: input.max_tokens ?? DEFAULT_MAX_TOKENS };
    if (input.tools) body.tools = input.tools;
    if (kind === 'stream' || kind === 'cache-hit-stream') Object.assign(body, { stream: true, stream_options: { include_usage: true } });
    if (kind === 'stream-bare') body.stream = true;
    return { method: 'POST', path: '/v1/chat/completions', body };
  },
  auth: (key) => ({ authorization: `Bearer ${key}` }),
  parse(kind: ExchangeKind, response: RecordedResponse): Reply {
    const bad = precheck(response);
    if (bad || !response.ok) return bad!;
    if (kind === 'stream' || kind === 'stream-bare' || kind === 'cache-hit-stream') return parseStream(response.body);
    const j = jsonBody(response);
    if (!j.ok) return j.reply;
    if (kind === 'count') {
      const n = j.value.input_tokens;
      return typeof n === 'number' ? { ok: true, usage: undefined, text: '', count: n } : { ok: false, kind: 'malformed', message: 'count response has no numeric input_tokens' };
    }
    const choices = Array.isArray(j.value.choices) ? j.value.choices : [];
    const text = choices.map((c) => String(obj(c, 'message')?.content ?? '')).join('');
    return { ok: true, usage: j.value.usage, text };
  },
};

function parseStream(body: string): Reply {
  const sse = parseSse(body);
  if (!sse.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${sse.error}` };
  const js = sseJson(sse.events, true);
  if (!js.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${js.error}` };
  const usages: unknown[] = [];
  const emptyChoices: boolean[] = [];
  let text = '';
  let usage: unknown;
  for (const { json } of js.values) {
    if (json === null || typeof json !== 'object') return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk is not a JSON object' };
    const chunk = json as Record<string, unknown>;
    if (!Array.isArray(chunk.choices)) return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk has no choices array' };
    usages.push(chunk.usage);
    emptyChoices.push(chunk.choices.length === 0);
    for (const c of chunk.choices) text += String(obj(c, 'delta')?.content ?? '');
    if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage;
  }
  return { ok: true, usage, text, stream: { usages, emptyChoices, terminated: js.done } };
}
