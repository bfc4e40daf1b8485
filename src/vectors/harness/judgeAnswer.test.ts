import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { mergeCells } from './cellKeys.js';
import type { HarnessCase } from './harnessCases.js';
import { harnessCases } from './harnessCases.js';
import { judgeAnswer } from './judgeAnswer.js';

const sheet = {
  tms_version: '0.1.0',
  id: 't',
  currency: 'USD',
  unit: 1000000,
  entries: [
    {
      id: 'm',
      model: 'm',
      prices: { 'input/none/text': '3', 'input/read/text': '0.30', 'input/write/text': '3.75', 'input/write@1h/text': '6', 'output/none/text': '15' },
    },
  ],
};
const usageCase = (cells: Record<string, number>): HarnessCase => ({
  id: 'x#1',
  kind: 'usage',
  file: 'x.json',
  pointer: '',
  title: 't',
  requirements: ['TMS-M-026'],
  input: {},
  expected: { cells },
  impact: { sheet, model: 'm', at: '2025-09-01T00:00:00Z' },
});
const costCase: HarnessCase = {
  id: 'c#1',
  kind: 'cost',
  file: 'c.json',
  pointer: '',
  title: 't',
  requirements: ['TMS-P-011'],
  input: {},
  expected: { currency: 'USD', total: '0.005615' },
};

describe('judging harness answers', () => {
  it('merges only the distinctions a library declares, keeping totals (TMS-H-005)', () => {
    const cells = {
      'input/none/text': 3,
      'input/write@5m/text': 10,
      'input/write@1h/text': 20,
      'output/none/text/answer': 5,
      'output/none/text/reasoning': 7,
      'input/none/text/tool': 2,
    };
    expect(mergeCells(cells, ['cache_ttl'])).toEqual({
      'input/none/text': 3,
      'input/none/text/tool': 2,
      'input/write/text': 30,
      'output/none/text/answer': 5,
      'output/none/text/reasoning': 7,
    });
    expect(mergeCells(cells, ['phase'])).toEqual({
      'input/none/text': 3,
      'input/none/text/tool': 2,
      'input/write@1h/text': 20,
      'input/write@5m/text': 10,
      'output/none/text': 12,
    });
    expect(mergeCells(cells, ['tool_prompt', 'cache_write'])).toEqual({ 'input/none/text': 35, 'output/none/text/answer': 5, 'output/none/text/reasoning': 7 });
    expect(mergeCells({ 'not a key': 4 }, ['modality'])).toEqual({ 'not a key': 4 });
  });

  it('a missing field declared not expressible passes; the same tokens reported as zero fail (TMS-H-005)', () => {
    const c = usageCase({ 'input/none/text': 3, 'input/write@1h/text': 100 });
    expect(judgeAnswer(c, { cells: { 'input/none/text': 3, 'input/write/text': 100 }, not_expressible: ['cache_ttl'] }).status).toBe('pass');
    expect(judgeAnswer(c, { cells: { 'input/none/text': 3, 'input/write/text': 100 }, not_expressible: [] }).status).toBe('fail');
    expect(judgeAnswer(c, { cells: { 'input/none/text': 3 }, not_expressible: ['cache_ttl'] }).status).toBe('fail');
  });

  it('states a usage failure’s money impact at the vector’s prices, negative cells priced as credits (TMS-H-006)', () => {
    // Cache writes counted again as input: 12304 extra input tokens at 3 USD per million.
    const c = usageCase({ 'input/none/text': 3, 'input/write/text': 12304, 'output/none/text/answer': 550 });
    const twice = judgeAnswer(c, { cells: { 'input/none/text': 12307, 'input/write/text': 12304, 'output/none/text/answer': 550 }, not_expressible: [] });
    expect(twice).toMatchObject({ status: 'fail', impact: { currency: 'USD', amount: '0.036912' } });
    // A remainder gone negative: the library's total input is smaller than its cache writes.
    const negative = judgeAnswer(c, { cells: { 'input/none/text': -12301, 'input/write/text': 12304, 'output/none/text/answer': 550 }, not_expressible: [] });
    expect(negative).toMatchObject({ status: 'fail', impact: { currency: 'USD', amount: '-0.036912' } });
  });

  it('compares money exactly, granting float64 libraries relative 1e-9 and saying so (TMS-H-006)', () => {
    expect(judgeAnswer(costCase, { currency: 'USD', total: '0.005615', arithmetic: 'exact' }).status).toBe('pass');
    expect(judgeAnswer(costCase, { currency: 'USD', total: '0.005615000000000001', arithmetic: 'exact' })).toMatchObject({
      status: 'fail',
      impact: { amount: '0.000000000000000001' },
    });
    const f = judgeAnswer(costCase, { currency: 'USD', total: '0.005615000000000001', arithmetic: 'float64' });
    expect(f).toMatchObject({ status: 'pass', note: expect.stringMatching(/float64/) });
    expect(judgeAnswer(costCase, { currency: 'USD', total: '0.0057', arithmetic: 'float64' })).toMatchObject({
      status: 'fail',
      impact: { currency: 'USD', amount: '0.000085' },
    });
    expect(judgeAnswer(costCase, { currency: 'EUR', total: '0.005615', arithmetic: 'exact' }).status).toBe('fail');
  });

  it('every harness vector cites the public issue thread it reproduces, and becomes both a usage and a cost case (TMS-H-010, TMS-H-003)', () => {
    const file = JSON.parse(readFileSync(fromRoot('vectors', 'harness', 'cost-issues.json'), 'utf8')) as { test_groups: { tests: { comment: string }[] }[] };
    for (const t of file.test_groups.flatMap((g) => g.tests)) expect(t.comment).toMatch(/\([^)]*[\w.-]+\/[\w.-]+#\d+[^)]*\)$/);
    const cases = harnessCases(fromRoot('vectors'), { kinds: ['usage', 'cost'] }).filter((c) => c.file === 'harness/cost-issues.json');
    const n = file.test_groups[0].tests.length;
    expect(cases.filter((c) => c.kind === 'usage')).toHaveLength(n);
    expect(cases.filter((c) => c.kind === 'cost')).toHaveLength(n);
    expect(cases.every((c) => c.source && /#\d+/.test(c.source))).toBe(true);
  });
});
