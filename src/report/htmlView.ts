import type { Report } from '../schemas/types.gen.js';
import { auditView } from './auditView.js';
import { clip } from './escape.js';
import { failuresView, MAX_ROWS } from './htmlFailures.js';
import { label, more, pre, specLinkView, tone, v } from './htmlValues.js';
import { requirementStatus } from './requirementStatus.js';
import type { RenderOptions } from './specLink.js';
import { translationFidelity } from './translationFidelity.js';

// The view model handed to the Handlebars templates. Every string from a run (which a provider may
// control) passes through `v()` (htmlValues.ts) and is HTML-escaped by `{{ }}` in the templates; the
// templates never use triple-stash (TMS-C-205), and a test enforces that.

const VERDICT: Record<Report['verdict']['overall'], { word: string; tone: string; sentence: string }> = {
  pass: { word: 'PASS', tone: 'pass', sentence: 'Every assessed conformance class passes level core.' },
  fail: { word: 'FAIL', tone: 'fail', sentence: 'At least one assessed conformance class fails level core.' },
  incomplete: { word: 'INCOMPLETE', tone: 'warn', sentence: 'Nothing failed, but the run did not complete, so no pass can be claimed.' },
  not_assessed: { word: 'NOT ASSESSED', tone: 'muted', sentence: 'No conformance class had a decided result.' },
};

const str = (x: unknown): string => (typeof x === 'string' ? x : '');
/** The path and query of a URL (the host is the same for every exchange and stated once under Target). */
const pathOf = (u: string): string => {
  const m = /^[a-z]+:\/\/[^/]*(\/.*)?$/i.exec(u);
  return m ? (m[1] ?? '/') : u;
};

/** A gateway certification's billed-against-reported table, differences first (TMS-G-001). */
function fidelity(report: Report) {
  const f = translationFidelity(report);
  if (!f) return null;
  const rows = [...f.rows].sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0));
  return {
    currency: v(f.currency ?? ''),
    rows: rows.map((r) => ({
      upstream: v(r.upstream),
      cell: v(r.cell),
      billed: r.billed,
      reported: r.reported,
      difference: r.difference > 0 ? `+${r.difference}` : String(r.difference),
      tone: r.difference === 0 ? 'pass' : 'fail',
      impact: v(r.impact ?? '—'),
    })),
  };
}

interface ComparabilityRow {
  language: string;
  utf8_bytes: number;
  tokens: number;
  tokens_per_1000_bytes: number;
  source: string;
}

/** The comparability metric (tokens per 1,000 UTF-8 bytes by language) as table rows and SVG bars. */
function comparability(report: Report) {
  const m = report.metrics.find((x) => x.name === 'comparability');
  if (!m) return null;
  const data = m.data as { rows: ComparabilityRow[]; cost?: { currency: string; amount: string } };
  const max = Math.max(1, ...data.rows.map((r) => r.tokens_per_1000_bytes));
  const barH = 22;
  const gap = 8;
  // A narrow chart keeps its 13 px labels legible when a phone scales it down (min-width in styles).
  const left = 130;
  const width = 480;
  const plot = width - left - 60;
  const bars = data.rows.map((r, i) => {
    const w = (r.tokens_per_1000_bytes / max) * plot;
    const y = i * (barH + gap);
    return {
      label: v(clip(r.language, 16)),
      value: r.tokens_per_1000_bytes.toFixed(1),
      x: left,
      y,
      w: w.toFixed(1),
      h: barH,
      labelY: y + barH / 2 + 4,
      valueX: (left + w + 6).toFixed(1),
    };
  });
  return {
    rows: data.rows.map((r) => ({
      language: v(r.language),
      bytes: r.utf8_bytes,
      tokens: r.tokens,
      per1000: r.tokens_per_1000_bytes.toFixed(1),
      source: v(r.source),
    })),
    chart: { width, height: Math.max(barH, data.rows.length * (barH + gap) - gap), labelX: left - 8, bars },
    cost: data.cost ? { amount: v(data.cost.amount), currency: v(data.cost.currency) } : null,
  };
}

/** A target fact as one readable line: lists joined, objects as `key value` pairs. */
function fact(x: unknown): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map((y) => (y && typeof y === 'object' ? Object.values(y).map(String).join(' ') : String(y))).join(', ');
  return JSON.stringify(x);
}

/** The audit's bill at a glance, top discrepancies by money impact and one table per kind. */
function audit(report: Report) {
  const a = auditView(report);
  if (!a) return null;
  const row = (d: NonNullable<ReturnType<typeof auditView>>['top'][number]) => ({
    kind: v(d.kind),
    record: v(d.record_id || '—'),
    where: v(d.where || '—'),
    field: v(d.field),
    billed: v(clip(d.billed, 80)),
    recomputed: v(clip(d.recomputed, 80)),
    impact: d.impact ? `${v(d.impact.amount)} ${v(d.impact.currency)}` : '—',
    message: v(d.message),
  });
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

/** Builds the data the HTML templates render: verdict first, failures grouped by check, then tables. */
export function htmlView(report: Report, opts: RenderOptions = {}) {
  const verdict = VERDICT[report.verdict.overall];
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'error');
  const notRun = report.results.filter((r) => r.status === 'skip' || r.status === 'not_applicable');
  const sig = report.signature;
  const reqs = requirementStatus(report.requirements, report.results);
  const failed = failuresView(report, new Map(reqs.map((q) => [q.id, q])), opts.specBase);
  const comparisons = (report.metrics.find((x) => x.name === 'comparability')?.data as { rows?: unknown[] } | undefined)?.rows?.length ?? 0;
  const isAudit = report.run.kind === 'audit';
  return {
    title: v(`tokencert ${report.run.kind} report — ${String(report.target.name)} — ${verdict.word}`),
    verdict,
    kind: report.run.kind,
    isAudit,
    target: v(report.target.name),
    targetFacts: Object.entries(report.target)
      .filter(([k]) => k !== 'name')
      .map(([k, x]) => {
        // Nested objects (declared capabilities) read better as indented JSON behind a disclosure.
        const nested = x !== null && typeof x === 'object' && !Array.isArray(x);
        return { k: v(k), v: nested ? '' : v(fact(x)), nested, json: nested ? pre(x) : '' };
      }),
    counts: report.counts,
    run: {
      started: v(report.run.started),
      finished: v(report.run.finished ?? '—'),
      duration: report.run.duration_ms === null ? '—' : `${(report.run.duration_ms / 1000).toFixed(1)} s`,
      stopped: report.run.stopped ? { reason: v(report.run.stopped.reason), message: v(report.run.stopped.message) } : null,
    },
    problems: report.problems.map((p) => ({ where: v(`${p.file}:${p.line}`), message: v(p.message) })),
    // The banner's money line counts the failing results that state an impact among all failing ones.
    impact: report.impact.map((i) => ({ amount: v(i.amount), currency: v(i.currency), results: i.results, plural: i.results === 1 ? '' : 's' })),
    failureCount: failures.length,
    failurePlural: failures.length === 1 ? '' : 's',
    audit: audit(report),
    classes: report.verdict.classes
      .filter((c) => c.counts.total > 0)
      .map((c) => ({
        name: c.class,
        core: label(c.core),
        coreTone: tone(c.core),
        full: label(c.full),
        fullTone: tone(c.full),
        counts: c.counts,
        notRun: c.counts.skip + c.counts.not_applicable,
      })),
    notAssessed: report.verdict.classes
      .filter((c) => c.counts.total === 0)
      .map((c) => c.class)
      .join(', '),
    ...failed,
    requirements: reqs.map((q) => ({
      ...specLinkView(q.id, q.title, opts.specBase),
      level: q.level,
      title: v(q.title || '(not in this build’s spec)'),
      checks: q.checks,
      status: label(q.status),
      tone: tone(q.status),
      decidedBy: v(q.decidedBy.join(', ')),
      others: v(
        q.votes
          .filter((x) => !q.decidedBy.includes(x.check))
          .map((x) => `${x.check} ${label(x.status)}`)
          .join(', '),
      ),
    })),
    comparability: comparability(report),
    fidelity: fidelity(report),
    otherMetrics: report.metrics
      .filter((m) => m.name !== 'comparability' && m.name !== 'translation-fidelity')
      .map((m) => ({ name: v(m.name), json: pre(m.data) })),
    resultCount: report.results.length,
    moreResults: more(report.results.length, MAX_ROWS),
    moreNotRun: more(notRun.length, MAX_ROWS),
    moreExchanges: more(report.exchanges.length, MAX_ROWS),
    results: report.results.slice(0, MAX_ROWS).map((r) => ({
      caseId: v(r.case_id),
      check: v(r.check),
      title: v(r.title),
      level: r.level,
      status: label(r.status),
      tone: tone(r.status),
      requirements: v(r.requirements.join(' ')),
      reason: v(clip(r.reason ?? '', 200)),
    })),
    notRunCount: notRun.length,
    notRun: notRun
      .slice(0, MAX_ROWS)
      .map((r) => ({ caseId: v(r.case_id), check: v(r.check), status: label(r.status), requirements: v(r.requirements.join(' ')), reason: v(r.reason ?? '') })),
    exchangeCount: report.exchanges.length,
    // The CLI counts every request sent: the checks' exchanges plus one per comparability sample.
    requests: isAudit ? null : { total: report.exchanges.length + comparisons, comparisons },
    exchanges: report.exchanges.slice(0, MAX_ROWS).map((x) => ({
      seq: x.seq,
      caseId: v(x.case_id),
      label: v(str((x as { exchange?: unknown }).exchange)),
      method: v(x.method),
      path: v(pathOf(x.url)),
      url: v(x.url),
      status: x.status === null ? 'none' : String(x.status),
      ms: x.duration_ms.toFixed(0),
      request: v(x.request_sha256 ?? '—'),
      response: v(x.response_sha256 ?? '—'),
    })),
    notes: report.notes.map((n) => ({ level: n.level, tone: n.level === 'warn' ? 'warn' : 'muted', message: v(n.message), caseId: v(n.case_id ?? '') })),
    provenance: [
      { k: 'Tool', v: v(`${report.tool.name} ${report.tool.version}`), mono: false },
      { k: 'Spec version', v: v(report.spec_version), mono: false },
      { k: 'Suite', v: v(`${report.suite.name} ${report.suite.version}`), mono: false },
      { k: 'Suite SHA-256', v: v(report.suite.sha256), mono: true },
      { k: 'Vectors manifest SHA-256', v: v(report.vectors_manifest_sha256), mono: true },
      { k: 'Run id', v: v(report.run.id), mono: true },
      { k: 'Events SHA-256', v: v(`${report.events.sha256} (${report.events.count} events)`), mono: true },
      { k: 'Report digest', v: v(report.digest), mono: true },
      { k: 'Signature', v: sig ? v(`Ed25519, public key SHA-256 ${sig.public_key_sha256}`) : 'not signed', mono: Boolean(sig) },
    ],
    options: pre(report.options),
  };
}

/** The view model type the templates receive. */
export type HtmlView = ReturnType<typeof htmlView>;
