import type { Statement } from '../schemas/types.gen.js';
import { tmsVersion } from '../version.js';
import type { LineBook } from './LineBook.js';
import type { RoundingPolicy } from './policy.js';

/** What a statement is made of, however the records were accumulated (one process, or shards merged). */
export interface StatementParts {
  readonly period: { from: string; until: string };
  readonly currency: string;
  readonly policy: RoundingPolicy;
  readonly sheet: { id: string; sha256: string };
  readonly book: LineBook;
  /** Sorted by record_id. */
  readonly excluded: Statement['excluded'];
  /** Sorted by record_id, versions sorted by digest. */
  readonly conflicts: Statement['conflicts'];
  readonly merkle: { size: number; root: string };
}

/**
 * Builds the statement (TMS-S-014): the one place line items are rounded (TMS-S-008), totals and
 * the rounding difference computed and the statement's members assembled — for `settle` and for an
 * audit's recomputation alike, so the two cannot drift apart (TMS-A-006).
 */
export function buildStatement(p: StatementParts): Statement {
  const { items, exact, roundedSum } = p.book.items(p.policy);
  const amount = p.policy.level === 'line' ? roundedSum : exact.round(p.policy.scale, p.policy.mode);
  return {
    tms_version: tmsVersion as '0.1.0',
    period: { ...p.period },
    currency: p.currency,
    rounding: { ...p.policy },
    price_sheet: { id: p.sheet.id, sha256: p.sheet.sha256 },
    line_items: items,
    totals: { amount_exact: exact.toString(), amount: amount.toFixed(p.policy.scale), rounding_difference: amount.sub(exact).toString() },
    counts: { billed: p.merkle.size, excluded: p.excluded.length, conflicting: p.conflicts.length },
    excluded: p.excluded,
    conflicts: p.conflicts,
    merkle: { algorithm: 'rfc9162-sha256', leaves: 'sorted-record-sha256', size: p.merkle.size, root: p.merkle.root },
  };
}
