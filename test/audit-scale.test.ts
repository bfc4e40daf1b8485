// At 100,000 records the audit still finds exactly what was planted, with every line accounted
// for (TMS-A-001, TMS-A-003, TMS-A-005, TMS-A-007, TMS-A-008). Speed is measured in
// bench/audit.bench.ts, not here; the timeout only stops a runaway.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money/Decimal.js';
import type { Discrepancy } from '../src/audit/types.js';
import type { Planted } from '../src/audit/generate/plants.js';
import { cli, jsonl, SHEET, tmp } from './audit-helpers.js';

describe('audit at 100,000 records', () => {
  it('finds exactly the planted faults and their impact (TMS-A-008)', async () => {
    const dir = tmp('scale');
    const g = await cli([
      'generate',
      'records',
      '--count',
      '100000',
      '--seed',
      '100',
      '--native',
      'anthropic',
      '--plant',
      'dup:0.001',
      '--plant',
      'conflict:0.001',
      '--plant',
      'period:0.001',
      '--plant',
      'missing:0.001',
      '--plant',
      'price:0.001',
      '--plant',
      'currency:0.001',
      '--out',
      join(dir, 'log.jsonl.gz'),
    ]);
    expect(g.code, g.err).toBe(0);
    const a = await cli([
      'audit',
      '--records',
      join(dir, 'log.jsonl.gz'),
      '--sheet',
      SHEET,
      '--statement',
      join(dir, 'statement.json'),
      '--out',
      join(dir, 'out'),
      '--json',
    ]);
    expect(a.code, a.err).toBe(1);
    const found = jsonl<Discrepancy>(join(dir, 'out', 'discrepancies.jsonl'));
    const planted = jsonl<Planted>(join(dir, 'planted.jsonl'));
    expect(planted.length).toBeGreaterThan(500);
    const key = (k: string, id: string | null, amount: string | null | undefined) => `${k} ${id} ${amount ?? '-'}`;
    const got = found
      .filter((d) => !['line', 'total', 'count', 'root'].includes(d.kind))
      .map((d) => key(d.kind, d.record_id, d.impact?.amount))
      .sort();
    const want = planted
      .filter((p) => p.expect !== null)
      .map((p) => key(p.expect!, p.record_id, p.impact))
      .sort();
    expect(got).toEqual(want);
    const out = JSON.parse(a.out) as { tally: { lines: number; records: number; invalid: number }; billing: { net_exact: string } };
    expect(out.tally.lines).toBe(out.tally.records);
    const net = planted.filter((p) => p.in_statement).reduce((s, p) => s.add(Decimal.parse(p.impact!)), Decimal.zero);
    expect(out.billing.net_exact).toBe(net.toString());
  }, 180_000);
});
