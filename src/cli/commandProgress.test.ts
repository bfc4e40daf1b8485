import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import type { CliIo } from './command.js';
import { runCli } from './main.js';

// `probe`, `generate records`, `settle`, `records from-native` and `harness run` draw a progress line on a terminal
// (TMS-C-040), from the progress callbacks of their engines; these run the real commands with a fake
// terminal on stderr.

async function run(argv: string[], isTTY: boolean, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env, isTTY };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'tokencert-progress-'));
const records = (dir: string) => ['generate', 'records', '--count', '600', '--seed', '3', '--out', join(dir, 'log.jsonl')];

describe('progress lines of probe and generate records (TMS-C-040)', () => {
  it('TMS-C-040: generate records shows the records written on a terminal and clears the line before its summary', async () => {
    const r = await run(records(tmp()), true);
    expect(r.code).toBe(0);
    expect(r.err).toContain('\r\x1b[36mgenerate records: 600/600 records written\x1b[0m · ');
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
    expect(r.out).toMatch(/^wrote 600 records to /);
  });

  it.each([
    ['standard error is not a terminal', false, {}],
    ['CI is set', true, { CI: 'true' }],
  ])('TMS-C-040: generate records draws nothing when %s', async (_, isTTY, env) => {
    const r = await run(records(tmp()), isTTY, env);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('TMS-C-040: probe shows cases and requests done on a terminal, without colour under NO_COLOR', async () => {
    const dir = tmp();
    const r = await run(['probe', '--max-requests', '6', '--out', join(dir, 'run')], true, { NO_COLOR: '1' });
    // Stopped early by --max-requests: a failed verdict, with the report written.
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\rprobe: \d+\/\d+ cases, [1-6] requests · \d+s\x1b\[K/);
    expect(r.err).not.toContain('\x1b[36m');
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
    expect(r.out).not.toContain('\r');
  }, 60_000);

  it('TMS-C-040: probe draws nothing when standard error is not a terminal', async () => {
    const r = await run(['probe', '--max-requests', '2', '--out', join(tmp(), 'run')], false);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
  }, 60_000);

  const log = async (native: boolean) => {
    const dir = tmp();
    const file = join(dir, 'log.jsonl');
    const g = await run(['generate', 'records', '--count', '1100', '--seed', '5', ...(native ? ['--native', 'openai'] : []), '--out', file], false);
    expect(g.code).toBe(0);
    return { dir, file };
  };
  const settle = (file: string, dir: string, ...more: string[]) => [
    'settle',
    '--sheet',
    fromRoot('examples', 'sheets', 'list-prices.yaml'),
    '--records',
    file,
    '--from',
    '2026-10-01T00:00:00Z',
    '--until',
    '2026-11-01T00:00:00Z',
    '--out',
    join(dir, 'statement-out.json'),
    ...more,
  ];

  it('TMS-C-040: settle shows the records read on a terminal, and nothing under --quiet', async () => {
    const { dir, file } = await log(false);
    const shown = await run(settle(file, dir), true);
    expect(shown.code).toBe(0);
    expect(shown.err).toContain('settle: 1,024 records read');
    expect(shown.err.endsWith('\r\x1b[K')).toBe(true);
    const quiet = await run(settle(file, dir, '--quiet'), true);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
  }, 60_000);

  it('TMS-C-040: records from-native shows the records written on a terminal, and nothing in a pipe', async () => {
    const { dir, file } = await log(true);
    const argv = ['records', 'from-native', file, '--out', join(dir, 'records.jsonl')];
    const shown = await run(argv, true);
    expect(shown.code).toBe(0);
    expect(shown.err).toContain('records from-native: 1,024 records written');
    expect(shown.err.endsWith('\r\x1b[K')).toBe(true);
    const piped = await run(argv, false);
    expect(piped.code).toBe(0);
    expect(piped.err).toBe('');
  }, 60_000);

  it('TMS-C-040: harness run shows the cases answered per implementation on a terminal, and nothing under --quiet', async () => {
    const miniature = `${process.execPath} ${fromRoot('src', 'harness', 'fakes', 'miniature.mjs')}`;
    const argv = ['harness', 'run', '--impl', miniature, '--kind', 'text-count', '--per-file', '1', '--out', join(tmp(), 'runs')];
    const shown = await run(argv, true);
    expect(shown.code).toBe(1);
    expect(shown.err).toMatch(/harness run: miniature (\d+)\/\1 cases/);
    expect(shown.err.endsWith('\r\x1b[K')).toBe(true);
    const quiet = await run([...argv, '--quiet'], true);
    expect(quiet.err).toBe('');
  }, 60_000);
});
