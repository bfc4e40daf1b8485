// Generated replies have exactly the requested token count and are deterministic (TMS-M-033, TMS-M-034, TMS-M-008).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countText } from '../measure/countText.js';
import { generateText } from './generateText.js';
import { createRng } from './prng.js';

describe('generateText', () => {
  it('TMS-M-034: the text has exactly the requested number of tokens under cl100k_base and o200k_base', () => {
    fc.assert(
      fc.property(fc.constantFrom('cl100k_base', 'o200k_base'), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2 ** 31 }), (enc, n, seed) => {
        const g = generateText(enc, n, createRng('ab', seed));
        expect(countText(enc, g.text)).toBe(n);
        expect(g.pieces.join('')).toBe(g.text);
      }),
      { numRuns: 40 },
    );
  });

  it('TMS-M-034: a one-token reply whose drawn word is two tokens at the start of a text (fast-check counterexample)', () => {
    for (let seed = 0; seed < 200; seed++) expect(countText('cl100k_base', generateText('cl100k_base', 1, createRng('ab', seed)).text)).toBe(1);
  });

  it('TMS-M-008: the same seed gives the same text, another seed another text', () => {
    const a = generateText('o200k_base', 40, createRng('digest', 1)).text;
    expect(generateText('o200k_base', 40, createRng('digest', 1)).text).toBe(a);
    expect(generateText('o200k_base', 40, createRng('digest', 2)).text).not.toBe(a);
  });

  it('mixes scripts beyond ASCII', () => {
    const t = generateText('o200k_base', 400, createRng('mix', 0)).text;
    expect(/[^\x00-\x7f]/.test(t)).toBe(true);
  });
});
