import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { writeSyntheticRun } from '../testing/syntheticRun.js';
import { DEFAULT_SPEC_LINK, specLinkBase } from './specLink.js';
import { writeReport } from './writeReport.js';

const SPEC = realpathSync(fromRoot('spec', 'tms.md'));
/** The file a link written into `dir` opens (its anchor dropped), as the browser would resolve it. */
const target = (dir: string, href: string) => realpathSync(resolve(dir, decodeURIComponent(href.split('#')[0])));

describe('spec links from wherever the report is written (TMS-C-209)', () => {
  it.each([
    ['reports/latest', fromRoot('reports', 'latest'), '../../spec/tms.md'],
    ['reports/harness/NAME', fromRoot('reports', 'harness', 'some-lib'), '../../../spec/tms.md'],
    ['the repository root', fromRoot(), 'spec/tms.md'],
  ])('TMS-C-209: from %s the link is the relative path to spec/tms.md', (_, dir, expected) => {
    expect(specLinkBase(dir)).toBe(expected);
  });

  it('TMS-C-209: from a --out outside the repository, through a symlink and with a space in a name, the link still opens spec/tms.md', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'tokencert spec links-')));
    const deep = join(root, 'a', 'b', 'c d', 'run');
    mkdirSync(join(root, 'a', 'b', 'c d'), { recursive: true });
    symlinkSync(join(root, 'a', 'b'), join(root, 'via'));
    for (const dir of [deep, join(root, 'via', 'c d', 'run'), join(root, 'run')]) {
      const href = specLinkBase(dir);
      expect(href).not.toContain(' ');
      expect(target(dir.replace(join(root, 'via'), join(root, 'a', 'b')), href)).toBe(SPEC);
    }
  });

  it('TMS-C-209: without the spec file on disk, the published file of the repository at this version, else the homepage, else the default', () => {
    const src = { specFile: null, version: '0.1.0' };
    expect(specLinkBase('/x', { ...src, repository: { type: 'git', url: 'git+https://github.com/acme/tokencert.git' } })).toBe(
      'https://github.com/acme/tokencert/blob/v0.1.0/spec/tms.md',
    );
    expect(specLinkBase('/x', { ...src, repository: 'github:acme/tokencert' })).toBe('https://github.com/acme/tokencert/blob/v0.1.0/spec/tms.md');
    expect(specLinkBase('/x', { ...src, homepage: 'https://tokencert.example/' })).toBe('https://tokencert.example/spec/tms.md');
    expect(specLinkBase('/x', src)).toBe(DEFAULT_SPEC_LINK);
  });

  it.each([1, 2, 4])('TMS-C-209: report.html and summary.md written %i level(s) below a temporary directory link to spec/tms.md', async (depth) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tokencert-depth-')), ...Array.from({ length: depth }, (_, i) => `d${i}`));
    await writeSyntheticRun(dir);
    await writeReport(dir);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const links = [...md.matchAll(/\]\(([^)]*tms\.md#[^)]+)\)/g), ...html.matchAll(/href="([^"#]*tms\.md#[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(2);
    for (const href of links) expect(target(dir, href)).toBe(SPEC);
  });
});
