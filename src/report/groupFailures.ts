import type { ReportResult } from '../schemas/types.gen.js';
import { field, isRecord, itemsOf, moneyOf, stringOr } from './guards.js';
import { absDecimal, compareDecimals, sumDecimals } from './sumDecimals.js';

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
  /**
   * True where the result is counted: its impact is summed and its row holds the `result-<index>`
   * anchor. A result whose violations point at two root causes appears under both, counted once.
   */
  primary: boolean;
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

/** Exchange labels named by evidence; tolerant of evidence written before labels existed (none) and of malformed ones (ignored). */
function labelsOf(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (x: unknown) => {
    if (typeof x === 'string' && x !== '' && !out.includes(x)) out.push(x);
  };
  add(e.exchange);
  for (const x of itemsOf(e.violations)) add(field(x, 'exchange'));
  if (out.length === 0 && Array.isArray(e.exchanges)) for (const x of e.exchanges) add(x);
  return out;
}

function violationsOf(e: Record<string, unknown>): { exchange: string; message: string }[] {
  return itemsOf(e.violations).map((o) => ({ exchange: stringOr(field(o, 'exchange')) ?? '', message: stringOr(field(o, 'message')) ?? '' }));
}

/** Largest absolute impact, for ordering: amounts in different currencies are compared as numbers, which is only an ordering hint. */
function weight(impact: readonly Money[]): string {
  let max = '0';
  for (const m of impact) if (compareDecimals(absDecimal(m.amount), max) > 0) max = absDecimal(m.amount);
  return max;
}

/** One failing result to group, optionally restricted to some of its violations (indexes into evidence.violations). */
export interface FailureEntry {
  result: ReportResult;
  index: number;
  keep?: readonly number[];
  primary: boolean;
}

/** The ordering "what to fix first" of groups and root causes (TMS-C-210). */
export function fixFirstOrder(
  a: { impact: Money[]; level: string; status: string; count: number; key: string },
  b: { impact: Money[]; level: string; status: string; count: number; key: string },
): number {
  return (
    compareDecimals(weight(b.impact), weight(a.impact)) ||
    (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9) ||
    Number(a.status === 'error') - Number(b.status === 'error') ||
    b.count - a.count ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The stricter of two levels. */
export function stricterLevel<L extends string>(a: L, b: L): L {
  return (LEVEL_RANK[b] ?? 9) < (LEVEL_RANK[a] ?? 9) ? b : a;
}

/** Sums per currency, currencies in code order. */
export function sumMoney(items: readonly Money[]): Money[] {
  const per = new Map<string, string[]>();
  for (const m of items) per.set(m.currency, [...(per.get(m.currency) ?? []), m.amount]);
  return [...per.keys()].sort().map((currency) => ({ currency, amount: sumDecimals(per.get(currency)!) }));
}

function instanceOf(entry: FailureEntry): FailureInstance {
  const r = entry.result;
  const e = r.evidence;
  const all = violationsOf(e);
  const raw = itemsOf(e.violations);
  const subset = entry.keep !== undefined && entry.keep.length < all.length;
  if (!subset) {
    return {
      index: entry.index,
      caseId: r.case_id,
      exchanges: labelsOf(e),
      status: r.status,
      reason: r.reason ?? '',
      expected: e.expected,
      observed: e.observed,
      hasExpected: 'expected' in e,
      hasObserved: 'observed' in e,
      impact: entry.primary ? moneyOf(e.impact) : null,
      violations: all,
      primary: entry.primary,
    };
  }
  // Only the violations that point at this group: their labels, messages and the first one's numbers.
  const kept = (entry.keep ?? []).map((i) => all[i]);
  const first = raw[entry.keep?.[0] ?? 0];
  return {
    index: entry.index,
    caseId: r.case_id,
    exchanges: [...new Set(kept.map((x) => x.exchange).filter((x) => x !== ''))],
    status: r.status,
    reason: kept.map((x) => (x.exchange ? `${x.exchange}: ${x.message}` : x.message)).join('; '),
    expected: field(first, 'expected'),
    observed: field(first, 'observed'),
    hasExpected: isRecord(first) && 'expected' in first,
    hasObserved: isRecord(first) && 'observed' in first,
    impact: entry.primary ? moneyOf(e.impact) : null,
    violations: kept,
    primary: entry.primary,
  };
}

/** Groups entries by check (one group per check with every instance), ordered "what to fix first". */
export function groupEntries(entries: readonly FailureEntry[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const entry of entries) {
    const r = entry.result;
    if (r.status !== 'fail' && r.status !== 'error') continue;
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
    }
    // A check has one level; should two results disagree, the group takes the strictest.
    g.level = stricterLevel(g.level, r.level);
    if (r.status === 'fail') g.status = 'fail';
    for (const id of r.requirements) if (!g.requirements.includes(id)) g.requirements.push(id);
    for (const c of r.classes) if (!g.classes.includes(c)) g.classes.push(c);
    g.count++;
    if (r.status === 'fail') g.fails++;
    else g.errors++;
    g.instances.push(instanceOf(entry));
  }
  for (const g of groups.values()) g.impact = sumMoney(g.instances.flatMap((x) => (x.impact ? [x.impact] : [])));
  return [...groups.values()].sort((a, b) => fixFirstOrder({ ...a, key: a.check }, { ...b, key: b.check }));
}

/**
 * Groups the failing results (fail and error) by check (TMS-C-210), one group per check with every instance,
 * ordered "what to fix first": largest money impact first, then MUST before SHOULD before MAY, then
 * fail before error, then more instances first, then check name. Instances keep report order.
 */
export function groupFailures(results: readonly ReportResult[]): FailureGroup[] {
  return groupEntries(results.map((result, index) => ({ result, index, primary: true })));
}
