// The repository stands alone (TMS-C-030): every citation in the spec, docs, code, vector files and
// CLI texts names a public source or a file inside the repository. Three rules:
//  1. no citation of documents that do not ship (notes kept beside the project, cited by section);
//  2. every section sign (§) belongs to a named public document (an RFC, a URL) or to the spec's
//     own numbering (§M.…, §S.…, §C.…);
//  3. every relative Markdown link, and every repository path written in README, docs and spec
//     prose, names a file or folder that exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot, packageRoot } from '../src/paths.js';

const self = relative(packageRoot, new URL(import.meta.url).pathname);
const skipDirs = new Set(['node_modules', '.git', '.bench', 'latest', 'runs', 'tmp']);
// Run and build outputs (gitignored) are not the repository's prose.
const skipPaths = new Set(['dist', 'reports/gateway', 'reports/harness']);
const textExt = /\.(ts|mjs|js|json|jsonl|ya?ml|md|hbs|txt|html)$/;

/** Every text file of the repository (relative paths), without dependencies and run outputs. */
function repoFiles(dir = packageRoot, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name)) continue;
    const p = join(dir, name);
    if (skipPaths.has(relative(packageRoot, p).split(sep).join('/'))) continue;
    if (statSync(p).isDirectory()) repoFiles(p, out);
    else if (textExt.test(name) && name !== 'package-lock.json') out.push(relative(packageRoot, p).split(sep).join('/'));
  }
  return out;
}

/**
 * Citations of documents outside the repository. Each pattern is built from parts so that this
 * file does not match itself when a future rule scans tests too.
 */
const outside: readonly { name: string; re: RegExp }[] = [
  { name: 'path above the repository', re: new RegExp(['\\.\\.', 'shared', ''].join('/')) },
  { name: 'the shared notes', re: new RegExp(['shared', 'reference'].join('/')) },
  { name: 'section citation of research notes', re: new RegExp(['reference', '§'].join(' '), 'i') },
  { name: 'research notes', re: /\b(measurement|pricing|conformance) (reference|notes)\b(?! implementation)/i },
  { name: 'research notes by file name', re: /(?<![\w/.-])(measurement|conformance|contracts|ARCHITECTURE|STYLE|GUIDE)\.md\b/ },
  { name: 'bare pricing.md (only docs/pricing.md exists)', re: /(?<![\w/.-])pricing\.md\b/ },
  { name: 'a brief', re: /\bbrief rule\b/i },
  { name: 'research notes', re: /\bresearch notes\b/i },
];

/** What may stand before a § within the same citation: an RFC, a URL, a named standard, or another §. */
const sectionOwner = /(RFC \d{3,5}|https?:\/\/\S+|WHATWG|HTML|ECMA-\d+|ISO \d+|§)[^§]{0,100}$/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Keys of JSON files whose strings are citations or prose (the rest is data, e.g. texts to count). */
const proseKeys = /^(source|reference|comment|header|description|rationale|notes?|title|text_note)$/;

/** The prose of a file: JSON files contribute only strings under citation keys, other files all text. */
function proseOf(file: string, text: string): string {
  if (!file.endsWith('.json')) return text;
  const out: string[] = [];
  const walk = (v: unknown, prose: boolean): void => {
    if (typeof v === 'string') {
      if (prose) out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, prose);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, prose || proseKeys.test(k));
  };
  walk(JSON.parse(text), false);
  return out.join('\n');
}

/** Top-level folders of this repository: a path starting with one of them is ours. */
const ownDirs = new Set(['src', 'docs', 'spec', 'schemas', 'vectors', 'suites', 'targets', 'scripts', 'test', 'bench', 'examples', 'reports', 'bin']);

/** A path written right after an external project's name (`owner/repo@sha path`) is that project's file. */
const externalOwner = /[\w.-]+\/[\w.-]+(@[0-9a-f]{7,40})?[\s`]*$/;

describe('the repository stands alone (TMS-C-030)', () => {
  const files = repoFiles().filter((f) => f !== self);
  const texts = new Map(files.map((f) => [f, readFileSync(fromRoot(f), 'utf8')]));

  it('TMS-C-030: no file cites a document that does not ship with the repository', () => {
    const hits: string[] = [];
    for (const [file, text] of texts) {
      for (const { name, re } of outside) {
        const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
        for (const m of text.matchAll(g)) hits.push(`${file}:${lineOf(text, m.index)} ${name}: ${JSON.stringify(m[0])}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('TMS-C-030: every section sign belongs to a named public document or to the spec numbering', () => {
    const hits: string[] = [];
    for (const [file, raw] of texts) {
      const text = proseOf(file, raw);
      for (const m of text.matchAll(/§/g)) {
        const after = text.slice(m.index + 1, m.index + 3);
        if (/^[MPSCA]\./.test(after)) continue; // the spec's own part numbering, e.g. §S.014
        const before = text.slice(Math.max(0, m.index - 120), m.index).replace(/\s+/g, ' ');
        if (!sectionOwner.test(before)) hits.push(`${file}:${lineOf(text, m.index)} ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 8))}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('TMS-C-030: relative links and repository paths in README, docs and spec prose exist', () => {
    const prose = files.filter((f) => f.endsWith('.md') || f.startsWith('spec/parts/'));
    const missing: string[] = [];
    for (const file of prose) {
      const text = texts.get(file) ?? '';
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        if (!existsSync(join(dirname(fromRoot(file)), target))) missing.push(`${file}:${lineOf(text, m.index)} link ${target}`);
      }
      for (const m of text.matchAll(
        /(?<![\w./-])((?:src|docs|spec|schemas|vectors|suites|targets|scripts|test|bench|examples|reports\/templates)\/[\w./-]*[\w])(?![\w*{<-])/g,
      )) {
        const path = m[1];
        if (externalOwner.test(text.slice(Math.max(0, m.index - 80), m.index))) continue;
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        const rowHead = /^\|\s*`?([\w.-]+)\/[\w.-]+/.exec(text.slice(lineStart, m.index));
        if (rowHead && !ownDirs.has(rowHead[1])) continue; // a table row about an external repository
        if (/\/[A-Z]+\.\w+$/.test(path)) continue; // a placeholder such as suites/NAME.yaml
        if (!existsSync(fromRoot(path))) missing.push(`${file}:${lineOf(text, m.index)} path ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
