// Benchmark of text counting (npm run bench:count), tokencert beside @dqbd/tiktoken, gpt-tokenizer
// and js-tiktoken. Every figure comes from a fresh process per counter (bench/count-child.mjs,
// bench/oneshot/*.mjs), so nothing is cached between measurements:
//  - one-shot CLI / script: whole-process CPU time, wall time and peak RSS of counting "hello";
//    `tokencert --version` and `help` too;
//  - per corpus class and encoding: start-up (load + first count), the FIRST pass over documents the
//    process has never seen (cold, the headline), a second pass over the same documents (warm,
//    labelled), and whether the counter is exact (corpus tokens equal @dqbd/tiktoken's, every vector).
// Corpora: text the repo ships (README, spec, docs, src, bench/corpus) plus generated multilingual
// text (new words built from each script's letters, so the first pass really meets unseen pieces).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../src/paths.js';

type CounterName = 'tokencert' | '@dqbd/tiktoken' | 'gpt-tokenizer' | 'js-tiktoken';
const counters: CounterName[] = ['tokencert', '@dqbd/tiktoken', 'gpt-tokenizer', 'js-tiktoken'];
const encodings = ['o200k_base', 'cl100k_base'];
/** Bytes per corpus class (BENCH_CLASS_KB to change). */
const CLASS_BYTES = Number(process.env.BENCH_CLASS_KB ?? 400) * 1000;

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(424242);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

const seeds = readFileSync(fromRoot('bench', 'corpus', 'multilingual.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split('\t') as [string, string]);
const seed = (...langs: string[]): string[] => seeds.filter(([l]) => langs.includes(l)).map(([, t]) => t);

/** A new word of `len` letters drawn from a script's letters as they occur in real text. */
function word(letters: string[], len: number): string {
  let w = '';
  for (let i = 0; i < len; i++) w += pick(letters);
  return w;
}
const lettersOf = (texts: string[]): string[] => [...texts.join('')].filter((c) => /\p{L}|\p{M}/u.test(c));

/** Sentences of generated words in the scripts of `langs`, with the seeds' punctuation style. */
function generated(langs: string[], spaced: boolean): () => string {
  const letters = lettersOf(seed(...langs));
  return () => {
    const n = 4 + Math.floor(rnd() * 10);
    const words = Array.from({ length: n }, () => word(letters, spaced ? 2 + Math.floor(rnd() * 8) : 1 + Math.floor(rnd() * 4)));
    return spaced ? `${words.join(' ')}${pick(['. ', ', ', '? ', '.\n'])}` : `${words.join('')}${pick(['，', '。', '、', '。\n'])}`;
  };
}

/** Documents of about 4 KB until the class holds CLASS_BYTES, each from `next()` pieces. */
function docs(next: () => string): string[] {
  const out: string[] = [];
  let total = 0;
  while (total < CLASS_BYTES) {
    let d = '';
    while (Buffer.byteLength(d) < 4000) d += next();
    out.push(d);
    total += Buffer.byteLength(d);
  }
  return out;
}

function buildCorpora(): Record<string, string[]> {
  const prose = [fromRoot('README.md'), fromRoot('spec', 'tms.md'), ...files(fromRoot('docs'), '.md')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const sentences = prose
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
  const zh = readFileSync(fromRoot('bench', 'corpus', 'zh.txt'), 'utf8')
    .split(/(?<=[，。；！？：])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const cjkReal = [...zh, ...seed('ja', 'ko', 'zh')];
  const genCjk = generated(['zh', 'ja'], false);
  const genKo = generated(['ko'], true);
  const nonLatin = ['ar', 'hi', 'ru', 'uk', 'fa', 'bn', 'ta', 'he', 'el', 'hy', 'ka', 'th'];
  const genNonLatin = nonLatin.map((l) => generated([l], l !== 'th'));
  const code = files(fromRoot('src'), '.ts')
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  let at = 0;
  const codeNext = (): string => {
    const piece = code.slice(at, at + 500);
    at = (at + 500) % Math.max(1, code.length - 500);
    return piece;
  };
  const english = (): string => `${pick(sentences)}${rnd() < 0.15 ? '\n\n' : ' '}`;
  const cjk = (): string => (rnd() < 0.5 ? `${pick(cjkReal)}${rnd() < 0.1 ? '\n' : ''}` : rnd() < 0.8 ? genCjk() : genKo());
  const scripts = (): string => (rnd() < 0.4 ? `${pick(seed(...nonLatin))} ` : pick(genNonLatin)());
  const mixed = (): string =>
    pick([english, cjk, scripts, () => `${pick(seed('de', 'es', 'fr', 'pl', 'tr', 'vi', 'sw', 'yo', 'emoji', 'math', 'combining'))} `])();
  // Rare characters: ones the fast path leaves to tiktoken's core (classes differ between Node's
  // Unicode 17 and tiktoken's 16.0; lone surrogates) and rarely-seen but safe ones, one per ~300 bytes.
  const rare = [
    '\u0295',
    '\u088f',
    '\ua7ce',
    String.fromCodePoint(0x323b0),
    String.fromCodePoint(0x16ea0),
    'ệ',
    'ở',
    'ʔ',
    '\u{1f9ec}',
    '𝔘',
    '\u2e3b',
    '\ufdfd',
  ];
  let sinceRare = 0;
  const withRare = (): string => {
    const s = mixed();
    sinceRare += s.length;
    if (sinceRare < 300) return s;
    sinceRare = 0;
    const i = Math.floor(rnd() * s.length);
    return `${s.slice(0, i)}${pick(rare)}${s.slice(i)}`.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  };
  return {
    'English/Latin prose': docs(english),
    'CJK-heavy': docs(cjk),
    'Arabic/Hindi/Cyrillic…': docs(scripts),
    code: docs(codeNext),
    'mixed multilingual': docs(mixed),
    'rare characters': docs(withRare),
  };
}

interface ChildResult {
  start_ms: number;
  start_cpu_s: number;
  cold_mb_s: number;
  warm_mb_s: number;
  tokens: number;
  peak_rss_mb: number;
  vectors: number;
  vector_mismatches: number;
}

function child(counter: CounterName, encoding: string, corpus: string, vectors: boolean): ChildResult {
  const out = execFileSync(process.execPath, [fromRoot('bench', 'count-child.mjs'), counter, encoding, corpus, vectors ? 'yes' : 'no'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    cwd: fromRoot(),
  });
  return JSON.parse(out) as ChildResult;
}

interface OneShot {
  cpu_s: number;
  wall_s: number;
  peak_rss_mb: number;
  out: string;
}

/** Runs `args` in a fresh node process with the rusage hook; CPU and RSS of that whole process. */
function oneShot(args: string[]): OneShot {
  const file = join(tmp, `rusage-${Math.random().toString(36).slice(2)}.json`);
  const t = performance.now();
  const out = execFileSync(process.execPath, ['--import', fromRoot('bench', 'oneshot', 'rusage.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TOKENCERT_RUSAGE: file },
    cwd: fromRoot(),
  });
  const wall = (performance.now() - t) / 1000;
  return { ...(JSON.parse(readFileSync(file, 'utf8')) as { cpu_s: number; peak_rss_mb: number }), wall_s: wall, out: out.trim() };
}

/** Median of `n` runs by CPU time (the machine is shared; the median damps one-off stalls). */
function median(n: number, run: () => OneShot): OneShot {
  const runs = Array.from({ length: n }, run).sort((a, b) => a.cpu_s - b.cpu_s);
  return runs[Math.floor(n / 2)];
}

const load = (): string =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} CPUs`;
const tmp = mkdtempSync(join(tmpdir(), 'tokencert-count-bench-'));
const fmtTable = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
};

async function main(): Promise<void> {
  const versions = ['@dqbd/tiktoken', 'gpt-tokenizer', 'js-tiktoken'].map(
    (p) => `${p}@${(JSON.parse(readFileSync(fromRoot('node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`,
  );
  console.log(`node ${process.version}; peers ${versions.join(', ')}; ${load()} at start`);
  const goals: string[] = [];
  const goal = (ok: boolean, text: string): void => void goals.push(`${ok ? 'MET    ' : 'NOT MET'}  ${text}`);

  // One-shot processes (median of 3).
  const runs = Number(process.env.BENCH_ONESHOT_RUNS ?? 3);
  const shots: string[][] = [];
  const bin = fromRoot('bin', 'tokencert.mjs');
  const version = median(runs, () => oneShot([bin, '--version']));
  const help = median(runs, () => oneShot([bin, 'help']));
  shots.push(['tokencert --version', '–', version.cpu_s.toFixed(2), version.wall_s.toFixed(2), version.peak_rss_mb.toFixed(0)]);
  shots.push(['tokencert help', '–', help.cpu_s.toFixed(2), help.wall_s.toFixed(2), help.peak_rss_mb.toFixed(0)]);
  goal(version.cpu_s <= 0.3 && help.cpu_s <= 0.3, `--version and help ≤ 0.3 s CPU: ${version.cpu_s.toFixed(2)} s and ${help.cpu_s.toFixed(2)} s`);
  for (const encoding of encodings) {
    const cli = median(runs, () => oneShot([bin, 'count', '--encoding', encoding, '--text', 'hello']));
    const api = median(runs, () => oneShot([fromRoot('bench', 'oneshot', 'tokencert-api.mjs'), encoding, 'hello']));
    const peers = Object.fromEntries(
      (['dqbd', 'gpt-tokenizer', 'js-tiktoken'] as const).map((p) => [
        p,
        median(runs, () => oneShot([fromRoot('bench', 'oneshot', `${p}.mjs`), encoding, 'hello'])),
      ]),
    );
    for (const [name, r] of [
      ['tokencert count (CLI)', cli],
      ['tokencert countText (API)', api],
      ['@dqbd/tiktoken script', peers.dqbd],
      ['gpt-tokenizer script', peers['gpt-tokenizer']],
      ['js-tiktoken script', peers['js-tiktoken']],
    ] as const) {
      shots.push([name, encoding, r.cpu_s.toFixed(2), r.wall_s.toFixed(2), r.peak_rss_mb.toFixed(0)]);
    }
    const g = peers['gpt-tokenizer'];
    goal(
      cli.cpu_s <= 1.2 * g.cpu_s,
      `${encoding}: count --text hello CPU ≤ 1.2× gpt-tokenizer's: ${cli.cpu_s.toFixed(2)} s vs ${g.cpu_s.toFixed(2)} s (${(cli.cpu_s / g.cpu_s).toFixed(2)}×)`,
    );
    goal(
      cli.peak_rss_mb <= 1.2 * g.peak_rss_mb,
      `${encoding}: one-shot peak RSS ≤ 1.2× gpt-tokenizer's: ${cli.peak_rss_mb.toFixed(0)} MB vs ${g.peak_rss_mb.toFixed(0)} MB (${(cli.peak_rss_mb / g.peak_rss_mb).toFixed(2)}×)`,
    );
  }
  console.log(`\nOne-shot processes (count "hello"; whole-process CPU and peak RSS, median of ${runs}; ${load()}):\n`);
  console.log(fmtTable(['process', 'encoding', 'CPU s', 'wall s', 'peak RSS MB'], shots));

  // Throughput per corpus class.
  const corpora = buildCorpora();
  const rows: string[][] = [];
  const classes = Object.keys(corpora);
  const sizes = classes.map((c) => `${c} ${(corpora[c].reduce((s, d) => s + Buffer.byteLength(d), 0) / 1e6).toFixed(2)} MB`);
  console.log(`\nCorpus classes: ${sizes.join(', ')}; documents of ~4 KB.`);
  for (const encoding of encodings) {
    // Vectors are checked in each counter's first-class process; a counter that misses one is not exact anywhere.
    const vectorsExact = new Map<CounterName, boolean>();
    for (const [ci, cls] of classes.entries()) {
      const file = join(tmp, `corpus-${ci}.json`);
      writeFileSync(file, JSON.stringify(corpora[cls]));
      const results = new Map<CounterName, ChildResult>();
      for (const c of counters) results.set(c, child(c, encoding, file, ci === 0));
      const ref = results.get('@dqbd/tiktoken')!;
      if (ci === 0) for (const c of counters) vectorsExact.set(c, results.get(c)!.vector_mismatches === 0);
      const exact = (c: CounterName): boolean => results.get(c)!.tokens === ref.tokens && vectorsExact.get(c) === true;
      const peersExact = counters.filter((c) => c !== 'tokencert' && exact(c));
      const best = Math.max(...peersExact.map((c) => results.get(c)!.cold_mb_s));
      const tc = results.get('tokencert')!;
      for (const c of counters) {
        const r = results.get(c)!;
        const vec = ci === 0 ? ` (vectors ${r.vectors - r.vector_mismatches}/${r.vectors})` : '';
        rows.push([
          encoding,
          cls,
          c,
          r.cold_mb_s.toFixed(2),
          r.warm_mb_s.toFixed(2),
          r.start_cpu_s.toFixed(2),
          r.peak_rss_mb.toFixed(0),
          `${exact(c) ? 'yes' : 'NO'}${vec}`,
        ]);
      }
      goal(
        exact('tokencert') && tc.cold_mb_s >= 1.5 * best,
        `${encoding}, ${cls}: first pass ≥ 1.5× the fastest exact peer: ${tc.cold_mb_s.toFixed(2)} MB/s vs ${best.toFixed(2)} (${(tc.cold_mb_s / best).toFixed(2)}×)`,
      );
    }
  }
  console.log(
    `\nThroughput (each row a fresh process; cold = first pass over unseen documents; warm = second pass over the same documents, piece caches filled; ${load()}):\n`,
  );
  console.log(fmtTable(['encoding', 'corpus', 'counter', 'cold MB/s', 'warm MB/s', 'start-up CPU s', 'peak RSS MB', 'exact'], rows));
  console.log(`\nGoals (issue 10):\n${goals.join('\n')}`);
  console.log(`\n${load()} at end. The machine is shared: figures are noisy; compare ratios within one run.`);
}

await main();
