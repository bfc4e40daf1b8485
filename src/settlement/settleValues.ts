import type { Statement } from '../schemas/types.gen.js';
import { Settlement, type SettlementOptions, type SettlementTally } from './Settlement.js';

/**
 * Settles records already in memory (vectors, tests, callers that hold the records anyway), doing
 * the conflict withdrawals of TMS-S-005 from the array itself. Place `line` is the 1-based index.
 */
export function settleValues(records: readonly unknown[], opts: SettlementOptions, file = '(memory)'): { statement: Statement; tally: SettlementTally } {
  const s = new Settlement(opts);
  records.forEach((r, i) => s.add(r, { file, line: i + 1 }));
  for (const p of s.pendingWithdrawals()) s.withdraw(records[p.line - 1], p);
  return { statement: s.finish(), tally: { ...s.tally } };
}
