// Bounded inputs: non-files where a file is expected, size limits, alias bombs and over-long lines
// are input errors (exit 2, one line naming the file), never a crash, a hang or a wrong verdict.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';
import { MAX_LINE_BYTES, splitLines } from '../src/io/readLines.js';
import { fromRoot } from '../src/paths.js';

const root = mkdtempSync(join(tmpdir(), 'tc-bounded-'));
const SHEET = fromRoot('examples', 'sheets', 'list-prices.yaml');
const PERIOD = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
const dir = join(root, 'a-directory');
const records = join(root, 'r.jsonl');
const statement = join(root, 'statement.json');
const fifo = join(root, 'fifo');

beforeAll(async () => {
  mkdirSync(dir);
  writeFileSync(records, '');
  execFileSync('mkfifo', [fifo]);
  const s = await runCliForTest(['settle', '--sheet', SHEET, '--records', records, ...PERIOD, '--out', statement]);
  expect(s.code, s.err).toBe(0);
});

/** Exit 2 with exactly one error line (plus at most the usage hint) naming `file`. */
function expectInputError(r: { code: number; err: string }, file: string, pattern?: RegExp): void {
  expect(r.code, r.err).toBe(2);
  const first = r.err.split('\n')[0];
  expect(first).toContain(file);
  if (pattern) expect(first).toMatch(pattern);
  expect(r.err.trim().split('\n').length).toBe(1);
}

describe('a directory, FIFO or device where a file is expected is exit 2 (TMS-C-014)', () => {
  it.each([
    ['settle', () => ['settle', '--sheet', SHEET, '--records', dir, ...PERIOD, '--out', join(root, 'x.json')]],
    ['verify', () => ['verify', '--statement', statement, '--records', dir, '--sheet', SHEET]],
    ['prove', () => ['prove', '--statement', statement, '--records', dir, '--id', 'r1']],
    ['count', () => ['count', '--encoding', 'o200k_base', dir]],
    ['validate', () => ['validate', '--schema', 'measurement-record', dir]],
  ])('%s with a directory as input', async (_name, args) => {
    expectInputError(await runCliForTest(args()), dir, /is a directory, expected a file/);
  });

  // audit reads a directory as the parts of one log (TMS-A-018); one with no parts is still exit 2, naming it.
  it('TMS-A-018: audit with a directory holding no log parts', async () => {
    const r = await runCliForTest(['audit', '--records', dir, '--sheet', SHEET, ...PERIOD, '--out', join(root, 'audit-dir'), '--quiet']);
    expectInputError({ code: r.code, err: r.err.replace(/\nRun "tokencert --help" for usage\.\n?$/, '\n') }, dir, /holds no log parts/);
  });

  it.each([
    ['a FIFO as --sheet', () => ['price', '--sheet', fifo, '--usage', records], () => fifo],
    ['a device as --sheet', () => ['price', '--sheet', '/dev/zero', '--usage', records], () => '/dev/zero'],
    ['a FIFO as --records', () => ['audit', '--records', fifo, '--sheet', SHEET, ...PERIOD, '--out', join(root, 'audit-fifo'), '--quiet'], () => fifo],
  ])('%s is refused without reading it', async (_name, args, file) => {
    expectInputError(await runCliForTest(args()), file(), /not a regular file/);
  });
});

describe('size limits and alias bombs (TMS-C-012, TMS-C-013)', () => {
  it('a price sheet or usage file over the document limit is exit 2 before it is read', async () => {
    const big = join(root, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // sparse: costs no disk
    expectInputError(await runCliForTest(['price', '--sheet', big, '--usage', records]), big, /over the limit of 67108864 bytes/);
    expectInputError(await runCliForTest(['price', '--sheet', SHEET, '--usage', big]), big, /over the limit/);
  });

  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '',
  ].join('\n');
  it.each([
    ['sheet', (f: string) => ['price', '--sheet', f, '--usage', records]],
    ['target', (f: string) => ['probe', '--target', f, '--dry-run']],
    ['suite', (f: string) => ['probe', '--suite', f, '--dry-run']],
  ])('a YAML alias bomb as a %s is exit 2 with file and line', async (name, args) => {
    const f = join(root, `bomb-${name}.yaml`);
    writeFileSync(f, bomb);
    expectInputError(await runCliForTest(args(f)), f, /:\d+:\d+: YAML aliases: too many alias expansions/);
  });
});

describe('line splitting is linear and bounded (TMS-C-012)', () => {
  async function* chunks(parts: Buffer[]): AsyncGenerator<Buffer> {
    for (const p of parts) yield p;
  }

  it('gives the same lines as split("\\n") however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', 'é') }), fc.array(fc.nat(20), { maxLength: 30 }), async (text, cuts) => {
        const bytes = Buffer.from(text);
        const parts: Buffer[] = [];
        let at = 0;
        for (const c of cuts) {
          parts.push(bytes.subarray(at, Math.min(bytes.length, at + c)));
          at = Math.min(bytes.length, at + c);
        }
        parts.push(bytes.subarray(at));
        const got: string[] = [];
        for await (const l of splitLines(chunks(parts))) got.push(l.bytes.toString());
        const want = text.split('\n').map((l) => l.replace(/\r$/, ''));
        if (text.endsWith('\n') || text === '') want.pop();
        expect(got).toEqual(want);
      }),
    );
  });

  it('a line over the limit is reported with its number and the next lines are still read', async () => {
    const lines: { line: number; tooLong?: number; text: string }[] = [];
    for await (const l of splitLines(chunks([Buffer.from('ok\n'), Buffer.from('x'.repeat(70)), Buffer.from('y'.repeat(70)), Buffer.from('\nfine\n')]), 100))
      lines.push({ line: l.line, tooLong: l.tooLong, text: l.bytes.toString() });
    expect(lines).toEqual([
      { line: 1, tooLong: undefined, text: 'ok' },
      { line: 2, tooLong: 140, text: '' },
      { line: 3, tooLong: undefined, text: 'fine' },
    ]);
    expect(MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
  });
});
