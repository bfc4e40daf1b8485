import { isRecord } from '../../io/isRecord.js';
import { mergeStreamUsage } from '../../measure/streamUsage.js';
import { parseSse, sseJson } from '../http/parseSse.js';
import type { CaseInput, ExchangeKind, LimitParam, ModelProfile, RecordedResponse } from '../types.js';
import { type Adapter, type BuiltRequest, jsonBody, messagesFor, obj, precheck, type Reply } from './types.js';

/** Default output limit: small, so the default run stays fast and cheap. */
export const DEFAULT_MAX_TOKENS = 24;

/** True for OpenAI reasoning model ids: the o-series and the gpt-5 family, also behind a gateway's `vendor/` prefix (TMS-C-115). */
export function isReasoningModelId(id: string): boolean {
  const bare = id.slice(id.lastIndexOf('/') + 1);
  return /^o\d+(-|$)/.test(bare) || /^gpt-5(\.|-|$)/.test(bare);
}

/** The output-limit parameter sent to a model: as declared, else max_completion_tokens for reasoning models, max_tokens for others (TMS-C-115). */
export function limitParamFor(model: ModelProfile): LimitParam {
  return model.limitParam ?? (isReasoningModelId(model.id) ? 'max_completion_tokens' : 'max_tokens');
}

/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), also spoken by vLLM, llama.cpp and most
 * gateways. Streams use `stream_options.include_usage` (TMS-M-032); the count endpoint is
 * `POST /v1/responses/input_tokens` (openai/openai-node@7b7d6ca src/resources/responses/input-tokens.ts), which many servers lack (404 → not_applicable).
 */
export const openaiChatAdapter: Adapter = {
  api: 'openai-chat',
  build(kind: ExchangeKind, model: ModelProfile, input: CaseInput): BuiltRequest | undefined {
    const messages = messagesFor(kind, input).map((m) => ({ ...m }));
    if (kind === 'count') {
      return {
        method: 'POST',
        path: '/v1/responses/input_tokens',
        body: { model: model.id, input: messages.map(({ role, content }) => ({ role, content })), ...(input.tools ? { tools: input.tools } : {}) },
      };
    }
    const body: Record<string, unknown> = { model: model.id, messages, [limitParamFor(model)]: input.max_tokens ?? DEFAULT_MAX_TOKENS };
    if (input.tools) body.tools = input.tools;
    if (kind === 'stream' || kind === 'cache-hit-stream') Object.assign(body, { stream: true, stream_options: { include_usage: true } });
    if (kind === 'stream-bare') body.stream = true;
    return { method: 'POST', path: '/v1/chat/completions', body };
  },
  auth: (key) => ({ authorization: `Bearer ${key}` }),
  retryModel(model: ModelProfile, response: RecordedResponse): ModelProfile | undefined {
    // TMS-C-115: a 400 naming the limit parameter sent ("Unsupported parameter: 'max_tokens' … Use
    // 'max_completion_tokens' instead.") is answered by one retry with the other parameter.
    if (!response.ok || response.status !== 400) return undefined;
    const sent = limitParamFor(model);
    if (
      !response.body.includes(sent) ||
      !/unsupported|not supported|unrecognized|unknown|not allowed|not permitted|extra (inputs|fields)|instead/i.test(response.body)
    )
      return undefined;
    return { ...model, limitParam: sent === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens' };
  },
  parse(kind: ExchangeKind, response: RecordedResponse): Reply {
    const bad = precheck(response);
    if (bad || !response.ok) return bad!;
    if (kind === 'stream' || kind === 'stream-bare' || kind === 'cache-hit-stream') return parseStream(response.body);
    const j = jsonBody(response);
    if (!j.ok) return j.reply;
    if (kind === 'count') {
      const n = j.value.input_tokens;
      return typeof n === 'number'
        ? { ok: true, usage: undefined, text: '', count: n }
        : { ok: false, kind: 'malformed', message: 'count response has no numeric input_tokens' };
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
  for (const { json } of js.values) {
    if (json === null || typeof json !== 'object') return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk is not a JSON object' };
    if (!isRecord(json) || !Array.isArray(json.choices)) return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk has no choices array' };
    usages.push(json.usage);
    emptyChoices.push(json.choices.length === 0);
    for (const c of json.choices) text += String(obj(c, 'delta')?.content ?? '');
  }
  // Chat Completions usage is cumulative: the stream engine takes the last value present (TMS-M-031).
  return { ok: true, usage: mergeStreamUsage('openai-chat', usages), text, stream: { usages, emptyChoices, terminated: js.done } };
}
