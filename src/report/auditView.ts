import type { Report } from '../schemas/types.gen.js';
import { field, isRecord, moneyOf, recordsOf } from './guards.js';
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

function discrepancy(check: string, d: unknown): AuditDiscrepancy | null {
  if (!isRecord(d)) return null;
  const loc = isRecord(d.location) ? d.location : null;
  const li = isRecord(d.line_item) ? d.line_item : null;
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
    impact: moneyOf(d.impact),
    message: str(d.message),
  };
}

/** A `{name: count}` object of the summary metric, the non-integer entries left out. */
function counts(x: unknown): Record<string, number> {
  if (!isRecord(x)) return {};
  return Object.fromEntries(Object.entries(x).filter((e): e is [string, number] => Number.isInteger(e[1])));
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
  const data = m.data;
  const bills = Array.isArray(data.billing) ? recordsOf(data.billing) : recordsOf([data.billing]);
  const billing = bills.map((b) => ({
    currency: str(b.currency),
    billed: dec(b.billed),
    recomputed: dec(b.recomputed),
    over: dec(b.over),
    under: dec(b.under),
    net: dec(b.net),
    net_exact: typeof b.net_exact === 'string' ? dec(b.net_exact) : null,
  }));
  const s = isRecord(data.statement) ? data.statement : null;
  const all: AuditDiscrepancy[] = [];
  const extra: AuditDiscrepancy[] = [];
  for (const r of report.results) {
    if (r.status !== 'fail' && r.status !== 'error') continue;
    const details = r.evidence.details;
    const listed = field(details, 'discrepancies');
    const first = field(details, 'first');
    const list: unknown[] = Array.isArray(listed) ? listed : first ? [first] : [];
    for (const x of list) {
      const d = discrepancy(r.check, x);
      if (d) all.push(d);
    }
    // The largest by impact may lie beyond the listed ones; they join the top list only.
    const seen = new Set(list.map((x) => JSON.stringify(x)));
    const largest = field(details, 'largest');
    if (Array.isArray(largest)) {
      for (const x of largest) {
        const d = seen.has(JSON.stringify(x)) ? null : discrepancy(r.check, x);
        if (d) extra.push(d);
      }
    }
  }
  const byKind = counts(data.discrepancies);
  const kinds = new Map<string, AuditDiscrepancy[]>();
  for (const d of all) kinds.set(d.kind, [...(kinds.get(d.kind) ?? []), d]);
  for (const k of Object.keys(byKind)) if (!kinds.has(k)) kinds.set(k, []);
  return {
    from: str(report.options.from),
    until: str(report.options.until),
    billing,
    recomputed:
      s && typeof s.amount === 'string'
        ? { currency: str(s.currency), amount: dec(s.amount), amount_exact: dec(s.amount_exact), records: Number(s.records ?? 0) }
        : null,
    tally: counts(data.tally),
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
