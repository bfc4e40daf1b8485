import { findRequirement } from '../spec/loadSpec.js';
import type { Event, Report, ReportResult, RequirementRow } from '../schemas/types.gen.js';
import type { RunEvents } from './readEvents.js';
import { redactSecrets } from './redactSecrets.js';
import { groupRootCauses, rootCausesForReport } from './groupRootCauses.js';
import { moneyOf } from './guards.js';
import { EVENTS_FILE } from './Reporter.js';
import { isEventOf, parseEvent } from './validateEvent.js';
import { InternalError } from '../errors/errors.js';
import { sumDecimals } from './sumDecimals.js';
import { computeVerdict, countStatuses } from './verdict.js';

/** report.json before it is sealed with its digest and optional signature. */
export type UnsealedReport = Omit<Report, 'digest' | 'signature'>;

type Of<T extends Event['type']> = Extract<Event, { type: T }>;

function strip<E extends Event>(e: E): Omit<E, 'v' | 'type'> {
  const { v: _v, type: _t, ...rest } = e;
  return rest;
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const statusRank: Record<ReportResult['status'], number> = { fail: 0, error: 1, pass: 2, skip: 3, not_applicable: 4 };

/** One row per cited requirement: its spec title and level, how many results cite it and the worst status among them. */
function requirementRows(results: readonly ReportResult[]): RequirementRow[] {
  const by = new Map<string, ReportResult[]>();
  for (const r of results) for (const id of r.requirements) push(by, id, r);
  return [...by.keys()].sort().map((id) => {
    const rs = by.get(id)!;
    const spec = findRequirement(id);
    const status = rs.map((r) => r.status).sort((a, b) => statusRank[a] - statusRank[b])[0];
    return { id, level: spec?.level ?? rs[0].level, title: spec?.title ?? '', checks: rs.length, status };
  });
}

/**
 * Builds report.json's content from a run's events: a pure function of the events (and of the spec
 * titles shipped with this build), so rendering twice gives the same bytes (TMS-C-201).
 */
export function buildReportModel(run: RunEvents): UnsealedReport {
  // Redaction keeps every event's shape (strings stay strings); parsing again proves it and types them.
  const events = run.events.map((e) => {
    const parsed = parseEvent(redactSecrets(e));
    if (!parsed.ok) throw new InternalError(`redacting event ${e.seq} broke it: ${parsed.issues[0].pointer} ${parsed.issues[0].message}`);
    return parsed.event;
  });
  const start = events[0];
  if (start === undefined || !isEventOf(start, 'run_started')) throw new InternalError('buildReportModel: the events do not begin with run_started');
  const finish = events.find((e): e is Of<'run_finished'> => e.type === 'run_finished');
  const results = events.filter((e): e is Of<'result'> => e.type === 'result').map((e): ReportResult => ({ ...strip(e), evidence: { ...e.evidence } }));
  const complete = finish !== undefined && finish.stopped === null;
  const impacts = new Map<string, string[]>();
  for (const r of results) {
    const impact = moneyOf(r.evidence.impact);
    if (impact && (r.status === 'fail' || r.status === 'error')) push(impacts, impact.currency, impact.amount);
  }
  return {
    report_version: 1,
    tool: start.tool,
    spec_version: start.spec_version,
    run: {
      id: start.run_id,
      kind: start.kind,
      started: start.time,
      finished: finish?.time ?? null,
      duration_ms: finish?.duration_ms ?? null,
      complete,
      stopped: finish ? finish.stopped : { reason: 'crashed', message: 'the event stream ends without run_finished' },
    },
    suite: start.suite,
    target: start.target,
    vectors_manifest_sha256: start.vectors_manifest_sha256,
    events: { file: EVENTS_FILE, sha256: run.sha256, count: events.length },
    options: start.options,
    verdict: computeVerdict(results, complete),
    counts: countStatuses(results),
    requirements: requirementRows(results),
    results,
    root_causes: rootCausesForReport(groupRootCauses(results)),
    exchanges: events.filter((e): e is Of<'exchange'> => e.type === 'exchange').map((e) => strip(e)),
    metrics: events.filter((e): e is Of<'metric'> => e.type === 'metric').map((e) => ({ seq: e.seq, name: e.name, data: e.data })),
    notes: events
      .filter((e): e is Of<'note'> => e.type === 'note')
      .map((e) => ({ seq: e.seq, level: e.level, message: e.message, ...(e.case_id !== undefined ? { case_id: e.case_id } : {}) })),
    impact: [...impacts.keys()].sort().map((currency) => ({ currency, amount: sumDecimals(impacts.get(currency)!), results: impacts.get(currency)!.length })),
    // File names only: the report must not depend on where the run directory sits.
    problems: run.problems.map((p) => ({ file: EVENTS_FILE, line: p.line, message: p.message })),
  };
}
