import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './command.js';
import { runCli } from './main.js';

// `probe` and `generate records` draw a progress line on a terminal (TMS-C-040), from the progress
// callbacks of runProbe and generateLog; these run the real commands with a fake terminal on stderr.

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
});
