import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodingNames, getEncoding } from './encodings.js';

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string): boolean => !new RegExp(LONE.source).test(s);
const toWellFormed = (s: string): string => s.replace(LONE, '\uFFFD');

describe('text counting properties', () => {
  for (const name of encodingNames) {
    const enc = getEncoding(name);
    it(`TMS-M-008: counting is deterministic (${name})`, () => {
      fc.assert(
        fc.property(text, (s) => {
          expect(enc.encode(s)).toEqual(enc.encode(s));
          expect(enc.count(s)).toBe(enc.encode(s).length);
        }),
        { numRuns: 150 },
      );
    });
    it(`TMS-M-009: decode(encode(x)) = x (${name})`, () => {
      fc.assert(
        fc.property(text.filter(wellFormed), (s) => {
          expect(enc.decode(enc.encode(s))).toBe(s);
        }),
        { numRuns: 150 },
      );
    });
    it(`TMS-M-010: 1 ≤ count ≤ UTF-8 bytes for non-empty text (${name})`, () => {
      fc.assert(
        fc.property(
          text.filter((s) => s.length > 0),
          (s) => {
            const n = enc.count(s);
            expect(n).toBeGreaterThanOrEqual(1);
            expect(n).toBeLessThanOrEqual(Buffer.byteLength(toWellFormed(s), 'utf8'));
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
