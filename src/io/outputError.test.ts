import { describe, expect, it } from 'vitest';
import { outputError } from './outputError.js';

const sysError = (code: string) => Object.assign(new Error(`${code}: failed, write`), { code });

describe('outputError (TMS-C-004)', () => {
  it('TMS-C-004: says a full disk or an exhausted quota in words, with what to do, as an output error naming the path (exit 2)', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const e = outputError('out/statement.json', sysError(code));
      expect(e).toMatchObject({ code: 'output-unwritable', exitCode: 2, location: { file: 'out/statement.json' } });
      expect(e.message).toBe(`no space left on device (${code}): cannot write output; free space or choose another output location`);
    }
  });

  it('TMS-C-004: names a directory where a file is to be written, and otherwise what failed with the system code or message', () => {
    expect(outputError('out', sysError('EISDIR')).message).toBe('is a directory, expected a file path');
    expect(outputError('out/events.jsonl', sysError('EACCES'), 'cannot write events').message).toBe('cannot write events (EACCES)');
    expect(outputError('out', new Error('boom')).message).toBe('cannot write output (boom)');
  });

  it('TMS-C-004: a hint given is said after any failure; a place may be left out', () => {
    const e = outputError(undefined, sysError('ENOENT'), 'cannot create a temporary directory here', 'set TMPDIR to a writable directory');
    expect(e.message).toBe('cannot create a temporary directory here (ENOENT); set TMPDIR to a writable directory');
    expect(e.location).toBeUndefined();
    const full = outputError('/tmp', sysError('ENOSPC'), 'cannot keep a copy of standard input here', 'set TMPDIR to a directory with room');
    expect(full.message).toBe('no space left on device (ENOSPC): cannot keep a copy of standard input here; set TMPDIR to a directory with room');
  });
});
