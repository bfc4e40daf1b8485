import { fromCells, toCells, type UsageApi } from '../../measure/usageConventions.js';
import { cellKey, totalInput, totalOutput } from '../../measure/usageTotals.js';
import { canonicalJson } from '../../digest/canonicalJson.js';
import type { VectorRunner } from '../types.js';

/** Runs usage-normalisation vectors (TMS-M-020..029): cells, totals, the way back, and rejections with flags. */
export const usageRunner: VectorRunner = {
  kind: 'usage',
  run(test, group) {
    const api = group.api as UsageApi;
    const r = toCells(api, test.native);
    if (test.result === 'invalid') {
      if (r.ok) return { status: 'fail', message: 'usage accepted but must be rejected', observed: r.usage };
      const missing = (test.invalid_flags as string[]).filter((f) => !r.flags.includes(f));
      return missing.length === 0 ? { status: 'pass' } : { status: 'fail', message: `rejection lacks flags ${missing.join(', ')}`, expected: test.invalid_flags, observed: r.flags };
    }
    if (!r.ok) return { status: 'fail', message: `rejected: ${r.message}`, observed: r.flags };
    const cells = Object.fromEntries(r.usage.cells.map((c) => [cellKey(c), c.tokens]));
    if (canonicalJson(cells) !== canonicalJson(test.cells)) return { status: 'fail', message: 'cells differ', expected: test.cells, observed: cells };
    if (totalInput(r.usage) !== test.total_input || totalOutput(r.usage) !== test.total_output) {
      return { status: 'fail', message: 'totals differ', expected: [test.total_input, test.total_output], observed: [totalInput(r.usage), totalOutput(r.usage)] };
    }
    const back = fromCells(api, r.usage);
    if (test.native_back !== undefined && canonicalJson(back) !== canonicalJson(test.native_back)) return { status: 'fail', message: 'fromCells differs', expected: test.native_back, observed: back };
    return { status: 'pass' };
  },
};
