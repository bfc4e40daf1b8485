import { clip, mdEscape, showJson, xmlEscape } from '../report/escape.js';
import type { Scoreboard, ScoreboardFailure, Tally } from './buildScoreboard.js';

/** Failures shown per implementation and kind in Markdown and HTML; scoreboard.json keeps them all. */
export const SHOWN_FAILURES = 8;

const tallyText = (t: Tally | undefined): string => (t ? `${t.pass}✓ ${t.fail}✗${t.error ? ` ${t.error}⚠` : ''}${t.skip ? ` ${t.skip}↷` : ''}` : '—');
const json = (v: unknown, max = 160): string => clip(showJson(v).replace(/\s+/g, ' '), max);
const impactText = (f: ScoreboardFailure): string => (f.impact ? `${f.impact.amount} ${f.impact.currency}` : '');

function shownFailures(board: Scoreboard): { shown: ScoreboardFailure[]; hidden: Map<string, number> } {
  const seen = new Map<string, number>();
  const shown: ScoreboardFailure[] = [];
  for (const f of board.failures) {
    const k = `${f.implementation} ${f.kind}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= SHOWN_FAILURES) shown.push(f);
  }
  const hidden = new Map([...seen].filter(([, n]) => n > SHOWN_FAILURES).map(([k, n]) => [k, n - SHOWN_FAILURES]));
  return { shown, hidden };
}

/** Renders the scoreboard as Markdown (the README and docs/scoreboard.md embed it); every library string escaped. */
export function renderScoreboardMarkdown(board: Scoreboard): string {
  const names = board.implementations.map((i) => i.name);
  const out: string[] = [];
  out.push('| Implementation | Version | Language | Kinds | pass | fail | error | skip | Impact of failures |', '|---|---|---|---|---:|---:|---:|---:|---|');
  for (const i of board.implementations) {
    const impact = i.impact.map((m) => `${m.amount} ${m.currency}`).join(', ');
    out.push(
      `| ${mdEscape(i.name)} | ${mdEscape(i.version)} | ${mdEscape(i.language)} | ${mdEscape(i.kinds.join(', '))} | ${i.totals.pass} | ${i.totals.fail} | ${i.totals.error} | ${i.totals.skip} | ${mdEscape(impact)}${i.stopped ? ` (stopped: ${mdEscape(i.stopped)})` : ''} |`,
    );
  }
  out.push('');
  out.push('Cells read passed✓ failed✗ errors⚠ skipped↷; — means the implementation does not do that kind.', '');
  for (const k of board.kinds) {
    const cols = names.filter((n) => k.groups.some((g) => g.cells[n]));
    out.push(`### ${mdEscape(k.kind)}`, '', `| Vector group | ${cols.map(mdEscape).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
    for (const g of k.groups) out.push(`| ${mdEscape(g.group)} | ${cols.map((n) => tallyText(g.cells[n])).join(' | ')} |`);
    out.push('');
  }
  const { shown, hidden } = shownFailures(board);
  if (shown.length > 0) {
    out.push(
      `### Failures (${board.failures.length})`,
      '',
      '| Implementation | Kind | Vector | Expected | Observed | Impact | Reason |',
      '|---|---|---|---|---|---|---|',
    );
    for (const f of shown)
      out.push(
        `| ${mdEscape(f.implementation)} | ${f.kind} | ${mdEscape(f.case_id)} | ${mdEscape(json(f.expected))} | ${mdEscape(json(f.observed))} | ${mdEscape(impactText(f))} | ${mdEscape(clip(f.reason, 160))} |`,
      );
    out.push('');
    for (const [k, n] of hidden) out.push(`… ${n} more ${mdEscape(k)} failures in scoreboard.json.`, '');
  }
  return out.join('\n');
}

/** Renders the scoreboard as a self-contained HTML page (no scripts); every library string escaped. */
export function renderScoreboardHtml(board: Scoreboard): string {
  const e = xmlEscape;
  const names = board.implementations.map((i) => i.name);
  const rows = board.implementations
    .map(
      (i) =>
        `<tr><td>${e(i.name)}</td><td>${e(i.version)}</td><td>${e(i.language)}</td><td>${e(i.kinds.join(', '))}</td><td>${i.totals.pass}</td><td>${i.totals.fail}</td><td>${i.totals.error}</td><td>${i.totals.skip}</td><td>${e(i.impact.map((m) => `${m.amount} ${m.currency}`).join(', '))}</td></tr>`,
    )
    .join('\n');
  const kinds = board.kinds
    .map((k) => {
      const cols = names.filter((n) => k.groups.some((g) => g.cells[n]));
      const body = k.groups
        .map(
          (g) =>
            `<tr><td>${e(g.group)}</td>${cols.map((n) => `<td class="${g.cells[n] ? (g.cells[n].fail + g.cells[n].error > 0 ? 'bad' : 'ok') : 'na'}">${e(tallyText(g.cells[n]))}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `<h2>${e(k.kind)}</h2>\n<table><tr><th>Vector group</th>${cols.map((n) => `<th>${e(n)}</th>`).join('')}</tr>\n${body}\n</table>`;
    })
    .join('\n');
  const { shown, hidden } = shownFailures(board);
  const fails = shown
    .map(
      (f) =>
        `<tr><td>${e(f.implementation)}</td><td>${e(f.kind)}</td><td>${e(f.case_id)}</td><td><code>${e(json(f.expected, 400))}</code></td><td><code>${e(json(f.observed, 400))}</code></td><td>${e(impactText(f))}</td><td>${e(f.reason)}</td></tr>`,
    )
    .join('\n');
  const more = [...hidden].map(([k, n]) => `<p>… ${n} more ${e(k)} failures in scoreboard.json.</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tokencert harness scoreboard</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}.ok{background:#e6ffed}.bad{background:#ffeef0}.na{color:#888}code{white-space:pre-wrap;word-break:break-all}</style>
</head><body>
<h1>tokencert harness scoreboard</h1>
<table><tr><th>Implementation</th><th>Version</th><th>Language</th><th>Kinds</th><th>pass</th><th>fail</th><th>error</th><th>skip</th><th>Impact of failures</th></tr>
${rows}
</table>
${kinds}
<h2>Failures (${board.failures.length})</h2>
<table><tr><th>Implementation</th><th>Kind</th><th>Vector</th><th>Expected</th><th>Observed</th><th>Impact</th><th>Reason</th></tr>
${fails}
</table>
${more}
</body></html>
`;
}
