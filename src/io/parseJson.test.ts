import { describe, expect, it } from 'vitest';
import { parseJson } from './parseJson.js';
import { jsonErrorOffset } from './jsonErrorOffset.js';

describe('parseJson places every syntax error on one line (TMS-C-001)', () => {
  it.each([
    ['{"a":\n [}', 2, 3],
    ['{"a":1,}', 1, 8],
    ['[1,2', 1, 5],
    ['{\n\n  "a" 1}', 3, 7],
    ['"\u0001"', 1, 2],
  ])('%j → line %i column %i', (text, line, column) => {
    try {
      parseJson(text, 'f.json');
      expect.unreachable();
    } catch (e) {
      const err = e as { location: { line: number; column: number }; message: string };
      expect(err.location).toMatchObject({ file: 'f.json', line, column });
      expect(err.message).not.toContain('\n');
      expect(err.message).toMatch(/^malformed JSON: /);
    }
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const t of ['{}', '[]', '0', '-1.5e+3', '"\\u00e9\\n"', '{"a":[true,false,null,{"b":"c"}]}', ' 1 ']) expect(jsonErrorOffset(t)).toBe(-1);
    for (const t of ['', '01', '1.', '{"a"}', '[,]', 'tru', '"\\x"', '{"a":1}}']) expect(jsonErrorOffset(t)).toBeGreaterThanOrEqual(0);
  });
});
