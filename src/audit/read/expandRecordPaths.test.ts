import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { InputError, UsageError } from '../../errors/errors.js';
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

describe('expandRecordPaths: partitioned exports (TMS-A-018)', () => {
  const tree = (files: string[]) => {
    const root = join(mkdtempSync(join(tmpdir(), 'tokencert-expand-')), 'export');
    for (const f of files) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), '');
    }
    return root;
  };

  it('TMS-A-018: reads the parts of nested partitions (Firehose YYYY/MM/DD/HH/, Hive date=…/) depth first in name order, skipping _ and . work directories', () => {
    const root = tree([
      '2026/10/02/00/usage-2.jsonl.gz',
      '2026/10/01/23/usage-1.jsonl.gz',
      '2026/10/01/00/usage-0.jsonl.gz',
      'date=2026-10-03/part-00000.jsonl',
      'date=2026-10-03/_SUCCESS',
      '_temporary/0/part-99999.jsonl',
      '.spark-staging/part-1.jsonl',
      'top.jsonl',
    ]);
    expect(expandRecordPaths([root]).map((p) => p.slice(root.length + 1))).toEqual([
      '2026/10/01/00/usage-0.jsonl.gz',
      '2026/10/01/23/usage-1.jsonl.gz',
      '2026/10/02/00/usage-2.jsonl.gz',
      'date=2026-10-03/part-00000.jsonl',
      'top.jsonl',
    ]);
  });

  it('TMS-A-018: a file that is not a log in a partition is refused by path; a directory of empty partitions holds no parts', () => {
    const root = tree(['2026/10/01/part-0.jsonl', '2026/10/02/manifest.txt']);
    expect(() => expandRecordPaths([root])).toThrow(UsageError);
    expect(() => expandRecordPaths([root])).toThrow(`${join(root, '2026/10/02/manifest.txt')} in the log directory is not a log part`);
    const empty = join(mkdtempSync(join(tmpdir(), 'tokencert-expand-')), 'empty');
    mkdirSync(join(empty, '2026', '10'), { recursive: true });
    expect(() => expandRecordPaths([empty])).toThrow(/holds no log parts/);
  });

  it('TMS-A-018: a link to a partition is entered like it; a link back to a directory being read is a usage error, not an endless walk', () => {
    const root = tree(['a/part-0.jsonl', 'elsewhere/part-1.jsonl']);
    const outside = tree(['linked/part-2.jsonl']);
    symlinkSync(join(outside, 'linked'), join(root, 'b'));
    expect(expandRecordPaths([join(root, 'a'), join(root, 'b')]).map((p) => p.slice(root.length + 1))).toEqual(['a/part-0.jsonl', 'b/part-2.jsonl']);
    symlinkSync(root, join(root, 'a', 'loop'));
    expect(() => expandRecordPaths([root])).toThrow(/links back to a directory that holds it/);
  });
});
