// Benchmark of `tokencert audit` (TMS-A-012): records/s, MB/s and peak memory on a generated log,
// without and with recount, with 1 and 2 worker threads, beside the floor measured in the same run:
// reading the same file and JSON.parse-ing every line. Prints each goal of issue 11 and whether it
// is met, with the machine's load average beside the figures. Usage:
//   npm run bench:audit [-- --records 1000000] [--recount-records 200000] [--big]
// --big adds the 5,000,000-record peak-memory run (a few minutes on an idle 2-core machine).
// Each audit runs in a child process so its peak RSS (process.resourceUsage().maxRSS, worker
// threads included) is its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
const BIG = process.argv.includes('--big');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
const loadBefore = load();
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
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', JSON.stringify(args)], {
    cwd: fromRoot(),
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  const r = child([
    'audit',
    '--records',
    plain,
    '--sheet',
    SHEET,
    '--statement',
    join(dir, 'plain', 'statement.json'),
    '--no-recount',
    '--workers',
    String(w),
    '--quiet',
    '--out',
    join(dir, `out-plain-${w}`),
  ]);
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
  const r = child([
    'audit',
    '--records',
    content,
    '--sheet',
    SHEET,
    '--statement',
    join(dir, 'content', 'statement.json'),
    '--workers',
    String(w),
    '--quiet',
    '--out',
    join(dir, `out-content-${w}`),
  ]);
  rows.push({ name: `audit, recount, ${w} worker${w > 1 ? 's' : ''}`, records: M, mb: mbOf(content), ms: r.ms, rssMb: r.maxRssKb / 1024 });
}

if (BIG) {
  console.error('generating 5,000,000 measurement records (no content) …');
  const big = join(dir, 'big', 'log.jsonl');
  await gen(['--count', '5000000', '--seed', '3', '--no-content', '--out', big]);
  for (const w of [1, 2]) {
    console.error(`audit of 5,000,000 records, ${w} worker(s) …`);
    const r = child([
      'audit',
      '--records',
      big,
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'big', 'statement.json'),
      '--no-recount',
      '--workers',
      String(w),
      '--quiet',
      '--out',
      join(dir, `out-big-${w}`),
    ]);
    rows.push({ name: `audit 5M, no recount, ${w} worker${w > 1 ? 's' : ''}`, records: 5_000_000, mb: mbOf(big), ms: r.ms, rssMb: r.maxRssKb / 1024 });
  }
}

const rate = (r: Row) => (r.records / r.ms) * 1000;
const floorRate = rate(rows[0]);
const floor2Rate = rate(rows.find((r) => r.name.startsWith('floor: read + JSON.parse (with'))!);
const counterRate = rate(rows.find((r) => r.name.startsWith('counter'))!);
const row = (name: string) => rows.find((r) => r.name === name);
console.log(`\ntokencert audit benchmark — ${N} records (recount log: ${M}), node ${process.version}, ${new Date().toISOString()}`);
console.log(`machine: load average (1, 5, 15 min) ${loadBefore} before, ${load()} after — figures are under that load`);
console.log(
  `${'scenario'.padEnd(42)} ${'records'.padStart(9)} ${'MB'.padStart(7)} ${'s'.padStart(7)} ${'records/s'.padStart(10)} ${'MB/s'.padStart(7)} ${'peak MB'.padStart(8)}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(42)} ${String(r.records).padStart(9)} ${r.mb ? r.mb.toFixed(0).padStart(7) : '-'.padStart(7)} ${(r.ms / 1000).toFixed(1).padStart(7)} ${rate(r).toFixed(0).padStart(10)} ${r.mb ? ((r.mb / r.ms) * 1000).toFixed(1).padStart(7) : '-'.padStart(7)} ${r.rssMb ? r.rssMb.toFixed(0).padStart(8) : '-'.padStart(8)}`,
  );
}
const goals: [string, number | undefined, number, string][] = [];
const w1 = row('audit, no recount, 1 worker');
const w2 = row('audit, no recount, 2 workers');
const r1 = row('audit, recount, 1 worker');
const r2 = row('audit, recount, 2 workers');
goals.push(['no recount, 1 worker ≥ 0.5× the floor', w1 && rate(w1) / floorRate, 0.5, '×']);
goals.push(['2 workers ≥ 1.6× 1 worker (no recount)', w1 && w2 && rate(w2) / rate(w1), 1.6, '×']);
goals.push(['recount ≥ 0.8× the counter per worker (1 worker)', r1 && rate(r1) / counterRate, 0.8, '×']);
goals.push(['recount ≥ 0.8× the counter per worker (2 workers)', r2 && rate(r2) / 2 / counterRate, 0.8, '×']);
for (const r of rows.filter((x) => x.rssMb)) goals.push([`peak RSS < 300 MB: ${r.name} (${r.records} records)`, r.rssMb, 300, 'MB']);
console.log('\ngoals (issue 11):');
for (const [name, got, want, unit] of goals) {
  if (got === undefined) continue;
  const met = unit === 'MB' ? got < want : got >= want;
  console.log(`  ${met ? '✓ met    ' : '✗ missed '} ${name.padEnd(70)} ${unit === 'MB' ? `${got.toFixed(0)} MB` : `${got.toFixed(2)}×`}`);
}
console.log(`  (floor with content: ${(floor2Rate / 1000).toFixed(0)}k lines/s; the 5M run needs --big)`);
rmSync(dir, { recursive: true, force: true });
