import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { digestJson } from './sha256.js';

describe('canonicalJson (RFC 8785, TMS-C-006)', () => {
  // Example from RFC 8785 §3.2.2 / appendix: keys sorted by UTF-16 code units, numbers in ES form.
  it('sorts keys and formats numbers as ECMAScript does', () => {
    expect(canonicalJson({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], b: 1, a: 'x' })).toBe(
      '{"a":"x","b":1,"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
  });
  it('is independent of key order', () => {
    expect(digestJson({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(digestJson({ b: { d: [1, 2], c: 2 }, a: 1 }));
  });
});
