// The import rules of docs/architecture.md as data, and the check that applies them to src/
// (TMS-C-031). test/import-boundaries.test.ts runs it in `npm test`; `npm run check:imports`
// prints the violations on their own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Modules every component may import: errors, file input/output and the two root modules. */
export const foundations: readonly string[] = ['errors', 'io', 'paths', 'version'];

/** What each component may import besides itself and the foundations ('*' = every component but testing). */
export const allowedImports: Readonly<Record<string, readonly string[] | '*'>> = {
  index: '*',
  cli: '*',
  testing: '*',
  probe: ['measure', 'pricing', 'money', 'report', 'spec', 'schemas', 'digest'],
  'reference-provider': ['measure', 'schemas', 'digest'],
  audit: ['measure', 'pricing', 'money', 'settlement', 'report', 'schemas', 'digest'],
  vectors: ['measure', 'pricing', 'money', 'settlement', 'audit', 'schemas', 'digest'],
  gateway: ['measure', 'schemas'],
  harness: ['vectors', 'report', 'schemas', 'digest'],
  report: ['spec', 'schemas', 'digest', 'money'],
  settlement: ['pricing', 'money', 'digest', 'schemas'],
  pricing: ['money', 'schemas'],
  measure: ['digest', 'schemas'],
  spec: ['schemas'],
  schemas: [],
  money: [],
  digest: [],
  io: [],
  errors: [],
  paths: [],
  version: [],
};

/** Imports allowed for types only (`import type …`): erased at run time, they add no dependency. */
export const typeOnlyImports: Readonly<Record<string, readonly string[]>> = { pricing: ['measure'] };

/**
 * Single modules allowed beyond a component's row: pricing keys its prices by the usage model's
 * one cell key (measure/usageTotals.ts, which loads no tokenizer) rather than keeping a copy.
 */
export const allowedModules: Readonly<Record<string, readonly string[]>> = { pricing: ['measure/usageTotals.ts'] };

/** Foundations with their own, narrower rules (errors imports nothing; io only errors and version, which stamps the output marker). */
const foundationRules: Readonly<Record<string, readonly string[]>> = { errors: [], io: ['errors', 'version'], paths: [], version: ['paths'] };

/** One import that does not follow an arrow. */
export interface ImportViolation {
  readonly file: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

const srcRoot = (root: string): string => join(root, 'src');

/** The component of a path under src/: its first folder, or the root module's name (index, paths, version). */
export function componentOf(root: string, path: string): string {
  const parts = relative(srcRoot(root), path).split(sep);
  return parts.length === 1 ? parts[0].replace(/\.(ts|js)$/, '') : parts[0];
}

function files(dir: string, keep: (p: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** Relative imports of a source file: static imports and re-exports, and dynamic `import('…')`. */
export function importsOf(text: string): { specifier: string; typeOnly: boolean; line: number }[] {
  const out: { specifier: string; typeOnly: boolean; line: number }[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    const specifier = m[3] ?? m[4] ?? m[5];
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ specifier, typeOnly: Boolean(m[2]), line: text.slice(0, m.index + lead).split('\n').length });
  }
  return out;
}

function allowed(from: string, to: string, typeOnly: boolean, isTest: boolean, module: string): boolean {
  if (from === to) return true;
  if (to === 'testing') return isTest || from === 'testing';
  if (isTest) return true; // tests may reach any component (e.g. run the CLI to produce what they check)
  const own: readonly string[] | '*' | undefined = from in foundationRules ? foundationRules[from] : allowedImports[from];
  if (own === undefined) return false; // a component the architecture does not know yet
  if (own === '*') return to !== 'cli' || from === 'index' || from === 'testing';
  if (to === 'cli') return false;
  if (!(from in foundationRules) && foundations.includes(to)) return true;
  if (own.includes(to)) return true;
  if ((allowedModules[from] ?? []).includes(module)) return true;
  return typeOnly && (typeOnlyImports[from] ?? []).includes(to);
}

/**
 * Every import under src/ that the architecture does not allow, and every import of src/testing
 * from the shipped entry point (bin/). Generators (scripts/) and benchmarks (bench/) are
 * development tools like tests and may use the testing fixtures.
 * @param root the repository root
 */
export function checkImports(root: string): ImportViolation[] {
  const violations: ImportViolation[] = [];
  const src = srcRoot(root);
  for (const file of files(src, (p) => p.endsWith('.ts'))) {
    const from = componentOf(root, file);
    const isTest = file.endsWith('.test.ts');
    for (const imp of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), imp.specifier);
      if (!target.startsWith(src + sep)) continue; // scripts/ or a fixture outside src: not a component
      const to = componentOf(root, target);
      const module = relative(src, target).split(sep).join('/').replace(/\.js$/, '.ts');
      if (!allowed(from, to, imp.typeOnly, isTest, module))
        violations.push({ file: relative(root, file).split(sep).join('/'), line: imp.line, from, to, specifier: imp.specifier });
    }
  }
  for (const dir of ['bin']) {
    for (const file of files(join(root, dir), (p) => /\.(ts|mjs)$/.test(p) && !p.endsWith('.test.ts'))) {
      for (const imp of importsOf(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), imp.specifier);
        if (target.startsWith(join(src, 'testing') + sep))
          violations.push({ file: relative(root, file).split(sep).join('/'), line: imp.line, from: dir, to: 'testing', specifier: imp.specifier });
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const v = checkImports(root);
  for (const x of v) console.log(`${x.file}:${x.line}: ${x.from} may not import ${x.to} (${x.specifier})`);
  console.log(v.length === 0 ? 'imports follow docs/architecture.md' : `${v.length} import(s) break docs/architecture.md`);
  process.exitCode = v.length === 0 ? 0 : 1;
}
