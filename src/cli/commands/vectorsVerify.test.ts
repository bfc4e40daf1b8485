// `tokencert vectors verify --json` prints JSON matching schemas/vectors-verify-output.json (TMS-C-002).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

// A one-file copy of the shipped vectors keeps the test fast; its manifest lists only that file.
const dir = mkdtempSync(join(tmpdir(), 'tc-vectors-'));
const rel = 'money/rounding.json';
mkdirSync(join(dir, 'money'));
copyFileSync(fromRoot('vectors', rel), join(dir, rel));
const manifest = JSON.parse(readFileSync(fromRoot('vectors', 'MANIFEST.json'), 'utf8'));
writeFileSync(join(dir, 'MANIFEST.json'), JSON.stringify({ ...manifest, files: { [rel]: manifest.files[rel] } }, null, 2));

describe('tokencert vectors verify --json (TMS-C-002)', () => {
  it('reports a passing folder in the documented shape', async () => {
    const r = await runCliForTest(['vectors', 'verify', '--dir', dir, '--json']);
    const out = JSON.parse(r.out);
    expect(safeValidate('vectors-verify-output', out)).toEqual({ ok: true });
    expect(out).toMatchObject({ files: 1, failed: 0, manifest: [] });
    expect(out.passed).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it('reports an unlisted file and a failure in the documented shape', async () => {
    writeFileSync(join(dir, 'extra.json'), '{}');
    const r = await runCliForTest(['vectors', 'verify', '--dir', dir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(safeValidate('vectors-verify-output', out)).toEqual({ ok: true });
    expect(out.manifest).toContainEqual({ kind: 'unlisted-file', file: 'extra.json' });
  });
});
