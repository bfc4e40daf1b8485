// One measurement of bench/count.bench.ts in a fresh process (plain JavaScript, no TypeScript loader):
// argv counter, encoding, corpus file (JSON array of documents), and whether to check the vectors.
// Prints JSON: start-up (load + first tiny count), first pass over the unseen documents (cold, MB per
// CPU second and per wall second),
// a second pass over the same documents (warm: caches filled), tokens, and vector exactness.
import { readFileSync } from 'node:fs';
import { peakRssKb } from './peakRss.mjs';

const [counter, encoding, corpusPath, checkVectors] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(corpusPath, 'utf8'));
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d, 'utf8'), 0);

async function load() {
  if (counter === 'tokencert') {
    const { getEncoding } = await import('../dist/measure/encodings.js');
    const enc = getEncoding(encoding);
    return (t, a) => enc.count(t, a ? { allowedSpecial: a } : undefined);
  }
  if (counter === '@dqbd/tiktoken') {
    const { get_encoding } = await import('@dqbd/tiktoken');
    const enc = get_encoding(encoding);
    return (t, a) => (a ? enc.encode(t, a, []).length : enc.encode_ordinary(t).length);
  }
  if (counter === 'gpt-tokenizer') {
    const m = await import(`gpt-tokenizer/encoding/${encoding}`);
    const none = { disallowedSpecial: new Set() };
    return (t, a) => (a ? m.encode(t, { allowedSpecial: a === 'all' ? undefined : new Set(a), disallowedSpecial: new Set() }).length : m.countTokens(t, none));
  }
  const { getEncoding } = await import('js-tiktoken');
  const enc = getEncoding(encoding);
  return (t, a) => enc.encode(t, a ?? [], []).length;
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const count = await load();
count('hello');
const startMs = performance.now() - t0;
const startCpu = process.cpuUsage(cpu0);

// Throughput is measured in CPU time of this process (user + system): on a shared machine wall time
// mostly measures the other processes; wall-clock MB/s is reported beside it.
const pass = () => {
  const s = performance.now();
  const c = process.cpuUsage();
  let n = 0;
  for (const d of docs) n += count(d);
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - s, cpu_s: (cpu.user + cpu.system) / 1e6, tokens: n };
};
const cold = pass();
const warm = pass();

let vectors = 0;
let mismatches = 0;
if (checkVectors === 'yes') {
  const vf = JSON.parse(readFileSync(new URL(`../vectors/measure/count-${encoding}.json`, import.meta.url), 'utf8'));
  for (const g of vf.test_groups) {
    for (const t of g.tests) {
      vectors++;
      let n;
      try {
        n = count(t.text_repeat ? t.text.repeat(t.text_repeat) : t.text, t.allowed_special);
      } catch {
        n = -1;
      }
      if (n !== t.count) mismatches++;
    }
  }
}
process.stdout.write(
  JSON.stringify({
    start_ms: startMs,
    start_cpu_s: (startCpu.user + startCpu.system) / 1e6,
    cold_mb_s: bytes / 1e6 / cold.cpu_s,
    cold_wall_mb_s: bytes / 1e6 / (cold.ms / 1000),
    warm_mb_s: bytes / 1e6 / warm.cpu_s,
    tokens: cold.tokens,
    peak_rss_mb: peakRssKb() / 1024,
    vectors,
    vector_mismatches: mismatches,
  }),
);
