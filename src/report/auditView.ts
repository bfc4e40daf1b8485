import type { Report } from '../schemas/types.gen.js';
import { absDecimal, compareDecimals, isDecimal } from './sumDecimals.js';

// What an audit report shows before anything else: the bill at a glance (billed, recomputed, over,
// under, net per currency) from the audit's `audit-summary` metric, then the discrepancies by money
// impact and by kind, from the failing results' evidence. Plain data; each renderer escapes it.

/** The billing figures of one currency as the audit's summary metric states them (net = billed − recomputed); '—' where missing. */
export type BillingRow = Record<'currency' | 'billed' | 'recomputed' | 'over' | 'under' | 'net', string> & { net_exact: string | null };

/** One discrepancy as discrepancies.jsonl holds it (schemas/discrepancy.json); fields a renderer shows. */
export interface AuditDiscrepancy {
  kind: string;
  check: string;
  record_id: string;
  where: string;
  field: string;
  billed: string;
  recomputed: string;
  impact: { currency: string; amount: string } | null;
  message: string;
}

/** The discrepancies of one kind: how many the audit found and the ones the events carry. */
export interface KindTable {
  kind: string;
  total: number;
  rows: AuditDiscrepancy[];
}

/** Everything the audit section of a report shows. */
export interface AuditSummary {
  from: string;
  until: string;
  billing: BillingRow[];
  recomputed: { currency: string; amount: string; amount_exact: string; records: number } | null;
  tally: Record<string, number>;
  discrepancyTotal: number;
  top: AuditDiscrepancy[];
  kinds: KindTable[];
}

/** How many discrepancies of one kind the page lists; discrepancies.jsonl holds them all. */
export const MAX_KIND_ROWS = 50;
const TOP = 10;
const str = (x: unknown): string => (x === null || x === undefined ? '' : typeof x === 'string' ? x : JSON.stringify(x));
const dec = (x: unknown): string => (isDecimal(x) ? x : '—');

function discrepancy(check: string, x: unknown): AuditDiscrepancy | null {
  if (!x || typeof x !== 'object') return null;
  const d = x as Record<string, unknown>;
  const loc = d.location as { file?: unknown; line?: unknown; pointer?: unknown } | null | undefined;
  const li = d.line_item as { model?: unknown; kind?: unknown; unit_price?: unknown } | undefined;
  const imp = d.impact as { currency?: unknown; amount?: unknown } | null | undefined;
  const where = loc
    ? `${str(loc.file)}:${str(loc.line)}${loc.pointer !== undefined ? ` ${str(loc.pointer)}` : ''}`
    : li
      ? `line ${str(li.model)} ${str(li.kind)} @ ${str(li.unit_price)}`
      : '';
  return {
    kind: str(d.kind) || check,
    check,
    record_id: str(d.record_id),
    where,
    field: str(d.field),
    billed: str(d.billed),
    recomputed: str(d.recomputed),
    impact: imp && typeof imp.currency === 'string' && isDecimal(imp.amount) ? { currency: imp.currency, amount: imp.amount } : null,
    message: str(d.message),
  };
}

const absImpact = (d: AuditDiscrepancy): string => (d.impact ? absDecimal(d.impact.amount) : '0');

/**
 * The audit summary of a report (TMS-C-212), or null when the report is not an audit's. Discrepancies come from
 * each failing check's evidence (`details.discrepancies` when the audit lists them, else
 * `details.first`; `details.largest` adds the largest by impact to the top list); counts per kind from the summary metric, so the page says how many more
 * discrepancies.jsonl holds.
 */
export function auditView(report: Report): AuditSummary | null {
  const m = report.metrics.find((x) => x.name === 'audit-summary');
  if (report.run.kind !== 'audit' || !m) return null;
  const data = m.data as {
    tally?: Record<string, number>;
    discrepancies?: Record<string, number>;
    billing?: unknown;
    statement?: { currency?: unknown; amount?: unknown; amount_exact?: unknown; records?: unknown };
  };
  const bills = (Array.isArray(data.billing) ? data.billing : data.billing ? [data.billing] : []) as Record<string, unknown>[];
  const billing = bills.map((b) => ({
    currency: str(b.currency),
    billed: dec(b.billed),
    recomputed: dec(b.recomputed),
    over: dec(b.over),
    under: dec(b.under),
    net: dec(b.net),
    net_exact: typeof b.net_exact === 'string' ? dec(b.net_exact) : null,
  }));
  const s = data.statement;
  const all: AuditDiscrepancy[] = [];
  const extra: AuditDiscrepancy[] = [];
  for (const r of report.results) {
    if (r.status !== 'fail' && r.status !== 'error') continue;
    const details = (r.evidence as { details?: { discrepancies?: unknown; first?: unknown; largest?: unknown } }).details;
    const list = Array.isArray(details?.discrepancies) ? details.discrepancies : details?.first ? [details.first] : [];
    for (const x of list) {
      const d = discrepancy(r.check, x);
      if (d) all.push(d);
    }
    // The largest by impact may lie beyond the listed ones; they join the top list only.
    const seen = new Set(list.map((x) => JSON.stringify(x)));
    if (Array.isArray(details?.largest)) {
      for (const x of details.largest) {
        const d = seen.has(JSON.stringify(x)) ? null : discrepancy(r.check, x);
        if (d) extra.push(d);
      }
    }
  }
  const byKind = data.discrepancies ?? {};
  const kinds = new Map<string, AuditDiscrepancy[]>();
  for (const d of all) kinds.set(d.kind, [...(kinds.get(d.kind) ?? []), d]);
  for (const k of Object.keys(byKind)) if (!kinds.has(k)) kinds.set(k, []);
  const options = report.options as { from?: unknown; until?: unknown };
  return {
    from: str(options.from),
    until: str(options.until),
    billing,
    recomputed:
      s && typeof s.amount === 'string'
        ? { currency: str(s.currency), amount: dec(s.amount), amount_exact: dec(s.amount_exact), records: Number(s.records ?? 0) }
        : null,
    tally: data.tally ?? {},
    discrepancyTotal: Object.values(byKind).reduce((a, b) => a + b, 0),
    top: [...all, ...extra]
      .filter((d) => d.impact && compareDecimals(absImpact(d), '0') !== 0)
      .sort((a, b) => compareDecimals(absImpact(b), absImpact(a)))
      .slice(0, TOP),
    kinds: [...kinds.entries()]
      .map(([kind, rows]) => ({ kind, total: Math.max(byKind[kind] ?? 0, rows.length), rows: rows.slice(0, MAX_KIND_ROWS) }))
      .sort((a, b) => b.total - a.total || (a.kind < b.kind ? -1 : 1)),
  };
}
