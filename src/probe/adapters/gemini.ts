import { parseSse, sseJson } from '../http/parseSse.js';
import type { CaseInput, ExchangeKind, RecordedResponse } from '../types.js';
import { DEFAULT_MAX_TOKENS } from './openaiChat.js';
import { type Adapter, type BuiltRequest, jsonBody, messagesFor, obj, precheck, type Reply } from './types.js';

function request(input: CaseInput, kind: ExchangeKind, withConfig: boolean): Record<string, unknown> {
  const msgs = messagesFor(kind, input);
  const system = msgs
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const out: Record<string, unknown> = {
    contents: msgs.filter((m) => m.role !== 'system').map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
  };
  if (system !== '') out.systemInstruction = { parts: [{ text: system }] };
  if (input.tools) {
    out.tools = [
      {
        functionDeclarations: input.tools.map((t) => {
          const f = (t.function ?? {}) as Record<string, unknown>;
          return {
            name: f.name,
            ...(f.description !== undefined ? { description: f.description } : {}),
            ...(f.parameters !== undefined ? { parameters: f.parameters } : {}),
          };
        }),
      },
    ];
  }
  if (withConfig) out.generationConfig = { maxOutputTokens: input.max_tokens ?? DEFAULT_MAX_TOKENS };
  return out;
}

function textOf(resp: unknown): string {
  const cands = Array.isArray((resp as Record<string, unknown>)?.candidates) ? ((resp as Record<string, unknown>).candidates as unknown[]) : [];
  let t = '';
  for (const c of cands.slice(0, 1)) {
    const parts = obj(c, 'content')?.parts;
    if (Array.isArray(parts))
      for (const p of parts) if (p && typeof p === 'object' && !(p as Record<string, unknown>).thought) t += String((p as Record<string, unknown>).text ?? '');
  }
  return t;
}

/**
 * Gemini (`POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`,
 * `:countTokens` with a full generateContentRequest so system and tools count; googleapis/js-genai@6e9b35c src/types.ts CountTokensParameters).
 * Every streamed chunk's usageMetadata is cumulative: the last one is the usage (TMS-M-031).
 */
export const geminiAdapter: Adapter = {
  api: 'gemini',
  build(kind, model, input): BuiltRequest | undefined {
    const m = encodeURIComponent(model.id);
    if (kind === 'stream-bare') return undefined;
    if (kind === 'count')
      return {
        method: 'POST',
        path: `/v1beta/models/${m}:countTokens`,
        body: { generateContentRequest: { model: `models/${model.id}`, ...request(input, kind, false) } },
      };
    if (kind === 'stream' || kind === 'cache-hit-stream')
      return { method: 'POST', path: `/v1beta/models/${m}:streamGenerateContent?alt=sse`, body: request(input, kind, true) };
    return { method: 'POST', path: `/v1beta/models/${m}:generateContent`, body: request(input, kind, true) };
  },
  auth: (key) => ({ 'x-goog-api-key': key }),
  parse(kind, response: RecordedResponse): Reply {
    const bad = precheck(response);
    if (bad || !response.ok) return bad!;
    if (kind === 'stream' || kind === 'cache-hit-stream') {
      const sse = parseSse(response.body);
      if (!sse.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${sse.error}` };
      const js = sseJson(sse.events, false);
      if (!js.ok) return { ok: false, kind: 'malformed', message: `malformed SSE stream: ${js.error}` };
      const usages: unknown[] = [];
      let usage: unknown;
      let text = '';
      let finished = false;
      for (const { json } of js.values) {
        if (json === null || typeof json !== 'object') return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk is not a JSON object' };
        const u = (json as Record<string, unknown>).usageMetadata;
        usages.push(u);
        if (u !== undefined && u !== null) usage = u;
        text += textOf(json);
        const c0 = ((json as Record<string, unknown>).candidates as unknown[] | undefined)?.[0];
        if (c0 !== null && typeof c0 === 'object' && (c0 as Record<string, unknown>).finishReason) finished = true;
      }
      return { ok: true, usage, text, stream: { usages, emptyChoices: [], terminated: finished } };
    }
    const j = jsonBody(response);
    if (!j.ok) return j.reply;
    if (kind === 'count') {
      const n = j.value.totalTokens;
      return typeof n === 'number'
        ? { ok: true, usage: undefined, text: '', count: n }
        : { ok: false, kind: 'malformed', message: 'count response has no numeric totalTokens' };
    }
    return { ok: true, usage: j.value.usageMetadata, text: textOf(j.value) };
  },
};
