import { InputError } from '../../errors/errors.js';
import type { Statement } from '../../schemas/types.gen.js';
import { checkOwnRows, focusDateTime } from './checkFocusRows.js';
import { focusCsv, focusRows, type FocusParties } from './focusRows.js';

/**
 * A statement's line items as FOCUS 1.2 CSV (TMS-S-023), checked against the FOCUS column rules
 * first: a statement the rules cannot express (for example a period bound with fractions of a
 * second) is refused with the rule, so the caller writes nothing. `parties` default to the
 * statement's price sheet id. Callers write the text atomically (TMS-C-004).
 */
export function focusFile(s: Statement, parties: Partial<FocusParties> = {}, path = 'FOCUS output'): { csv: string; rows: number } {
  // The billing period is stated on every row; check it even when there are no rows.
  for (const [k, v] of Object.entries(s.period)) {
    const why = focusDateTime(v);
    if (why) throw new InputError('input-invalid', `cannot write FOCUS rows: the period ${k} bound: ${why}`, { file: path });
  }
  const p: FocusParties = { account: parties.account ?? s.price_sheet.id, provider: parties.provider ?? s.price_sheet.id };
  const rows = focusRows(s, p);
  const bad = checkOwnRows(rows);
  if (bad.length > 0) throw new InputError('input-invalid', `cannot write FOCUS rows: row ${bad[0].row} ${bad[0].column}: ${bad[0].rule}`, { file: path });
  return { csv: focusCsv(rows), rows: rows.length };
}
