// The reference provider's caches do not leak between runs (TMS-C-128): two probe runs that each
// start the reference provider, as `npm start` does, give the same results, digests included; and a
// second probe of a provider whose caches are warm from the first still passes every check, because
// the caching checks judge writes and reads by the caching rules (TMS-M-050, TMS-M-051, TMS-M-052).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../src/probe/loadSuite.js';
import { loadTarget } from '../src/probe/loadTarget.js';
import { runProbe, type ProbeRun } from '../src/probe/runProbe.js';
import type { LoadedSuite } from '../src/probe/types.js';
import { fromRoot } from '../src/paths.js';
import { type RunningReferenceProvider, startReferenceProvider } from '../src/reference-provider/startReferenceProvider.js';

const root = mkdtempSync(join(tmpdir(), 'tc-repeat-'));
const runs: ProbeRun[] = [];

/**
 * A result without what legitimately differs between runs: response digests, because each response
 * carries its creation time and a per-server serial id (the transcript path is absent: none kept).
 */
const withoutResponseDigests = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutResponseDigests)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'response_sha256')
            .map(([k, x]) => [k, withoutResponseDigests(x)]),
        )
      : v;
const view = (run: ProbeRun) =>
  run.report.results
    .map((r) => ({ case_id: r.case_id, check: r.check, status: r.status, reason: r.reason, evidence: withoutResponseDigests(r.evidence) }))
    .sort(byKey);
const byKey = (a: { case_id: string; check: string }, b: { case_id: string; check: string }): number =>
  `${a.case_id} ${a.check}`.localeCompare(`${b.case_id} ${b.check}`);
const statuses = (run: ProbeRun) => run.report.results.map((r) => ({ case_id: r.case_id, check: r.check, status: r.status })).sort(byKey);

beforeAll(async () => {
  const suite: LoadedSuite = { ...(await loadSuite('default')), comparability: false };
  const base = await loadTarget(fromRoot('targets', 'reference.yaml'));
  const probe = async (p: RunningReferenceProvider, n: number): Promise<void> => {
    runs.push(
      await runProbe({ target: { ...base, baseUrl: p.url }, suite, outDir: join(root, `run${n}`), concurrency: 4, http: { timeoutMs: 15_000, backoffMs: 20 } }),
    );
  };
  for (let n = 0; n < 2; n++) {
    const p = await startReferenceProvider();
    try {
      await probe(p, n);
      if (n === 1) await probe(p, 2);
    } finally {
      await p.close();
    }
  }
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('probing the reference provider twice (TMS-C-128)', () => {
  it('two runs, each starting the reference provider, give the same results, observations and request digests', () => {
    expect(runs[0].report.verdict).toEqual(runs[1].report.verdict);
    expect(view(runs[1])).toEqual(view(runs[0]));
  });

  it('a second probe of the same, warm provider still passes every check (TMS-M-052)', () => {
    const bad = runs[2].report.results.filter((r) => r.status !== 'pass' && r.status !== 'not_applicable');
    expect(bad.map((r) => `${r.case_id} ${r.check} ${r.status}: ${r.reason}`)).toEqual([]);
    expect(statuses(runs[2])).toEqual(statuses(runs[1]));
  });
});
