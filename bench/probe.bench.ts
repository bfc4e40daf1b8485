// Benchmark of the probe (TMS-C-104/105 runner): wall time of the default probe against the reference
// provider (cold: first run in the process, tokenizers loading; warm: second run), requests per second
// through the probe's HTTP client at concurrency 1 and 8, and the runner's overhead per request (build,
// retries/budget bookkeeping, body cap, parse, digests) beside a bare undici request loop in the same
// run, on the same request. One table.
// Usage: node --import tsx bench/probe.bench.ts [N]   (default 400 requests per rate measurement)
import { request } from 'undici';
import { loadSuite } from '../src/probe/loadSuite.js';
import { loadTarget } from '../src/probe/loadTarget.js';
import { runProbe } from '../src/probe/runProbe.js';
import { sendExchange, digestsOf } from '../src/probe/sendExchange.js';
import { adapterFor } from '../src/probe/adapters/adapterFor.js';
import { HttpClient } from '../src/probe/http/HttpClient.js';
import { Budget } from '../src/probe/http/budget.js';
import { startReferenceProvider } from '../src/reference-provider/startReferenceProvider.js';
import { fromRoot } from '../src/paths.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 400);
const provider = await startReferenceProvider({ port: 0 });
const suite = await loadSuite('default');
const ref = await loadTarget(fromRoot('targets', 'reference.yaml'));
const target = { ...ref, baseUrl: provider.url };
const out = mkdtempSync(join(tmpdir(), 'tc-bench-'));
const rows: [string, string, string][] = [];

for (const label of ['cold (first run)', 'warm']) {
  const t0 = performance.now();
  const run = await runProbe({ target, suite, outDir: join(out, 'run'), concurrency: 4 });
  const ms = performance.now() - t0;
  rows.push([
    `default probe, wall time, ${label}`,
    `${(ms / 1000).toFixed(2)} s`,
    `${run.requests} requests, ${run.report.results.length} results, verdict ${run.report.verdict.overall}`,
  ]);
}

const model = target.models[0];
const input = { messages: [{ role: 'user' as const, content: 'Say hello to the benchmark.' }], max_tokens: 8 };

async function pool(n: number, conc: number, fn: () => Promise<void>): Promise<number> {
  let left = n;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  return performance.now() - t0;
}

// The probe's path: HttpClient (budget, retries, redirects, size cap) + adapter parse + digests.
for (const conc of [1, 8]) {
  const client = new HttpClient({ budget: new Budget(), connections: conc });
  const ms = await pool(N, conc, async () => {
    const x = (await sendExchange(client, target, model, 'plain', input, undefined))!;
    const r = adapterFor(model.api).parse('plain', x.response);
    if (!r.ok) throw new Error(r.message);
    digestsOf(x);
  });
  rows.push([`probe client, concurrency ${conc}`, `${((N * 1000) / ms).toFixed(0)} req/s`, `${(ms / N).toFixed(2)} ms/request`]);
  await client.close();
}

// Runner overhead beside a bare undici loop, same request, concurrency 1, interleaved rounds.
const req = adapterFor(model.api).build('plain', model, input)!;
const url = `${target.baseUrl}${req.path}`;
const bodyText = JSON.stringify(req.body);
const client = new HttpClient({ budget: new Budget(), connections: 1 });
let bare = 0;
let probe = 0;
for (let round = 0; round < 4; round++) {
  bare += await pool(N / 4, 1, async () => {
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyText });
    JSON.parse(await res.body.text());
  });
  probe += await pool(N / 4, 1, async () => {
    const x = (await sendExchange(client, target, model, 'plain', input, undefined))!;
    adapterFor(model.api).parse('plain', x.response);
    digestsOf(x);
  });
}
await client.close();
rows.push(['bare undici request loop, concurrency 1', `${((N * 1000) / bare).toFixed(0)} req/s`, `${(bare / N).toFixed(3)} ms/request`]);
rows.push([
  'probe runner, same requests, concurrency 1',
  `${((N * 1000) / probe).toFixed(0)} req/s`,
  `${(probe / N).toFixed(3)} ms/request; overhead ${((probe - bare) / N).toFixed(3)} ms/request`,
]);

await provider.close();
rmSync(out, { recursive: true, force: true });
const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
console.log(`tokencert probe benchmark (reference provider on loopback, same process; ${N} requests per rate row)\n`);
console.log(`| ${'measure'.padEnd(w[0])} | ${'figure'.padEnd(w[1])} | notes |`);
console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|-------|`);
for (const r of rows) console.log(`| ${r[0].padEnd(w[0])} | ${r[1].padEnd(w[1])} | ${r[2]} |`);
