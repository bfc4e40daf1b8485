import type { ReportResult, ReportRootCause } from '../schemas/types.gen.js';
import { type FailureEntry, type FailureGroup, fixFirstOrder, groupEntries, type Money, stricterLevel, sumMoney } from './groupFailures.js';
import { field, itemsOf, numberOr, stringOr } from './guards.js';
import { ROOT_CAUSE_RULES, ROOT_CAUSES, type RootCause, type RootCauseRule } from './rootCauses.js';

/** A root cause with the failing checks it explains, each with its instances; or one check no rule explains. */
export interface RootCauseGroup {
  /** The cause's id, or `check:<name>` for a check no rule explains. */
  id: string;
  kind: 'pattern' | 'check';
  title: string;
  /** Empty for a check group: the check's title says what failed. */
  explanation: string;
  requirements: string[];
  level: ReportResult['level'];
  status: 'fail' | 'error';
  /** Distinct failing results under this cause. */
  count: number;
  /** Summed over the results counted here (each result is counted under one cause only). */
  impact: Money[];
  checks: FailureGroup[];
}

/** One violation as the rules see it: an exchange label, a message and its numbers. */
interface Seen {
  exchange: string;
  message: string;
  expected: unknown;
  observed: unknown;
}

function violationsSeen(r: ReportResult): { list: Seen[]; whole: boolean } {
  const e = r.evidence;
  const str = (x: unknown) => stringOr(x) ?? '';
  const violations = itemsOf(e.violations);
  // Indexed as groupEntries indexes them (every item, a malformed one included).
  if (violations.length > 0)
    return {
      whole: false,
      list: violations.map((o) => ({
        exchange: str(field(o, 'exchange')),
        message: str(field(o, 'message')),
        expected: field(o, 'expected'),
        observed: field(o, 'observed'),
      })),
    };
  return { whole: true, list: [{ exchange: str(e.exchange), message: r.reason ?? '', expected: e.expected, observed: e.observed }] };
}

const key = (caseId: string, check: string, exchange: string) => `${caseId}\u0000${check}\u0000${exchange}`;

function matches(rule: RootCauseRule, r: ReportResult, v: Seen, failing: Map<string, Seen[]>): boolean {
  if (rule.check !== r.check) return false;
  if (rule.exchange && !rule.exchange.test(v.exchange)) return false;
  if (rule.message && !rule.message.test(v.message)) return false;
  const observed = numberOr(v.observed);
  const expected = numberOr(v.expected);
  if (rule.observed === 'above' && !(observed !== undefined && expected !== undefined && observed > expected)) return false;
  if (rule.observed === 'below' && !(observed !== undefined && expected !== undefined && observed < expected)) return false;
  if (rule.alongside !== undefined) {
    const other = failing.get(key(r.case_id, rule.alongside, v.exchange));
    if (!other) return false;
    if (rule.gapIsAlongsideObserved) {
      if (observed === undefined || expected === undefined) return false;
      const gap = observed - expected;
      if (!other.some((o) => o.observed === gap)) return false;
    }
  }
  return true;
}

/**
 * Groups the failing results by their likely root cause (TMS-C-213): each violation is matched
 * against the rules of rootCauses.ts; the violations no rule explains stay grouped by check. A
 * result whose violations point at two causes appears under both with the violations of each, and
 * is counted (impact, anchor) under the cause of its first violation. Causes are ordered "what to
 * fix first" like the check groups (TMS-C-210); inside a cause, its checks are too.
 */
export function groupRootCauses(results: readonly ReportResult[]): RootCauseGroup[] {
  const failing = new Map<string, Seen[]>();
  const seen = results.map((r) => (r.status === 'fail' || r.status === 'error' ? violationsSeen(r) : null));
  results.forEach((r, i) => {
    for (const v of seen[i]?.list ?? []) {
      const k = key(r.case_id, r.check, v.exchange);
      failing.set(k, [...(failing.get(k) ?? []), v]);
    }
  });
  const entries = new Map<string, FailureEntry[]>();
  results.forEach((r, index) => {
    const s = seen[index];
    if (!s) return;
    const byCause = new Map<string, number[]>();
    s.list.forEach((v, vi) => {
      const rule = ROOT_CAUSE_RULES.find((x) => matches(x, r, v, failing));
      const id = rule ? rule.cause : `check:${r.check}`;
      byCause.set(id, [...(byCause.get(id) ?? []), vi]);
    });
    let first = true;
    for (const [id, keep] of byCause) {
      const list = entries.get(id) ?? [];
      list.push({ result: r, index, keep: s.whole ? undefined : keep, primary: first });
      entries.set(id, list);
      first = false;
    }
  });
  const causes = new Map<string, RootCause>(ROOT_CAUSES.map((c) => [c.id, c]));
  const groups = [...entries].map(([id, list]): RootCauseGroup => {
    const checks = groupEntries(list);
    const cause = causes.get(id);
    // A cause names the requirements it breaks; each check card beneath names the ones its check cites.
    const requirements = cause ? [...cause.requirements] : [...new Set(checks.flatMap((g) => g.requirements))];
    return {
      id,
      kind: cause ? 'pattern' : 'check',
      title: cause?.title ?? checks[0].title,
      explanation: cause?.explanation ?? '',
      requirements,
      level: checks.map((g) => g.level).reduce((a, b) => stricterLevel(a, b)),
      status: checks.some((g) => g.status === 'fail') ? 'fail' : 'error',
      count: new Set(list.map((x) => x.index)).size,
      impact: sumMoney(checks.flatMap((g) => g.instances.flatMap((x) => (x.impact ? [x.impact] : [])))),
      checks,
    };
  });
  return groups.sort((a, b) => fixFirstOrder({ ...a, key: a.id }, { ...b, key: b.id }));
}

/** The root causes as report.json states them (schemas/report.json `root_causes`). */
export function rootCausesForReport(groups: readonly RootCauseGroup[]): ReportRootCause[] {
  return groups.map((g) => ({
    id: g.id,
    kind: g.kind,
    title: g.title,
    explanation: g.explanation,
    requirements: g.requirements,
    level: g.level,
    status: g.status,
    results: g.count,
    impact: g.impact,
    checks: g.checks.map((c) => ({
      check: c.check,
      results: c.instances.map((x) => ({ index: x.index, exchanges: x.exchanges, counted: x.primary })),
    })),
  }));
}
