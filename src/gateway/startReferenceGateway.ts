import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { UsageError } from '../errors/errors.js';
import { clientUsage } from './clientUsage.js';
import { GatewayError } from './GatewayError.js';
import { gatewayFaultNames, isGatewayFaultName, type GatewayFaultName } from './gatewayFaults.js';
import { readUpstreamJson, readUpstreamStream } from './readUpstreamReply.js';
import { renderClientReply, type ClientReply } from './renderClientReply.js';
import { toUpstream, upstreamApis, type UpstreamApi } from './toUpstream.js';
import { readBounded } from '../io/readBounded.js';
import { listeningAddress } from '../io/listeningAddress.js';
import { isRecord } from '../io/isRecord.js';

/** Options of the reference gateway. */
export interface ReferenceGatewayOptions {
  /** Base URL of the upstream provider, e.g. the reference provider's `http://127.0.0.1:PORT`. */
  readonly upstream: string;
  /** The upstream's API style. */
  readonly upstreamApi: UpstreamApi;
  /** Key sent upstream the way its API expects (Authorization, x-api-key or x-goog-api-key). */
  readonly upstreamKey?: string;
  /** When set, clients must send `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Fault modes to switch on (gatewayFaults.ts). */
  readonly faults?: readonly string[];
}

/** A running reference gateway. */
export interface RunningReferenceGateway {
  /** Base URL; OpenAI clients use `${url}/v1`. */
  readonly url: string;
  /** How many requests it has sent upstream (a retry counts). */
  upstreamRequests(): number;
  close(): Promise<void>;
}

/** The header a client may send to correlate its request with the upstream request it causes; forwarded as is. */
export const CORRELATION_HEADER = 'x-tokencert-correlation';

const MAX_BODY = 8 * 1024 * 1024;

/**
 * Starts the reference gateway: a small translating proxy with an OpenAI Chat Completions client
 * side (`POST /v1/chat/completions`, JSON and SSE) in front of an OpenAI, Anthropic or Gemini
 * upstream. Honest by default — usage is translated through canonical cells — or misbehaving as
 * the named faults say. It is the fixture of gateway certification tests; loopback only.
 */
export async function startReferenceGateway(opts: ReferenceGatewayOptions): Promise<RunningReferenceGateway> {
  if (!upstreamApis.includes(opts.upstreamApi))
    throw new UsageError(`startReferenceGateway: upstreamApi must be one of ${upstreamApis.join(', ')}, got "${String(opts.upstreamApi)}"`);
  let base: URL;
  try {
    base = new URL(opts.upstream);
  } catch {
    throw new UsageError(`startReferenceGateway: upstream must be an http(s) URL, got "${opts.upstream}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new UsageError(`startReferenceGateway: upstream must be an http(s) URL, got "${opts.upstream}"`);
  for (const f of opts.faults ?? [])
    if (!isGatewayFaultName(f)) throw new UsageError(`startReferenceGateway: unknown fault "${f}"; known: ${gatewayFaultNames.join(', ')}`);
  const faults = new Set((opts.faults ?? []).filter(isGatewayFaultName));
  let sent = 0;
  let seq = 0;
  const ctx: Ctx = {
    base: opts.upstream.replace(/\/+$/, ''),
    api: opts.upstreamApi,
    key: opts.upstreamKey,
    faults,
    countUpstream: () => void sent++,
    nextId: () => `chatcmpl-gw-${++seq}`,
  };
  const server = createServer((req, res) => {
    handle(req, res, ctx, opts.apiKey).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = listeningAddress(server);
  return {
    url: `http://127.0.0.1:${addr.port}`,
    upstreamRequests: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Ctx {
  readonly base: string;
  readonly api: UpstreamApi;
  readonly key: string | undefined;
  readonly faults: ReadonlySet<GatewayFaultName>;
  countUpstream(): void;
  nextId(): string;
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Ctx, apiKey: string | undefined): Promise<void> {
  try {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions'))
      throw new GatewayError(404, `Unknown request URL: ${req.method ?? ''} ${path}`);
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) throw new GatewayError(401, 'Incorrect API key provided.');
    const body = await readBody(req);
    const stream = body.stream === true;
    const so = body.stream_options;
    const ask = {
      model: String(body.model ?? ''),
      stream,
      includeUsage: stream && isRecord(so) && so.include_usage === true,
    };
    const up = toUpstream(ctx.api, body, stream);
    const correlation = req.headers[CORRELATION_HEADER];
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...up.headers,
      ...authHeaders(ctx),
      ...(typeof correlation === 'string' ? { [CORRELATION_HEADER]: correlation } : {}),
    };
    let text = await sendUpstream(ctx, up.path, headers, up.body);
    if (ctx.faults.has('duplicate-upstream-request')) text = await sendUpstream(ctx, up.path, headers, up.body);
    const reply = stream ? readUpstreamStream(ctx.api, text) : readUpstreamJson(ctx.api, parseUpstreamJson(text));
    const usage = clientUsage(ctx.api, reply.usage, ctx.faults);
    write(res, renderClientReply(ctx.nextId(), ask, reply, usage, ctx.faults));
  } catch (e) {
    const err = e instanceof GatewayError ? e : new GatewayError(500, `reference gateway error: ${e instanceof Error ? e.message : String(e)}`);
    res.writeHead(err.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(err.body()));
  }
}

function authHeaders(ctx: Ctx): Record<string, string> {
  if (ctx.key === undefined) return {};
  if (ctx.api === 'anthropic-messages') return { 'x-api-key': ctx.key };
  if (ctx.api === 'gemini') return { 'x-goog-api-key': ctx.key };
  return { authorization: `Bearer ${ctx.key}` };
}

async function sendUpstream(ctx: Ctx, path: string, headers: Record<string, string>, body: unknown): Promise<string> {
  ctx.countUpstream();
  let r: Response;
  try {
    r = await fetch(`${ctx.base}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    throw new GatewayError(502, `upstream unreachable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = await r.text();
  if (!r.ok) {
    let message = text.slice(0, 300);
    try {
      const j: unknown = JSON.parse(text);
      const error = isRecord(j) ? j.error : undefined;
      if (isRecord(error) && typeof error.message === 'string') message = error.message;
    } catch {
      // not JSON: the raw text (cut) is the message
    }
    throw new GatewayError(r.status, `upstream ${r.status}: ${message}`);
  }
  return text;
}

function parseUpstreamJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError(502, 'upstream answered with malformed JSON');
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const bytes = await readBounded(req, MAX_BODY, () => new GatewayError(413, `request body exceeds ${MAX_BODY} bytes`));
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new GatewayError(400, 'We could not parse the JSON body of your request.');
  }
  if (!isRecord(v)) throw new GatewayError(400, 'the request body must be a JSON object');
  return v;
}

function write(res: ServerResponse, reply: ClientReply): void {
  if (reply.kind === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(reply.data.map((d) => `data: ${d}\n\n`).join(''));
}
