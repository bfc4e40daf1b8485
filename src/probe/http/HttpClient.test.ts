// Runner unit tests on tiny loopback servers: retries honour Retry-After (TMS-C-104), the request
// budget stops sending (TMS-C-105), credentials never cross origins on redirect (TMS-C-106), and
// oversized bodies are refused (TMS-C-109).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Budget } from './budget.js';
import { HttpClient, redirectRequest, retryAfterMs } from './HttpClient.js';

const servers: Server[] = [];
const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

function client(opts: ConstructorParameters<typeof HttpClient>[0] & { waits?: number[] } = {}): HttpClient {
  const waits = opts.waits;
  const c = new HttpClient({ timeoutMs: 2000, backoffMs: 7, jitter: () => 0, ...opts, sleep: async (ms) => void waits?.push(ms) });
  clients.push(c);
  return c;
}

describe('HttpClient retries (TMS-C-104)', () => {
  it('waits what Retry-After asks on 429, then succeeds', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      if (n++ < 2) res.writeHead(429, { 'retry-after': '3' }).end('{"error":"slow down"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const waits: number[] = [];
    const r = await client({ waits }).send({ method: 'POST', url, headers: {}, body: { a: 1 } });
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 3 });
    expect(waits).toEqual([3000, 3000]);
  });

  it('prefers retry-after-ms, and backs off exponentially without a header', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      if (n === 1) res.writeHead(503, { 'retry-after-ms': '120', 'retry-after': '9' }).end();
      else if (n < 4) res.writeHead(529).end();
      else res.writeHead(200).end('{}');
    });
    const waits: number[] = [];
    const r = await client({ waits }).send({ method: 'GET', url, headers: {} });
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 4 });
    expect(waits).toEqual([120, 14, 28]);
  });

  it('adds jitter only on top of what the server asked, and retries 429 longer than 5xx', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      res.writeHead(429, { 'retry-after': '1' }).end();
    });
    const waits: number[] = [];
    const r = await client({ waits, jitter: undefined, maxRateLimitRetries: 5 }).send({ method: 'GET', url, headers: {} });
    expect(r).toMatchObject({ ok: true, status: 429, attempts: 6 });
    expect(waits).toHaveLength(5);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(1000);
    expect(n).toBe(6);
  });

  it('gives up after maxRetries and returns the last response', async () => {
    const url = await serve((_req, res) => res.writeHead(500).end('boom'));
    const r = await client({ maxRetries: 2 }).send({ method: 'GET', url, headers: {} });
    expect(r).toMatchObject({ ok: true, status: 500, attempts: 3 });
  });

  it('parses HTTP-date Retry-After', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('HttpClient budget (TMS-C-105)', () => {
  it('counts every attempt, retries included, and sends nothing once exhausted', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(hits === 1 ? 429 : 200).end('{}');
    });
    const budget = new Budget({ maxRequests: 3 });
    const c = client({ budget });
    expect(await c.send({ method: 'GET', url, headers: {} })).toMatchObject({ ok: true, status: 200, attempts: 2 });
    expect(await c.send({ method: 'GET', url, headers: {} })).toMatchObject({ ok: true, attempts: 1 });
    const r = await c.send({ method: 'GET', url, headers: {} });
    expect(r).toMatchObject({ ok: false, code: 'budget' });
    expect(hits).toBe(3);
    expect(budget.stopped?.reason).toBe('budget-exhausted');
  });

  it('stops on cost once the cap is reached, exactly', () => {
    const b = new Budget({ maxCost: '0.003' });
    b.spend('0.001');
    b.spend('0.0019999');
    expect(b.take()).toBe(true);
    b.spend('0.0000001');
    expect(b.cost).toBe('0.003');
    expect(b.take()).toBe(false);
  });
});

describe('HttpClient redirects (TMS-C-106)', () => {
  it('drops credentials on a redirect to another origin but keeps them on the same origin', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const other = await serve((req, res) => {
      seen.push({
        where: 'other',
        auth: req.headers.authorization,
        key: req.headers['x-api-key'] as string | undefined,
        goog: req.headers['x-goog-api-key'] as string | undefined,
      });
      res.writeHead(200).end('{}');
    });
    const origin = await serve((req, res) => {
      seen.push({ where: req.url, auth: req.headers.authorization });
      if (req.url === '/start') res.writeHead(307, { location: '/same' }).end();
      else res.writeHead(308, { location: `${other}/landing` }).end();
    });
    const r = await client().send({
      method: 'POST',
      url: `${origin}/start`,
      headers: { authorization: 'Bearer sk-secret-1', 'x-api-key': 'k2', 'x-goog-api-key': 'k3', 'x-trace': 't' },
      body: {},
    });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(seen).toEqual([
      { where: '/start', auth: 'Bearer sk-secret-1' },
      { where: '/same', auth: 'Bearer sk-secret-1' },
      { where: 'other', auth: undefined, key: undefined, goog: undefined },
    ]);
  });

  it('turns a 303 into a GET without body', () => {
    expect(redirectRequest({ method: 'POST', url: 'http://a/x', headers: {}, body: { a: 1 } }, 'http://a/y', 303)).toEqual({
      method: 'GET',
      url: 'http://a/y',
      headers: {},
      body: undefined,
    });
  });

  it('stops after too many redirects', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: '/again' }).end());
    expect(await client({ maxRedirects: 3 }).send({ method: 'GET', url, headers: {} })).toMatchObject({ ok: false, code: 'redirect' });
  });
});

describe('HttpClient size cap and timeouts (TMS-C-109)', () => {
  it('refuses a body larger than the cap, streamed or declared', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': String(5000) }).end('x'.repeat(5000));
      else {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
        res.end();
      }
    });
    const c = client({ maxBodyBytes: 4096 });
    expect(await c.send({ method: 'GET', url: `${url}/declared`, headers: {} })).toMatchObject({ ok: false, code: 'too-large', attempts: 1 });
    expect(await c.send({ method: 'GET', url: `${url}/chunked`, headers: {} })).toMatchObject({ ok: false, code: 'too-large', attempts: 1 });
  });

  it('reports a timeout after its retries', async () => {
    const url = await serve(() => undefined);
    const r = await client({ timeoutMs: 100, maxRetries: 1 }).send({ method: 'GET', url, headers: {} });
    expect(r).toMatchObject({ ok: false, code: 'timeout', attempts: 2 });
  });
});

describe('HttpClient run limits (TMS-C-118)', () => {
  it('retries a timed-out attempt at most once, even with more retries allowed, and knows the target never responded', async () => {
    const url = await serve(() => undefined);
    const c = client({ timeoutMs: 100, maxRetries: 3 });
    const r = await c.send({ method: 'GET', url, headers: {} });
    expect(c.responded).toBe(false);
    const busy = await serve((_q, res) => void res.writeHead(503).end());
    await c.send({ method: 'GET', url: busy, headers: {} });
    expect(c.responded).toBe(true);
    expect(r).toMatchObject({ ok: false, code: 'timeout', attempts: 2 });
  });

  it('aborts a request in flight and a retry wait when the run is stopped, saying why', async () => {
    const url = await serve(() => undefined);
    const ac = new AbortController();
    const c = new HttpClient({ timeoutMs: 10_000, signal: ac.signal });
    clients.push(c);
    const t0 = Date.now();
    const pending = c.send({ method: 'GET', url, headers: {} });
    setTimeout(() => ac.abort(new Error('the run deadline of 1 s (--deadline) was reached')), 100);
    expect(await pending).toMatchObject({ ok: false, code: 'budget', error: 'the run deadline of 1 s (--deadline) was reached', attempts: 1 });
    expect(Date.now() - t0).toBeLessThan(5000);
    const busy = await serve((_q, res) => void res.writeHead(503, { 'retry-after': '30' }).end());
    const ac2 = new AbortController();
    const c2 = new HttpClient({ signal: ac2.signal });
    clients.push(c2);
    const waiting = c2.send({ method: 'GET', url: busy, headers: {} });
    setTimeout(() => ac2.abort(new Error('stopped')), 200);
    expect(await waiting).toMatchObject({ ok: false, code: 'budget', error: 'stopped' });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('HttpClient per-request deadline (TMS-C-118)', () => {
  it('bounds a whole attempt, not only the silence between chunks: a server trickling bytes times out', async () => {
    const timers: NodeJS.Timeout[] = [];
    const url = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      timers.push(setInterval(() => res.write(' '), 50));
    });
    try {
      const t0 = Date.now();
      const r = await client({ timeoutMs: 400, maxRetries: 0 }).send({ method: 'GET', url, headers: {} });
      expect(r).toMatchObject({ ok: false, code: 'timeout', attempts: 1 });
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      timers.forEach(clearInterval);
      servers.forEach((s) => s.closeAllConnections());
    }
  });
});
