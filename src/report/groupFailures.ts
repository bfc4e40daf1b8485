import type { ReportResult } from '../schemas/types.gen.js';
import { absDecimal, compareDecimals, isDecimal, sumDecimals } from './sumDecimals.js';

/** A money amount in one currency, as an exact decimal string. */
export interface Money {
  currency: string;
  amount: string;
}

/** One failing result inside its group: what a reader needs to find and judge it. */
export interface FailureInstance {
  /** Index of the result in report.results (its anchor is `result-<index>`). */
  index: number;
  caseId: string;
  /** The exchange label(s) the evidence names (`exchange`, `exchanges`, or the labels of `violations`); empty when it names none. */
  exchanges: string[];
  status: ReportResult['status'];
  reason: string;
  expected: unknown;
  observed: unknown;
  hasExpected: boolean;
  hasObserved: boolean;
  impact: Money | null;
  violations: { exchange: string; message: string }[];
}

/** Every failing (fail or error) result of one check, with counts and the summed money impact. */
export interface FailureGroup {
  check: string;
  title: string;
  level: ReportResult['level'];
  /** `fail` when any instance failed, else `error`. */
  status: 'fail' | 'error';
  requirements: string[];
  classes: string[];
  count: number;
  fails: number;
  errors: number;
  /** Summed impact per currency, currencies in code order. */
  impact: Money[];
  instances: FailureInstance[];
}

const LEVEL_RANK: Record<string, number> = { MUST: 0, SHOULD: 1, MAY: 2 };

function impactOf(e: Record<string, unknown>): Money | null {
  const i = e.impact as { currency?: unknown; amount?: unknown } | undefined;
  return i && typeof i.currency === 'string' && isDecimal(i.amount) ? { currency: i.currency, amount: i.amount } : null;
}

/** Exchange labels named by evidence; tolerant of evidence written before labels existed (none) and of malformed ones (ignored). */
function labelsOf(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (x: unknown) => {
    if (typeof x === 'string' && x !== '' && !out.includes(x)) out.push(x);
  };
  add(e.exchange);
  if (Array.isArray(e.violations)) for (const x of e.violations) add((x as { exchange?: unknown } | null)?.exchange);
  if (out.length === 0 && Array.isArray(e.exchanges)) for (const x of e.exchanges) add(x);
  return out;
}

function violationsOf(e: Record<string, unknown>): { exchange: string; message: string }[] {
  if (!Array.isArray(e.violations)) return [];
  return e.violations.map((x) => {
    const o = (x ?? {}) as { exchange?: unknown; message?: unknown };
    return { exchange: typeof o.exchange === 'string' ? o.exchange : '', message: typeof o.message === 'string' ? o.message : '' };
  });
}

/** Largest absolute impact of a group, for ordering: amounts in different currencies are compared as numbers, which is only an ordering hint. */
function weight(g: FailureGroup): string {
  let max = '0';
  for (const m of g.impact) if (compareDecimals(absDecimal(m.amount), max) > 0) max = absDecimal(m.amount);
  return max;
}

/**
 * Groups the failing results (fail and error) by check (TMS-C-210), one group per check with every instance,
 * ordered "what to fix first": largest money impact first, then MUST before SHOULD before MAY, then
 * fail before error, then more instances first, then check name. Instances keep report order.
 */
export function groupFailures(results: readonly ReportResult[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  const sums = new Map<string, Map<string, string[]>>();
  results.forEach((r, index) => {
    if (r.status !== 'fail' && r.status !== 'error') return;
    const e = (r.evidence ?? {}) as Record<string, unknown>;
    let g = groups.get(r.check);
    if (!g) {
      g = {
        check: r.check,
        title: r.title,
        level: r.level,
        status: 'error',
        requirements: [],
        classes: [],
        count: 0,
        fails: 0,
        errors: 0,
        impact: [],
        instances: [],
      };
      groups.set(r.check, g);
      sums.set(r.check, new Map());
    }
    // A check has one level; should two results disagree, the group takes the strictest.
    if ((LEVEL_RANK[r.level] ?? 9) < (LEVEL_RANK[g.level] ?? 9)) g.level = r.level;
    if (r.status === 'fail') g.status = 'fail';
    for (const id of r.requirements) if (!g.requirements.includes(id)) g.requirements.push(id);
    for (const c of r.classes) if (!g.classes.includes(c)) g.classes.push(c);
    g.count++;
    if (r.status === 'fail') g.fails++;
    else g.errors++;
    const impact = impactOf(e);
    if (impact) {
      const per = sums.get(r.check)!;
      per.set(impact.currency, [...(per.get(impact.currency) ?? []), impact.amount]);
    }
    g.instances.push({
      index,
      caseId: r.case_id,
      exchanges: labelsOf(e),
      status: r.status,
      reason: r.reason ?? '',
      expected: e.expected,
      observed: e.observed,
      hasExpected: 'expected' in e,
      hasObserved: 'observed' in e,
      impact,
      violations: violationsOf(e),
    });
  });
  for (const g of groups.values()) {
    const per = sums.get(g.check)!;
    g.impact = [...per.keys()].sort().map((currency) => ({ currency, amount: sumDecimals(per.get(currency)!) }));
  }
  return [...groups.values()].sort(
    (a, b) =>
      compareDecimals(weight(b), weight(a)) ||
      (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9) ||
      Number(a.status === 'error') - Number(b.status === 'error') ||
      b.count - a.count ||
      (a.check < b.check ? -1 : a.check > b.check ? 1 : 0),
  );
}
