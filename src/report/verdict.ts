import type { ClassVerdict, ReportResult, ReportVerdict, StatusCounts } from '../schemas/types.gen.js';

/** The conformance classes in spec order (spec/parts/00-header.yaml). */
export const CONFORMANCE_CLASSES = ['record-producer', 'counter', 'pricer', 'settler', 'provider-api', 'auditor', 'gateway'] as const;

/** A result as the verdict needs it. */
export type VerdictInput = Pick<ReportResult, 'level' | 'classes' | 'status'>;

/** Counts results by status. */
export function countStatuses(results: readonly Pick<ReportResult, 'status'>[]): StatusCounts {
  const c: StatusCounts = { total: 0, pass: 0, fail: 0, error: 0, skip: 0, not_applicable: 0 };
  for (const r of results) {
    c.total++;
    c[r.status]++;
  }
  return c;
}

const decided = (s: ReportResult['status']): boolean => s === 'pass' || s === 'fail' || s === 'error';
const failed = (s: ReportResult['status']): boolean => s === 'fail' || s === 'error';

/**
 * Verdict of one class at one level (TMS-C-202, TMS-C-203): `not_assessed` when no result at the
 * level's requirement levels was decided (pass, fail or error); `fail` when any of them is `fail` or
 * `error`; otherwise `pass`. skip and not_applicable never count against a level; MAY results never count.
 */
function levelVerdict(results: readonly VerdictInput[], levels: readonly string[]): 'pass' | 'fail' | 'not_assessed' {
  const at = results.filter((r) => levels.includes(r.level));
  if (at.some((r) => failed(r.status))) return 'fail';
  return at.some((r) => decided(r.status)) ? 'pass' : 'not_assessed';
}

/**
 * Computes the verdict per conformance class and level from results alone: a pure function, so every
 * format derived from the same events states the same verdict. The overall verdict is `fail` when an
 * assessed class fails `core`, else `incomplete` when the run did not complete, else `not_assessed`
 * when no class was assessed, else `pass`.
 */
export function computeVerdict(results: readonly VerdictInput[], runComplete: boolean): ReportVerdict {
  const classes: ClassVerdict[] = CONFORMANCE_CLASSES.map((cls) => {
    const idx: number[] = [];
    results.forEach((r, i) => {
      if (r.classes.includes(cls)) idx.push(i);
    });
    const mine = idx.map((i) => results[i]);
    const core = levelVerdict(mine, ['MUST']);
    const full = levelVerdict(mine, ['MUST', 'SHOULD']);
    return {
      class: cls,
      core,
      full,
      counts: countStatuses(mine),
      failing: idx.filter((i) => failed(results[i].status) && (results[i].level === 'MUST' || results[i].level === 'SHOULD')),
      not_run: idx.filter((i) => results[i].status === 'skip' || results[i].status === 'not_applicable'),
    };
  });
  const assessed = classes.filter((c) => c.core !== 'not_assessed' || c.full !== 'not_assessed');
  const overall: ReportVerdict['overall'] = classes.some((c) => c.core === 'fail')
    ? 'fail'
    : !runComplete
      ? 'incomplete'
      : assessed.length === 0
        ? 'not_assessed'
        : 'pass';
  return { overall, classes };
}
