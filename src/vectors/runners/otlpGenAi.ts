import { canonicalJson } from '../../digest/canonicalJson.js';
import { spanItems } from '../../audit/read/otlpGenAi.js';
import { safeValidate } from '../../schemas/registry.js';
import type { VectorRunner } from '../types.js';

/**
 * Runs OTLP GenAI vectors (TMS-A-015, TMS-A-016): every span of the export must become exactly the
 * expected item, records byte for byte in canonical form, and every record must be a valid
 * measurement record. (The mapping is the auditor's own, imported so the vectors test the code `audit` runs.)
 */
export const otlpGenAiRunner: VectorRunner = {
  kind: 'otlp-genai',
  run(test) {
    const got = spanItems(structuredClone(test.export));
    if ('error' in got) return { status: 'fail', message: got.error };
    for (const it of got) {
      if (it.t !== 'record') continue;
      const v = safeValidate('measurement-record', it.record);
      if (!v.ok) return { status: 'fail', message: `record invalid: ${v.issues[0].pointer} ${v.issues[0].message}` };
    }
    return canonicalJson(got) === canonicalJson(test.items)
      ? { status: 'pass' }
      : { status: 'fail', message: 'span items differ', expected: test.items, observed: got };
  },
};
