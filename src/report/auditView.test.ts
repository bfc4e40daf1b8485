import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultEvent } from '../schemas/types.gen.js';
import { auditView } from './auditView.js';
import { buildReportModel } from './buildReportModel.js';
import { readEvents } from './readEvents.js';
import { renderHtml } from './renderHtml.js';
import { renderMarkdown } from './renderMarkdown.js';
import { type EventInput, Reporter } from './Reporter.js';
import { sealReport } from './signReport.js';
import { HOSTILE } from '../testing/syntheticRun.js';

const d = (n: number, amount: string) => ({
  kind: 'duplicate',
  record_id: `r-${n}`,
  field: 'record_id',
  billed: 'x',
  recomputed: 'x',
  impact: { currency: 'USD', amount },
  location: { file: 'log.jsonl', line: n },
  message: `copy ${n} ${HOSTILE}`,
});

/** A small audit run shaped as src/audit/core/writeAuditEvents.ts writes one: a failing check with listed discrepancies and the summary metric. */
async function auditReport() {
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-auditview-'));
  const at = new Date('2026-11-01T00:00:00Z');
  const r = await Reporter.open(dir, { now: () => at });
  r.runStarted({
    run_id: 'audit-1',
    kind: 'audit',
    tool: { name: 'tokencert', version: '0.1.0' },
    spec_version: '0.1.0',
    suite: { name: 'tokencert-audit', version: '0.1.0', sha256: 'a'.repeat(64) },
    target: { name: 'log.jsonl' },
    vectors_manifest_sha256: 'b'.repeat(64),
    options: { from: '2026-10-01T00:00:00Z', until: '2026-11-01T00:00:00Z' },
  });
  const fail = (check: string, evidence: Record<string, unknown>): EventInput<ResultEvent> => ({
    case_id: 'audit',
    check,
    title: check,
    requirements: ['TMS-A-003'],
    level: 'MUST',
    classes: ['auditor'],
    status: 'fail',
    reason: 'see discrepancies.jsonl',
    evidence,
  });
  r.result(
    fail('deduplicated', {
      observed: { discrepancies: 60 },
      details: { first: d(1, '0.01'), discrepancies: [d(1, '0.01'), d(2, '0.5')], largest: [d(2, '0.5'), d(59, '0.7')] },
    }),
  );
  r.result(
    fail('statement-totals', {
      impact: { currency: 'USD', amount: '0.09' },
      details: {
        first: {
          kind: 'total',
          field: 'totals/amount',
          billed: '8.05',
          recomputed: '7.96',
          impact: { currency: 'USD', amount: '0.09' },
          record_id: null,
          location: null,
          message: 'total',
        },
      },
    }),
  );
  r.metric({
    name: 'audit-summary',
    data: {
      discrepancies: { duplicate: 60, total: 1 },
      billing: { currency: 'USD', billed: '8.05', recomputed: '7.96', over: '0.09', under: '0', net: '0.09', net_exact: '0.0983546' },
      tally: { lines: 100 },
    },
  });
  r.runFinished({ duration_ms: 0, stopped: null });
  await r.close();
  return sealReport(buildReportModel(await readEvents(dir)));
}

describe('audit report (TMS-A-008)', () => {
  it('TMS-C-212: billing summary from the summary metric, top discrepancies by impact (the largest beyond the list too), per-kind tables with the rest counted', async () => {
    const a = auditView(await auditReport())!;
    expect(a.billing).toEqual([{ currency: 'USD', billed: '8.05', recomputed: '7.96', over: '0.09', under: '0', net: '0.09', net_exact: '0.0983546' }]);
    expect(a.top.map((x) => x.impact!.amount)).toEqual(['0.7', '0.5', '0.09', '0.01']);
    expect(a.kinds.map((k) => [k.kind, k.total, k.rows.length])).toEqual([
      ['duplicate', 60, 2],
      ['total', 1, 1],
    ]);
    expect(a.until).toBe('2026-11-01T00:00:00Z');
  });

  it('TMS-C-212: report.html and summary.md put the billing summary before the failures and say the audit time is the period end', async () => {
    const report = await auditReport();
    const h = renderHtml(report);
    expect(h.indexOf('id="billing"')).toBeGreaterThan(h.indexOf('id="verdict"'));
    expect(h.indexOf('id="billing"')).toBeLessThan(h.indexOf('id="failures"'));
    expect(h).toContain('<td class="num fail">0.09</td>');
    expect(h).toContain('58 more duplicate discrepancies are in <code>discrepancies.jsonl</code>');
    expect(h).toContain("Every time in this report is the period's end, by design");
    expect(h).toContain('the sum stated by 1 of the 2 failing results');
    expect(h).not.toContain(HOSTILE);
    const md = renderMarkdown(report);
    expect(md).toContain('| USD | 8.05 | 7.96 | 0.09 | 0 | **0.09** | 0.0983546 |');
    expect(md.indexOf('## Billing summary')).toBeLessThan(md.indexOf('## Failures'));
    expect(md).not.toContain(HOSTILE);
  });
});
