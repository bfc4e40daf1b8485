import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../digest/canonicalJson.js';
import { sha256Hex } from '../../digest/sha256.js';
import { Decimal } from '../../money/Decimal.js';
import { fromRoot } from '../../paths.js';
import { Reporter } from '../../report/Reporter.js';
import type { Statement } from '../../schemas/types.gen.js';
import type { Discrepancy } from '../types.js';
import type { Tally } from './AuditBook.js';
import type { AuditInputs } from './partial.js';
import type { BillingSummary } from './reconcile.js';

interface EventsInput {
  inputs: AuditInputs;
  tally: Tally;
  statement: Statement;
  findings: readonly Discrepancy[];
  billing: BillingSummary | null;
  byKind: Record<string, number>;
  tool: { name: string; version: string };
  specVersion: string;
  manifest: string;
}

interface Check {
  check: string;
  title: string;
  requirements: [string, ...string[]];
  kinds: Discrepancy['kind'][];
  statementOnly?: boolean;
}

const checks: Check[] = [
  { check: 'records-valid', title: 'Every line is a valid record', requirements: ['TMS-A-002', 'TMS-C-001'], kinds: ['invalid-line'] },
  {
    check: 'deduplicated',
    title: 'Duplicates and conflicting versions follow the settlement rules',
    requirements: ['TMS-A-003'],
    kinds: ['duplicate', 'conflict'],
  },
  { check: 'in-period', title: 'Records outside the period are not billed', requirements: ['TMS-A-003'], kinds: ['out-of-period'] },
  { check: 'recount-matches', title: 'Reported counts equal the recount with the public tokenizer', requirements: ['TMS-A-004'], kinds: ['recount'] },
  {
    check: 'reprice-matches',
    title: 'Every record reprices exactly to its stated cost, in the statement currency',
    requirements: ['TMS-A-005'],
    kinds: ['cost', 'currency', 'unpriced'],
  },
  { check: 'statement-lines', title: 'Billed line items equal the recomputed ones', requirements: ['TMS-A-006'], kinds: ['line'], statementOnly: true },
  {
    check: 'statement-totals',
    title: 'Billed totals and counts equal the recomputed ones',
    requirements: ['TMS-A-006', 'TMS-A-007'],
    kinds: ['total', 'count'],
    statementOnly: true,
  },
  {
    check: 'statement-root',
    title: 'The billed Merkle root commits to the records in the log',
    requirements: ['TMS-A-006'],
    kinds: ['root'],
    statementOnly: true,
  },
];

/** How many discrepancies of one check the events (and so report.html) carry; discrepancies.jsonl holds all. */
const SHOWN = 50;
const LARGEST = 10;
const absImpact = (f: Discrepancy): Decimal => {
  const d = f.impact ? Decimal.parse(f.impact.amount) : Decimal.zero;
  return d.sign() < 0 ? d.neg() : d;
};

/** A check's evidence details: its first discrepancies in audit order and its largest by money impact, for the report's tables. */
function shownDiscrepancies(found: readonly Discrepancy[]) {
  const largest = found
    .filter((f) => f.impact && absImpact(f).sign() !== 0)
    .sort((a, b) => absImpact(b).cmp(absImpact(a)))
    .slice(0, LARGEST);
  return { first: found[0], discrepancies: found.slice(0, SHOWN), largest };
}

/** The SHA-256 of the audit's spec part, the "suite" an audit checks against (empty when the spec is not shipped). */
function auditSuiteSha256(): string {
  let text: Buffer;
  try {
    text = readFileSync(fromRoot('spec', 'parts', '50-A-audit.yaml'));
  } catch {
    text = Buffer.alloc(0);
  }
  return sha256Hex(text);
}

/** The run_started event: the run id is a digest of the inputs, so the same inputs give the same id. */
function startRun(rep: Reporter, e: EventsInput): void {
  rep.runStarted({
    run_id: `audit-${sha256Hex(canonicalJson(e.inputs)).slice(0, 16)}`,
    kind: 'audit',
    tool: e.tool,
    spec_version: e.specVersion,
    suite: { name: 'tokencert-audit', version: e.specVersion, sha256: auditSuiteSha256() },
    target: { name: e.inputs.files.map((f) => f.path).join(', '), files: e.inputs.files.map((f) => ({ path: f.path, sha256: f.sha256 })) },
    vectors_manifest_sha256: e.manifest,
    options: {
      from: e.inputs.period.from,
      until: e.inputs.period.until,
      sheet: e.inputs.sheet.path,
      statement: e.inputs.statement?.path ?? null,
      transcripts: e.inputs.transcripts,
      recount: e.inputs.recount,
      rounding: e.inputs.rounding,
    },
  });
}

/** The lines-accounted result: every line read is blank, invalid or a record (TMS-A-001). */
function linesAccountedResult(rep: Reporter, t: Tally): void {
  const accounted = t.blank + t.invalid + t.records === t.lines;
  rep.result({
    case_id: 'audit',
    check: 'lines-accounted',
    title: 'Every line read is accounted for',
    requirements: ['TMS-A-001', 'TMS-C-003'],
    level: 'MUST',
    classes: ['auditor'],
    status: accounted ? 'pass' : 'error',
    ...(accounted ? {} : { reason: 'line counts do not add up (a bug in tokencert)' }),
    evidence: {
      observed: { ...t },
      details: { rule: 'lines = blank + invalid + records; records = billed + duplicates + excluded + conflicting_versions + unpriced' },
    },
  });
}

/** One check's result: pass, fail with its discrepancies and their impact, or not applicable without a statement. */
function checkResult(rep: Reporter, c: Check, e: EventsInput): void {
  const head = { case_id: 'audit', check: c.check, title: c.title, requirements: c.requirements, level: 'MUST' as const, classes: ['auditor' as const] };
  if (c.statementOnly && !e.billing) {
    rep.result({ ...head, status: 'not_applicable', reason: 'no billed statement given (--statement)', evidence: {} });
    return;
  }
  const found = e.findings.filter((f) => c.kinds.includes(f.kind));
  let sum = Decimal.zero;
  for (const f of found) if (f.impact) sum = sum.add(Decimal.parse(f.impact.amount));
  const impact = c.check === 'statement-totals' && e.billing && found.length > 0 ? { impact: { currency: e.statement.currency, amount: e.billing.net } } : {};
  rep.result({
    ...head,
    status: found.length === 0 ? 'pass' : 'fail',
    ...(found.length > 0 ? { reason: `${found.length} discrepanc${found.length === 1 ? 'y' : 'ies'}; see discrepancies.jsonl` } : {}),
    evidence: {
      observed: { discrepancies: found.length, impact_sum: sum.toString() },
      ...impact,
      ...(found[0] ? { details: shownDiscrepancies(found) } : {}),
    },
  });
}

/** The audit-summary metric: tally, discrepancy counts, billing summary and the recomputed statement's headline. */
function summaryMetric(rep: Reporter, e: EventsInput): void {
  rep.metric({
    name: 'audit-summary',
    data: {
      tally: { ...e.tally },
      discrepancies: e.byKind,
      billing: e.billing,
      statement: {
        currency: e.statement.currency,
        amount: e.statement.totals.amount,
        amount_exact: e.statement.totals.amount_exact,
        records: e.statement.counts.billed,
        root: e.statement.merkle.root,
      },
    },
  });
}

/**
 * Writes an audit's events.jsonl. Times are the period's end and the duration is 0: a logical
 * clock, so the report is a function of the audited inputs only and a sharded audit merged equals
 * a single run byte for byte (TMS-A-009). Real wall time goes to the terminal, never to the report.
 */
export async function writeAuditEvents(dir: string, e: EventsInput): Promise<void> {
  const at = new Date(Date.parse(e.inputs.period.until));
  const rep = await Reporter.open(dir, { now: () => at });
  startRun(rep, e);
  linesAccountedResult(rep, e.tally);
  for (const c of checks) checkResult(rep, c, e);
  summaryMetric(rep, e);
  rep.runFinished({ duration_ms: 0, stopped: null });
  await rep.close();
}
