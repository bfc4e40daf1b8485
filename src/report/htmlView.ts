import type { Report, ReportResult } from '../schemas/types.gen.js';
import { clip, showJson, visible } from './escape.js';
import { translationFidelity } from './translationFidelity.js';

// The view model handed to the Handlebars templates. Every string from a run (which a provider may
// control) passes through `visible()` here and is HTML-escaped by `{{ }}` in the templates; the
// templates never use triple-stash (TMS-C-205), and a test enforces that.

const MAX_EVIDENCE = 4000;
// An audit can report many thousands of discrepancies; the page shows the first ones and says how
// many more report.json and junit.xml hold, so it stays readable and quick to open.
const MAX_FAILURE_CARDS = 100;
const MAX_ROWS = 1000;
const more = (total: number, shown: number) => (total > shown ? { count: total - shown } : null);
const v = (s: unknown): string => visible(String(s ?? ''));
const pre = (x: unknown): string => {
  const s = showJson(x);
  return visible(s.length > MAX_EVIDENCE ? `${clip(s, MAX_EVIDENCE)}\n(clipped: the full value is in report.json)` : s);
};

const VERDICT: Record<Report['verdict']['overall'], { word: string; tone: string; sentence: string }> = {
  pass: { word: 'PASS', tone: 'pass', sentence: 'Every assessed conformance class passes level core.' },
  fail: { word: 'FAIL', tone: 'fail', sentence: 'At least one assessed conformance class fails level core.' },
  incomplete: { word: 'INCOMPLETE', tone: 'warn', sentence: 'Nothing failed, but the run did not complete, so no pass can be claimed.' },
  not_assessed: { word: 'NOT ASSESSED', tone: 'muted', sentence: 'No conformance class had a decided result.' },
};

const tone = (s: string): string => ({ pass: 'pass', fail: 'fail', error: 'fail', skip: 'muted', not_applicable: 'muted', not_assessed: 'muted' })[s] ?? 'muted';
const label = (s: string): string => s.replace(/_/g, ' ');

/** A gateway certification's billed-against-reported table, differences first (TMS-G-001). */
function fidelity(report: Report) {
  const f = translationFidelity(report);
  if (!f) return null;
  const rows = [...f.rows].sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0));
  return {
    currency: v(f.currency ?? ''),
    rows: rows.map((r) => ({ upstream: v(r.upstream), cell: v(r.cell), billed: r.billed, reported: r.reported, difference: r.difference > 0 ? `+${r.difference}` : String(r.difference), tone: r.difference === 0 ? 'pass' : 'fail', impact: v(r.impact ?? '—') })),
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
  const left = 150;
  const width = 640;
  const plot = width - left - 70;
  const bars = data.rows.map((r, i) => {
    const w = (r.tokens_per_1000_bytes / max) * plot;
    const y = i * (barH + gap);
    return { label: v(clip(r.language, 18)), value: r.tokens_per_1000_bytes.toFixed(1), x: left, y, w: w.toFixed(1), h: barH, labelY: y + barH / 2 + 4, valueX: (left + w + 6).toFixed(1) };
  });
  return {
    rows: data.rows.map((r) => ({ language: v(r.language), bytes: r.utf8_bytes, tokens: r.tokens, per1000: r.tokens_per_1000_bytes.toFixed(1), source: v(r.source) })),
    chart: { width, height: Math.max(barH, data.rows.length * (barH + gap) - gap), labelX: left - 8, bars },
    cost: data.cost ? { amount: v(data.cost.amount), currency: v(data.cost.currency) } : null,
  };
}

function failure(r: ReportResult, report: Report) {
  const e = r.evidence as Record<string, unknown>;
  const digests = (['request_sha256', 'response_sha256', 'transcript'] as const).filter((k) => typeof e[k] === 'string').map((k) => ({ k, v: v(e[k]) }));
  const loc = e.location as { file?: string; line?: number; pointer?: string } | undefined;
  const impact = e.impact as { currency: string; amount: string } | undefined;
  return {
    status: r.status,
    tone: tone(r.status),
    caseId: v(r.case_id),
    check: v(r.check),
    title: v(r.title),
    level: r.level,
    classes: v(r.classes.join(', ')),
    requirements: r.requirements.map((id) => ({ id: v(id), title: v(report.requirements.find((q) => q.id === id)?.title) })),
    reason: v(r.reason),
    hasExpected: 'expected' in e,
    expected: pre(e.expected),
    hasObserved: 'observed' in e,
    observed: pre(e.observed),
    digests,
    location: loc ? v(`${[loc.file, loc.line].filter((x) => x !== undefined).join(':')}${loc.pointer !== undefined ? ` ${loc.pointer}` : ''}`) : '',
    impact: impact ? { amount: v(impact.amount), currency: v(impact.currency) } : null,
    violations: Array.isArray(e.violations) ? (e.violations as { exchange?: unknown; message?: unknown }[]).map((x) => ({ exchange: v(String(x.exchange ?? '')), message: v(String(x.message ?? '')) })) : [],
    hasDetails: 'details' in e,
    details: pre(e.details),
    exchanges: report.exchanges
      .filter((x) => x.case_id === r.case_id)
      .map((x) => ({ label: v(x.exchange ?? ''), method: v(x.method), url: v(x.url), status: x.status === null ? 'no response' : String(x.status), request: v(x.request_sha256 ?? '—'), response: v(x.response_sha256 ?? '—') })),
  };
}

/** A target fact as one readable line: lists joined, objects as `key value` pairs. */
function fact(x: unknown): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map((y) => (y && typeof y === 'object' ? Object.values(y).map(String).join(' ') : String(y))).join(', ');
  return JSON.stringify(x);
}

/** Builds the data the HTML templates render: verdict first, failures with their evidence, then tables. */
export function htmlView(report: Report) {
  const verdict = VERDICT[report.verdict.overall];
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'error');
  const notRun = report.results.filter((r) => r.status === 'skip' || r.status === 'not_applicable');
  const sig = report.signature;
  return {
    title: v(`tokencert ${report.run.kind} report — ${String(report.target.name)} — ${verdict.word}`),
    verdict,
    kind: report.run.kind,
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
    impact: report.impact.map((i) => ({ amount: v(i.amount), currency: v(i.currency), results: i.results })),
    classes: report.verdict.classes.map((c) => ({
      name: c.class,
      assessed: c.counts.total > 0,
      core: label(c.core),
      coreTone: tone(c.core),
      full: label(c.full),
      fullTone: tone(c.full),
      counts: c.counts,
      notRun: c.counts.skip + c.counts.not_applicable,
    })),
    failureCount: failures.length,
    failures: failures.slice(0, MAX_FAILURE_CARDS).map((r) => failure(r, report)),
    moreFailures: more(failures.length, MAX_FAILURE_CARDS),
    requirements: report.requirements.map((q) => ({ id: v(q.id), level: q.level, title: v(q.title || '(not in this build’s spec)'), checks: q.checks, status: label(q.status), tone: tone(q.status) })),
    comparability: comparability(report),
    fidelity: fidelity(report),
    otherMetrics: report.metrics.filter((m) => m.name !== 'comparability' && m.name !== 'translation-fidelity').map((m) => ({ name: v(m.name), json: pre(m.data) })),
    resultCount: report.results.length,
    moreResults: more(report.results.length, MAX_ROWS),
    moreNotRun: more(notRun.length, MAX_ROWS),
    moreExchanges: more(report.exchanges.length, MAX_ROWS),
    results: report.results.slice(0, MAX_ROWS).map((r) => ({ caseId: v(r.case_id), check: v(r.check), title: v(r.title), level: r.level, status: label(r.status), tone: tone(r.status), requirements: v(r.requirements.join(' ')), reason: v(clip(r.reason ?? '', 200)) })),
    notRunCount: notRun.length,
    notRun: notRun.slice(0, MAX_ROWS).map((r) => ({ caseId: v(r.case_id), check: v(r.check), status: label(r.status), requirements: v(r.requirements.join(' ')), reason: v(r.reason ?? '') })),
    exchangeCount: report.exchanges.length,
    exchanges: report.exchanges.slice(0, MAX_ROWS).map((x) => ({ seq: x.seq, caseId: v(x.case_id), label: v(x.exchange ?? ''), method: v(x.method), url: v(x.url), status: x.status === null ? 'none' : String(x.status), ms: x.duration_ms.toFixed(0), request: v(x.request_sha256 ?? '—'), response: v(x.response_sha256 ?? '—') })),
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
