// Every reader, fed fast-check-mutated inputs (truncated, bytes flipped or inserted, hostile tokens
// spliced in, random bytes; JSON, JSON lines, YAML, CSV and gzip), ends with exit 0, 1 or 2 — one
// stderr line for 2 — within a time bound, and never with "internal error" (exit 70, TMS-C-017).
// CI runs a fixed seed (test/setup/fastCheckSeed.ts); FC_SEED=random explores.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';
import { fromRoot } from '../src/paths.js';
import { writeSyntheticRun } from '../src/testing/syntheticRun.js';

const root = mkdtempSync(join(tmpdir(), 'tc-fuzz-'));
const SHEET = fromRoot('examples', 'sheets', 'list-prices.yaml');
const PERIOD = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const TIME_BOUND_MS = 20_000;
const seeds: Record<string, Buffer> = {};
let n = 0;

// Pieces that broke readers before: numbers beyond the double range, -0, 2^53+1, NUL, a lone
// surrogate escape, invalid UTF-8, YAML anchors/aliases/merge keys, deep nesting, CR.
const HOSTILE = [
  '1e309',
  '-0',
  '9007199254740993',
  '-1e400',
  '\u0000',
  '"\\ud800"',
  '\xff',
  '\xc3',
  '&a [1]',
  '*a',
  '<<: *a',
  '[[[[[[[[[[[[',
  '{"a":',
  '\r',
  '"',
  ',,',
  '\t',
  '0.1e-400',
];

/** A mutation of `seed`: truncated, a byte changed, bytes inserted, a hostile token spliced in, or random bytes. */
function mutated(seed: Buffer): fc.Arbitrary<Buffer> {
  const at = fc.nat(Math.max(0, seed.length));
  return fc.oneof(
    at.map((i) => seed.subarray(0, i)),
    fc.tuple(at, fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
      const c = Buffer.from(seed);
      if (c.length > 0) c[Math.min(i, c.length - 1)] = b;
      return c;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([i, b]) => Buffer.concat([seed.subarray(0, i), Buffer.from(b), seed.subarray(i)])),
    fc
      .tuple(at, fc.constantFrom(...HOSTILE))
      .map(([i, h]) => Buffer.concat([seed.subarray(0, i), Buffer.from(h, h.length === 1 && h.charCodeAt(0) > 0x7f ? 'latin1' : 'utf8'), seed.subarray(i)])),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  );
}

/** Runs the CLI in-process and checks the outcome contract. */
async function check(args: string[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`over ${TIME_BOUND_MS} ms: ${args.join(' ')}`)), TIME_BOUND_MS);
  });
  try {
    const r = await Promise.race([runCliForTest(args), timeout]);
    expect(r.err, args.join(' ')).not.toContain('internal error');
    expect([0, 1, 2], `${args.join(' ')}\n${r.err}`).toContain(r.code);
    if (r.code === 2) {
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^tokencert: /);
      expect(lines.length === 1 || lines[1].startsWith('Run "tokencert --help"'), r.err).toBe(true);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Writes fuzzed bytes to a fresh file with the given extension. */
function file(bytes: Buffer, ext: string): string {
  const p = join(root, `in-${++n}.${ext}`);
  writeFileSync(p, bytes);
  return p;
}

let hostile: Server;
let hostileUrl: string;
let hostileBody: Buffer = Buffer.alloc(0);
const suite = join(root, 'suite.yaml');

beforeAll(async () => {
  const recs = join(root, 'records.jsonl');
  const gen = await runCliForTest([
    'generate',
    'records',
    '--count',
    '6',
    '--seed',
    '7',
    '--out',
    recs,
    '--statement-out',
    join(root, 'billed.json'),
    '--planted-out',
    join(root, 'planted.jsonl'),
    '--sheet',
    SHEET,
    ...PERIOD,
  ]);
  expect(gen.code, gen.err).toBe(0);
  seeds.records = readFileSync(recs);
  seeds.gz = gzipSync(seeds.records);
  seeds.record = Buffer.from(seeds.records.toString().split('\n')[0]);
  seeds.sheet = readFileSync(SHEET);
  seeds.statement = readFileSync(join(root, 'billed.json'));
  seeds.request = Buffer.from(
    JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'hi', name: 'a' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { x: { type: 'string', enum: ['a'] } } } } }],
    }),
  );
  seeds.text = Buffer.from('Bonjour ! 你好，世界。 🌍 naïve café\n');
  seeds.csv = Buffer.from('record_id,time,model,input_tokens,output_tokens\nr1,2026-01-05T00:00:00Z,gpt-4o,10,5\n');
  seeds.litellm = readFileSync(fromRoot('src', 'pricing', 'import', 'fixtures', 'litellm-sample.json'));
  const run = join(root, 'run');
  await writeSyntheticRun(run);
  seeds.events = readFileSync(join(run, 'events.jsonl'));
  seeds.response = Buffer.from(
    JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 },
    }),
  );
  writeFileSync(
    suite,
    'name: fuzz\nversion: 0.0.1\ndescription: one exchange\ncases:\n- id: one\n  title: one plain exchange\n  checks: [usage-shape, totals-are-sums, transport-errors-surface]\n  requirements: [TMS-C-109, TMS-C-110, TMS-M-020, TMS-M-021]\n  input:\n    messages:\n    - role: user\n      content: hello\n',
  );
  hostile = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(hostileBody));
  });
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', () => r()));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => new Promise((r) => hostile.close(r)));

/** One property per reader: the command line built around a fuzzed file. */
const readers: [string, string, string, (f: string) => string[]][] = [
  ['count (text)', 'text', 'txt', (f) => ['count', '--encoding', 'o200k_base', f]],
  ['count --request (JSON)', 'request', 'json', (f) => ['count', '--request', f]],
  ['validate (JSON lines)', 'records', 'jsonl', (f) => ['validate', '--schema', 'measurement-record', f]],
  ['price --sheet (YAML)', 'sheet', 'yaml', (f) => ['price', '--sheet', f, '--usage', join(root, 'record.json')]],
  ['price --usage (JSON)', 'record', 'json', (f) => ['price', '--sheet', SHEET, '--usage', f]],
  ['settle --records (JSON lines)', 'records', 'jsonl', (f) => ['settle', '--sheet', SHEET, '--records', f, ...PERIOD, '--out', join(root, `st-${n}.json`)]],
  ['verify --statement (JSON)', 'statement', 'json', (f) => ['verify', '--statement', f, '--records', join(root, 'records.jsonl'), '--sheet', SHEET]],
  ['prove --records (JSON lines)', 'records', 'jsonl', (f) => ['prove', '--statement', join(root, 'billed.json'), '--records', f, '--id', 'x']],
  ['audit --records (JSON lines)', 'records', 'jsonl', (f) => ['audit', '--records', f, '--sheet', SHEET, ...PERIOD, '--out', join(root, `a-${n}`), '--quiet']],
  ['audit --records (gzip)', 'gz', 'jsonl.gz', (f) => ['audit', '--records', f, '--sheet', SHEET, ...PERIOD, '--out', join(root, `a-${n}`), '--quiet']],
  ['audit --records (CSV)', 'csv', 'csv', (f) => ['audit', '--records', f, '--sheet', SHEET, ...PERIOD, '--out', join(root, `a-${n}`), '--quiet']],
  [
    'audit --statement (JSON)',
    'statement',
    'json',
    (f) => ['audit', '--records', join(root, 'records.jsonl'), '--sheet', SHEET, '--statement', f, '--out', join(root, `a-${n}`), '--quiet'],
  ],
  ['prices import (LiteLLM JSON)', 'litellm', 'json', (f) => ['prices', 'import', '--from', 'litellm', f, '--out', join(root, `sheet-${n}.yaml`)]],
];

describe('fuzzed inputs give exit 0, 1 or 2, never an internal error (TMS-C-017)', () => {
  beforeAll(() => writeFileSync(join(root, 'record.json'), seeds.record));

  it.each(readers)(
    '%s',
    async (_name, seed, ext, args) => {
      await fc.assert(
        fc.asyncProperty(mutated(seeds[seed]), async (bytes) => check(args(file(bytes, ext)))),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('report render (events.jsonl)', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(seeds.events), async (bytes) => {
        const dir = join(root, `run-${++n}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'events.jsonl'), bytes);
        await check(['report', 'render', dir]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('probe against a hostile loopback server (mutated response bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(seeds.response), async (bytes) => {
        hostileBody = bytes;
        await check(['probe', '--base-url', hostileUrl, '--api', 'openai-chat', '--model', 'fuzz-1', '--suite', suite, '--out', join(root, `p-${++n}`)]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('keeps its seeds valid: each unmutated seed is accepted', async () => {
    copyFileSync(join(root, 'records.jsonl'), join(root, 'seed.jsonl'));
    const r = await runCliForTest(['validate', '--schema', 'measurement-record', join(root, 'seed.jsonl')]);
    expect(r.code, r.err).toBe(0);
  });
});
