import { parseSse, sseJson } from '../io/parseSse.js';
import { mergeStreamUsage } from '../measure/streamUsage.js';
import { GatewayError } from './GatewayError.js';
import type { UpstreamApi } from './toUpstream.js';
import { isRecord } from '../io/isRecord.js';

/** What the gateway keeps of an upstream answer: the text, its streamed pieces, why it stopped, the native usage. */
export interface UpstreamReply {
  readonly text: string;
  /** The text as the upstream streamed it (one piece for a JSON answer). */
  readonly pieces: readonly string[];
  readonly finish: 'stop' | 'length';
  /** The upstream's own usage object, in its API's convention; undefined when it sent none. */
  readonly usage: unknown;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (isRecord(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function geminiText(c: Json | undefined): string {
  // Thought parts are reasoning, not answer text.
  return arr(obj(c?.content)?.parts)
    .map((p) => {
      const part = obj(p);
      return part && part.thought !== true && typeof part.text === 'string' ? part.text : undefined;
    })
    .filter((t) => t !== undefined)
    .join('');
}

/** Reads a non-streamed upstream answer. */
export function readUpstreamJson(api: UpstreamApi, body: unknown): UpstreamReply {
  const b = obj(body);
  if (!b) throw new GatewayError(502, 'upstream answered with a body that is not a JSON object');
  if (api === 'openai-chat') {
    const choice = obj(arr(b.choices)[0]);
    const text = String(obj(choice?.message)?.content ?? '');
    return { text, pieces: [text], finish: choice?.finish_reason === 'length' ? 'length' : 'stop', usage: b.usage };
  }
  if (api === 'anthropic-messages') {
    const text = arr(b.content)
      .map(obj)
      .filter((x) => x?.type === 'text')
      .map((x) => String(x!.text ?? ''))
      .join('');
    return { text, pieces: [text], finish: b.stop_reason === 'max_tokens' ? 'length' : 'stop', usage: b.usage };
  }
  const cand = obj(arr(b.candidates)[0]);
  const text = geminiText(cand);
  return { text, pieces: [text], finish: cand?.finishReason === 'MAX_TOKENS' ? 'length' : 'stop', usage: b.usageMetadata };
}

/**
 * Reads a streamed upstream answer. Usage follows each API's streaming rule (TMS-M-031), merged by
 * measure's one stream-merge engine: OpenAI's final usage chunk; Anthropic's message_start usage
 * overwritten field by field by each message_delta; Gemini's last usageMetadata.
 */
export function readUpstreamStream(api: UpstreamApi, raw: string): UpstreamReply {
  const sse = parseSse(raw);
  if (!sse.ok) throw new GatewayError(502, `upstream stream is malformed: ${sse.error}`);
  const js = sseJson(sse.events, api === 'openai-chat');
  if (!js.ok) throw new GatewayError(502, `upstream stream is malformed: ${js.error}`);
  const pieces: string[] = [];
  let finish: 'stop' | 'length' = 'stop';
  const usages: unknown[] = [];
  for (const { json } of js.values) {
    const e = obj(json) ?? {};
    if (api === 'openai-chat') {
      const choice = obj(arr(e.choices)[0]);
      const piece = obj(choice?.delta)?.content;
      if (typeof piece === 'string' && piece !== '') pieces.push(piece);
      if (choice?.finish_reason === 'length') finish = 'length';
      usages.push(e.usage);
    } else if (api === 'anthropic-messages') {
      if (e.type === 'message_start') usages.push(obj(e.message)?.usage);
      else if (e.type === 'message_delta') {
        if (obj(e.delta)?.stop_reason === 'max_tokens') finish = 'length';
        usages.push(e.usage);
      } else if (e.type === 'content_block_delta') {
        const d = obj(e.delta);
        if (d?.type === 'text_delta' && typeof d.text === 'string') pieces.push(d.text);
      }
    } else {
      const cand = obj(arr(e.candidates)[0]);
      const piece = geminiText(cand);
      if (piece !== '') pieces.push(piece);
      if (cand?.finishReason === 'MAX_TOKENS') finish = 'length';
      usages.push(e.usageMetadata);
    }
  }
  return { text: pieces.join(''), pieces, finish, usage: mergeStreamUsage(api, usages) };
}
