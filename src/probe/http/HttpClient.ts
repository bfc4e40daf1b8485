import { Agent, request, type Dispatcher } from 'undici';
import type { RecordedResponse } from '../types.js';
import type { Budget } from './budget.js';
import type { Redactor } from './redactor.js';
import { decodeUtf8Exact, firstInvalidUtf8 } from '../../io/readText.js';
import { errnoCode, errorMessage } from '../../io/errnoCode.js';
import { readBounded } from '../../io/readBounded.js';

/** Options of the probe's HTTP client. */
export interface HttpClientOptions {
  /** Per-attempt timeout in milliseconds (headers and body). Default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for 5xx and network errors. Default 3. */
  readonly maxRetries?: number;
  /** Retries after a timed-out attempt (a server that let one attempt time out rarely answers the next). Default 1. */
  readonly maxTimeoutRetries?: number;
  /** Aborts every attempt and wait when the run ends early (its deadline, TMS-C-118); requests then come back with code `budget`. */
  readonly signal?: AbortSignal;
  /** Retries for 429 (rate limits are normal operation, and bounded by the budget). Default 8. */
  readonly maxRateLimitRetries?: number;
  /** Extra wait added to each delay, so clients refused together do not retry together. Default: up to 10% + 25 ms, random. */
  readonly jitter?: (ms: number) => number;
  /** First backoff delay in ms when no Retry-After is given; doubles per retry. Default 250. */
  readonly backoffMs?: number;
  /** Longest wait honoured from a Retry-After header, in ms. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Largest response body accepted, in bytes. Default 8 MiB. */
  readonly maxBodyBytes?: number;
  /** Redirects followed per request. Default 5. */
  readonly maxRedirects?: number;
  /** Connections per origin. Default 8. */
  readonly connections?: number;
  /** The run's budget; every attempt takes one request from it. */
  readonly budget?: Budget;
  /** Scrubs secrets from error messages. */
  readonly redactor?: Redactor;
  /** How to wait (tests inject a recorder). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A request to send; `credentialHeaders` names the headers that carry secrets. */
export interface HttpRequest {
  readonly method: Dispatcher.HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Headers that carry credentials: never sent to another origin after a redirect (TMS-C-106). */
export const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cookie'];

// 529 is Anthropic's "overloaded" status.
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504, 529]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`, or undefined. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Parses the `retry-after-ms` header (OpenAI's millisecond form, preferred when present), or undefined. */
export function retryAfterMsHeader(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Math.round(Number(v)) : undefined;
}

class TooLarge extends Error {}

/**
 * The probe's HTTP client on undici: per-attempt timeouts, retries with backoff that honour
 * Retry-After (TMS-C-104), a response size cap, the run's request budget (TMS-C-105), and redirects
 * handled here so credentials never reach another origin (TMS-C-106).
 */
export class HttpClient {
  readonly #o: Required<Omit<HttpClientOptions, 'budget' | 'redactor' | 'signal'>> & Pick<HttpClientOptions, 'budget' | 'redactor' | 'signal'>;
  readonly #agent: Dispatcher;
  #responded = false;

  constructor(opts: HttpClientOptions = {}) {
    this.#o = {
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxRetries: opts.maxRetries ?? 3,
      maxTimeoutRetries: opts.maxTimeoutRetries ?? 1,
      maxRateLimitRetries: opts.maxRateLimitRetries ?? 8,
      jitter: opts.jitter ?? ((ms) => Math.floor(Math.random() * (ms / 10 + 25))),
      backoffMs: opts.backoffMs ?? 250,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      maxBodyBytes: opts.maxBodyBytes ?? 8 * 1024 * 1024,
      maxRedirects: opts.maxRedirects ?? 5,
      connections: opts.connections ?? 8,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      budget: opts.budget,
      redactor: opts.redactor,
      signal: opts.signal,
    };
    this.#agent = new Agent({ connections: this.#o.connections, headersTimeout: this.#o.timeoutMs, bodyTimeout: this.#o.timeoutMs, keepAliveTimeout: 10_000 });
  }

  /** Sends a request, retrying and following redirects; returns what came back or why nothing did. */
  async send(req: HttpRequest): Promise<RecordedResponse> {
    let attempts = 0;
    let current: HttpRequest = req;
    let redirects = 0;
    let last: RecordedResponse | undefined;
    for (let retry = 0; ; ) {
      if (this.#o.signal?.aborted) return { ok: false, status: null, code: 'budget', error: this.#stopMessage(), attempts };
      if (this.#o.budget && !this.#o.budget.take()) {
        // Out of budget mid-retry: report what the last attempt got rather than hide it behind the budget.
        return last ?? { ok: false, status: null, code: 'budget', error: this.#o.budget.stopped?.message ?? 'request budget exhausted', attempts };
      }
      attempts++;
      const r = await this.#attempt(current);
      last =
        r.kind === 'error'
          ? { ok: false, status: null, code: r.code, error: r.message, attempts }
          : { ok: true, status: r.status, contentType: r.contentType, body: r.body, attempts };
      if (r.kind === 'response' && REDIRECT_STATUS.has(r.status)) {
        const location = r.headers.location;
        const loc = Array.isArray(location) ? location[0] : location;
        if (!loc) return { ok: true, status: r.status, contentType: r.contentType, body: r.body, attempts };
        if (++redirects > this.#o.maxRedirects)
          return { ok: false, status: r.status, code: 'redirect', error: `more than ${this.#o.maxRedirects} redirects`, attempts };
        current = redirectRequest(current, new URL(loc, current.url).toString(), r.status);
        continue;
      }
      if (r.kind === 'error' && this.#o.signal?.aborted) return { ok: false, status: null, code: 'budget', error: this.#stopMessage(), attempts };
      const retryable = r.kind === 'error' ? r.code !== 'too-large' && r.code !== 'invalid-utf8' : RETRY_STATUS.has(r.status);
      const limit =
        r.kind === 'response' && r.status === 429
          ? this.#o.maxRateLimitRetries
          : r.kind === 'error' && r.code === 'timeout'
            ? Math.min(this.#o.maxTimeoutRetries, this.#o.maxRetries)
            : this.#o.maxRetries;
      if (retryable && retry < limit) {
        const after = r.kind === 'response' ? (retryAfterMsHeader(r.headers['retry-after-ms']) ?? retryAfterMs(r.headers['retry-after'])) : undefined;
        // TMS-C-104: never sooner than the server asked; the jitter only adds.
        const wait = after !== undefined ? Math.min(after, this.#o.maxRetryAfterMs) : this.#o.backoffMs * 2 ** Math.min(retry, 10);
        retry++;
        await this.#wait(wait + this.#o.jitter(wait));
        continue;
      }
      if (r.kind === 'error') return { ok: false, status: null, code: r.code, error: r.message, attempts };
      return { ok: true, status: r.status, contentType: r.contentType, body: r.body, attempts };
    }
  }

  /** Waits before a retry, cut short when the run stops (TMS-C-118). */
  async #wait(ms: number): Promise<void> {
    const s = this.#o.signal;
    if (!s) return this.#o.sleep(ms);
    if (s.aborted) return;
    let onAbort: (() => void) | undefined;
    await Promise.race([this.#o.sleep(ms), new Promise<void>((r) => s.addEventListener('abort', (onAbort = () => r()), { once: true }))]);
    if (onAbort) s.removeEventListener('abort', onAbort);
  }

  #stopMessage(): string {
    const reason: unknown = this.#o.signal?.reason;
    return reason instanceof Error ? reason.message : 'the run was stopped';
  }

  /** Whether any attempt of any request got an HTTP response (a target that never did is silent or unreachable, TMS-C-117, TMS-C-118). */
  get responded(): boolean {
    return this.#responded;
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #attempt(
    req: HttpRequest,
  ): Promise<
    | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; contentType: string; body: string }
    | { kind: 'error'; code: 'timeout' | 'network' | 'too-large' | 'invalid-utf8'; message: string }
  > {
    const signal = this.#o.signal ? AbortSignal.any([AbortSignal.timeout(this.#o.timeoutMs), this.#o.signal]) : AbortSignal.timeout(this.#o.timeoutMs);
    try {
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const headers: Record<string, string> = { ...req.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await request(req.url, { method: req.method, headers, body, dispatcher: this.#agent, signal });
      this.#responded = true;
      const declared = Number(res.headers['content-length']);
      let bytes: Buffer;
      try {
        if (Number.isFinite(declared) && declared > this.#o.maxBodyBytes) throw new TooLarge();
        bytes = await readBounded(res.body, this.#o.maxBodyBytes, () => new TooLarge());
      } catch (e) {
        // Destroying the body aborts it; the abort itself is expected, not an unhandled error.
        res.body.on('error', () => undefined);
        res.body.destroy();
        if (e instanceof TooLarge) return { kind: 'error', code: 'too-large', message: `response body exceeds the cap of ${this.#o.maxBodyBytes} bytes` };
        throw e;
      }
      const ct = res.headers['content-type'];
      // Strict UTF-8 (TMS-C-016): a replaced byte would change what the checks read; a bad body is a transport failure.
      const text = decodeUtf8Exact(bytes);
      if (text === undefined)
        return { kind: 'error', code: 'invalid-utf8', message: `response body is not valid UTF-8 (byte offset ${firstInvalidUtf8(bytes)} of ${bytes.length})` };
      return { kind: 'response', status: res.statusCode, headers: res.headers, contentType: (Array.isArray(ct) ? ct[0] : ct) ?? '', body: text };
    } catch (e) {
      const code = errnoCode(e);
      const timeout = signal.aborted || (e instanceof Error && e.name === 'TimeoutError') || /Timeout/i.test(code ?? '');
      const msg = `${timeout ? 'timed out' : 'network error'}: ${code ?? ''} ${errorMessage(e)}`.replace(/\s+/g, ' ').trim();
      return { kind: 'error', code: timeout ? 'timeout' : 'network', message: this.#o.redactor ? this.#o.redactor.text(msg) : msg };
    }
  }
}

/** The request to send after a redirect: credentials dropped when the origin changes (TMS-C-106). */
export function redirectRequest(req: HttpRequest, location: string, status: number): HttpRequest {
  const sameOrigin = new URL(location).origin === new URL(req.url).origin;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!sameOrigin && CREDENTIAL_HEADERS.includes(k.toLowerCase())) continue;
    headers[k] = v;
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && req.method === 'POST');
  return { method: toGet ? 'GET' : req.method, url: location, headers, body: toGet ? undefined : req.body };
}
