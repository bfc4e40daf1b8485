// Benchmark of settlement (TMS-S-017): generates N measurement records into a temp JSONL file, then
// settles them with the streaming accumulator and reports seconds, throughput and peak memory (RSS
// and heap, sampled every 20 ms). It runs several sizes so the growth per record is visible: the
// goal is memory bounded by line items plus, per distinct record, its id and 32-byte digest.
// Usage: node --expose-gc --import tsx bench/settle.bench.ts [N...]   (default 100000 1000000)
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { sampleRecords, sampleSheet } from '../src/testing/sampleRecords.js';
import { settleFiles } from '../src/settlement/settleFiles.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const runs = sizes.length ? sizes : [100_000, 1_000_000];
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (b: number) => (b / 1048576).toFixed(1);

/** Writes n records (in chunks, so the generator itself stays small) and returns the file size. */
async function generate(path: string, n: number): Promise<number> {
  const out = createWriteStream(path);
  const chunk = 10_000;
  for (let i = 0; i < n; i += chunk) {
    const rs = sampleRecords(Math.min(chunk, n - i), 1000 + i / chunk, true);
    // Unique ids across chunks: sampleRecords numbers from 0 in every chunk.
    const text = rs.map((r, k) => JSON.stringify({ ...r, record_id: `rec-${String(i + k).padStart(9, '0')}` })).join('\n') + '\n';
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

const rows: string[][] = [];
const dir = await mkdtemp(join(tmpdir(), 'tc-settle-bench-'));
try {
  for (const n of runs) {
    const file = join(dir, `records-${n}.jsonl`);
    const bytes = await generate(file, n);
    gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = process.hrtime.bigint();
    const r = await settleFiles([file], { sheet: sampleSheet(), from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    clearInterval(timer);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    rows.push([
      n.toLocaleString('en'),
      mb(bytes),
      secs.toFixed(1),
      Math.round(n / secs).toLocaleString('en'),
      mb(peakRss),
      mb(peakHeap),
      mb(peakHeap - base.heapUsed),
      ((peakHeap - base.heapUsed) / n).toFixed(0),
      String(r.statement.line_items.length),
      `${r.statement.counts.billed}/${r.statement.counts.excluded}`,
    ]);
    await rm(file);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const head = ['records', 'input MB', 'seconds', 'records/s', 'peak RSS MB', 'peak heap MB', 'heap growth MB', 'heap B/record', 'line items', 'billed/excluded'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(`settle.bench (node ${process.version}${gc ? '' : ', run with --expose-gc for a clean baseline'})`);
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('Memory bound: per distinct record the id (Map entry) and the 32-byte digest; record bodies are never kept.');
console.log('Excluded records are listed in the statement, so they are kept in memory (id, digest, time) by design.');
