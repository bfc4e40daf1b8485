import type { Report } from '../schemas/types.gen.js';
import { auditView, type AuditDiscrepancy } from './auditView.js';
import { clip, mdEscape, showJson } from './escape.js';
import type { FailureGroup } from './groupFailures.js';
import { groupRootCauses } from './groupRootCauses.js';
import { requirementStatus, specHref } from './requirementStatus.js';
import type { RenderOptions } from './specLink.js';
import { translationFidelity } from './translationFidelity.js';

const VERDICT_WORD: Record<Report['verdict']['overall'], string> = {
  pass: '✅ PASS',
  fail: '❌ FAIL',
  incomplete: '⚠️ INCOMPLETE',
  not_assessed: '➖ NOT ASSESSED',
};

const cell = (v: unknown, max = 120): string => mdEscape(clip(showJson(v).replace(/\s+/g, ' '), max));
/** A requirement id linked to its spec/tms.md section (ids and slugs are ours, never a provider's). */
const reqLink = (id: string, title: string, base?: string): string => (/^TMS-[A-Z]-[0-9]+$/.test(id) ? `[${id}](${specHref(id, title, base)})` : mdEscape(id));
const MAX_INSTANCES = 50;

function discrepancyRows(out: string[], rows: readonly AuditDiscrepancy[]): void {
  out.push('| Kind | Record | Where | Field | Billed | Recomputed | Impact |', '|---|---|---|---|---:|---:|---:|');
  for (const d of rows)
    out.push(
      `| ${mdEscape(d.kind)} | ${cell(d.record_id || '—', 60)} | ${cell(d.where || '—', 60)} | ${cell(d.field, 40)} | ${cell(d.billed, 40)} | ${cell(d.recomputed, 40)} | ${d.impact ? `${mdEscape(d.impact.amount)} ${mdEscape(d.impact.currency)}` : '—'} |`,
    );
  out.push('');
}

/** The audit's billing summary, top discrepancies by money impact and one table per kind. */
function auditSection(report: Report, out: string[]): void {
  const a = auditView(report);
  if (!a) return;
  out.push('## Billing summary', '');
  if (a.billing.length > 0) {
    out.push(
      '| Currency | Billed | Recomputed | Over-billed | Under-billed | Net (billed − recomputed) | Net before rounding |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const b of a.billing)
      out.push(`| ${mdEscape(b.currency)} | ${b.billed} | ${b.recomputed} | ${b.over} | ${b.under} | **${b.net}** | ${b.net_exact ?? '—'} |`);
    out.push('');
  } else
    out.push(
      `No billed statement was given (--statement).${a.recomputed ? ` Recomputed: **${a.recomputed.amount} ${mdEscape(a.recomputed.currency)}** for ${a.recomputed.records} records.` : ''}`,
      '',
    );
  out.push(
    `Audit of the period ${mdEscape(a.from)} to ${mdEscape(a.until)}. Every time in the report is the period's end, by design: the report depends on the audited inputs only, so a re-run or a merge of shards gives the same bytes.`,
    '',
  );
  if (a.top.length > 0) {
    out.push('### Top discrepancies by money impact', '');
    discrepancyRows(out, a.top);
  }
  for (const k of a.kinds) {
    out.push(`### ${mdEscape(k.kind)} (${k.total})`, '');
    if (k.rows.length > 0) discrepancyRows(out, k.rows);
    if (k.total > k.rows.length) out.push(`${k.total - k.rows.length} more ${mdEscape(k.kind)} discrepancies are in discrepancies.jsonl.`, '');
  }
}

/** One failing check under its cause: heading, requirements and a table of every instance (up to 50). */
function checkTable(out: string[], g: FailureGroup, titles: Map<string, string>, base: string | undefined): void {
  const impact = g.impact.map((m) => `${m.amount} ${mdEscape(m.currency)}`).join(', ');

  out.push(
    `#### ${mdEscape(g.check)}: ${mdEscape(g.title)} (${g.level}, ${g.count} instance${g.count === 1 ? '' : 's'}${impact ? `, impact ${impact}` : ''})`,
    '',
  );
  out.push(`Requirements: ${g.requirements.map((id) => reqLink(id, titles.get(id) ?? '', base)).join(', ')}`, '');
  const labels = g.instances.some((x) => x.exchanges.length > 0);
  out.push(`| Case |${labels ? ' Exchange |' : ''} Expected | Observed | Reason | Impact |`, `|---|${labels ? '---|' : ''}---|---|---|---:|`);
  for (const x of g.instances.slice(0, MAX_INSTANCES)) {
    const status = x.status === 'fail' ? '' : ` (${x.status})`;
    // A result split over two causes states its impact under the first; here it says so.
    const impactCell = x.impact ? `${mdEscape(x.impact.amount)} ${mdEscape(x.impact.currency)}` : x.primary ? '—' : 'counted under another cause';
    out.push(
      `| ${mdEscape(x.caseId)}${status} |${labels ? ` ${mdEscape(x.exchanges.join(', '))} |` : ''} ${x.hasExpected ? cell(x.expected) : '—'} | ${x.hasObserved ? cell(x.observed) : '—'} | ${cell(x.reason)} | ${impactCell} |`,
    );
  }
  if (g.instances.length > MAX_INSTANCES) out.push('', `${g.instances.length - MAX_INSTANCES} more instances are in report.json and junit.xml.`);
  out.push('');
}

/** The heading, target line, result counts, early stop, input problems and money impact of the failures. */
function headerSection(report: Report, out: string[], failures: number): void {
  const c = report.counts;
  out.push(`# tokencert ${report.run.kind}: ${VERDICT_WORD[report.verdict.overall]}`, '');
  out.push(
    `Target **${mdEscape(String(report.target.name))}** · suite ${mdEscape(report.suite.name)} ${mdEscape(report.suite.version)} · spec ${mdEscape(report.spec_version)} · ${mdEscape(report.tool.name)} ${mdEscape(report.tool.version)}`,
    '',
  );
  out.push(`${c.total} results: ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped, ${c.not_applicable} not applicable.`, '');
  if (!report.run.complete && report.run.stopped)
    out.push(`> Run stopped early (${mdEscape(report.run.stopped.reason)}): ${mdEscape(report.run.stopped.message)}`, '');
  for (const p of report.problems) out.push(`> ${mdEscape(`${p.file}:${p.line}: ${p.message}`)}`, '');
  for (const i of report.impact)
    out.push(
      `Money impact of the failures: **${i.amount} ${mdEscape(i.currency)}**, the sum stated by ${i.results} of the ${failures} failing result${failures === 1 ? '' : 's'}.`,
      '',
    );
}

/** The verdict per conformance class, and the classes no decided result assessed. */
function classSection(report: Report, out: string[]): void {
  const assessed = report.verdict.classes.filter((v) => v.counts.total > 0);
  if (assessed.length > 0) {
    out.push('| Class | core | full | pass | fail | error | skip/n.a. |', '|---|---|---|---:|---:|---:|---:|');
    for (const v of assessed)
      out.push(`| ${v.class} | ${v.core} | ${v.full} | ${v.counts.pass} | ${v.counts.fail} | ${v.counts.error} | ${v.counts.skip + v.counts.not_applicable} |`);
    out.push('');
  }
  const unassessed = report.verdict.classes.filter((v) => v.counts.total === 0).map((v) => v.class);
  if (unassessed.length > 0) out.push(`Not assessed (no decided result): ${unassessed.join(', ')}.`, '');
}

/** The failures grouped by likely cause, most important first, each with a table per failing check. */
function causesSection(report: Report, out: string[], causes: ReturnType<typeof groupRootCauses>, failures: number, base: string | undefined): void {
  const titles = new Map(report.requirements.map((q) => [q.id, q.title]));
  const checks = new Set(causes.flatMap((c) => c.checks.map((g) => g.check))).size;
  out.push(
    `## Failures (${failures} in ${checks} check${checks === 1 ? '' : 's'}, ${causes.length} likely cause${causes.length === 1 ? '' : 's'}, what to fix first)`,
    '',
  );
  causes.forEach((c, i) => {
    const impact = c.impact.map((m) => `${m.amount} ${mdEscape(m.currency)}`).join(', ');
    out.push(
      `### ${i + 1}. ${mdEscape(c.title)} (${c.level}, ${c.status}, ${c.count} result${c.count === 1 ? '' : 's'} in ${c.checks.length} check${c.checks.length === 1 ? '' : 's'}${impact ? `, impact ${impact}` : ''})`,
      '',
    );
    if (c.kind === 'pattern')
      out.push(mdEscape(c.explanation), '', `Requirements: ${c.requirements.map((id) => reqLink(id, titles.get(id) ?? '', base)).join(', ')}`, '');
    for (const g of c.checks) checkTable(out, g, titles, base);
  });
}

/** The requirements a failing or erroring check decided, with the checks that decided them and the others citing them. */
function unmetRequirements(report: Report, out: string[], base: string | undefined): void {
  const failed = requirementStatus(report.requirements, report.results).filter((q) => q.status === 'fail' || q.status === 'error');
  out.push('## Requirements not met', '', '| Requirement | Level | Status | Decided by | Also cited by |', '|---|---|---|---|---|');
  for (const q of failed)
    out.push(
      `| ${reqLink(q.id, q.title, base)} ${mdEscape(q.title)} | ${q.level} | ${q.status} | ${mdEscape(q.decidedBy.join(', '))} | ${mdEscape(
        q.votes
          .filter((x) => !q.decidedBy.includes(x.check))
          .map((x) => `${x.check} ${x.status}`)
          .join(', ') || '—',
      )} |`,
    );
  out.push('');
}

/** A gateway certification's table: what each upstream billed against what the gateway reported, per cell. */
function fidelitySection(report: Report, out: string[]): void {
  const fid = translationFidelity(report);
  if (!fid) return;
  out.push(
    '## Translation fidelity',
    '',
    `| Upstream | Cell | Billed | Reported | Difference | Impact${fid.currency ? ` (${mdEscape(fid.currency)})` : ''} |`,
    '|---|---|---:|---:|---:|---:|',
  );
  for (const r of fid.rows)
    out.push(`| ${mdEscape(r.upstream)} | ${mdEscape(r.cell)} | ${r.billed} | ${r.reported} | ${r.difference} | ${mdEscape(r.impact ?? '—')} |`);
  out.push('');
}

/** Renders summary.md: verdict, counts, verdict per class and a failures table; every provider string escaped (TMS-C-205). */
export function renderMarkdown(report: Report, opts: RenderOptions = {}): string {
  const base = opts.specBase;
  const out: string[] = [];
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'error').length;
  headerSection(report, out, failures);
  auditSection(report, out);
  classSection(report, out);
  const causes = groupRootCauses(report.results);
  if (causes.length > 0) {
    causesSection(report, out, causes, failures, base);
    unmetRequirements(report, out, base);
  }
  fidelitySection(report, out);
  out.push(
    `Report digest \`${report.digest}\`${report.signature ? `, signed (Ed25519, key \`${report.signature.public_key_sha256.slice(0, 16)}…\`)` : ''}.`,
    '',
  );
  return out.join('\n');
}
