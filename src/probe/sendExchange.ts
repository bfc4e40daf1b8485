import { adapterFor } from './adapters/adapterFor.js';
import { requestDigest, responseDigest } from './digests.js';
import type { HttpClient } from './http/HttpClient.js';
import type { CaseInput, ExchangeKind, ExchangeRecord, ModelProfile, Target } from './types.js';

/** Makes one exchange of a case; undefined when the API has no such exchange. */
export async function sendExchange(client: HttpClient, target: Target, model: ModelProfile, kind: ExchangeKind, input: CaseInput, apiKey: string | undefined): Promise<ExchangeRecord | undefined> {
  const adapter = adapterFor(model.api);
  const req = adapter.build(kind, model, input);
  if (!req) return undefined;
  const url = `${target.baseUrl}${req.path}`;
  const headers = { ...(req.headers ?? {}), ...target.headers, ...(apiKey ? adapter.auth(apiKey) : {}) };
  const t0 = performance.now();
  const response = await client.send({ method: req.method, url, headers, body: req.body });
  return { kind, request: { method: req.method, url, body: req.body }, response, durationMs: Math.round((performance.now() - t0) * 1000) / 1000 };
}

/** The request and response digests of an exchange (TMS-C-108). */
export function digestsOf(x: ExchangeRecord): { request: string | null; response: string | null } {
  return { request: requestDigest(x.request.body), response: responseDigest(x.response) };
}
