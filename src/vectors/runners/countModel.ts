import { safeEncodingForModel } from '../../measure/encodingForModel.js';
import type { VectorRunner } from '../types.js';

/** Runs model → encoding vectors (TMS-M-003): valid tests name the encoding, invalid ones must not resolve. */
export const countModelRunner: VectorRunner = {
  kind: 'count-model',
  run(test) {
    const got = safeEncodingForModel(String(test.model));
    if (test.result === 'invalid')
      return got === undefined ? { status: 'pass' } : { status: 'fail', message: 'model resolved but must be rejected', observed: got };
    return got === test.encoding ? { status: 'pass' } : { status: 'fail', message: 'encoding differs', expected: test.encoding, observed: got };
  },
};
