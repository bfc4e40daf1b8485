import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import type { HarnessCase } from '../vectors/harness/harnessCases.js';
import { buildScoreboard } from './buildScoreboard.js';
import { renderScoreboardMarkdown } from './renderScoreboard.js';
import { runHarness } from './runHarness.js';

const tmp = mkdtempSync(join(tmpdir(), 'tokencert-harness-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const miniature = (mode = 'ok') => ({ name: `miniature-${mode}`, command: [process.execPath, fromRoot('src', 'harness', 'fakes', 'miniature.mjs'), mode] });
const textCase = (text: string, count = text.length): HarnessCase => ({
  id: `fake/${text}#1`,
  kind: 'text-count',
  file: 'fake/behaviours.json',
  pointer: '/test_groups/0/tests/0',
  title: text,
  requirements: ['TMS-M-004'],
  input: { encoding: 'cl100k_base', text },
  expected: { count },
});
const fixedClock = () => new Date('2026-11-30T00:00:00.000Z');

describe('harness runner against named fake behaviours', () => {
  it('crash, timeout, malformed answers are per-case errors, skips keep their reason, and later cases still run (TMS-H-002, TMS-H-003, TMS-H-009)', async () => {
    const cases = ['hello', 'crash', 'after', 'hang', 'garbage', 'wrongseq', 'badshape', 'skip', 'wrong', 'last'].map((t) => textCase(t));
    const report = await runHarness(miniature(), { outDir: join(tmp, 'mini'), cases, caseTimeoutMs: 1500, now: fixedClock });
    const status = Object.fromEntries(report.results.map((r) => [r.case_id.replace(/^fake\/|#1$/g, ''), [r.status, r.reason ?? '']]));
    expect(status.hello[0]).toBe('pass');
    expect(status.crash).toEqual(['error', expect.stringMatching(/crashed before its answer \(exited with code 3\).*crashing on purpose/)]);
    expect(status.after[0]).toBe('pass');
    expect(status.hang).toEqual(['error', 'timeout: no answer within 1500 ms']);
    expect(status.garbage).toEqual(['error', expect.stringMatching(/^malformed answer: not a JSON line/)]);
    expect(status.wrongseq).toEqual(['error', expect.stringMatching(/carries seq 1\d\d, expected/)]);
    expect(status.badshape).toEqual(['error', expect.stringMatching(/a text-count result needs count/)]);
    expect(status.skip).toEqual(['skip', 'miniature cannot express this']);
    expect(status.wrong).toEqual(['fail', 'count differs']);
    expect(status.last[0]).toBe('pass');
    expect(report.run.complete).toBe(true);
    expect(report.counts).toMatchObject({ pass: 3, fail: 1, error: 5, skip: 1 });
    expect(report.notes.some((n) => /restarted 5 time/.test(n.message))).toBe(true);
    expect(readFileSync(join(tmp, 'mini', 'junit.xml'), 'utf8')).toContain('<testsuite');
  });

  it('an implementation that never announces itself gives an incomplete run, not a crash of the runner (TMS-H-001, TMS-H-002)', async () => {
    for (const mode of ['no-hello', 'bad-hello']) {
      const report = await runHarness(miniature(mode), { outDir: join(tmp, mode), cases: [textCase('x')], startTimeoutMs: 5000, now: fixedClock });
      expect(report.run.complete, mode).toBe(false);
      expect(report.run.stopped?.reason).toBe('implementation-failed-to-start');
      expect(report.results).toEqual([]);
    }
  });

  it('kinds the implementation does not announce are not sent (TMS-H-003)', async () => {
    const usage: HarnessCase = { ...textCase('u'), id: 'fake/usage#1', kind: 'usage', input: {}, expected: { cells: {} } };
    const report = await runHarness(
      { ...miniature(), name: 'miniature-kinds' },
      { outDir: join(tmp, 'kinds'), cases: [usage, textCase('ok')], now: fixedClock },
    );
    expect(report.results.map((r) => r.case_id)).toEqual(['fake/ok#1']);
  });

  it('the scoreboard is the same bytes for the same runs and lists each failure with its vector (TMS-H-008)', async () => {
    const dirs = [join(tmp, 'mini'), join(tmp, 'kinds')];
    const a = renderScoreboardMarkdown(buildScoreboard(dirs));
    const b = renderScoreboardMarkdown(buildScoreboard([...dirs].reverse()));
    expect(a).toBe(b);
    const board = buildScoreboard(dirs);
    expect(board.failures.find((f) => f.case_id === 'fake/wrong#1')).toMatchObject({
      status: 'fail',
      vector: 'vectors/fake/behaviours.json',
      expected: { count: 5 },
      observed: { count: 6 },
    });
    expect(a).toContain('| fake/behaviours.json |');
  });
});
