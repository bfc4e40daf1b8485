import { isRecord } from '../../io/isRecord.js';
import { mergeStreamUsage } from '../../measure/streamUsage.js';
import { parseSse, sseJson } from '../http/parseSse.js';
import type { CaseInput, ExchangeKind, RecordedResponse } from '../types.js';
import { DEFAULT_MAX_TOKENS } from './openaiChat.js';
import { type Adapter, type BuiltRequest, jsonBody, messagesFor, obj, precheck, type Reply, toolFunction } from './types.js';

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
          const f = toolFunction(t);
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
  const cands: unknown[] = isRecord(resp) && Array.isArray(resp.candidates) ? resp.candidates : [];
  let t = '';
  for (const c of cands.slice(0, 1)) {
    const parts = obj(c, 'content')?.parts;
    // An array part has neither thought nor text: it adds '' as before.
    if (Array.isArray(parts)) for (const p of parts) if (isRecord(p) && !p.thought) t += String(p.text ?? '');
  }
  return t;
}

/** Whether the first candidate of a chunk carries a finishReason (the end of a Gemini stream). */
function finishes(candidates: unknown): boolean {
  const c0: unknown = Array.isArray(candidates) ? candidates[0] : isRecord(candidates) ? candidates['0'] : undefined;
  return isRecord(c0) && Boolean(c0.finishReason);
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
      let text = '';
      let finished = false;
      for (const { json } of js.values) {
        if (json === null || typeof json !== 'object') return { ok: false, kind: 'malformed', message: 'malformed SSE stream: a chunk is not a JSON object' };
        const chunk: Record<string, unknown> = isRecord(json) ? json : {};
        usages.push(chunk.usageMetadata);
        text += textOf(json);
        if (finishes(chunk.candidates)) finished = true;
      }
      // Every chunk's usageMetadata is cumulative: the stream engine takes the last one (TMS-M-031).
      return { ok: true, usage: mergeStreamUsage('gemini', usages), text, stream: { usages, emptyChoices: [], terminated: finished } };
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
