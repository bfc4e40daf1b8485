import { InputError } from '../errors/errors.js';
import { readJsonLines } from '../io/readJsonLines.js';
import type { Statement } from '../schemas/types.gen.js';
import { Settlement, type AddOutcome, type Place, type SettlementOptions, type SettlementTally } from './Settlement.js';
import { isRecord } from '../io/isRecord.js';

/** A finished settlement of files: the statement, the tally of every line read, and the conflicts' places. */
export interface SettledFiles {
  readonly statement: Statement;
  readonly tally: SettlementTally;
  /** One entry per conflicting version read: its place and the place of the id's first version. */
  readonly conflicts: readonly { readonly record_id: string; readonly at: Place; readonly first: Place }[];
}

/** Turns a line's value into the measurement record it stands for (e.g. a provider-native line, TMS-S-022). */
export type RecordDeriver = (value: unknown, at: Place) => unknown;

/**
 * Settles JSON-lines record files in one streaming pass (TMS-S spec part), plus a targeted re-read
 * of the few lines whose billed version later turned out to conflict (TMS-S-005). A malformed or
 * invalid line stops the run with its file, line and pointer (TMS-C-001); every other line is
 * billed, a duplicate, excluded or a conflict (TMS-C-003). `onRecord` sees each outcome.
 * `toRecords` turns a parsed line into the records it stands for (default: the line is one record);
 * it throws an InputError naming the line's place when the line is unusable.
 */
export async function settleFiles(
  files: readonly string[],
  opts: SettlementOptions,
  onRecord?: (o: AddOutcome, at: Place) => void,
  toRecords: (value: unknown, at: Place) => readonly unknown[] = (v) => [v],
): Promise<SettledFiles> {
  const s = new Settlement(opts);
  const conflicts: { record_id: string; at: Place; first: Place }[] = [];
  for (const file of files) {
    for await (const l of readJsonLines(file)) {
      if (!l.ok) throw l.error;
      const at = { file, line: l.line };
      for (const value of toRecords(l.value, at)) {
        const o = s.add(value, at);
        if (o.status === 'conflict') conflicts.push({ record_id: recordIdOf(value), at, first: o.first });
        onRecord?.(o, at);
      }
    }
  }
  const pending = s.pendingWithdrawals();
  const byFile = new Map<string, Set<number>>();
  for (const p of pending) {
    if (p.file === '-')
      throw new InputError(
        'input-unreadable',
        'a record read from standard input was later found in conflict and cannot be read again to withdraw it; settle from files',
        p,
      );
    (byFile.get(p.file) ?? byFile.set(p.file, new Set()).get(p.file)!).add(p.line);
  }
  for (const [file, lines] of byFile) {
    for await (const l of readJsonLines(file)) {
      if (!lines.has(l.line)) continue;
      if (!l.ok) throw l.error;
      const at = { file, line: l.line };
      const values = toRecords(l.value, at);
      // A line of several records withdraws only the pending one; a single record is checked as read.
      for (const value of values) if (values.length === 1 || s.isPending(recordIdOf(value))) s.withdraw(value, at);
    }
  }
  return { statement: s.finish(), tally: { ...s.tally }, conflicts };
}

/** A record's record_id as text (a record that lacks one is rejected by the settlement; "undefined" only names it). */
function recordIdOf(value: unknown): string {
  return String(isRecord(value) ? value.record_id : undefined);
}
