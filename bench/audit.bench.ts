// Benchmark of `tokencert audit` (TMS-A-012): records/s, MB/s and peak memory on a generated log,
// without and with recount, with 1 and 2 worker threads, beside the floor measured in the same run:
// reading the same file and JSON.parse-ing every line. Usage:
//   npm run bench:audit [-- --records 1000000] [--recount-records 200000]
// Each audit runs in a child process so its peak RSS (process.resourceUsage().maxRSS, worker
// threads included) is its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/command.js';
import { countChat, type ChatMessage } from '../src/measure/countChat.js';
import { openStream, splitLines } from '../src/io/readLines.js';
import { fromRoot } from '../src/paths.js';

const quietIo: CliIo = { out: () => {}, err: (t) => void process.stderr.write(t), env: {}, isTTY: false };

if (process.argv[2] === '--child') {
  const args = JSON.parse(process.argv[3]) as string[];
  const t0 = performance.now();
  const code = await runCli(args, quietIo);
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ code, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  process.exit(0);
}

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const N = flag('records', 1_000_000);
const M = flag('recount-records', N);
const SHEET = fromRoot('examples', 'sheets', 'list-prices.yaml');
const dir = mkdtempSync(join(tmpdir(), 'tokencert-bench-audit-'));
const self = fileURLToPath(import.meta.url);

async function gen(args: string[]): Promise<void> {
  const code = await runCli(['generate', 'records', ...args], quietIo);
  if (code !== 0) throw new Error(`generate records failed (${code})`);
}

/** The floor: read the file with the same line splitter and JSON.parse every line. */
async function floor(file: string): Promise<{ ms: number; lines: number }> {
  const t0 = performance.now();
  let lines = 0;
  for await (const l of splitLines(await openStream(file))) {
    if (l.bytes.length === 0) continue;
    JSON.parse(l.bytes.toString('utf8'));
    lines++;
  }
  return { ms: performance.now() - t0, lines };
}

function child(args: string[]): { code: number; ms: number; maxRssKb: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', JSON.stringify(args)], { cwd: fromRoot(), maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const r = JSON.parse(out.toString().trim().split('\n').pop()!) as { code: number; ms: number; maxRssKb: number };
  if (r.code !== 0 && r.code !== 1) throw new Error(`audit exited ${r.code}`);
  return r;
}

/** countChat over the requests of the first `limit` lines: the counter's own throughput on this workload. */
function counter(file: string, limit: number): { ms: number; n: number } {
  const reqs: { model: string; messages: ChatMessage[] }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const v = JSON.parse(line) as { request?: { model: string; messages: ChatMessage[] } };
    if (v.request) reqs.push(v.request);
    if (reqs.length >= limit) break;
  }
  countChat(reqs[0]); // load the vocabulary outside the timing
  const t0 = performance.now();
  for (const r of reqs) countChat(r);
  return { ms: performance.now() - t0, n: reqs.length };
}

type Row = { name: string; records: number; mb: number; ms: number; rssMb?: number; note?: string };
const rows: Row[] = [];
const mbOf = (f: string) => statSync(f).size / 1e6;

console.error(`generating ${N} measurement records (no content) …`);
const plain = join(dir, 'plain', 'log.jsonl');
await gen(['--count', String(N), '--seed', '1', '--no-content', '--out', plain]);
const fl = await floor(plain);
rows.push({ name: 'floor: read + JSON.parse', records: fl.lines, mb: mbOf(plain), ms: fl.ms });
for (const w of [1, 2]) {
  console.error(`audit without recount, ${w} worker(s) …`);
  const r = child(['audit', '--records', plain, '--sheet', SHEET, '--statement', join(dir, 'plain', 'statement.json'), '--no-recount', '--workers', String(w), '--quiet', '--out', join(dir, `out-plain-${w}`)]);
  rows.push({ name: `audit, no recount, ${w} worker${w > 1 ? 's' : ''}`, records: N, mb: mbOf(plain), ms: r.ms, rssMb: r.maxRssKb / 1024 });
}

console.error(`generating ${M} OpenAI lines with their requests …`);
const content = join(dir, 'content', 'log.jsonl');
await gen(['--count', String(M), '--seed', '2', '--native', 'openai', '--out', content]);
const fl2 = await floor(content);
rows.push({ name: 'floor: read + JSON.parse (with content)', records: fl2.lines, mb: mbOf(content), ms: fl2.ms });
const cnt = counter(content, Math.min(M, 50_000));
rows.push({ name: 'counter: countChat alone', records: cnt.n, mb: 0, ms: cnt.ms });
for (const w of [1, 2]) {
  console.error(`audit with recount, ${w} worker(s) …`);
  const r = child(['audit', '--records', content, '--sheet', SHEET, '--statement', join(dir, 'content', 'statement.json'), '--workers', String(w), '--quiet', '--out', join(dir, `out-content-${w}`)]);
  rows.push({ name: `audit, recount, ${w} worker${w > 1 ? 's' : ''}`, records: M, mb: mbOf(content), ms: r.ms, rssMb: r.maxRssKb / 1024 });
}

const rate = (r: Row) => (r.records / r.ms) * 1000;
const floorRate = rate(rows[0]);
const floor2Rate = rate(rows.find((r) => r.name.startsWith('floor: read + JSON.parse (with'))!);
const counterRate = rate(rows.find((r) => r.name.startsWith('counter'))!);
console.log(`\ntokencert audit benchmark — ${N} records (recount log: ${M}), node ${process.version}, ${new Date().toISOString()}`);
console.log(`${'scenario'.padEnd(42)} ${'records'.padStart(9)} ${'MB'.padStart(7)} ${'s'.padStart(7)} ${'records/s'.padStart(10)} ${'MB/s'.padStart(7)} ${'peak MB'.padStart(8)}  vs`);
for (const r of rows) {
  const vs = r.name.includes('no recount') ? `${((rate(r) / floorRate) * 100).toFixed(0)}% of floor (goal ≥ 50%)`
    : r.name.includes('recount,') ? `${((rate(r) / Number(r.name.match(/(\d) worker/)![1]) / counterRate) * 100).toFixed(0)}% of counter per worker (goal ≥ 80%); ${((rate(r) / floor2Rate) * 100).toFixed(0)}% of floor`
    : '';
  console.log(`${r.name.padEnd(42)} ${String(r.records).padStart(9)} ${r.mb ? r.mb.toFixed(0).padStart(7) : '-'.padStart(7)} ${(r.ms / 1000).toFixed(1).padStart(7)} ${rate(r).toFixed(0).padStart(10)} ${r.mb ? ((r.mb / r.ms) * 1000).toFixed(1).padStart(7) : '-'.padStart(7)} ${r.rssMb ? r.rssMb.toFixed(0).padStart(8) : '-'.padStart(8)}  ${vs}`);
}
console.log('peak memory goal: < 300 MB at 1,000,000 records and no higher at 5,000,000 (run with --records 5000000)');
rmSync(dir, { recursive: true, force: true });
