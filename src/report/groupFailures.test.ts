import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../schemas/types.gen.js';
import { groupFailures } from './groupFailures.js';
import { requirementStatus } from './requirementStatus.js';

let seq = 0;
const r = (check: string, status: ReportResult['status'], extra: Partial<ReportResult> = {}, evidence: Record<string, unknown> = {}): ReportResult =>
  ({
    seq: ++seq,
    time: '2026-11-28T04:00:00Z',
    case_id: `case-${seq}`,
    check,
    title: `title of ${check}`,
    requirements: ['TMS-M-008'],
    level: 'MUST',
    classes: ['provider-api'],
    status,
    evidence,
    ...extra,
  }) as ReportResult;

describe('groupFailures (TMS-C-209)', () => {
  it('TMS-C-210: one group per failing check with every instance, counts and summed impact; passes left out', () => {
    const results = [
      r('a', 'fail', {}, { impact: { currency: 'USD', amount: '0.001' }, exchange: 'plain' }),
      r('a', 'fail', {}, { impact: { currency: 'USD', amount: '0.002' } }),
      r('a', 'error'),
      r('b', 'pass'),
    ];
    const [g, ...rest] = groupFailures(results);
    expect(rest).toEqual([]);
    expect(g).toMatchObject({ check: 'a', status: 'fail', count: 3, fails: 2, errors: 1, impact: [{ currency: 'USD', amount: '0.003' }] });
    expect(g.instances.map((x) => x.index)).toEqual([0, 1, 2]);
    // Evidence with an exchange label shows it; evidence without one (older probes) shows none.
    expect(g.instances.map((x) => x.exchanges)).toEqual([['plain'], [], []]);
  });

  it('TMS-C-210: orders what to fix first: money impact, then MUST before SHOULD, then fail before error', () => {
    const results = [
      r('should-fail', 'fail', { level: 'SHOULD' }),
      r('must-error', 'error'),
      r('must-fail', 'fail'),
      r('cheap', 'fail', { level: 'SHOULD' }, { impact: { currency: 'USD', amount: '0.01' } }),
      r('dear', 'fail', { level: 'SHOULD' }, { impact: { currency: 'USD', amount: '-0.5' } }),
    ];
    expect(groupFailures(results).map((g) => g.check)).toEqual(['dear', 'cheap', 'must-fail', 'must-error', 'should-fail']);
  });

  it('reads violation labels and tolerates malformed label fields', () => {
    const [g] = groupFailures([
      r('v', 'fail', {}, { exchange: 7, violations: [{ exchange: 'stream', message: 'no usage' }, null, { exchange: 'repeat', message: 'differs' }] }),
    ]);
    expect(g.instances[0].exchanges).toEqual(['stream', 'repeat']);
    expect(g.instances[0].violations).toEqual([
      { exchange: 'stream', message: 'no usage' },
      { exchange: '', message: '' },
      { exchange: 'repeat', message: 'differs' },
    ]);
  });
});

describe('requirementStatus', () => {
  it('TMS-C-210: a requirement cited by a passing and a failing check names the failing check as the decider', () => {
    const results = [r('deterministic-counts', 'pass'), r('deterministic-counts', 'pass'), r('cached-within-input', 'fail'), r('cached-within-input', 'pass')];
    const [row] = requirementStatus([{ id: 'TMS-M-008', level: 'MUST', title: 'Determinism', checks: 4, status: 'fail' }], results);
    expect(row.decidedBy).toEqual(['cached-within-input']);
    expect(row.votes).toEqual([
      { check: 'cached-within-input', status: 'fail', results: 1 },
      { check: 'deterministic-counts', status: 'pass', results: 2 },
    ]);
  });
});
