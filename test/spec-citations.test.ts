// Both directions of citation between the spec and its evidence (TMS-C-001 … every requirement):
// every id cited by a vector file, suite case or test exists, and every active requirement is cited.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildSpec, requirementIdPattern } from '../src/spec/buildSpec.js';
import { fromRoot, packageRoot } from '../src/paths.js';
import { safeValidate } from '../src/schemas/registry.js';
import type { Spec } from '../src/spec/types.js';

const shipped = parse(readFileSync(fromRoot('spec', 'tms.yaml'), 'utf8')) as Spec;
const ids = new Set(shipped.requirements.map((r) => r.id));

function testFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('spec/tms.yaml', () => {
  it('is valid against schemas/spec.json', () => {
    const r = safeValidate('spec', shipped);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('is up to date with spec/parts and the citations (run npm run gen:spec)', () => {
    expect(shipped).toEqual(buildSpec());
  });

  it('has unique requirement ids, each in the part its prefix names', () => {
    const all = shipped.requirements.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    const parts = new Set(shipped.parts.map((p) => p.id));
    for (const id of all) expect(parts.has(id.split('-')[1]), id).toBe(true);
  });

  it('uses only declared conformance classes and matching BCP 14 keywords', () => {
    const classes = new Set(shipped.conformance_classes.map((c) => c.id));
    for (const r of shipped.requirements) {
      for (const c of r.applies_to) expect(classes.has(c), `${r.id} applies_to ${c}`).toBe(true);
      expect(r.text, `${r.id} text must use its level keyword`).toContain(r.level);
    }
  });

  it('every active requirement is verified by at least one vector file, suite case or test', () => {
    const uncited = shipped.requirements.filter((r) => r.status !== 'retired' && r.verified_by.length === 0).map((r) => r.id);
    expect(uncited).toEqual([]);
  });

  it('every test file cites at least one requirement, and only existing ones', () => {
    for (const file of [...testFiles(fromRoot('src')), ...testFiles(fromRoot('test'))]) {
      const cited = [...readFileSync(file, 'utf8').matchAll(requirementIdPattern)].map((m) => m[0]);
      const rel = relative(packageRoot, file);
      expect(cited.length, `${rel} cites no requirement`).toBeGreaterThan(0);
      for (const id of cited) expect(ids.has(id), `${rel} cites unknown ${id}`).toBe(true);
    }
  });
});
