import { imageTokens, type ImageInput } from '../../measure/imageTokens.js';
import { isTokencertError } from '../../errors/errors.js';
import type { VectorRunner } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';

/** Runs image-token vectors (TMS-M-014..016). */
export const imageRunner: VectorRunner = {
  kind: 'image',
  run(test) {
    let r;
    try {
      r = imageTokens(String(test.model), { width: test.width, height: test.height, detail: test.detail } as ImageInput);
    } catch (e) {
      if (test.result === 'invalid' && isTokencertError(e) && e.code === test.error) return { status: 'pass' };
      return { status: 'fail', message: `rejected: ${errorMessage(e)}`, expected: test.tokens ?? test.error };
    }
    if (test.result === 'invalid') return { status: 'fail', message: 'image was counted but must be rejected', observed: r.tokens };
    const observed = { tokens: r.tokens, rule: r.rule, units: r.units, resized: r.resized };
    const expected = { tokens: test.tokens, rule: test.rule, units: test.units, resized: test.resized ?? r.resized };
    return JSON.stringify(observed) === JSON.stringify(expected) ? { status: 'pass' } : { status: 'fail', message: 'image count differs', expected, observed };
  },
};
