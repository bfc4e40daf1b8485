// CSV lines of a usage log (TMS-A-002): RFC 4180 quoting, one record per line.
import { describe, expect, it } from 'vitest';
import { parseCsvLine } from './parseCsvLine.js';

describe('parseCsvLine (TMS-A-002)', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['a,b,', ['a', 'b', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['', ['']],
    ['""', ['']],
  ])('splits %j', (line, fields) => {
    expect(parseCsvLine(line)).toEqual({ ok: true, fields });
  });

  it.each([
    ['"open,b', 'unterminated quoted field', 1],
    ['"a"b,c', 'text after a closing quote', 4],
    ['ab"c,d', 'quote inside an unquoted field', 3],
  ])('refuses %j with its column', (line, message, column) => {
    expect(parseCsvLine(line)).toEqual({ ok: false, message, column });
  });
});
