import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest } from '../src/testing/runCliForTest.js';
import { OUTPUT_MARKER, stageOutput, writeOutputDir } from '../src/io/outputDir.js';
import { fromRoot } from '../src/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tokencert-outputs-'));
const CHILD = fromRoot('test', 'fixtures', 'stageLoop.ts');

/** Starts the child that writes output sets; resolves with it once it printed `lines` lines. */
function child(target: string, mode: string, lines: number) {
  const p = spawn(process.execPath, ['--import', 'tsx', CHILD, target, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stderr.on('data', (d) => (err += d));
  const ready = new Promise<string>((resolve, reject) => {
    p.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').length > lines) resolve(out);
    });
    p.on('exit', () => reject(new Error(`child exited early: ${err}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => p.on('exit', (_c, s) => resolve(s)));
  return { p, ready, exited };
}

/** The five files of a set all from one generation, and the marker: a complete set. */
function expectCompleteSet(dir: string): void {
  expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
  const gens = new Set(['a', 'b', 'c', 'd', 'e'].map((n) => readFileSync(join(dir, `${n}.txt`), 'utf8')));
  expect(gens.size).toBe(1);
  expect([...gens][0]).toMatch(/^(\d+\n){2000}$/);
}

describe('outputs never destroy what they replace (TMS-C-007)', () => {
  it('a path that is a file is an error naming it, and the file is kept', async () => {
    const file = join(tmp(), 'somefile.txt');
    writeFileSync(file, 'mine');
    await expect(stageOutput(file, { kind: 'test' })).rejects.toMatchObject({ code: 'output-unwritable', exitCode: 2, location: { file } });
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('a directory holding files tokencert did not write is refused, untouched, with nothing left beside it', async () => {
    const root = tmp();
    const dir = join(root, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.tex'), 'years of work');
    await expect(stageOutput(dir, { kind: 'test' })).rejects.toMatchObject({ code: 'output-unwritable', exitCode: 2 });
    expect(readdirSync(dir)).toEqual(['thesis.tex']);
    expect(readdirSync(root)).toEqual(['mine']);
  });

  it('an empty directory, a tokencert output and an absent path are replaced; a failed run leaves the old set', async () => {
    const root = tmp();
    for (const name of ['empty', 'absent']) {
      if (name === 'empty') mkdirSync(join(root, name));
      await writeOutputDir(join(root, name), { kind: 'test' }, async (d) => writeFileSync(join(d, 'x.txt'), 'one'));
      expect(readdirSync(join(root, name)).sort()).toEqual([OUTPUT_MARKER, 'x.txt']);
    }
    const dir = join(root, 'empty');
    await writeOutputDir(dir, { kind: 'test' }, async (d) => writeFileSync(join(d, 'y.txt'), 'two'));
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'y.txt']);
    await expect(
      writeOutputDir(dir, { kind: 'test' }, async (d) => {
        writeFileSync(join(d, 'z.txt'), 'half');
        throw new Error('crash mid-run');
      }),
    ).rejects.toThrow('crash mid-run');
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'y.txt']);
    expect(readdirSync(root).sort()).toEqual(['absent', 'empty']);
  });

  it('a run directory of an earlier version (events.jsonl and report files, no marker) is still replaced', async () => {
    const dir = join(tmp(), 'latest');
    mkdirSync(dir);
    for (const f of ['events.jsonl', 'report.json', 'report.html', 'junit.xml', 'summary.md']) writeFileSync(join(dir, f), '');
    await writeOutputDir(dir, { kind: 'test' }, async () => {});
    expect(readdirSync(dir)).toEqual([OUTPUT_MARKER]);
  });

  it('probe --out refuses a file and a foreign directory before sending anything (exit 2, one line)', async () => {
    const root = tmp();
    const file = join(root, 'somefile.txt');
    writeFileSync(file, 'mine');
    writeFileSync(join(root, 'notes.md'), 'keep');
    for (const out of [file, root]) {
      const r = await runCliForTest(['probe', '--out', out]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(out);
      expect(r.err.trim().split('\n')[0]).toMatch(/\[output-unwritable\]$/);
    }
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(readdirSync(root).sort()).toEqual(['notes.md', 'somefile.txt']);
  });

  it('audit --out into a foreign directory is refused; settle --out a directory is an error', async () => {
    const root = tmp();
    writeFileSync(join(root, 'keep.txt'), 'keep');
    const records = join(root, 'r.jsonl');
    writeFileSync(records, '');
    const sheet = fromRoot('examples', 'sheets', 'list-prices.yaml');
    const period = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
    const a = await runCliForTest(['audit', '--records', records, '--sheet', sheet, ...period, '--out', root, '--quiet']);
    expect(a.code, a.err).toBe(2);
    const s = await runCliForTest(['settle', '--records', records, '--sheet', sheet, ...period, '--out', root]);
    expect(s.code, s.err).toBe(2);
    expect(s.err).toMatch(/is a directory/);
    expect(readdirSync(root).sort()).toEqual(['keep.txt', 'r.jsonl']);
  });
});

describe('multi-file outputs appear whole or not at all, even after SIGKILL (TMS-C-008)', () => {
  it('an audit that fails over an earlier audit leaves the earlier set untouched, events.jsonl included', async () => {
    const root = tmp();
    const sheet = fromRoot('examples', 'sheets', 'list-prices.yaml');
    const period = ['--from', '2026-01-01T00:00:00Z', '--until', '2026-02-01T00:00:00Z'];
    const good = join(root, 'good.jsonl');
    writeFileSync(good, '');
    const out = join(root, 'audit');
    const first = await runCliForTest(['audit', '--records', good, '--sheet', sheet, ...period, '--out', out, '--quiet']);
    expect(first.code, first.err).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['statement.json', 'events.jsonl', 'report.json', OUTPUT_MARKER]));
    const bad = join(root, 'bad.jsonl');
    writeFileSync(bad, '{"not": "a record"\n');
    const second = await runCliForTest(['audit', '--records', bad, '--sheet', sheet, ...period, '--out', out, '--quiet', '--fail-fast']);
    expect(second.code, second.err).toBe(2);
    expect(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]))).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['audit', 'bad.jsonl', 'good.jsonl']);
  });

  it('killing a writer at varied moments never leaves a mixed set; the next run cleans up', async () => {
    const target = join(tmp(), 'out');
    for (const [i, delay] of [0, 3, 7, 15].entries()) {
      const c = child(target, 'loop', 1 + i);
      await c.ready;
      await new Promise((r) => setTimeout(r, delay));
      c.p.kill('SIGKILL');
      expect(await c.exited).toBe('SIGKILL');
      // Right after the kill: the previous set or the new one, complete — or (between the two
      // renames) nothing yet, with the previous set kept aside for the next run to put back.
      if (existsSync(target)) expectCompleteSet(target);
      const next = await stageOutput(target, { kind: 'test' });
      await next.abort();
      expectCompleteSet(target);
      expect(readdirSync(join(target, '..'))).toEqual(['out']);
    }
  }, 60_000);

  it('a real audit killed with SIGKILL over an earlier audit leaves the old set or the new one, never a mix', async () => {
    const root = tmp();
    const sheet = fromRoot('examples', 'sheets', 'list-prices.yaml');
    const period = ['--from', '2026-10-01T00:00:00Z', '--until', '2026-11-01T00:00:00Z'];
    const empty = join(root, 'empty.jsonl');
    writeFileSync(empty, '');
    const log = join(root, 'log.jsonl');
    const gen = await runCliForTest(['generate', 'records', '--count', '3000', '--seed', '3', '--out', log, '--sheet', sheet]);
    expect(gen.code, gen.err).toBe(0);
    const out = join(root, 'audit');
    const first = await runCliForTest(['audit', '--records', empty, '--sheet', sheet, ...period, '--out', out, '--quiet']);
    expect(first.code, first.err).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    for (const delay of [1500, 3000, 4500]) {
      const p = spawn(process.execPath, [fromRoot('bin', 'tokencert.mjs'), 'audit', '--records', log, '--sheet', sheet, ...period, '--out', out, '--quiet'], {
        stdio: 'ignore',
      });
      const exited = new Promise<void>((r) => p.on('exit', () => r()));
      await new Promise((r) => setTimeout(r, delay));
      p.kill('SIGKILL');
      await exited;
      await (await stageOutput(out, { kind: 'test' })).abort(); // what the next run does first: sweep
      const now = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
      if (JSON.stringify(now) !== JSON.stringify(before)) {
        // The new set, complete: every file present and the statement the report was built from.
        expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort());
        const statement = JSON.parse(now['statement.json']) as { counts: { billed: number }; merkle: { root: string } };
        expect(statement.counts.billed).toBeGreaterThan(0);
        expect(now['events.jsonl']).toContain(statement.merkle.root);
      }
      expect(readdirSync(root).sort()).toEqual(['audit', 'empty.jsonl', 'log.jsonl', 'planted.jsonl', 'statement.json']);
    }
  }, 90_000);

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s removes the temporary directory and ends the process by that signal',
    async (signal) => {
      const target = join(tmp(), 'out');
      const c = child(target, 'wait', 1);
      const staged = (await c.ready).trim();
      expect(existsSync(staged)).toBe(true);
      c.p.kill(signal);
      expect(await c.exited).toBe(signal);
      expect(existsSync(staged)).toBe(false);
      expect(existsSync(target)).toBe(false);
    },
    30_000,
  );
});
