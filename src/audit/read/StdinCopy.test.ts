import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StdinCopy } from './StdinCopy.js';

// writeSync fails with ENOSPC while disk.full is set.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (original) => (await import('../../testing/fullDisk.js')).fullDiskFs(await original<typeof import('node:fs')>(), disk));

describe('StdinCopy (TMS-A-021)', () => {
  it('TMS-A-021: a copy that cannot be written is an output error naming its directory when the reading ends, and the directory goes', () => {
    // Before, writeSync threw inside the stream's data listener: a crash with a stack trace, the
    // directory left behind.
    const copy = new StdinCopy();
    const dir = dirname(copy.path);
    copy.write(Buffer.from('{"a":1}\n'));
    disk.full = true;
    expect(() => copy.write(Buffer.from('{"a":2}\n'))).not.toThrow();
    disk.full = false;
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
