import type { ProbeRun } from './runProbe.js';

/** The short summary a probe prints: verdict per class, counts, failures, where the report is. */
export interface RunSummary {
  readonly passed: boolean;
  readonly overall: string;
  readonly classes: { class: string; core: string; full: string }[];
  readonly counts: Record<string, number>;
  readonly failures: { case_id: string; check: string; level: string; status: string; reason: string }[];
  readonly stopped: { reason: string; message: string } | null;
  readonly requests: number;
  readonly report: string;
}

/**
 * Summarises a run. It passed when no MUST result failed or errored and the run was not stopped
 * early (TMS-C-002: exit 0 only then).
 */
export function summarizeRun(run: ProbeRun): { data: RunSummary; text: string } {
  const r = run.report;
  const results = r.results;
  const failures = results
    .filter((x) => x.status === 'fail' || x.status === 'error')
    .map((x) => ({ case_id: x.case_id, check: x.check, level: x.level, status: x.status, reason: x.reason ?? '' }));
  const passed = run.stopped === null && !failures.some((f) => f.level === 'MUST');
  const classes = r.verdict.classes
    .filter((c) => c.core !== 'not_assessed' || c.full !== 'not_assessed')
    .map((c) => ({ class: c.class, core: c.core, full: c.full }));
  const counts: Record<string, number> = { ...r.counts };
  const data: RunSummary = { passed, overall: r.verdict.overall, classes, counts, failures, stopped: run.stopped, requests: run.requests, report: run.dir };
  const lines = [
    `tokencert probe: ${passed ? 'PASS' : 'FAIL'} (overall ${r.verdict.overall})`,
    ...classes.map((c) => `  ${c.class}: core ${c.core}, full ${c.full}`),
    `  results: ${Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; ${run.requests} requests`,
  ];
  for (const a of run.assumptions) lines.push(`  ${a}`);
  if (run.stopped) lines.push(`  stopped early: ${run.stopped.message}`);
  const shown = failures.slice(0, 20);
  // A reason quotes server text: one line each, so it cannot print a line of its own (TMS-C-015).
  for (const f of shown) lines.push(`  ${f.status.toUpperCase()} [${f.level}] ${f.case_id} ${f.check}: ${f.reason.replace(/\r?\n/g, ' ')}`);
  if (failures.length > shown.length) lines.push(`  … and ${failures.length - shown.length} more in the report`);
  lines.push(`  report: ${run.dir}/report.html (summary.md, report.json, junit.xml, events.jsonl)`);
  return { data, text: `${lines.join('\n')}\n` };
}
