// Benchmark of text counting (npm run bench:count): tokencert's counter against raw @dqbd/tiktoken,
// gpt-tokenizer and js-tiktoken on a deterministic mixed corpus of more than 3 MB (English prose,
// Chinese, TypeScript code) built from text the repo ships. Each counter runs in its own child
// process so peak memory (max RSS) is measured fairly. Each child also recounts every vector of
// vectors/measure/count-<encoding>.json to show which counters are exact (TMS-M-004).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../src/paths.js';

type CounterName = 'tokencert' | '@dqbd/tiktoken' | 'gpt-tokenizer' | 'js-tiktoken';
const counters: CounterName[] = ['tokencert', '@dqbd/tiktoken', 'gpt-tokenizer', 'js-tiktoken'];
const encodings = ['o200k_base', 'cl100k_base'];

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Builds the corpus: ~4 KB documents, deterministic for a given tree. */
function buildCorpus(): { kind: string; text: string }[] {
  const rnd = prng(424242);
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  const prose = [fromRoot('README.md'), fromRoot('spec', 'tms.md'), ...files(fromRoot('docs'), '.md')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const sentences = prose.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.length > 20);
  const zhSeed = readFileSync(fromRoot('bench', 'corpus', 'zh.txt'), 'utf8');
  const clauses = zhSeed.split(/(?<=[，。；！？：])/).map((s) => s.trim()).filter(Boolean);
  const code = files(fromRoot('src'), '.ts').map((f) => readFileSync(f, 'utf8')).join('\n');
  const docs: { kind: string; text: string }[] = [];
  const make = (kind: string, target: number, next: () => string): void => {
    let total = 0;
    while (total < target) {
      let d = '';
      while (bytes(d) < 4000) d += next();
      docs.push({ kind, text: d });
      total += bytes(d);
    }
  };
  make('english', 1_250_000, () => `${sentences[Math.floor(rnd() * sentences.length)]}${rnd() < 0.15 ? '\n\n' : ' '}`);
  make('chinese', 950_000, () => `${clauses[Math.floor(rnd() * clauses.length)]}${rnd() < 0.1 ? '\n' : ''}`);
  let at = 0;
  make('code', 1_050_000, () => {
    const piece = code.slice(at, at + 500);
    at = (at + 500) % Math.max(1, code.length - 500);
    return piece;
  });
  return docs;
}

interface ChildResult { counter: string; encoding: string; init_ms: number; mb_per_s: number; tokens: number; peak_rss_mb: number; heap_mb: number; vectors: number; vector_mismatches: number }

type Count = (text: string, allowed?: 'all' | string[]) => number;

async function loadCounter(name: CounterName, encoding: string): Promise<Count> {
  if (name === 'tokencert') {
    const { getEncoding } = await import('../src/measure/encodings.js');
    const enc = getEncoding(encoding);
    return (t, a) => enc.count(t, a ? { allowedSpecial: a } : undefined);
  }
  if (name === '@dqbd/tiktoken') {
    const { get_encoding } = await import('@dqbd/tiktoken');
    const enc = get_encoding(encoding as 'o200k_base');
    return (t, a) => (a ? enc.encode(t, a, []).length : enc.encode_ordinary(t).length);
  }
  if (name === 'gpt-tokenizer') {
    const m = (await import(`gpt-tokenizer/encoding/${encoding}`)) as { countTokens(t: string, o?: unknown): number; encode(t: string, o?: unknown): number[] };
    const none = { disallowedSpecial: new Set<string>() };
    return (t, a) => (a ? m.encode(t, { allowedSpecial: a === 'all' ? undefined : new Set(a), disallowedSpecial: new Set() }).length : m.countTokens(t, none));
  }
  const { getEncoding } = await import('js-tiktoken');
  const enc = getEncoding(encoding as 'o200k_base');
  return (t, a) => enc.encode(t, a ?? [], []).length;
}

async function child(name: CounterName, encoding: string, corpusPath: string): Promise<void> {
  const docs = JSON.parse(readFileSync(corpusPath, 'utf8')) as { text: string }[];
  const totalBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
  const t0 = performance.now();
  const count = await loadCounter(name, encoding);
  count('warm up');
  const initMs = performance.now() - t0;
  for (const d of docs.slice(0, 50)) count(d.text);
  let best = Infinity;
  let tokens = 0;
  for (let pass = 0; pass < 3; pass++) {
    const s = performance.now();
    let n = 0;
    for (const d of docs) n += count(d.text);
    best = Math.min(best, performance.now() - s);
    tokens = n;
  }
  const vf = JSON.parse(readFileSync(fromRoot('vectors', 'measure', `count-${encoding}.json`), 'utf8')) as { test_groups: { tests: { text: string; text_repeat?: number; allowed_special?: 'all' | string[]; count: number }[] }[] };
  let vectors = 0;
  let mismatches = 0;
  for (const g of vf.test_groups) {
    for (const t of g.tests) {
      vectors++;
      const text = t.text_repeat ? t.text.repeat(t.text_repeat) : t.text;
      let n: number;
      try {
        n = count(text, t.allowed_special);
      } catch {
        n = -1;
      }
      if (n !== t.count) mismatches++;
    }
  }
  (globalThis as { gc?: () => void }).gc?.();
  const result: ChildResult = {
    counter: name,
    encoding,
    init_ms: Math.round(initMs),
    mb_per_s: totalBytes / 1e6 / (best / 1000),
    tokens,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    heap_mb: process.memoryUsage().heapUsed / 1e6,
    vectors,
    vector_mismatches: mismatches,
  };
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3] as CounterName, process.argv[4], process.argv[5]);
  const docs = buildCorpus();
  const total = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
  const byKind = (k: string): number => docs.filter((d) => d.kind === k).reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-bench-'));
  const corpusPath = join(dir, 'corpus.json');
  writeFileSync(corpusPath, JSON.stringify(docs));
  const versions = Object.fromEntries(['@dqbd/tiktoken', 'gpt-tokenizer', 'js-tiktoken'].map((p) => [p, (JSON.parse(readFileSync(fromRoot('node_modules', p, 'package.json'), 'utf8')) as { version: string }).version]));
  console.log(`corpus: ${(total / 1e6).toFixed(2)} MB in ${docs.length} documents (english ${(byKind('english') / 1e6).toFixed(2)} MB, chinese ${(byKind('chinese') / 1e6).toFixed(2)} MB, code ${(byKind('code') / 1e6).toFixed(2)} MB); node ${process.version}`);
  console.log(`peers: ${Object.entries(versions).map(([k, v]) => `${k}@${v}`).join(', ')}; each counter runs in its own process; MB/s is the best of 3 passes\n`);
  const rows: ChildResult[] = [];
  for (const encoding of encodings) {
    for (const c of counters) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fromRoot('bench', 'count.bench.ts'), '--child', c, encoding, corpusPath], { encoding: 'utf8', maxBuffer: 1 << 24 });
      rows.push(JSON.parse(out) as ChildResult);
    }
  }
  const reference = new Map(rows.filter((r) => r.counter === '@dqbd/tiktoken').map((r) => [r.encoding, r.tokens]));
  const head = ['encoding', 'counter', 'MB/s', 'init ms', 'peak RSS MB', 'heap MB', 'corpus tokens', 'vectors exact'];
  const lines = rows.map((r) => [r.encoding, r.counter, r.mb_per_s.toFixed(2), String(r.init_ms), r.peak_rss_mb.toFixed(0), r.heap_mb.toFixed(0), `${r.tokens}${r.tokens === reference.get(r.encoding) ? '' : ' (≠ tiktoken)'}`, `${r.vectors - r.vector_mismatches}/${r.vectors}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n'));
}

await main();
