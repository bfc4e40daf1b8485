// Turns every golden vector file into describe(file) › describe(group) › it(tc_id) blocks, and
// checks the manifest (TMS-C-006: digests are sha256). Vector files cite their own requirements.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';
import { checkManifest, listVectorFiles, type Manifest } from '../src/vectors/manifest.js';
import { loadVectorFile } from '../src/vectors/loadVectorFile.js';
import { loadRunners } from '../src/vectors/runners.js';

const dir = fromRoot('vectors');
const runners = await loadRunners();
const files = listVectorFiles(dir).filter((f) => !f.startsWith('workloads/'));

describe('vectors/MANIFEST.json', () => {
  it('lists every vector file with its sha256 (run npm run gen:manifest)', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as Manifest;
    expect(checkManifest(dir, manifest)).toEqual([]);
  });
});

for (const rel of files) {
  const file = loadVectorFile(join(dir, rel), rel);
  describe(rel, () => {
    it('has a runner for its kind and cites where its expectations come from', () => {
      expect(runners.has(file.kind), `no runner for ${file.kind}`).toBe(true);
      expect(file.source.reference.length).toBeGreaterThan(0);
    });
    file.test_groups.forEach((group, gi) => {
      describe(`group ${gi}`, () => {
        for (const test of group.tests) {
          it(`#${test.tc_id} ${test.comment}`, async () => {
            const outcome = await runners.get(file.kind)!.run(test, group, file);
            expect(outcome).toEqual({ status: 'pass' });
          });
        }
      });
    });
  });
}
