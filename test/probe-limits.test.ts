// The probe against real-endpoint conditions: tokenizer auto in quick mode (TMS-C-113), reasoning
// models' output-limit parameter and its retry (TMS-C-115), and run limits that hold: an unpriced
// response under --max-cost (TMS-C-116), an unreachable URL (TMS-C-117), a silent server and the
// deadline (TMS-C-118), an unknown model (TMS-C-119), --header and no key.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';
import { loadSuite } from '../src/probe/loadSuite.js';
import { loadTarget, quickTarget } from '../src/probe/loadTarget.js';
import { runProbe } from '../src/probe/runProbe.js';
import type { LoadedSuite } from '../src/probe/types.js';
import { startReferenceProvider, type RunningReferenceProvider } from '../src/reference-provider/startReferenceProvider.js';

const root = mkdtempSync(join(tmpdir(), 'tc-limits-'));
const http = { timeoutMs: 15_000, backoffMs: 10 };
let ref: RunningReferenceProvider;
let suite: LoadedSuite;
const bad = (run: Awaited<ReturnType<typeof runProbe>>) =>
  run.report.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => `${r.case_id} ${r.check} ${r.status}: ${r.reason}`);
const notes = (dir: string): string[] =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.type === 'note')
    .map((e) => e.message);

/** A server that records each request's headers and never answers. */
function silentServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req) => void seen.push(req.headers));
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })));
}

beforeAll(async () => {
  ref = await startReferenceProvider();
  suite = { ...(await loadSuite('default')), comparability: false };
});
afterAll(async () => {
  await ref.close();
  rmSync(root, { recursive: true, force: true });
});

describe('quick targets with tokenizer auto (TMS-C-113, TMS-C-115)', () => {
  it.each(['gpt-4o', 'o3'])(
    '--model %s runs every exact check and passes the honest reference provider',
    async (model) => {
      const dir = join(root, `quick-${model}`);
      const run = await runProbe({ target: quickTarget({ baseUrl: ref.url, api: 'openai-chat', model }), suite, outDir: dir, concurrency: 4, http });
      expect(bad(run)).toEqual([]);
      expect(run.stopped).toBeNull();
      const decided = new Set(run.report.results.filter((r) => r.status === 'pass').map((r) => r.check));
      for (const c of ['prompt-count-exact', 'output-covers-text', 'tokenizer-fingerprint', 'max-tokens-honoured']) expect(decided.has(c), c).toBe(true);
      expect(notes(dir).some((m) => m.startsWith(`${model}: tokenizer assumed o200k_base with framing openai-cookbook-2024 (auto: tiktoken's model map`))).toBe(
        true,
      );
    },
    120_000,
  );

  it('a model declared to take max_tokens is refused with 400 once, retried with max_completion_tokens, and the retry is reported', async () => {
    const base = await loadTarget(writeProfile('o3-max-tokens.yaml', 'name: x\napi: openai-chat\nmodels:\n  - id: o3\n    limit_param: max_tokens\n'));
    const dir = join(root, 'retry');
    const one = { ...suite, cases: suite.cases.filter((c) => c.id === 'max-tokens' || c.id === 'reasoning-limit') };
    const run = await runProbe({ target: { ...base, baseUrl: ref.url }, suite: one, outDir: dir, concurrency: 1, http });
    expect(bad(run)).toEqual([]);
    const retried = notes(dir).filter((m) => m.includes('(TMS-C-115)'));
    // The first case learns the parameter; the second is sent max_completion_tokens at once.
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatch(/o3: the plain request was refused with HTTP 400 .*Unsupported parameter: 'max_tokens'.*sent again with max_completion_tokens/);
    const mt = run.report.results.find((r) => r.check === 'max-tokens-honoured' && r.case_id === 'reasoning-limit/o3')!;
    expect(mt.status).toBe('pass');
  }, 60_000);
});

function writeProfile(name: string, text: string): string {
  const p = join(root, name);
  writeFileSync(p, text);
  return p;
}

describe('runner limits (TMS-C-116, TMS-C-117, TMS-C-118, TMS-C-119)', () => {
  it('an unreachable base URL ends the run with exit 2 and one line, sending and writing nothing (TMS-C-117)', async () => {
    const s = await silentServer();
    const url = s.url;
    await new Promise((r) => s.server.close(r));
    const dir = join(root, 'unreachable');
    const r = await runCliForTest(['probe', '--base-url', url, '--api', 'openai-chat', '--model', 'gpt-4o', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was sent/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a server that accepts connections but never answers HTTP is unreachable too: exit 2, one line, no report (TMS-C-117)', async () => {
    const server = createNetServer((sock) => sock.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const dir = join(root, 'reset');
      const r = await runCliForTest([
        'probe',
        '--base-url',
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        '--api',
        'openai-chat',
        '--model',
        'gpt-4o',
        '--out',
        dir,
      ]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: .* gave no HTTP answer after \d+ attempts .*no report was written/);
      expect(existsSync(dir)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 30_000);

  it('a silent server stops the run after one timed-out request, saying so, and --header is sent without any key (TMS-C-118)', async () => {
    const s = await silentServer();
    try {
      const dir = join(root, 'silent');
      const t0 = Date.now();
      const r = await runCliForTest([
        'probe',
        '--base-url',
        s.url,
        '--api',
        'openai-chat',
        '--model',
        'gpt-4o',
        '--header',
        'X-Team: probe-test',
        '--request-timeout',
        '1',
        '--out',
        dir,
      ]);
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^  gpt-4o: tokenizer assumed o200k_base with framing openai-cookbook-2024 \(auto: /m);
      expect(r.out).toMatch(/stopped early: the target answered no request, and http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions timed out/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      expect(report.run.stopped.reason).toBe('unresponsive');
      expect(report.results.filter((x: { status: string }) => x.status === 'skip').length).toBeGreaterThan(10);
      expect(s.seen.length).toBeGreaterThan(0);
      for (const h of s.seen) {
        expect(h['x-team']).toBe('probe-test');
        expect(h.authorization).toBeUndefined();
      }
    } finally {
      s.server.closeAllConnections();
      await new Promise((r) => s.server.close(r));
    }
  }, 30_000);

  it('the deadline cuts a slow run short and the report says so (TMS-C-118)', async () => {
    const slow = await startReferenceProvider({ faults: ['latency'] });
    try {
      const run = await runProbe({
        target: quickTarget({ baseUrl: slow.url, api: 'openai-chat', model: 'gpt-4o' }),
        suite,
        outDir: join(root, 'deadline'),
        concurrency: 2,
        deadlineMs: 1500,
        http,
      });
      expect(run.stopped).toMatchObject({ reason: 'deadline', message: expect.stringMatching(/run deadline of 1\.5 s \(--deadline\) was reached/) });
      expect(run.report.results.some((r) => r.status === 'skip' && /deadline/.test(r.reason ?? ''))).toBe(true);
    } finally {
      await slow.close();
    }
  }, 30_000);

  it('--max-cost stops the run when a response cannot be priced, and needs a price sheet (TMS-C-116)', async () => {
    const sheet = writeProfile(
      'sheet.yaml',
      'tms_version: 0.1.0\nid: only-gpt-4\ncurrency: USD\nunit: 1000000\ntime_zone: UTC\nentries:\n  - id: gpt-4\n    model: gpt-4\n    prices:\n      input/none/text: "30"\n      output/none/text: "60"\n',
    );
    const dir = join(root, 'unpriced');
    const r = await runCliForTest([
      'probe',
      '--base-url',
      ref.url,
      '--api',
      'openai-chat',
      '--model',
      'gpt-4o',
      '--price-sheet',
      sheet,
      '--max-cost',
      '0.00001',
      '--out',
      dir,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.run.stopped).toMatchObject({ reason: 'cost-unknown', message: expect.stringMatching(/cannot be computed .*--max-cost cannot be enforced/) });
    // Only the requests already in flight (one per worker, --concurrency 4) follow the first unpriced one.
    expect(Number(/; (\d+) requests/.exec(r.out)?.[1])).toBeLessThanOrEqual(5);
    const none = await runCliForTest([
      'probe',
      '--base-url',
      ref.url,
      '--api',
      'openai-chat',
      '--model',
      'gpt-4o',
      '--max-cost',
      '1',
      '--out',
      join(root, 'no-sheet'),
    ]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--max-cost needs a price sheet/);
  }, 60_000);

  it('a 404 naming the model is reported as an unknown model, once, not as a missing endpoint (TMS-C-119)', async () => {
    const dir = join(root, 'unknown-model');
    const run = await runProbe({ target: quickTarget({ baseUrl: ref.url, api: 'openai-chat', model: 'gpt-9' }), suite, outDir: dir, concurrency: 1, http });
    const unknown = notes(dir).filter((m) => m.includes('does not know model gpt-9'));
    expect(unknown).toHaveLength(1);
    expect(run.report.results.some((r) => r.status === 'not_applicable' && /not offered/.test(r.reason ?? ''))).toBe(false);
    expect(run.report.results.filter((r) => r.status === 'skip' && /does not know model gpt-9/.test(r.reason ?? '')).length).toBeGreaterThan(10);
  }, 60_000);
});
