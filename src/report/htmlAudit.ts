import type { Report } from '../schemas/types.gen.js';
import { type AuditDiscrepancy, auditView } from './auditView.js';
import { clip } from './escape.js';
import { label, more, v } from './htmlValues.js';

/** One discrepancy as a table row. */
function row(d: AuditDiscrepancy) {
  return {
    kind: v(d.kind),
    record: v(d.record_id || '—'),
    where: v(d.where || '—'),
    field: v(d.field),
    billed: v(clip(d.billed, 80)),
    recomputed: v(clip(d.recomputed, 80)),
    impact: d.impact ? `${v(d.impact.amount)} ${v(d.impact.currency)}` : '—',
    message: v(d.message),
  };
}

/** The audit's bill at a glance, top discrepancies by money impact and one table per kind (TMS-C-212); null for other runs. */
export function auditSectionView(report: Report) {
  const a = auditView(report);
  if (!a) return null;
  return {
    from: v(a.from),
    until: v(a.until),
    billing: a.billing.map((b) => ({
      currency: v(b.currency),
      billed: v(b.billed),
      recomputed: v(b.recomputed),
      over: v(b.over),
      under: v(b.under),
      net: v(b.net),
      netExact: v(b.net_exact ?? '—'),
      tone: b.net === '—' || /^-?0(\.0+)?$/.test(b.net) ? 'pass' : 'fail',
    })),
    recomputed: a.recomputed
      ? { amount: v(a.recomputed.amount), exact: v(a.recomputed.amount_exact), currency: v(a.recomputed.currency), records: a.recomputed.records }
      : null,
    tally: Object.entries(a.tally).map(([k, n]) => ({ k: v(label(k)), n })),
    discrepancyTotal: a.discrepancyTotal,
    top: a.top.map(row),
    kinds: a.kinds.map((k) => ({
      kind: v(k.kind),
      anchor: `kind-${v(k.kind).replace(/[^a-z0-9-]/g, '')}`,
      total: k.total,
      rows: k.rows.map(row),
      more: more(k.total, k.rows.length),
    })),
  };
}
