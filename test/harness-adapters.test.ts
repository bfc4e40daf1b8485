// The shipped adapters, run offline through the harness over a bounded subset of the vectors (a
// few cases per vector file, every issue-thread case). The full run is `npm run harness`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveImplementation, shippedImplementations } from '../src/harness/resolveImplementation.js';
import { runHarness } from '../src/harness/runHarness.js';
import { fromRoot } from '../src/paths.js';
import type { Report } from '../src/schemas/types.gen.js';
import { harnessCases, type HarnessCase } from '../src/vectors/harness/harnessCases.js';

const tmp = mkdtempSync(join(tmpdir(), 'tokencert-adapters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const all = harnessCases(fromRoot('vectors'), { perFile: 2 });
const issues = harnessCases(fromRoot('vectors'), { kinds: ['usage', 'cost'] }).filter((c) => c.file.startsWith('harness/'));
const subset: HarnessCase[] = [...all.filter((c) => !c.file.startsWith('harness/')), ...issues];
const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const pins = { ...pkg.dependencies, ...pkg.devDependencies };
const python = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const reports = new Map<string, Report>();
async function run(name: string): Promise<Report> {
  let r = reports.get(name);
  if (!r) reports.set(name, (r = await runHarness(resolveImplementation(name), { outDir: join(tmp, name), cases: subset, caseTimeoutMs: 30_000 })));
  return r;
}
const status = (r: Report, id: string, check: string) => r.results.find((x) => x.case_id === id && x.check === check);

describe('shipped harness adapters on a bounded subset of the vectors', () => {
  it('tokencert’s own adapter passes every case of every kind (TMS-H-007, TMS-H-001)', async () => {
    const r = await run('tokencert');
    expect(r.counts).toMatchObject({ fail: 0, error: 0, skip: 0 });
    expect(new Set(r.results.map((x) => x.check))).toEqual(
      new Set(['harness-text-count', 'harness-chat-count', 'harness-usage', 'harness-cost', 'harness-settlement']),
    );
    expect(r.run.complete).toBe(true);
  });

  for (const name of shippedImplementations().filter((n) => n !== 'tokencert' && n !== 'python-usage')) {
    it(`${name} starts offline, announces the exact version pinned in package.json and answers every case without an error (TMS-H-004, TMS-H-009)`, async () => {
      const r = await run(name);
      expect(r.run.complete).toBe(true);
      expect(r.counts.error, JSON.stringify(r.results.filter((x) => x.status === 'error').map((x) => x.reason))).toBe(0);
      const library = String(r.target.name);
      expect(pins[library], `${library} is pinned`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(String(r.target.version).split(' ')[0]).toBe(pins[library]);
      for (const x of r.results.filter((y) => y.status === 'skip')) expect(x.reason).toBeTruthy();
    });
  }

  it('the scoreboard catches a known defect with its money impact: @langchain/google-genai drops Gemini thoughts (TMS-H-006, TMS-H-005)', async () => {
    const r = await run('langchain-google-genai');
    const thoughts = status(r, 'harness/cost-issues#15', 'harness-usage')!;
    expect(thoughts.status).toBe('fail');
    expect(thoughts.evidence.expected).toMatchObject({ 'output/none/text/reasoning': 343 });
    expect(thoughts.evidence.observed).not.toHaveProperty('output/none/text/reasoning');
    // 343 thought tokens at gemini-2.5-flash's 2.50 USD per million, unbilled.
    expect(thoughts.evidence.impact).toEqual({ currency: 'USD', amount: '-0.0008575' });
  });

  it('a library whose cell it cannot express is not failed for it: AI SDK 1-hour writes merge into one write cell (TMS-H-005)', async () => {
    const r = await run('ai-sdk-anthropic');
    const ttl = status(r, 'harness/cost-issues#6', 'harness-usage')!;
    expect(ttl.status).toBe('pass');
    expect(ttl.evidence.expected).toEqual({ 'input/write/text': 1000000 });
    expect((ttl.evidence.details as { not_expressible: string[] }).not_expressible).toContain('cache_ttl');
  });

  it.skipIf(!python)('the stdlib-only Python adapter speaks the protocol and normalises every usage case (TMS-H-001)', async () => {
    const r = await run('python-usage');
    expect(r.target.api).toMatch(/^python 3\./);
    expect(r.counts).toMatchObject({ fail: 0, error: 0 });
    expect(r.counts.pass).toBeGreaterThan(20);
  });
});
