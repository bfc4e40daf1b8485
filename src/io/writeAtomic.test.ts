import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeAtomic } from './writeAtomic.js';
import { firstInvalidUtf8 } from './readText.js';

// Fails each write to a file opened by fs/promises with ENOSPC while `full` is set: a test cannot fill a disk.
let full = false;
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof real.open>) => {
    const fh = await real.open(...args);
    if (full) {
      const { noSpaceError } = await import('../testing/fullDisk.js');
      fh.write = (() => Promise.reject(noSpaceError())) as typeof fh.write;
    }
    return fh;
  }) as typeof real.open;
  return { ...real, open, default: { ...real, open } };
});

describe('writeAtomic (TMS-C-004)', () => {
  it('replaces the target in one step and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-atomic-'));
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    await writeAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('fails with an output error and leaves the old file intact when the target cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-atomic-'));
    const target = join(dir, 'is-a-dir');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeAtomic(target, 'data')).rejects.toMatchObject({ code: 'output-unwritable' });
    expect(readdirSync(dir)).toEqual(['is-a-dir']);
  });

  it('TMS-C-004: on a full disk says so, naming the output, and leaves the old file and no temporary file (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-atomic-'));
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    full = true;
    try {
      await expect(writeAtomic(target, 'new')).rejects.toMatchObject({
        code: 'output-unwritable',
        exitCode: 2,
        location: { file: target },
        message: 'no space left on device (ENOSPC): cannot write output; free space or choose another output location',
      });
    } finally {
      full = false;
    }
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});

describe('firstInvalidUtf8 (TMS-C-005)', () => {
  it.each([
    [[0x61, 0x62], 2],
    [[0x61, 0xe9, 0x62], 1],
    [[0xed, 0xa0, 0x80], 0], // encoded surrogate
    [[0xc0, 0xaf], 0], // overlong
    [[0xe2, 0x82], 0], // truncated
    [[0xf0, 0x9f, 0x98, 0x80], 4],
  ])('%j → %i', (bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});
