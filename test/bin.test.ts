// The real entry point, as a user runs it: exit codes and one-line errors (TMS-C-001, TMS-C-002).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';

const run = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [fromRoot('bin', 'tokencert.mjs'), ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe('bin/tokencert.mjs', () => {
  it('prints help and exits 0 with --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: tokencert <command>/);
  });

  it('exits 2 with a one-line error and no stack trace for a missing file', async () => {
    const r = await run(['validate', '--schema', 'usage', 'no/such/file.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tokencert: no/such/file.json: no such file [input-missing]\n');
  });

  it('exits 2 for an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('tokencert: unknown command "frobnicate"; "tokencert --help" lists every command [usage]');
  });

  it('exits quietly when the reader closes the pipe early (tokencert spec | head)', async () => {
    const child = spawn(process.execPath, [fromRoot('bin', 'tokencert.mjs'), 'spec'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
