import { type ErrorCode, isTokencertError } from '../../errors/errors.js';
import { parseYamlLocated } from '../../io/parseYaml.js';
import { safeCompilePriceSheet, type SheetProblem } from '../../pricing/compilePriceSheet.js';
import type { VectorOutcome, VectorRunner, VectorTest } from '../types.js';

/** The fields of a price-sheet vector test. */
export interface PriceSheetTest extends VectorTest {
  yaml: string;
  expected_error?: { code: string; reason: string; pointer: string; line?: number; names?: string[] };
}

/** Loads a sheet from YAML text: ok, or the problem (YAML syntax errors become reason `syntax`). */
export function checkSheetYaml(
  yaml: string,
): { ok: true } | { ok: false; problem: Omit<SheetProblem, 'code' | 'reason'> & { code: ErrorCode; reason: string } } {
  try {
    const doc = parseYamlLocated(yaml, 'sheet.yaml');
    const r = safeCompilePriceSheet(doc.value, { file: 'sheet.yaml', lineOf: (p) => doc.lineOf(p) });
    return r.ok ? { ok: true } : r;
  } catch (e) {
    if (isTokencertError(e)) return { ok: false, problem: { code: e.code, reason: 'syntax', message: e.message, location: e.location ?? {} } };
    throw e;
  }
}

/** Runs price-sheet vectors (TMS-P-001, TMS-P-002, TMS-P-007, TMS-P-009). */
export const priceSheetRunner: VectorRunner = {
  kind: 'price-sheet',
  run(test): VectorOutcome {
    const t = test as PriceSheetTest;
    const r = checkSheetYaml(t.yaml);
    if (t.result === 'valid') return r.ok ? { status: 'pass' } : { status: 'fail', message: `rejected a valid sheet: ${r.problem.message}` };
    if (r.ok) return t.result === 'acceptable' ? { status: 'pass' } : { status: 'fail', message: 'accepted a sheet that must be rejected' };
    const x = t.expected_error!;
    const p = r.problem;
    const observed = { code: p.code, reason: p.reason, pointer: p.location.pointer, line: p.location.line, message: p.message };
    if (p.code !== x.code || p.reason !== x.reason || (p.location.pointer ?? '') !== x.pointer)
      return { status: 'fail', message: 'wrong rejection', expected: x, observed };
    if (x.line !== undefined && p.location.line !== x.line) return { status: 'fail', message: 'wrong line', expected: x, observed };
    for (const n of x.names ?? []) if (!p.message.includes(`"${n}"`)) return { status: 'fail', message: `message does not name ${n}`, expected: x, observed };
    return { status: 'pass' };
  },
};
