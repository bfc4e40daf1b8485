// The auditor's fast record digest agrees with the canonical JSON every digest uses (TMS-C-006, TMS-A-009).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { fastCanonicalJson } from './fastCanonicalJson.js';

describe('fastCanonicalJson (TMS-C-006)', () => {
  it('TMS-C-006: equals canonicalJson on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => fastCanonicalJson(v) === canonicalJson(v)),
      { numRuns: 2000 },
    );
  });

  it('TMS-C-006: equals canonicalJson on keys that sort differently by code point and code unit', () => {
    const v = { '\u{1F600}': 1, '\uFFFF': 2, é: [1e21, 1e-7, -0, 0.1], a: { b: null, A: true } };
    expect(fastCanonicalJson(v)).toBe(canonicalJson(v));
  });
});
