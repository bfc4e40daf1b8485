import { canonicalJson } from '../../digest/canonicalJson.js';
import { isTokencertError } from '../../errors/errors.js';
import { compilePriceSheet } from '../../pricing/compilePriceSheet.js';
import type { Statement } from '../../schemas/types.gen.js';
import { settleValues } from '../../settlement/settleValues.js';
import type { VectorOutcome, VectorRunner, VectorTest } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';

/** One settle vector test (schemas/vectors-settle.json). */
export interface SettleTest extends VectorTest {
  records: unknown[];
  from: string;
  until: string;
  rounding?: { mode?: string; level?: string; scale?: number };
  statement?: Statement;
  error?: string;
}

/** Settles one test's records with the group's sheet; an expected failure comes back as its error code. */
export function computeSettle(t: SettleTest, sheetSource: unknown): { ok: true; statement: Statement } | { ok: false; code: string; message: string } {
  try {
    const sheet = compilePriceSheet(structuredClone(sheetSource), { file: 'vector sheet' });
    return { ok: true, statement: settleValues(t.records, { sheet, from: t.from, until: t.until, rounding: t.rounding }, 'vector').statement };
  } catch (e) {
    if (isTokencertError(e)) return { ok: false, code: e.code, message: e.toLine() };
    throw e;
  }
}

/** Runs settlement vectors: the statement must match byte for byte, or the input must be refused with the stated code (TMS-S part). */
export const settleRunner: VectorRunner = {
  kind: 'settle',
  run(test, group): VectorOutcome {
    const t = test as SettleTest;
    let r;
    try {
      r = computeSettle(t, group.sheet);
    } catch (e) {
      return { status: 'fail', message: `threw: ${errorMessage(e)}` };
    }
    if (t.result === 'invalid') {
      if (r.ok) return { status: 'fail', message: 'settled input that must be refused', expected: t.error, observed: 'a statement' };
      return r.code === t.error ? { status: 'pass' } : { status: 'fail', message: r.message, expected: t.error, observed: r.code };
    }
    if (!r.ok) return { status: 'fail', message: r.message, expected: 'a statement', observed: r.code };
    const got = canonicalJson(r.statement);
    const want = canonicalJson(t.statement);
    return got === want ? { status: 'pass' } : { status: 'fail', message: 'statement bytes differ', expected: t.statement, observed: r.statement };
  },
};
