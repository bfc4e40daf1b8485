import { canonicalJson } from '../../digest/canonicalJson.js';
import { sha256Hex } from '../../digest/sha256.js';
import { InputError } from '../../errors/errors.js';
import { readStatement } from '../../settlement/readStatement.js';
import type { Statement } from '../../schemas/types.gen.js';

/** Reads and validates a billed statement with the settlement's reader (exit 2 on any problem), and its digest. */
export async function loadBilledStatement(path: string): Promise<{ statement: Statement; sha256: string }> {
  const statement = await readStatement(path);
  return { statement, sha256: sha256Hex(canonicalJson(statement)) };
}

/** Refuses a statement that is not for the audited period or not in the sheet's currency (exit 2). */
export function checkStatementFits(s: Statement, path: string, period: { from: string; until: string }, currency: string): void {
  if (Date.parse(s.period.from) !== Date.parse(period.from) || Date.parse(s.period.until) !== Date.parse(period.until)) {
    throw new InputError(
      'input-invalid',
      `the statement is for the period [${s.period.from}, ${s.period.until}), the audit is for [${period.from}, ${period.until}); audit the statement's own period`,
      { file: path, pointer: '/period' },
    );
  }
  if (s.currency !== currency) {
    throw new InputError(
      'mixed-currency',
      `the statement is in ${s.currency}, the price sheet in ${currency}; amounts in different currencies are not compared or converted`,
      { file: path, pointer: '/currency' },
    );
  }
}
