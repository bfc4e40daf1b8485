import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../schemas/types.gen.js';
import { groupRootCauses, rootCausesForReport } from './groupRootCauses.js';
import { ROOT_CAUSE_RULES, ROOT_CAUSES } from './rootCauses.js';

let seq = 0;
const violation = (exchange: string, expected: unknown, observed: unknown, message = `${exchange}: ${String(observed)} ≠ ${String(expected)}`) => ({
  exchange,
  message,
  expected,
  observed,
});
const fail = (check: string, caseId: string, violations: ReturnType<typeof violation>[], impact?: string): ReportResult => ({
  seq: ++seq,
  time: '2026-11-28T04:00:00Z',
  case_id: caseId,
  check,
  title: `title of ${check}`,
  requirements: ['TMS-M-008'],
  level: 'MUST',
  classes: ['provider-api'],
  status: 'fail',
  evidence: {
    exchange: violations[0].exchange,
    expected: violations[0].expected,
    observed: violations[0].observed,
    violations,
    ...(impact ? { impact: { currency: 'USD', amount: impact } } : {}),
  },
});

describe('groupRootCauses (TMS-C-213)', () => {
  it('TMS-C-213: the rule table names only causes it defines, and every cause has a title, an explanation and requirements', () => {
    const ids = new Set(ROOT_CAUSES.map((c) => c.id));
    expect(ids.size).toBe(ROOT_CAUSES.length);
    for (const r of ROOT_CAUSE_RULES) expect(ids.has(r.cause), r.cause).toBe(true);
    for (const c of ROOT_CAUSES) {
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.explanation.length).toBeGreaterThan(40);
      for (const q of c.requirements) expect(q).toMatch(/^TMS-[A-Z]-\d{3}$/);
    }
  });

  it('TMS-C-213: cached tokens left out of the input explain four checks on the cache hit; a check no rule explains keeps its own group', () => {
    const results = [
      fail('cached-within-input', 'cache/gpt-4o', [violation('cache-hit', '≤ 235', 1280)]),
      fail('deterministic-counts', 'cache/gpt-4o', [violation('cache-hit', 1515, 235)], '-0.0032'),
      fail('totals-are-sums', 'cache/gpt-4o', [violation('cache-hit', 259, 259 + 1280)]),
      // One result with a violation of each cause: the inflated first sending and the short cache hit.
      fail('prompt-count-exact', 'cache/gpt-4o', [violation('cache-write', 1377, 1515), violation('cache-hit', 1377, 235)], '0.0003'),
      fail('prompt-count-exact', 'chat/gpt-4o', [violation('plain', 60, 66)], '0.00001'),
      fail('max-tokens-honoured', 'limit/gpt-4o', [violation('plain', '≤ 5', 28)]),
      { ...fail('totals-are-sums', 'chat/gpt-4o', [violation('plain', 84, 85)]) },
    ];
    const causes = groupRootCauses(results);
    expect(causes.map((c) => c.id)).toEqual(['cache-read-outside-input', 'input-miscounted', 'check:max-tokens-honoured', 'check:totals-are-sums']);
    const [cache, tokenizer] = causes;
    expect(cache.checks.map((g) => g.check).sort()).toEqual(['cached-within-input', 'deterministic-counts', 'prompt-count-exact', 'totals-are-sums']);
    expect(cache.count).toBe(4);
    // The split result is counted (impact, anchor) under the cause of its first violation only.
    const split = cache.checks.find((g) => g.check === 'prompt-count-exact')!.instances[0];
    expect(split).toMatchObject({ index: 3, primary: false, impact: null, exchanges: ['cache-hit'], observed: 235 });
    expect(tokenizer.checks[0].instances.map((x) => [x.index, x.primary, x.exchanges])).toEqual([
      [3, true, ['cache-write']],
      [4, true, ['plain']],
    ]);
    expect(tokenizer.impact).toEqual([{ currency: 'USD', amount: '0.00031' }]);
    expect(cache.impact).toEqual([{ currency: 'USD', amount: '-0.0032' }]);
    // A total off by one beside a cache fault is not the cache's doing: the gap is not the cached count.
    expect(causes[3].checks[0].instances.map((x) => x.index)).toEqual([6]);
    // Every failing result is counted exactly once across causes.
    const counted = rootCausesForReport(causes).flatMap((c) => c.checks.flatMap((g) => g.results.filter((x) => x.counted).map((x) => x.index)));
    expect(counted.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('TMS-C-213: a repeat billed one token more is the determinism cause, not the tokenizer; missing stream usage is its own cause', () => {
    const results = [
      fail('deterministic-counts', 'chat/gpt-4o', [violation('repeat', 124, 125)]),
      fail('prompt-count-exact', 'chat/gpt-4o', [violation('repeat', 124, 125)]),
      fail('stream-include-usage-final-chunk', 'chat/gpt-4o', [violation('stream', 1, 0, 'include_usage: 0 chunks carry usage, expected exactly 1')]),
      fail('stream-usage-equals-nonstream', 'chat/gpt-4o', [violation('stream', { input: 124 }, null, 'the stream carried no usage')]),
    ];
    expect(groupRootCauses(results).map((c) => [c.id, c.checks.map((g) => g.check).sort()])).toEqual([
      ['repeat-billed-differently', ['deterministic-counts', 'prompt-count-exact']],
      ['stream-usage-missing', ['stream-include-usage-final-chunk', 'stream-usage-equals-nonstream']],
    ]);
  });
});
