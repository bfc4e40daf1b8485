import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../errors/errors.js';
import { expandRecordPaths } from './expandRecordPaths.js';

// A directory this process may not list. Tests may run as root, whom permissions do not stop, so
// listing it fails as it does for another user: with EACCES.
const denied = new Set<string>();
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const readdirSync = ((path: string, ...rest: unknown[]) => {
    if (denied.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return (real.readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readdirSync;
  return { ...real, readdirSync, default: { ...real, readdirSync } };
});

describe('expandRecordPaths (TMS-A-018)', () => {
  it('lists the log parts of a directory in name order; a directory it cannot list is an input error naming it, not an internal error (TMS-A-018, TMS-C-014)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tokencert-expand-')), 'usage');
    mkdirSync(dir);
    for (const n of ['part-1.jsonl.gz', 'part-0.jsonl', '_SUCCESS']) writeFileSync(join(dir, n), '');
    expect(expandRecordPaths([dir, '-'])).toEqual([join(dir, 'part-0.jsonl'), join(dir, 'part-1.jsonl.gz'), '-']);
    denied.add(dir);
    const e = (() => {
      try {
        expandRecordPaths([dir]);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(2);
    expect((e as InputError).message).toMatch(/cannot read directory \(EACCES\)/);
    expect((e as InputError).location?.file).toBe(dir);
  });
});
