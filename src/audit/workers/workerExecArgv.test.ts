import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { workerExecArgv } from './workerExecArgv.js';

const run = promisify(execFile);

describe('workerExecArgv', () => {
  it('inherits the options (V8 flags included) unless --input-type is among them', () => {
    expect(workerExecArgv(['--max-old-space-size=4096', '--stack-size=2000', '--import', 'tsx'])).toBeUndefined();
    expect(workerExecArgv([])).toBeUndefined();
  });

  it('keeps only the loading options for a `node --input-type=module -e` caller', () => {
    const argv = [
      '--import',
      'tsx',
      '--max-old-space-size=512',
      '--input-type=module',
      '--no-warnings',
      '-e',
      'await main()',
      '--conditions=dev',
      '-r',
      'x.cjs',
    ];
    expect(workerExecArgv(argv)).toEqual(['--import', 'tsx', '--no-warnings', '--conditions=dev', '-r', 'x.cjs']);
    expect(workerExecArgv(['--input-type', 'module', '--expose-gc', '--eval', 'x', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
  });

  it('TMS-A-010: lets `audit --workers 2` run under V8 and process-wide flags, and under node -e', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-execargv-'));
    const log = join(dir, 'log.jsonl');
    writeFileSync(
      log,
      `${JSON.stringify({ record_id: 'r1', time: '2026-10-02T00:00:00Z', model: 'gpt-4o', usage: { cells: [{ direction: 'input', modality: 'text', cache: 'none', tokens: 10 }] } })}\n`,
    );
    const main = fromRoot('src', 'cli', 'main.ts');
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, `process.exitCode = await (await import(${JSON.stringify(main)})).runCli(process.argv.slice(2));\n`);
    const args = (out: string) => [
      'audit',
      '--records',
      log,
      '--sheet',
      fromRoot('examples', 'sheets', 'list-prices.yaml'),
      '--from',
      '2026-10-01T00:00:00Z',
      '--until',
      '2026-11-01T00:00:00Z',
      '--workers',
      '2',
      '--quiet',
      '--out',
      join(dir, out),
    ];
    const v8Flags = ['--max-old-space-size=2048', '--stack-size=900', '--expose-gc'];
    // Before workerExecArgv, both failed with "internal error: Initiated Worker with invalid execArgv flags".
    const asFile = await run(process.execPath, [...v8Flags, '--import', 'tsx', entry, ...args('file')], { encoding: 'utf8' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    const asEval = await run(
      process.execPath,
      [
        ...v8Flags,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `process.exitCode = await (await import(${JSON.stringify(main)})).runCli(process.argv.slice(1))`,
        ...args('eval'),
      ],
      { encoding: 'utf8' },
    ).catch((e: { code: number; stderr: string }) => e);
    for (const [r, out] of [
      [asFile, 'file'],
      [asEval, 'eval'],
    ] as const) {
      expect(r.stderr).not.toMatch(/internal error|invalid execArgv/);
      // Exit 1: the record is unpriced in this sheet, a finding; the audit itself ran.
      expect('code' in r ? r.code : 0, r.stderr).toBeLessThan(2);
      expect(JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8'))).toHaveProperty('verdict');
    }
  }, 120_000);
});
