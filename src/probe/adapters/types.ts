import { isRecord } from '../../io/isRecord.js';
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
  /** The model variant to retry a refused request with once (OpenAI: the other output-limit parameter, TMS-C-115), or undefined. */
  retryModel?(model: ModelProfile, response: RecordedResponse): ModelProfile | undefined;
  /** Parses the response of `kind`; pure, so `report recheck` can run it again on transcripts. */
  parse(kind: ExchangeKind, response: RecordedResponse): Reply;
}

/** The messages of `kind`: the case's, with the marginal variants' alternative prefix and appended text. */
export function messagesFor(kind: ExchangeKind, input: CaseInput): CaseInput['messages'] {
  let msgs = [...input.messages];
  if (input.repeat_prefix && kind !== 'stream-bare' && kind !== 'append-a' && kind !== 'base-b' && kind !== 'append-b') {
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

/**
 * Whether a 404 body says the model is unknown (or not available to the key) rather than the endpoint
 * missing (TMS-C-119): OpenAI's `model_not_found` code, or an error message about the model, e.g.
 * Anthropic's `not_found_error` "model: …", Gemini's "models/… is not found", vLLM's "The model `…` does
 * not exist". A message about the URL or route is a missing endpoint.
 */
export function namesUnknownModel(body: string, modelId?: string): boolean {
  if (/"code"\s*:\s*"model_not_found"/.test(body)) return true;
  if (/invalid url|no route|unknown (path|route|endpoint|url)|"detail"\s*:\s*"not found"/i.test(body)) return false;
  if (modelId !== undefined && body.includes(modelId) && /model/i.test(body.split(modelId).join(''))) return true;
  return /\bmodels?\b[\s\S]{0,120}(does not exist|not found|not exist|unknown|no access|not supported)|not_found_error"[\s\S]{0,80}model:/i.test(body);
}

/** Common handling of a response before parsing its body: transport failure, 404 (an unknown model is not a missing endpoint, TMS-C-119), other non-2xx. */
export function precheck(response: RecordedResponse): Reply | undefined {
  if (!response.ok) return { ok: false, kind: 'transport', message: `${response.code}: ${response.error}`, status: response.status };
  if (response.status === 404 && namesUnknownModel(response.body))
    return { ok: false, kind: 'http', message: `HTTP 404, the target does not know the model: ${response.body.slice(0, 200)}`, status: 404 };
  if (response.status === 404) return { ok: false, kind: 'not-found', message: 'HTTP 404', status: 404 };
  if (response.status < 200 || response.status > 299)
    return { ok: false, kind: 'http', message: `HTTP ${response.status}: ${clipExcerpt(response.body, 200)}`, status: response.status };
  return undefined;
}

/** Parses a JSON body or says it is malformed. */
export function jsonBody(response: RecordedResponse & { ok: true }): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  try {
    const v: unknown = JSON.parse(response.body);
    if (!isRecord(v)) return { ok: false, reply: { ok: false, kind: 'malformed', message: 'response body is not a JSON object' } };
    return { ok: true, value: v };
  } catch {
    return { ok: false, reply: { ok: false, kind: 'malformed', message: 'response body is not JSON' } };
  }
}

/** The object at `key`, or undefined. */
export function obj(v: unknown, key: string): Record<string, unknown> | undefined {
  // Arrays count as absent: no key this is called with ('usage', 'message', 'delta' …) names an array member.
  if (!isRecord(v)) return undefined;
  const x = v[key];
  return isRecord(x) ? x : undefined;
}

/** The `function` object of an OpenAI-style tool definition, or an empty object. */
export function toolFunction(tool: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return isRecord(tool.function) ? tool.function : {};
}
