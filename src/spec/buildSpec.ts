import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../paths.js';
import { isRecord, isStringArray } from '../io/isRecord.js';
import type { Requirement, Spec } from './types.js';

/** The requirement-id pattern every citation uses. */
export const requirementIdPattern = /TMS-[A-Z]-\d{3}/g;

interface PartFile {
  part?: { id: string; title: string; prose: string };
  id?: string;
  title?: string;
  version?: string;
  conformance_classes?: Spec['conformance_classes'];
  levels?: Spec['levels'];
  requirements?: Omit<Requirement, 'verified_by'>[];
}

function walk(dir: string, keep: (p: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/**
 * The titles of a test file's tests and describe blocks: the first argument of every `it`, `test`
 * and `describe` call (with `.each(...)`, `.only`, `.concurrent`, `.sequential` variants) that is a
 * string or template literal. Comments, helper strings and assertions are not titles.
 */
export function testTitles(source: string): string[] {
  const re = /\b(?:it|test|describe)(?:\.(?:only|concurrent|sequential|each\([^)]*\)))*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  return [...source.matchAll(re)].map((m) => m[2]);
}

/**
 * Where each requirement id is cited, as repo-relative strings: vector files that list it in their
 * header, suite cases that list it, and test files where a test or describe title names it
 * (TMS-C-032). A mention in a comment is not a citation.
 */
export function collectCitations(root = packageRoot): Map<string, Set<string>> {
  const cites = new Map<string, Set<string>>();
  const add = (id: string, where: string) => {
    if (!cites.has(id)) cites.set(id, new Set());
    cites.get(id)!.add(where);
  };
  for (const file of walk(join(root, 'vectors'), (p) => p.endsWith('.json') && !p.endsWith('MANIFEST.json'))) {
    const header: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const ids = isRecord(header) && isStringArray(header.requirements) ? header.requirements : [];
    for (const id of ids) add(id, relative(root, file));
  }
  for (const file of walk(join(root, 'suites'), (p) => p.endsWith('.yaml'))) {
    const suite: unknown = parse(readFileSync(file, 'utf8'));
    const cases = isRecord(suite) && Array.isArray(suite.cases) ? suite.cases : [];
    for (const c of cases) {
      if (isRecord(c) && typeof c.id === 'string' && isStringArray(c.requirements)) for (const id of c.requirements) add(id, `${relative(root, file)}#${c.id}`);
    }
  }
  for (const dir of ['src', 'test']) {
    for (const file of walk(join(root, dir), (p) => p.endsWith('.test.ts'))) {
      for (const title of testTitles(readFileSync(file, 'utf8'))) for (const m of title.matchAll(requirementIdPattern)) add(m[0], relative(root, file));
    }
  }
  return cites;
}

/**
 * Assembles spec/tms.yaml from spec/parts/*.yaml: the header file (00-*.yaml) gives id, version,
 * classes and levels; each other part gives prose and requirements. `verified_by` is derived from
 * the citations found in vectors, suites and tests, so the spec and its evidence cannot drift apart.
 */
export function buildSpec(root = packageRoot): Spec {
  const dir = join(root, 'spec', 'parts');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const header = parse(readFileSync(join(dir, files[0]), 'utf8')) as PartFile;
  const cites = collectCitations(root);
  const parts: Spec['parts'] = [];
  const requirements: Requirement[] = [];
  for (const f of files.slice(1)) {
    const doc = parse(readFileSync(join(dir, f), 'utf8')) as PartFile;
    if (doc.part) parts.push(doc.part);
    for (const r of doc.requirements ?? []) {
      requirements.push({ ...r, verified_by: [...(cites.get(r.id) ?? [])].sort() });
    }
  }
  requirements.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    id: 'tms',
    title: header.title!,
    version: header.version!,
    conformance_classes: header.conformance_classes!,
    levels: header.levels!,
    parts,
    requirements,
  };
}
