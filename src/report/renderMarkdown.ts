import type { Report } from '../schemas/types.gen.js';
import { clip, mdEscape, showJson } from './escape.js';
import { translationFidelity } from './translationFidelity.js';

const VERDICT_WORD: Record<Report['verdict']['overall'], string> = {
  pass: '✅ PASS',
  fail: '❌ FAIL',
  incomplete: '⚠️ INCOMPLETE',
  not_assessed: '➖ NOT ASSESSED',
};

const cell = (v: unknown, max = 120): string => mdEscape(clip(showJson(v).replace(/\s+/g, ' '), max));

/** Renders summary.md: verdict, counts, verdict per class and a failures table; every provider string escaped (TMS-C-205). */
export function renderMarkdown(report: Report): string {
  const c = report.counts;
  const out: string[] = [];
  out.push(`# tokencert ${report.run.kind}: ${VERDICT_WORD[report.verdict.overall]}`, '');
  out.push(`Target **${mdEscape(String(report.target.name))}** · suite ${mdEscape(report.suite.name)} ${mdEscape(report.suite.version)} · spec ${mdEscape(report.spec_version)} · ${mdEscape(report.tool.name)} ${mdEscape(report.tool.version)}`, '');
  out.push(`${c.total} results: ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped, ${c.not_applicable} not applicable.`, '');
  if (!report.run.complete && report.run.stopped) out.push(`> Run stopped early (${mdEscape(report.run.stopped.reason)}): ${mdEscape(report.run.stopped.message)}`, '');
  for (const p of report.problems) out.push(`> ${mdEscape(`${p.file}:${p.line}: ${p.message}`)}`, '');
  for (const i of report.impact) out.push(`Money impact of the failures: **${i.amount} ${mdEscape(i.currency)}** over ${i.results} result(s).`, '');
  const assessed = report.verdict.classes.filter((v) => v.counts.total > 0);
  if (assessed.length > 0) {
    out.push('| Class | core | full | pass | fail | error | skip/n.a. |', '|---|---|---|---:|---:|---:|---:|');
    for (const v of assessed) out.push(`| ${v.class} | ${v.core} | ${v.full} | ${v.counts.pass} | ${v.counts.fail} | ${v.counts.error} | ${v.counts.skip + v.counts.not_applicable} |`);
    out.push('');
  }
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'error');
  if (failures.length > 0) {
    out.push(`## Failures (${failures.length})`, '', '| Status | Case / check | Requirements | Expected | Observed | Reason |', '|---|---|---|---|---|---|');
    for (const r of failures) {
      const e = r.evidence as Record<string, unknown>;
      out.push(`| ${r.status} | ${mdEscape(`${r.case_id} / ${r.check}`)} | ${mdEscape(r.requirements.join(', '))} (${r.level}) | ${cell(e.expected)} | ${cell(e.observed)} | ${cell(r.reason ?? '')} |`);
    }
    out.push('');
  }
  const fid = translationFidelity(report);
  if (fid) {
    out.push('## Translation fidelity', '', `| Upstream | Cell | Billed | Reported | Difference | Impact${fid.currency ? ` (${mdEscape(fid.currency)})` : ''} |`, '|---|---|---:|---:|---:|---:|');
    for (const r of fid.rows) out.push(`| ${mdEscape(r.upstream)} | ${mdEscape(r.cell)} | ${r.billed} | ${r.reported} | ${r.difference} | ${mdEscape(r.impact ?? '—')} |`);
    out.push('');
  }
  out.push(`Report digest \`${report.digest}\`${report.signature ? `, signed (Ed25519, key \`${report.signature.public_key_sha256.slice(0, 16)}…\`)` : ''}.`, '');
  return out.join('\n');
}
