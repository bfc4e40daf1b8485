// Deduplication beyond its memory bound spills to disk; outputs do not depend on where it spills (TMS-A-019, TMS-A-020, TMS-A-021).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromRoot } from '../src/paths.js';
import { cli, generateNativeLog, SHEET, tmp } from './audit-helpers.js';

// The spill files (under tokencert-spill-*) as the audit opens and closes them, and a switch that
// makes their writes fail as write(2) does on a full disk: a test cannot fill a disk.
const spillFiles = vi.hoisted(() => ({ open: new Set<number>(), writes: 0, failAfter: undefined as number | undefined }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const { noSpaceError } = await import('../src/testing/fullDisk.js');
  const openSync = ((path: Parameters<typeof real.openSync>[0], ...rest: unknown[]) => {
    const fd = (real.openSync as (...a: unknown[]) => number)(path, ...rest);
    if (String(path).includes('tokencert-spill-')) spillFiles.open.add(fd);
    return fd;
  }) as typeof real.openSync;
  const closeSync = ((fd: number) => {
    spillFiles.open.delete(fd);
    real.closeSync(fd);
  }) as typeof real.closeSync;
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (spillFiles.open.has(fd) && spillFiles.failAfter !== undefined && ++spillFiles.writes > spillFiles.failAfter) throw noSpaceError();
    return (real.writeSync as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof real.writeSync;
  const fs = { ...real, openSync, closeSync, writeSync };
  return { ...fs, default: fs };
});

const FILES = ['statement.json', 'discrepancies.jsonl', 'events.jsonl', 'report.json', 'report.html', 'junit.xml', 'summary.md'];
const same = (a: string, b: string) => {
  for (const f of FILES) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), `${f} differs`).toBe(true);
};

describe('spilled deduplication', () => {
  const dir = tmp('spilltest');
  // The runs' temporary directories go here, so the tests can see that none is left behind.
  const spillTmp = tmp('spilltest-tmp');
  const savedTmp = process.env.TMPDIR;
  const log = join(dir, 'log.jsonl');
  const common = () => ['--records', log, '--sheet', SHEET, '--statement', join(dir, 'statement.json')];
  const leftovers = () => readdirSync(spillTmp).filter((n) => n.startsWith('tokencert-spill-'));

  beforeAll(async () => {
    process.env.TMPDIR = spillTmp;
    await generateNativeLog(log, 400, 5, ['dup:0.05', 'conflict:0.05', 'period:0.05', 'missing:0.02', 'price:0.02']);
    // Copies and versions far from their first read: the first lines' ids again at the end, so with
    // any small bound they straddle the in-memory book and the spilled partitions.
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const tail: string[] = [];
    for (let i = 0; i < 12; i++) {
      const v = JSON.parse(lines[i]) as { id: string; created: number; usage: { completion_tokens: number } };
      if (i % 3 === 0)
        tail.push(lines[i]); // an identical copy
      else if (i % 3 === 1)
        tail.push(JSON.stringify({ ...v, usage: { ...v.usage, completion_tokens: v.usage.completion_tokens + 1 } })); // a conflicting version
      else tail.push(JSON.stringify({ ...v, created: v.created - 86400 * 400 })); // the same id, out of the period
    }
    // And a spilled id's copy and conflicting version, after more new ids.
    tail.push(
      lines[200],
      lines[201].replace(/"completion_tokens":(\d+)/, (_, n) => `"completion_tokens":${Number(n) + 7}`),
    );
    writeFileSync(log, `${[...lines, ...tail].join('\n')}\n`);
    const none = await cli(['audit', ...common(), '--spill-threshold', 'none', '--out', join(dir, 'none')]);
    expect(none.code, none.err).toBe(1);
  });
  afterAll(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    // The logs here are large (the interrupted run's is 60 MB).
    for (const d of [dir, spillTmp]) rmSync(d, { recursive: true, force: true });
  });

  it('gives the same statement, discrepancies, tallies and report at spill thresholds 1, 7 and 1000 as without spilling (TMS-A-020)', async () => {
    const findings = readFileSync(join(dir, 'none', 'discrepancies.jsonl'), 'utf8');
    for (const k of ['duplicate', 'conflict', 'out-of-period']) expect(findings).toContain(`"kind":"${k}"`);
    for (const t of ['1', '7', '1000']) {
      const r = await cli(['audit', ...common(), '--spill-threshold', t, '--out', join(dir, `t${t}`)]);
      expect(r.code, r.err).toBe(1);
      same(join(dir, 'none'), join(dir, `t${t}`));
    }
    expect(leftovers()).toEqual([]);
  });

  it('gives the same bytes spilling with 2 workers and in 3 merged shards (TMS-A-020, TMS-A-009, TMS-A-010)', async () => {
    const w = await cli(['audit', ...common(), '--spill-threshold', '3', '--workers', '2', '--out', join(dir, 'w2')]);
    expect(w.code, w.err).toBe(1);
    same(join(dir, 'none'), join(dir, 'w2'));
    const parts: string[] = [];
    for (const k of [0, 1, 2]) {
      parts.push(join(dir, `s${k}`));
      const r = await cli(['audit', ...common(), '--spill-threshold', '2', '--shard', `${k}/3`, '--out', parts[k]]);
      expect(r.code, r.err).toBe(0);
      const whole = await cli(['audit', ...common(), '--spill-threshold', 'none', '--shard', `${k}/3`, '--out', join(dir, `s${k}-none`)]);
      expect(whole.code, whole.err).toBe(0);
      // A partial is the same bytes however its shard spilled.
      for (const f of ['audit-partial.json', 'leaves.bin'])
        expect(readFileSync(join(parts[k], f)).equals(readFileSync(join(dir, `s${k}-none`, f))), f).toBe(true);
    }
    const m = await cli(['audit', 'merge', ...parts, '--out', join(dir, 'merged')]);
    expect(m.code, m.err).toBe(1);
    same(join(dir, 'none'), join(dir, 'merged'));
    expect(leftovers()).toEqual([]);
  });

  it('removes its temporary directory when the audit fails (TMS-A-021)', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(log, 'utf8')}{"truncated\n`);
    const r = await cli([
      'audit',
      '--records',
      bad,
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--spill-threshold',
      '1',
      '--fail-fast',
      '--out',
      join(dir, 'bad'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.jsonl:\d+/);
    expect(leftovers()).toEqual([]);
    expect([...spillFiles.open], 'spill files left open').toEqual([]);
  });

  it('names the temporary directory it cannot create (a missing or read-only TMPDIR) with exit 2, not an internal error (TMS-A-021)', async () => {
    const missing = join(spillTmp, 'no-such-dir');
    process.env.TMPDIR = missing;
    try {
      const r = await cli(['audit', ...common(), '--spill-threshold', '1', '--out', join(dir, 'no-tmp')]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(`tokencert: ${missing}: cannot create a temporary directory here (ENOENT); set TMPDIR to a writable directory [output-unwritable]\n`);
    } finally {
      process.env.TMPDIR = spillTmp;
    }
  });

  it('reports a full disk while spilling as an output error naming the temporary directory (exit 2), and removes it (TMS-A-021)', async () => {
    // The third write to a spill file fails, with partition files open.
    spillFiles.writes = 0;
    spillFiles.failAfter = 2;
    try {
      const r = await cli(['audit', ...common(), '--spill-threshold', '1', '--out', join(dir, 'full')]);
      expect(r.code, r.err).toBe(2);
      expect(r.err.startsWith(`tokencert: ${join(spillTmp, 'tokencert-spill-')}`), r.err).toBe(true);
      expect(r.err).toMatch(/: no space left on device \(ENOSPC\): .* \[output-unwritable\]\n$/);
    } finally {
      spillFiles.failAfter = undefined;
    }
    expect(spillFiles.writes).toBeGreaterThan(2);
    expect(leftovers()).toEqual([]);
    // The partition files are closed too, not left open until the process ends.
    expect([...spillFiles.open], 'spill files left open').toEqual([]);
    expect(() => readdirSync(join(dir, 'full'))).toThrow(/ENOENT/);
  });

  it('rejects a spill threshold that is not a positive integer (TMS-A-019)', async () => {
    const r = await cli(['audit', ...common(), '--spill-threshold', '0', '--out', join(dir, 'zero')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--spill-threshold must be a positive integer or none/);
  });

  it('removes its temporary directory when interrupted (TMS-A-021)', async () => {
    const big = join(dir, 'big.jsonl');
    await generateNativeLog(big, 60000, 9);
    const child = spawn(
      process.execPath,
      // The CLI from source (bin/ runs dist/, which may be older than the tree under test).
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `process.exitCode = await (await import(${JSON.stringify(fromRoot('src', 'cli', 'main.ts'))})).runCli(process.argv.slice(1))`,
        'audit',
        '--records',
        big,
        '--sheet',
        SHEET,
        '--from',
        '2026-10-01T00:00:00Z',
        '--until',
        '2026-11-01T00:00:00Z',
        '--spill-threshold',
        '10',
        '--quiet',
        '--out',
        join(dir, 'int'),
      ],
      { env: { ...process.env, TMPDIR: spillTmp }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((res) => child.on('exit', (code, sig) => res(sig ?? code)));
    // Wait until it has spilled, then interrupt it.
    const deadline = Date.now() + 60_000;
    while (leftovers().length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    expect(leftovers().length).toBe(1);
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(leftovers()).toEqual([]);
  }, 90_000);
});
