import { fromCells, isUsageApi, resolveConvention, toCells, type ConventionVariant, type ToCellsResult } from '../../measure/usageConventions.js';
import { cellKey, totalInput, totalOutput } from '../../measure/usageTotals.js';
import { canonicalJson } from '../../digest/canonicalJson.js';
import type { Usage } from '../../schemas/types.gen.js';
import type { VectorGroup, VectorOutcome, VectorRunner, VectorTest } from '../types.js';
import { isStringArray } from '../../io/isRecord.js';

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));

/** The group's declared variant (TMS-M-056), or undefined. */
export function groupVariant(group: VectorGroup): ConventionVariant | undefined {
  return typeof group.variant === 'string' ? resolveConvention(group.variant).variant : undefined;
}

/**
 * Judges a normalisation against a test's expectations: rejection flags, or cells, totals and the
 * other models' usage (TMS-M-058). Shared by the usage and usage-stream runners.
 */
export function judgeCells(test: VectorTest, r: ToCellsResult): VectorOutcome {
  if (test.result === 'invalid') {
    if (r.ok) return { status: 'fail', message: 'usage accepted but must be rejected', observed: r.usage };
    if (!isStringArray(test.invalid_flags)) return { status: 'fail', message: 'invalid_flags must be a list of flags' };
    const missing = test.invalid_flags.filter((f) => !r.flags.includes(f));
    return missing.length === 0
      ? { status: 'pass' }
      : { status: 'fail', message: `rejection lacks flags ${missing.join(', ')}`, expected: test.invalid_flags, observed: r.flags };
  }
  if (!r.ok) return { status: 'fail', message: `rejected: ${r.message}`, observed: r.flags };
  const cells = keyed(r.usage);
  if (canonicalJson(cells) !== canonicalJson(test.cells)) return { status: 'fail', message: 'cells differ', expected: test.cells, observed: cells };
  if (totalInput(r.usage) !== test.total_input || totalOutput(r.usage) !== test.total_output) {
    return { status: 'fail', message: 'totals differ', expected: [test.total_input, test.total_output], observed: [totalInput(r.usage), totalOutput(r.usage)] };
  }
  const others = (r.others ?? []).map((o) => ({ model: o.model, kind: o.kind, cells: keyed(o.usage) }));
  if (canonicalJson(others) !== canonicalJson(test.others ?? []))
    return { status: 'fail', message: "other models' usage differs", expected: test.others ?? [], observed: others };
  return { status: 'pass' };
}

/** Runs usage-normalisation vectors (TMS-M-020..029, TMS-M-056..058): cells, totals, the way back, and rejections with flags. */
export const usageRunner: VectorRunner = {
  kind: 'usage',
  run(test, group) {
    const api = group.api;
    if (!isUsageApi(api)) return { status: 'fail', message: `unknown usage API ${JSON.stringify(api)}` };
    const r = toCells(api, test.native, groupVariant(group));
    const judged = judgeCells(test, r);
    if (judged.status !== 'pass' || test.result === 'invalid' || !r.ok) return judged;
    const back = fromCells(api, r.usage);
    if (test.native_back !== undefined && canonicalJson(back) !== canonicalJson(test.native_back))
      return { status: 'fail', message: 'fromCells differs', expected: test.native_back, observed: back };
    return { status: 'pass' };
  },
};
