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

  it('TMS-C-006: equals canonicalJson when objects share key lists, orders and first keys (the sorted-key cache)', () => {
    // Few keys, so objects repeat the same key list in the same or another order, or share a first
    // key with a different list: every path of the cache (hit, miss, same first key) is taken.
    const key = fc.constantFrom('a', 'b', 'B', 'é', '10', '2', '__proto__', 'x"y');
    const obj = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(obj, { maxLength: 20 }), (objs) => objs.every((o) => fastCanonicalJson(o) === canonicalJson(o))),
      { numRuns: 500 },
    );
  });

  it('TMS-C-006: escapes what JSON.stringify escapes in strings (quotes, controls, lone surrogates)', () => {
    const v = { s: ['a"b', 'c\\d', '\u0000\u001f', '\ud800', '\udc00x', '\u{1F600}', 'plain'] };
    expect(fastCanonicalJson(v)).toBe(canonicalJson(v));
  });
});
