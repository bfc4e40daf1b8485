// verified_by is derived only from evidence that names a requirement: vector headers, suite cases and
// test titles; a requirement id in a comment or an assertion of a test file is not a citation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectCitations, testTitles } from './buildSpec.js';

/** A requirement id built at run time, so that this file's own source cites none of the fixture ids. */
const id = (n: number): string => ['TMS', 'M', String(n).padStart(3, '0')].join('-');

describe('collectCitations (TMS-C-032)', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokencert-cites-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('vectors/measure/a.json', JSON.stringify({ requirements: [id(1)], notes: { x: `mentions ${id(99)}` } }));
  put('suites/s.yaml', `cases:\n  - id: case-1\n    requirements: [${id(2)}]\n    title: also ${id(98)}\n`);
  put(
    'src/x/a.test.ts',
    [
      `// Header comment naming ${id(97)}, which must not count.`,
      `describe('group (${id(3)})', () => {`,
      `  it('${id(4)}: a title', () => { expect(f('${id(96)}')).toBe(1); });`,
      `  it(\`${id(5)} in a template title \${1}\`, () => {});`,
      `  it.each([1, 2])("${id(6)} each %s", () => {});`,
      `  /* ${id(95)} in a block comment */ test('no id here', () => {});`,
      '});',
    ].join('\n'),
  );
  const cites = collectCitations(root);

  it('TMS-C-032: counts vector headers, suite cases and test titles', () => {
    expect(cites.get(id(1))).toEqual(new Set(['vectors/measure/a.json']));
    expect(cites.get(id(2))).toEqual(new Set(['suites/s.yaml#case-1']));
    for (const n of [3, 4, 5, 6]) expect(cites.get(id(n)), id(n)).toEqual(new Set(['src/x/a.test.ts']));
  });

  it('TMS-C-032: ignores ids in comments, assertions, vector notes and suite titles', () => {
    for (const n of [95, 96, 97, 98, 99]) expect(cites.has(id(n)), id(n)).toBe(false);
  });

  it('TMS-C-032: reads titles with escaped quotes whole', () => {
    expect(testTitles(`it('it\\'s ${id(1)}', () => {}); describe("a \\"b\\" ${id(2)}", () => {});`)).toEqual([`it\\'s ${id(1)}`, `a \\"b\\" ${id(2)}`]);
  });
});
