import { InputError } from '../errors/errors.js';
import { readEvents } from '../report/readEvents.js';
import type { ResultEvent } from '../schemas/types.gen.js';
import { evaluateCase } from './evaluateCase.js';
import { readTranscript } from './transcripts.js';

/** One verdict that came out differently offline. */
export interface RecheckDifference {
  readonly case_id: string;
  readonly check: string;
  readonly recorded: string;
  readonly recomputed: string;
  readonly reason?: string;
}

/** The outcome of rechecking a run from its transcripts. */
export interface RecheckResult {
  readonly dir: string;
  /** Results recomputed. */
  readonly rechecked: number;
  /** Results that agree. */
  readonly same: number;
  readonly differences: RecheckDifference[];
  /** Result cases without a transcript (the run did not keep them), not rechecked. */
  readonly without_transcript: string[];
}

/**
 * Recomputes every verdict of a probe run offline from its kept transcripts (TMS-C-108): each case's
 * checks run again, as pure functions, on the recorded exchanges, and every status that differs from
 * the recorded result is reported.
 */
export async function recheckRun(dir: string): Promise<RecheckResult> {
  const run = await readEvents(dir);
  const first = run.events[0];
  if (first.type !== 'run_started' || first.kind !== 'probe')
    throw new InputError('input-invalid', 'not a probe run: report recheck needs the events of tokencert probe', { file: run.file, line: 1, pointer: '/kind' });
  const byCase = new Map<string, ResultEvent[]>();
  for (const e of run.events) {
    if (e.type !== 'result') continue;
    if (!byCase.has(e.case_id)) byCase.set(e.case_id, []);
    byCase.get(e.case_id)!.push(e);
  }
  const differences: RecheckDifference[] = [];
  const without: string[] = [];
  let rechecked = 0;
  let same = 0;
  for (const [caseId, results] of byCase) {
    const rel = results.find((r) => r.evidence.transcript)?.evidence.transcript;
    if (!rel) {
      without.push(caseId);
      continue;
    }
    const t = await readTranscript(dir, rel);
    const recomputed = new Map(evaluateCase(t.checks, t.model, t.input, t.exchanges).map((r): [string, typeof r.outcome] => [r.check.name, r.outcome]));
    for (const r of results) {
      rechecked++;
      const o = recomputed.get(r.check);
      if (o && o.status === r.status) same++;
      else
        differences.push({
          case_id: caseId,
          check: r.check,
          recorded: r.status,
          recomputed: o?.status ?? 'missing',
          ...(o && o.status !== 'pass' ? { reason: o.reason } : {}),
        });
    }
  }
  return { dir, rechecked, same, differences, without_transcript: without };
}
