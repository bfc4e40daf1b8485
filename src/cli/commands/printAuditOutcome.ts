import { join } from 'node:path';
import { showAmount } from '../../money/showAmount.js';
import type { CliIo } from '../command.js';
import type { AuditOutcome } from '../../audit/core/finalizeAudit.js';

/** Prints an audit's outcome as text or JSON (data first, then its rendering). */
export function printOutcome(io: CliIo, o: AuditOutcome, out: string, json: boolean, ms: number): void {
  const data = {
    out,
    exit: o.exitCode,
    tally: o.tally,
    discrepancies: o.discrepancies,
    by_kind: o.byKind,
    billing: o.billing,
    statement: {
      currency: o.statement.currency,
      amount: o.statement.totals.amount,
      amount_exact: o.statement.totals.amount_exact,
      records: o.statement.counts.billed,
      root: o.statement.merkle.root,
    },
  };
  if (json) {
    io.out(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const t = o.tally;
  const lines = [
    `audited ${t.lines} lines: ${t.records} records (${t.billed} billed, ${t.duplicates} duplicates, ${t.excluded} out of period, ${t.conflicting_versions} conflicting versions, ${t.unpriced} unpriced), ${t.invalid} invalid, ${t.blank} blank/header`,
    `recomputed statement: ${showAmount(o.statement.totals.amount, o.statement.currency)} ${o.statement.currency} (exact ${o.statement.totals.amount_exact}) for ${o.statement.counts.billed} records, root ${o.statement.merkle.root.slice(0, 16)}…`,
  ];
  if (o.billing) {
    const b = o.billing;
    const m = (x: string) => showAmount(x, b.currency);
    // One sign everywhere (TMS-S-016): billed − recomputed, positive when over-billed.
    lines.push(
      `billed ${m(b.billed)} ${b.currency}; over-billed ${m(b.over)}, under-billed ${m(b.under)}, net ${m(b.net)} ${b.currency} (exact ${b.net_exact})`,
    );
  }
  const kinds = Object.entries(o.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  lines.push(o.discrepancies === 0 ? 'no discrepancies' : `${o.discrepancies} discrepancies (${kinds}); see ${join(out, 'discrepancies.jsonl')}`);
  lines.push(`report: ${join(out, 'report.html')} (${ms} ms)`);
  io.out(`${lines.join('\n')}\n`);
}
