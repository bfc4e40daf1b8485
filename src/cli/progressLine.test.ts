import { describe, expect, it } from 'vitest';
import type { CliIo } from './command.js';
import { progressLine } from './progressLine.js';

function fakeIo(isTTY: boolean, env: Record<string, string> = {}): CliIo & { text: () => string } {
  let err = '';
  return { out: () => {}, err: (t) => void (err += t), env, isTTY, text: () => err };
}

describe('progressLine (TMS-C-040: progress on a TTY only, NO_COLOR obeyed)', () => {
  it('draws on a terminal and clears the line when done', () => {
    const io = fakeIo(true);
    const p = progressLine(io);
    p.update('3/10 files', true);
    p.done();
    expect(io.text()).toMatch(/^\r\x1b\[36m3\/10 files\x1b\[0m · \d+s\x1b\[K\r\x1b\[K$/);
  });

  it('leaves out colour under NO_COLOR', () => {
    const io = fakeIo(true, { NO_COLOR: '1' });
    progressLine(io).update('x', true);
    expect(io.text()).not.toContain('\x1b[36m');
  });

  it.each([
    ['not a terminal', fakeIo(false), false],
    ['--quiet', fakeIo(true), true],
    ['CI', fakeIo(true, { CI: 'true' }), false],
  ])('stays silent when %s', (_, io, quiet) => {
    const p = progressLine(io, quiet);
    p.update('x', true);
    p.done();
    expect(io.text()).toBe('');
  });
});
