import type { Report } from '../schemas/types.gen.js';
import { clip } from './escape.js';
import { isRecord } from './guards.js';
import { auditSectionView } from './htmlAudit.js';
import { failuresView, MAX_ROWS } from './htmlFailures.js';
import { comparisonCount, metricsView } from './htmlMetrics.js';
import { label, more, plural, pre, specLinkView, tone, v } from './htmlValues.js';
import { type RequirementStatus, requirementStatus } from './requirementStatus.js';
import type { RenderOptions } from './specLink.js';

// The view model handed to the Handlebars templates. Every string from a run (which a provider may
// control) passes through `v()` (htmlValues.ts) and is HTML-escaped by `{{ }}` in the templates; the
// templates never use triple-stash (TMS-C-205), and a test enforces that.

const VERDICT: Record<Report['verdict']['overall'], { word: string; tone: string; sentence: string }> = {
  pass: { word: 'PASS', tone: 'pass', sentence: 'Every assessed conformance class passes level core.' },
  fail: { word: 'FAIL', tone: 'fail', sentence: 'At least one assessed conformance class fails level core.' },
  incomplete: { word: 'INCOMPLETE', tone: 'warn', sentence: 'Nothing failed, but the run did not complete, so no pass can be claimed.' },
  not_assessed: { word: 'NOT ASSESSED', tone: 'muted', sentence: 'No conformance class had a decided result.' },
};

/** The path and query of a URL (the host is the same for every exchange and stated once under Target). */
const pathOf = (u: string): string => {
  const m = /^[a-z]+:\/\/[^/]*(\/.*)?$/i.exec(u);
  return m ? (m[1] ?? '/') : u;
};

/** A target fact as one readable line: lists joined, objects as `key value` pairs. */
function fact(x: unknown): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map((y) => (isRecord(y) ? Object.values(y).map(String).join(' ') : String(y))).join(', ');
  return JSON.stringify(x);
}

/** The page's head: title, verdict banner, run times, problems and the money line. */
function banner(report: Report) {
  const verdict = VERDICT[report.verdict.overall];
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'error').length;
  return {
    title: v(`tokencert ${report.run.kind} report — ${String(report.target.name)} — ${verdict.word}`),
    verdict,
    kind: report.run.kind,
    isAudit: report.run.kind === 'audit',
    target: v(report.target.name),
    counts: report.counts,
    run: {
      started: v(report.run.started),
      finished: v(report.run.finished ?? '—'),
      duration: report.run.duration_ms === null ? '—' : `${(report.run.duration_ms / 1000).toFixed(1)} s`,
      stopped: report.run.stopped ? { reason: v(report.run.stopped.reason), message: v(report.run.stopped.message) } : null,
    },
    problems: report.problems.map((p) => ({ where: v(`${p.file}:${p.line}`), message: v(p.message) })),
    // The banner's money line counts the failing results that state an impact among all failing ones.
    impact: report.impact.map((i) => ({ amount: v(i.amount), currency: v(i.currency), results: i.results, plural: plural(i.results) })),
    failureCount: failures,
    failurePlural: plural(failures),
  };
}

/** The verdict per assessed class, and the classes without a decided result on one line. */
function classesView(report: Report) {
  return {
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
  };
}

/** The per-requirement table: status, the check(s) that decided it, the other citing checks. */
function requirementsView(reqs: readonly RequirementStatus[], specBase: string | undefined) {
  return reqs.map((q) => ({
    ...specLinkView(q.id, q.title, specBase),
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
  }));
}

/** Every result, the skipped and not-applicable ones with reasons, notes and exchanges. */
function tablesView(report: Report) {
  const notRun = report.results.filter((r) => r.status === 'skip' || r.status === 'not_applicable');
  const comparisons = comparisonCount(report);
  return {
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
    requests: report.run.kind === 'audit' ? null : { total: report.exchanges.length + comparisons, comparisons },
    exchanges: report.exchanges.slice(0, MAX_ROWS).map((x) => ({
      seq: x.seq,
      caseId: v(x.case_id),
      label: v(x.exchange ?? ''),
      method: v(x.method),
      path: v(pathOf(x.url)),
      url: v(x.url),
      status: x.status === null ? 'none' : String(x.status),
      ms: x.duration_ms.toFixed(0),
      request: v(x.request_sha256 ?? '—'),
      response: v(x.response_sha256 ?? '—'),
    })),
    notes: report.notes.map((n) => ({ level: n.level, tone: n.level === 'warn' ? 'warn' : 'muted', message: v(n.message), caseId: v(n.case_id ?? '') })),
  };
}

/** Target facts, versions, digests and the signature. */
function provenanceView(report: Report) {
  const sig = report.signature;
  return {
    targetFacts: Object.entries(report.target)
      .filter(([k]) => k !== 'name')
      .map(([k, x]) => {
        // Nested objects (declared capabilities) read better as indented JSON behind a disclosure.
        const nested = isRecord(x);
        return { k: v(k), v: nested ? '' : v(fact(x)), nested, json: nested ? pre(x) : '' };
      }),
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

/**
 * Builds the data the HTML templates render, section by section in page order: the banner, the
 * audit's bill, the verdict per class, the failures by likely root cause (htmlFailures.ts), the
 * requirements, the metrics (htmlMetrics.ts), the tables and the provenance.
 */
export function htmlView(report: Report, opts: RenderOptions = {}) {
  const reqs = requirementStatus(report.requirements, report.results);
  return {
    ...banner(report),
    audit: auditSectionView(report),
    ...classesView(report),
    ...failuresView(report, new Map(reqs.map((q) => [q.id, q])), opts.specBase),
    requirements: requirementsView(reqs, opts.specBase),
    ...metricsView(report),
    ...tablesView(report),
    ...provenanceView(report),
  };
}

/** The view model type the templates receive. */
export type HtmlView = ReturnType<typeof htmlView>;
