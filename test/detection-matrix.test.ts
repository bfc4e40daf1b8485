// Detection matrix: the honest reference provider passes every check of the default suite, and each
// fault mode fails exactly the checks documented for it (src/reference-provider/faults.ts `catches`).
// Verifies the checks of TMS-M-004, TMS-M-008, TMS-M-021, TMS-M-022, TMS-M-030, TMS-M-031, TMS-M-032,
// TMS-M-033, TMS-M-035, TMS-C-109, TMS-C-111; result classes (TMS-C-102) and evidence digests (TMS-C-103).
// Quick-target rows (TMS-C-113, TMS-C-114, TMS-C-115, TMS-M-045): `probe --base-url --api openai-chat
// --model gpt-4o|o3` with tokenizer auto catches the faults the exact checks and the limit exist for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../src/probe/loadSuite.js';
import { loadTarget, quickTarget } from '../src/probe/loadTarget.js';
import { runProbe, type ProbeRun } from '../src/probe/runProbe.js';
import { checks } from '../src/probe/checks/index.js';
import { faults } from '../src/reference-provider/faults.js';
import { startReferenceProvider } from '../src/reference-provider/startReferenceProvider.js';
import { fromRoot } from '../src/paths.js';

const modes = [{ name: 'honest', catches: [] as readonly string[] }, ...faults];
const runs = new Map<string, ProbeRun>();
// The faults the quick-target rows run: those only exact checks, the fingerprint or the completion limit can catch.
const QUICK_FAULTS = ['wrong-encoding', 'no-framing', 'reasoning-limit-ignored', 'inflated-input', 'extra-token-per-message', 'max-tokens-ignored'];
const QUICK_MODELS = ['gpt-4o', 'o3'];
const quickModes = [
  { name: 'honest', catches: [] as readonly string[], models: undefined as readonly string[] | undefined },
  ...faults
    .filter((f) => QUICK_FAULTS.includes(f.name))
    .map((f) => ({ name: f.name, catches: f.catches as readonly string[], models: 'models' in f ? (f.models as readonly string[]) : undefined })),
];
const quickRuns = new Map<string, ProbeRun>();
const root = mkdtempSync(join(tmpdir(), 'tc-matrix-'));

beforeAll(async () => {
  const suite = { ...(await loadSuite('default')), comparability: false };
  const base = await loadTarget(fromRoot('targets', 'reference.yaml'));
  await Promise.all(
    modes.map(async (m) => {
      const p = await startReferenceProvider({ faults: m.name === 'honest' ? [] : [m.name] });
      // Fault runs skip gpt-4: it differs from gpt-4o only by its encoding, which no fault touches.
      const models = m.name === 'honest' ? base.models : base.models.filter((x) => x.id !== 'gpt-4');
      try {
        runs.set(
          m.name,
          await runProbe({
            target: { ...base, models, baseUrl: p.url },
            suite,
            outDir: join(root, m.name),
            concurrency: 8,
            http: { timeoutMs: 15_000, backoffMs: 20, maxBodyBytes: 4 * 1024 * 1024 },
          }),
        );
      } finally {
        await p.close();
      }
    }),
  );
  for (const m of quickModes) {
    const p = await startReferenceProvider({ faults: m.name === 'honest' ? [] : [m.name] });
    try {
      await Promise.all(
        QUICK_MODELS.map(async (model) => {
          const target = quickTarget({ baseUrl: p.url, api: 'openai-chat', model });
          quickRuns.set(
            `${m.name}/${model}`,
            await runProbe({ target, suite, outDir: join(root, `quick-${m.name}-${model}`), concurrency: 8, http: { timeoutMs: 15_000, backoffMs: 20 } }),
          );
        }),
      );
    } finally {
      await p.close();
    }
  }
}, 400_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const failing = (run: ProbeRun, status: 'fail' | 'error'): string[] =>
  [...new Set(run.report.results.filter((r) => r.status === status).map((r) => r.check))].sort();
// Why each check failed or errored, for the assertion message when a row does not match.
const why = (run: ProbeRun): string =>
  run.report.results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => `${r.case_id} ${r.check} ${r.status}: ${r.reason}`)
    .concat(run.stopped ? [`stopped: ${run.stopped.message}`] : [])
    .join('\n');

describe('detection matrix', () => {
  it('documents only checks that exist', () => {
    for (const f of faults) for (const c of f.catches) expect(checks.has(c), `${f.name} catches unknown check ${c}`).toBe(true);
  });

  it('the honest reference provider passes every check (nothing fails, errors or is skipped) (TMS-C-102)', () => {
    const run = runs.get('honest')!;
    const bad = run.report.results.filter((r) => r.status !== 'pass' && r.status !== 'not_applicable');
    expect(bad.map((r) => `${r.case_id} ${r.check} ${r.status}: ${r.reason}`)).toEqual([]);
    expect(run.stopped).toBeNull();
    // Every check of the suite decided at least once.
    expect(new Set(run.report.results.filter((r) => r.status === 'pass').map((r) => r.check))).toEqual(new Set(checks.keys()));
  });

  it('every decided result carries request and response digests (TMS-C-103)', () => {
    const run = runs.get('honest')!;
    for (const r of run.report.results.filter((x) => x.status === 'pass')) {
      expect(r.evidence.request_sha256, `${r.case_id} ${r.check}`).toMatch(/^[0-9a-f]{64}$/);
      expect(r.evidence.response_sha256, `${r.case_id} ${r.check}`).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each(faults.map((f) => [f.name, f] as const))('fault %s fails exactly its documented checks', (name, f) => {
    const run = runs.get(name)!;
    const expected = [...f.catches].sort();
    expect(failing(run, 'fail'), why(run)).toEqual(expected);
    // A transport fault makes every dependent check undecidable (error); any other fault must not.
    if (!(f.catches as readonly string[]).includes('transport-errors-surface')) expect(failing(run, 'error'), why(run)).toEqual([]);
    expect(run.stopped).toBeNull();
  });

  it.each(quickModes.flatMap((m) => QUICK_MODELS.map((model) => [m.name, model, m] as const)))(
    'quick target: %s with --model %s fails exactly its documented checks (TMS-C-113, TMS-C-114, TMS-C-115)',
    (name, model, m) => {
      const run = quickRuns.get(`${name}/${model}`)!;
      const expected = m.models && !m.models.includes(model) ? [] : [...m.catches].sort();
      expect(failing(run, 'fail'), why(run)).toEqual(expected);
      expect(failing(run, 'error'), why(run)).toEqual([]);
      expect(run.stopped).toBeNull();
      if (name === 'honest') expect(new Set(run.report.results.filter((r) => r.status === 'pass').map((r) => r.check))).toContain('prompt-count-exact');
    },
  );
});
