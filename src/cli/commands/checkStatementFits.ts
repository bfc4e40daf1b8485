import { InputError } from '../../errors/errors.js';
import type { Statement } from '../../schemas/types.gen.js';

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
