import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isTokencertError, UsageError } from '../errors/errors.js';
import { ApiError } from './apiError.js';
import { errorBody } from './errorBody.js';
import { composeHooks, type FaultHooks } from './faultHooks.js';
import { faultNames, isFaultName } from './faults.js';
import type { ReferenceApi } from './models.js';
import type { ProviderState } from './planReply.js';
import { PromptCache } from './promptCache.js';
import { apiOfPath, checkApiHeaders, checkAuth, matchRoute } from './routes.js';
import { writeReply } from './wire.js';
import { CORRELATION_HEADER } from './ledger.js';
import { readBounded } from '../io/readBounded.js';
import { listeningAddress } from '../io/listeningAddress.js';

/** Options of the reference provider. */
export interface ReferenceProviderOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback only (default 127.0.0.1). */
  host?: string;
  /** When set, requests must carry this key the way their API does, else 401. */
  apiKey?: string;
  /** Fault modes to switch on (names from faults.ts); they combine. */
  faults?: string[];
  /** Seed of the reply generator (default 0): same seed and request, same reply. */
  seed?: number;
}

/** A running reference provider. */
export interface RunningReferenceProvider {
  /** Base URL, e.g. `http://127.0.0.1:43123` (OpenAI clients append `/v1`). */
  url: string;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Starts the reference provider: an honest loopback server speaking OpenAI Chat Completions,
 * Anthropic Messages and Gemini generateContent (JSON and SSE) with usage computed by the reference
 * counter (TMS-M-024, TMS-M-026, TMS-M-027, TMS-M-030..036), or misbehaving as the named faults say.
 */
export async function startReferenceProvider(opts: ReferenceProviderOptions = {}): Promise<RunningReferenceProvider> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new UsageError(`startReferenceProvider: host must be a loopback address (127.0.0.1, ::1 or localhost), got "${host}"`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`startReferenceProvider: port must be an integer 0–65535, got ${String(port)}`);
  const names = opts.faults ?? [];
  for (const n of names) if (!isFaultName(n)) throw new UsageError(`startReferenceProvider: unknown fault "${n}"; known: ${faultNames.join(', ')}`);
  const hooks = composeHooks(names.filter(isFaultName));
  const state: ProviderState = { seed: opts.seed ?? 0, cache: new PromptCache(), hooks, repeats: new Map(), refused: new Set(), served: 0, ledger: [] };
  let seq = 0;
  const server = createServer((req, res) => {
    handle(req, res, state, opts.apiKey, () => seq++).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = listeningAddress(server);
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: ProviderState, apiKey: string | undefined, nextSeq: () => number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = matchRoute(req.method ?? 'GET', url);
  const api: ReferenceApi = route?.api ?? apiOfPath(url.pathname);
  const hooks = state.hooks;
  try {
    if (!route) throw new ApiError('not-found', 404, `Unknown request URL: ${req.method ?? ''} ${url.pathname}`);
    checkAuth(api, req, url, apiKey);
    checkApiHeaders(api, req);
    const body = route.method === 'POST' ? await readJsonBody(req) : undefined;
    // A request refused once (rate limit, overload) is let through when the client retries it, so
    // whether a client gets an answer never depends on how other concurrent requests fell (TMS-C-128).
    const key = `${req.method ?? ''} ${url.pathname}${url.search} ${JSON.stringify(body ?? null)}`;
    const seq = nextSeq();
    const refused = state.refused.delete(key) ? undefined : hooks.intercept?.(seq);
    if (refused) {
      state.refused.add(key);
      if (state.refused.size > 100_000) {
        const [oldest] = state.refused;
        state.refused.delete(oldest);
      }
      throw refused;
    }
    const correlation = req.headers[CORRELATION_HEADER];
    state.correlation = typeof correlation === 'string' ? correlation : undefined;
    let reply;
    try {
      reply = route.handle(body, state);
    } finally {
      state.correlation = undefined;
    }
    await delay(hooks);
    await writeReply(res, reply, hooks);
    // Delivered = every byte handed to the socket ('finish'); a client that hung up first gets no 'finish'.
    const done = reply.onDelivered;
    if (done) {
      if (res.writableFinished) done();
      else res.once('finish', done);
    }
  } catch (e) {
    // A request the reference counter cannot count (InputError from measure) is the client's fault: 400.
    const err =
      e instanceof ApiError
        ? e
        : isTokencertError(e) && e.exitCode === 2
          ? new ApiError('invalid-request', 400, e.message)
          : new ApiError('unavailable', 500, `internal error in the reference provider: ${e instanceof Error ? e.message : String(e)}`);
    await delay(hooks);
    const status = err.kind === 'unavailable' && api === 'anthropic-messages' && err.status === 503 ? 529 : err.status;
    const headers: Record<string, string> = err.kind === 'rate-limit' ? { 'retry-after': '1', 'retry-after-ms': '200' } : {};
    await writeReply(res, { kind: 'json', status, body: errorBody(api, err), headers }, { ...hooks, padBodyTo: undefined });
  }
}

function delay(hooks: FaultHooks): Promise<void> {
  return hooks.delayMs ? new Promise((r) => setTimeout(r, hooks.delayMs)) : Promise.resolve();
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const bytes = await readBounded(req, MAX_REQUEST_BYTES, () => new ApiError('too-large', 413, `request body exceeds ${MAX_REQUEST_BYTES} bytes`));
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid-request', 400, 'We could not parse the JSON body of your request.');
  }
}
