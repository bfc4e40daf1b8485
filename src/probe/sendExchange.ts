import { adapterFor } from './adapters/adapterFor.js';
import { requestDigest, responseDigest } from './digests.js';
import type { HttpClient } from './http/HttpClient.js';
import type { CaseInput, ExchangeKind, ExchangeRecord, ModelProfile, RecordedRequest, RecordedResponse, Target } from './types.js';

async function sendOnce(
  client: HttpClient,
  target: Target,
  model: ModelProfile,
  kind: ExchangeKind,
  input: CaseInput,
  apiKey: string | undefined,
): Promise<{ request: RecordedRequest; response: RecordedResponse } | undefined> {
  const adapter = adapterFor(model.api);
  const req = adapter.build(kind, model, input);
  if (!req) return undefined;
  const url = `${target.baseUrl}${req.path}`;
  const headers = { ...(req.headers ?? {}), ...target.headers, ...(apiKey ? adapter.auth(apiKey) : {}) };
  const response = await client.send({ method: req.method, url, headers, body: req.body });
  return { request: { method: req.method, url, body: req.body }, response };
}

/**
 * Makes one exchange of a case; undefined when the API has no such exchange. A request the adapter
 * knows how to rephrase after a refusal (OpenAI's 400 for the wrong output-limit parameter) is sent
 * once more, and the record keeps what was refused (TMS-C-115); `onRetried` learns the variant that was accepted.
 */
export async function sendExchange(
  client: HttpClient,
  target: Target,
  model: ModelProfile,
  kind: ExchangeKind,
  input: CaseInput,
  apiKey: string | undefined,
  onRetried?: (accepted: ModelProfile) => void,
): Promise<ExchangeRecord | undefined> {
  const t0 = performance.now();
  const first = await sendOnce(client, target, model, kind, input, apiKey);
  if (!first) return undefined;
  const other = adapterFor(model.api).retryModel?.(model, first.response);
  const second = other ? await sendOnce(client, target, other, kind, input, apiKey) : undefined;
  const durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
  if (!other || !second || (!second.response.ok && second.response.code === 'budget')) return { kind, ...first, durationMs };
  const refused = first.response;
  // retryModel offers a retry only for an answered refusal (an HTTP 400 naming the limit parameter).
  if (!refused.ok) return { kind, ...first, durationMs };
  if (second.response.ok && second.response.status >= 200 && second.response.status < 300) onRetried?.(other);
  return { kind, ...second, durationMs, retried: { refused: first.request, status: refused.status, error: refused.body.slice(0, 300) } };
}

/** The request and response digests of an exchange (TMS-C-108). */
export function digestsOf(x: ExchangeRecord): { request: string | null; response: string | null } {
  return { request: requestDigest(x.request.body), response: responseDigest(x.response) };
}
