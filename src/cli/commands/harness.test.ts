// `tokencert harness run` and `harness compare` end to end in-process, with the miniature fake.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { safeValidate } from '../../schemas/registry.js';
import { runCliForTest } from '../../testing/runCliForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-harness-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const miniature = `${process.execPath} ${fromRoot('src', 'harness', 'fakes', 'miniature.mjs')}`;

describe('tokencert harness run / compare', () => {
  it.each([
    [['harness', 'run'], /at least one --impl/],
    [['harness', 'run', '--impl', 'tokencert', '--kind', 'bogus'], /unknown --kind "bogus"/],
    [['harness', 'run', '--impl', 'no-such-adapter'], /no adapter named "no-such-adapter"/],
    [['harness', 'run', '--impl', 'tokencert', '--per-file', '0'], /--per-file must be a positive integer/],
    [['harness', 'run', '--impl', 'tokencert', '--vectors', join(dir, 'nowhere')], /not a vector folder/],
    [['harness', 'compare'], /at least one harness run folder/],
    [['harness', 'compare', join(dir, 'missing')], /no report\.json/],
  ])('%j is a usage or input error, exit 2, one clear line (TMS-H-001)', async (argv, message) => {
    const r = await runCliForTest(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('runs a command line, writes the usual reports, exits 1 on failures; compare writes a schema-valid, repeatable scoreboard (TMS-H-003, TMS-H-008)', async () => {
    const out = join(dir, 'runs');
    const r = await runCliForTest(['harness', 'run', '--impl', miniature, '--kind', 'text-count', '--per-file', '1', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^miniature \(miniature 1\.0\.0\): \d+ passed, \d+ failed, 0 errors, 0 skipped/);
    for (const f of ['events.jsonl', 'report.json', 'report.html', 'junit.xml', 'summary.md']) expect(existsSync(join(out, 'miniature', f)), f).toBe(true);
    const c1 = await runCliForTest(['harness', 'compare', join(out, 'miniature'), '--out', join(dir, 'b1')]);
    const c2 = await runCliForTest(['harness', 'compare', join(out, 'miniature'), '--out', join(dir, 'b2')]);
    expect([c1.code, c2.code]).toEqual([0, 0]);
    const board = JSON.parse(readFileSync(join(dir, 'b1', 'scoreboard.json'), 'utf8'));
    expect(safeValidate('scoreboard', board)).toEqual({ ok: true });
    expect(board.failures.length).toBeGreaterThan(0);
    for (const f of ['scoreboard.json', 'scoreboard.html', 'scoreboard.md'])
      expect(readFileSync(join(dir, 'b1', f), 'utf8')).toBe(readFileSync(join(dir, 'b2', f), 'utf8'));
  });
});
