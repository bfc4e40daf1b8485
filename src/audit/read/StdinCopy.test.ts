import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StdinCopy } from './StdinCopy.js';

// Fails writeSync with ENOSPC while `full` is set: a test cannot fill a disk.
let full = false;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof real.writeSync>) => {
    if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return real.writeSync(...args);
  }) as typeof real.writeSync;
  return { ...real, writeSync, default: { ...real, writeSync } };
});

describe('StdinCopy (TMS-A-021)', () => {
  it('TMS-A-021: a copy that cannot be written is an output error naming its directory when the reading ends, and the directory goes', () => {
    // Before, writeSync threw inside the stream's data listener: a crash with a stack trace, the
    // directory left behind.
    const copy = new StdinCopy();
    const dir = dirname(copy.path);
    copy.write(Buffer.from('{"a":1}\n'));
    full = true;
    expect(() => copy.write(Buffer.from('{"a":2}\n'))).not.toThrow();
    full = false;
    expect(() => copy.close()).toThrow(
      expect.objectContaining({
        code: 'output-unwritable',
        exitCode: 2,
        location: { file: dir },
        message: 'no space left on device (ENOSPC): cannot keep a copy of standard input here; set TMPDIR to a directory with room',
      }),
    );
    copy.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});
