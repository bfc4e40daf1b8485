// --dry-run plans the requests and the token and cost budget without sending anything (TMS-C-105),
// and failed count checks carry their money impact (TMS-C-103 evidence).
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPriceSheet } from '../pricing/loadPriceSheet.js';
import { fromRoot } from '../paths.js';
import { startReferenceProvider, type RunningReferenceProvider } from '../reference-provider/startReferenceProvider.js';
import { adapterFor } from './adapters/adapterFor.js';
import { planDryRun } from './dryRun.js';
import { impactOf } from './impactOf.js';
import { loadSuite } from './loadSuite.js';
import { loadTarget } from './loadTarget.js';
import { runProbe } from './runProbe.js';

/** A loopback proxy in front of the provider that records `METHOD path` of every request it forwards. */
async function recordingProxy(upstream: string): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('proxy has no port');
  return { url: `http://127.0.0.1:${addr.port}`, seen, server };
}

describe('planDryRun (TMS-C-105)', () => {
  let provider: RunningReferenceProvider;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-dryrun-'));
  beforeAll(async () => {
    provider = await startReferenceProvider();
    proxy = await recordingProxy(provider.url);
  });
  afterAll(async () => {
    proxy.server.close();
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('TMS-C-105: plans exactly the requests a real run then sends, and sends none itself', async () => {
    const target = { ...(await loadTarget(fromRoot('targets', 'reference.yaml'))), baseUrl: proxy.url };
    const suite = await loadSuite('default');
    const plan = await planDryRun(target, suite);
    expect(proxy.seen).toEqual([]); // planning sent nothing
    expect(plan.text).toContain('nothing was sent');
    expect(plan.data.est_cost?.currency).toBe('USD');
    expect(plan.data.est_cost?.amount).toMatch(/^[0-9]+\.[0-9]+$/);

    // The expectation is observed, not derived: the same suite run for real through the proxy.
    const run = await runProbe({ target, suite, outDir: join(dir, 'run'), concurrency: 4, http: { timeoutMs: 15_000, backoffMs: 20 } });
    const planned = plan.data.requests.map((r) => `${r.method} ${r.url.slice(proxy.url.length)}`).sort();
    expect(planned).toEqual([...proxy.seen].sort());
    expect(plan.data.total_requests).toBe(run.requests);
  });

  it('labels the exchanges of a caching case as the report does, and marks the Anthropic prompt with cache_control (TMS-C-126, TMS-C-127)', async () => {
    const target = { ...(await loadTarget(fromRoot('targets', 'reference.yaml'))), baseUrl: 'http://127.0.0.1:1' };
    const plan = await planDryRun(target, await loadSuite('default'));
    const labels = (id: string) => plan.data.requests.filter((r) => r.case_id === id).map((r) => r.exchange);
    expect(labels('cache-write-1h/claude-sonnet-4-5')).toEqual(['cache-write', 'cache-hit', 'cache-hit-stream']);
    expect(labels('cache-write-5m/gpt-4o')).toEqual(['stream-bare', 'cache-write', 'cache-hit', 'cache-hit-stream']);
    expect(plan.text).toContain('[cache-write-1h/claude-sonnet-4-5 cache-hit-stream]');
    const anthropic = adapterFor('anthropic').build('cache-write', target.models.find((m) => m.api === 'anthropic')!, {
      messages: [{ role: 'user', content: 'x' }],
      cache: { ttl: '1h' },
    });
    expect((anthropic!.body as { messages: { content: unknown }[] }).messages[0].content).toEqual([
      { type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });
});

describe('impactOf (TMS-C-103)', () => {
  it('prices the token difference of a failed count at the input rate, signed', async () => {
    const sheet = await loadPriceSheet(fromRoot('examples', 'sheets', 'list-prices.yaml'));
    const at = '2026-06-01T00:00:00Z';
    const over = impactOf('prompt-count-exact', { status: 'fail', reason: 'x', evidence: { expected: 124, observed: 137 } }, sheet, 'gpt-4o', at);
    const under = impactOf('prompt-count-exact', { status: 'fail', reason: 'x', evidence: { expected: 137, observed: 124 } }, sheet, 'gpt-4o', at);
    // 13 tokens at gpt-4o's list input price of 2.50 USD per million (sheet source: genai-prices, LiteLLM 2.5e-06).
    expect(over).toEqual({ currency: 'USD', amount: '0.0000325' });
    expect(under?.amount).toBe(`-${over?.amount}`);
    expect(impactOf('prompt-count-exact', { status: 'pass', evidence: { expected: 1, observed: 1 } }, sheet, 'gpt-4o', at)).toBeUndefined();
    expect(impactOf('usage-shape', { status: 'fail', reason: 'x', evidence: { expected: 1, observed: 2 } }, sheet, 'gpt-4o', at)).toBeUndefined();
  });
});
