import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { get_encoding } from '@dqbd/tiktoken';
import { FastCounter } from './fastCount.js';

// Differential tests of the JS counting fast path against raw @dqbd/tiktoken (tiktoken's Rust core).
// Every rank file the fast path is built from (src/measure/encodings.ts uses it for all of them;
// o200k_harmony shares o200k_base's ranks and pattern).
const encodings = ['cl100k_base', 'o200k_base', 'r50k_base', 'p50k_base', 'p50k_edit', 'gpt2'] as const;
const SAFE_RANGES: [number, number][] = [[0x0, 0x6ff], [0x900, 0x9ff], [0xb80, 0xbff], [0xe00, 0xe7f], [0x1100, 0x11ff], [0x2000, 0x2bff], [0x3000, 0x9fff], [0xac00, 0xd7a3], [0xfe00, 0xfe0f], [0xfe30, 0xfe4f], [0xff00, 0xffef], [0x1f000, 0x1faff], [0xe0000, 0xe007f]];
const safeChar = fc.oneof(
  ...SAFE_RANGES.map(([a, b]) => fc.integer({ min: a, max: b }).map((c) => String.fromCodePoint(c))),
  fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u0085', '\u00a0', '\u3000', "'s", "'S", "'ſ", "'ll", "'LL", "'Re", '0', '123', 'a', 'Hello', '\u200d', '👍🏽'),
  // Special-token look-alikes must count as ordinary text (TMS-M-005), emoji sequences and runs of
  // whitespace exercise the `\s+(?!\S)` branches, and repeated units exercise long pieces.
  fc.constantFrom('<|endoftext|>', '<|im_start|>', '<|fim_prefix|>', '<|endofprompt|>', '<|', '|>', '👨‍👩‍👧‍👦', '🏳️‍🌈', '1️⃣', '🇺🇸🇯🇵'),
  fc.tuple(fc.constantFrom(' ', '\n', '\t', ' \n', 'ab', '12', '的', 'ห', 'à', '…', '😀'), fc.integer({ min: 2, max: 64 })).map(([u, n]) => u.repeat(n)),
);
const safeText = fc.array(safeChar, { maxLength: 40 }).map((a) => a.join(''));

for (const name of encodings) {
  describe(`fast count path, ${name}`, () => {
    const ref = get_encoding(name);
    const fast = new FastCounter(name);
    const check = (s: string): void => {
      const n = fast.count(s);
      if (n !== undefined) expect(n, JSON.stringify(s)).toBe(ref.encode_ordinary(s).length);
    };

    it(`TMS-M-004: fast count equals tiktoken on random text from the safe blocks, never declining it (${name})`, () => {
      // Asserting `defined` keeps this test from passing vacuously if the fast path declined everything.
      fc.assert(fc.property(safeText, (s) => {
        const n = fast.count(s);
        expect(n, JSON.stringify(s)).toBeDefined();
        expect(n, JSON.stringify(s)).toBe(ref.encode_ordinary(s).length);
      }), { numRuns: 1000 });
    });

    it(`TMS-M-004: fast count equals tiktoken or declines on arbitrary Unicode (${name})`, () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => check(a + b)), { numRuns: 1000 });
    });

    it(`TMS-M-004: every code point of the safe blocks, in letter, digit, space and apostrophe contexts (${name})`, () => {
      for (const [a, b] of SAFE_RANGES) {
        for (let start = a; start <= b; start += 256) {
          const cps: string[] = [];
          for (let c = start; c <= Math.min(b, start + 255); c++) if (c < 0xd800 || c > 0xdfff) cps.push(String.fromCodePoint(c));
          const text = cps.map((c) => `${c}a${c} 1${c}'s\n`).join('');
          const n = fast.count(text);
          expect(n, `block from U+${start.toString(16)}`).toBeDefined();
          expect(n, `block from U+${start.toString(16)}`).toBe(ref.encode_ordinary(text).length);
        }
      }
    });

    it(`TMS-M-004: texts outside the safe blocks are declined, never guessed (${name})`, () => {
      for (const s of ['\u1C89\\u', String.fromCodePoint(0x2ebf0), 'a\ud800b', '\u0897']) expect(fast.count(s)).toBeUndefined();
    });

    it(`TMS-M-004: long pieces merged with the heap equal tiktoken's merge (${name})`, () => {
      const piece = fc.tuple(fc.stringMatching(/^[a-c0-9x ]{1,6}$/), fc.integer({ min: 50, max: 400 })).map(([unit, n]) => unit.repeat(n));
      fc.assert(fc.property(piece, fc.constantFrom('', ' ', 'Z', '\n'), (p, edge) => check(edge + p + edge)), { numRuns: 40 });
    });
  });
}

describe('fast count path on huge repetitive input', () => {
  it('TMS-M-010: o200k_base counts "x" × 1,000,000 without failing (tiktoken test_large_repeated)', () => {
    const n = new FastCounter('o200k_base').count('x'.repeat(1_000_000));
    // tiktoken's own test only requires no exception; @dqbd/tiktoken's WASM aborts on this input.
    // 125000 = 10^6 / 8, the same ratio the WASM core gives for 10^3 and 10^4 x's (125 and 1250).
    expect(n).toBe(125_000);
  });
});
