import { canonicalJson } from '../../digest/canonicalJson.js';
import { sha256Hex } from '../../digest/sha256.js';
import { normaliseLine } from '../../audit/read/normaliseLine.js';
import type { VectorRunner } from '../types.js';

/**
 * Runs record-derivation vectors (TMS-A-013): the record derived from the native line must equal
 * the expected one in its canonical bytes (arrays keep their order, so the cell order is checked); its digest must
 * match; an invalid line must be refused at the stated pointer. (The derivation is the auditor's
 * own function, imported here so the vectors test the code `audit`, `settle` and
 * `records from-native` run.)
 */
export const deriveRecordRunner: VectorRunner = {
  kind: 'derive-record',
  run(test) {
    const n = normaliseLine(structuredClone(test.line));
    if (test.result === 'invalid') {
      if (n.ok) return { status: 'fail', message: 'line accepted but must be refused', observed: n.record };
      return n.pointer === test.pointer
        ? { status: 'pass' }
        : { status: 'fail', message: 'refused at another pointer', expected: test.pointer, observed: n.pointer };
    }
    if (!n.ok) return { status: 'fail', message: `refused: ${n.pointer} ${n.message}` };
    const bytes = canonicalJson(n.record);
    if (bytes !== test.record_canonical) return { status: 'fail', message: 'canonical record differs', expected: test.record_canonical, observed: bytes };
    if (sha256Hex(bytes) !== test.record_sha256)
      return { status: 'fail', message: 'record digest differs', expected: test.record_sha256, observed: sha256Hex(bytes) };
    return { status: 'pass' };
  },
};
