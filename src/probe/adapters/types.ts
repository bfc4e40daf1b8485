import { clipExcerpt } from '../../report/redactSecrets.js';
import type { ApiStyle, CaseInput, ExchangeKind, ModelProfile, RecordedResponse } from '../types.js';

/** A request an adapter builds: path relative to the target's base URL, and the JSON body. */
export interface BuiltRequest {
  readonly method: 'POST' | 'GET';
  readonly path: string;
  readonly body?: unknown;
  /** Headers the API needs besides credentials (e.g. anthropic-version). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** How a stream carried usage: every usage value in order, as the API sent it. */
export interface StreamView {
  /** Per data event: the usage value it carried (undefined when the field is absent, null when null). */
  readonly usages: readonly unknown[];
  /** Per data event: whether its `choices` was an empty array (OpenAI). */
  readonly emptyChoices: readonly boolean[];
  /** Whether the stream ended with the API's terminator (`[DONE]`, `message_stop`, or a final finishReason). */
  readonly terminated: boolean;
}

/** A parsed response: the native usage, the visible text, and for streams how usage was carried. */
export type Reply =
  | { readonly ok: true; readonly usage: unknown; readonly text: string; readonly stream?: StreamView; readonly count?: number }
  | { readonly ok: false; readonly kind: 'not-found' | 'http' | 'transport' | 'malformed'; readonly message: string; readonly status?: number | null };

/** One API's wire format: builds requests for each exchange kind and parses what comes back. */
export interface Adapter {
  readonly api: ApiStyle;
  /** The request for `kind`, or undefined when the API has no such exchange (e.g. stream-bare outside OpenAI). */
  build(kind: ExchangeKind, model: ModelProfile, input: CaseInput): BuiltRequest | undefined;
  /** The credential headers for `key` (TMS-C-106 drops them on cross-origin redirects). */
  auth(key: string): Record<string, string>;
  /** Parses the response of `kind`; pure, so `report recheck` can run it again on transcripts. */
  parse(kind: ExchangeKind, response: RecordedResponse): Reply;
}

/** The messages of `kind`: the case's, with the marginal variants' alternative prefix and appended text. */
export function messagesFor(kind: ExchangeKind, input: CaseInput): CaseInput['messages'] {
  let msgs = [...input.messages];
  if (input.repeat_prefix && (kind === 'plain' || kind === 'repeat' || kind === 'stream' || kind === 'count')) {
    const prefix = input.repeat_prefix.repeat(input.repeat_prefix_times ?? 1);
    const i = msgs.findIndex((m) => m.role === 'user');
    if (i >= 0) msgs[i] = { ...msgs[i], content: `${prefix}\n\n${msgs[i].content}` };
  }
  if ((kind === 'base-b' || kind === 'append-b') && input.alt_prefix !== undefined) {
    const i = msgs.findIndex((m) => m.role === 'user');
    if (i >= 0) msgs[i] = { ...msgs[i], content: input.alt_prefix };
  }
  if ((kind === 'append-a' || kind === 'append-b') && input.append !== undefined) msgs = [...msgs, { role: 'user', content: input.append }];
  return msgs;
}

/** Common handling of a response before parsing its body: transport failure, 404, other non-2xx. */
export function precheck(response: RecordedResponse): Reply | undefined {
  if (!response.ok) return { ok: false, kind: 'transport', message: `${response.code}: ${response.error}`, status: response.status };
  if (response.status === 404) return { ok: false, kind: 'not-found', message: 'HTTP 404', status: 404 };
  if (response.status < 200 || response.status > 299) return { ok: false, kind: 'http', message: `HTTP ${response.status}: ${clipExcerpt(response.body, 200)}`, status: response.status };
  return undefined;
}

/** Parses a JSON body or says it is malformed. */
export function jsonBody(response: RecordedResponse & { ok: true }): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  try {
    const v = JSON.parse(response.body) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, reply: { ok: false, kind: 'malformed', message: 'response body is not a JSON object' } };
    return { ok: true, value: v as Record<string, unknown> };
  } catch {
    return { ok: false, reply: { ok: false, kind: 'malformed', message: 'response body is not JSON' } };
  }
}

/** The object at `key`, or undefined. */
export function obj(v: unknown, key: string): Record<string, unknown> | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const x = (v as Record<string, unknown>)[key];
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
