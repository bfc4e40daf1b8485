import type { Report, ReportResult } from '../schemas/types.gen.js';
import { showJson, xmlEscape, xmlText } from './escape.js';
import { locationLine, locationOf, moneyOf, recordsOf } from './guards.js';

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/** The evidence of a result as plain text lines: expected vs observed, digests, place, money impact. */
export function evidenceText(r: ReportResult): string {
  const e = r.evidence;
  const lines: string[] = [];
  if (r.reason) lines.push(`reason: ${r.reason}`);
  if ('expected' in e) lines.push(`expected: ${showJson(e.expected)}`);
  if ('observed' in e) lines.push(`observed: ${showJson(e.observed)}`);
  for (const k of ['request_sha256', 'response_sha256', 'transcript'] as const) {
    const value = e[k];
    if (typeof value === 'string') lines.push(`${k}: ${value}`);
  }
  const loc = locationOf(e.location);
  if (loc) lines.push(`location: ${locationLine(loc)}`);
  const impact = moneyOf(e.impact);
  if (impact) lines.push(`impact: ${impact.amount} ${impact.currency}`);
  if (typeof e.exchange === 'string') lines.push(`exchange: ${e.exchange}`);
  for (const x of recordsOf(e.violations)) lines.push(`violation [${String(x.exchange)}]: ${String(x.message)}`);
  if ('details' in e) lines.push(`details: ${showJson(e.details)}`);
  lines.push(`requirements: ${r.requirements.join(', ')} (${r.level})`);
  return lines.join('\n');
}

function testcase(r: ReportResult, classname: string): string {
  const name = `${r.case_id}/${r.check}: ${r.title}`;
  const open = `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(name)}" time="${seconds(r.duration_ms)}"`;
  const message = r.reason ?? (r.status === 'fail' ? 'check failed' : r.status);
  switch (r.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
    case 'error':
      return `${open}>\n      <${r.status === 'fail' ? 'failure' : 'error'} type="${r.level}" message="${xmlEscape(message)}">${xmlText(evidenceText(r))}</${r.status === 'fail' ? 'failure' : 'error'}>\n    </testcase>`;
    default:
      return `${open}>\n      <skipped message="${xmlEscape(`${r.status}${r.reason ? `: ${r.reason}` : ''}`)}"/>\n    </testcase>`;
  }
}

/**
 * Renders junit.xml (Surefire/Ant shape): one testsuite per suite and conformance class (a result goes
 * to the suite of its first class), one testcase per result; fail → failure, error → error, skip and
 * not_applicable → skipped; every string XML-escaped, controls made visible (TMS-C-205).
 */
export function renderJunit(report: Report): string {
  const groups = new Map<string, ReportResult[]>();
  for (const r of report.results) {
    const name = `${report.suite.name}.${r.classes[0]}`;
    const g = groups.get(name);
    if (g) g.push(r);
    else groups.set(name, [r]);
  }
  const count = (rs: ReportResult[], ...s: string[]): number => rs.filter((r) => s.includes(r.status)).length;
  const props = [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['spec.version', report.spec_version],
    ['suite', `${report.suite.name} ${report.suite.version}`],
    ['suite.sha256', report.suite.sha256],
    ['target', String(report.target.name)],
    ['vectors.manifest.sha256', report.vectors_manifest_sha256],
    ['verdict', report.verdict.overall],
    ['report.digest', report.digest],
  ]
    .map(([n, v]) => `      <property name="${xmlEscape(n)}" value="${xmlEscape(String(v))}"/>`)
    .join('\n');
  const suites = [...groups.keys()].sort().map((name) => {
    const rs = groups.get(name)!;
    const time = seconds(rs.reduce((a, r) => a + (r.duration_ms ?? 0), 0));
    return [
      `  <testsuite name="${xmlEscape(name)}" tests="${rs.length}" failures="${count(rs, 'fail')}" errors="${count(rs, 'error')}" skipped="${count(rs, 'skip', 'not_applicable')}" time="${time}" timestamp="${xmlEscape(report.run.started.replace(/\.\d+Z$|Z$/, ''))}">`,
      `    <properties>\n${props}\n    </properties>`,
      ...rs.map((r) => testcase(r, name)),
      '  </testsuite>',
    ].join('\n');
  });
  const c = report.counts;
  const time = seconds(report.run.duration_ms ?? 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(`tokencert ${report.run.kind}: ${report.suite.name}`)}" tests="${c.total}" failures="${c.fail}" errors="${c.error}" skipped="${c.skip + c.not_applicable}" time="${time}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
