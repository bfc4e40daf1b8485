import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { get_encoding } from '@dqbd/tiktoken';
import { FastCounter, UNSAFE, isHardBoundary } from './fastCount.js';

// Differential tests of the JS counting fast path against raw @dqbd/tiktoken (tiktoken's Rust core).
// Every rank file the fast path is built from (src/measure/encodings.ts uses it for all of them;
// o200k_harmony shares o200k_base's ranks and pattern).
const encodings = ['cl100k_base', 'o200k_base', 'r50k_base', 'p50k_base', 'p50k_edit', 'gpt2'] as const;
const isSafe = (c: string): boolean => !UNSAFE.test(c);
// Code points from every plane, weighted towards the assigned ones; only those the fast path handles itself.
const codePoint = fc
  .oneof(
    fc.integer({ min: 0, max: 0x2fff }),
    fc.integer({ min: 0x3000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x1ffff }),
    fc.integer({ min: 0x20000, max: 0x10ffff }),
  )
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));
const safeChar = fc.oneof(
  codePoint.filter(isSafe),
  fc.constantFrom(
    ' ',
    '  ',
    '\n',
    '\r\n',
    '\t',
    '\u0085',
    '\u00a0',
    '\u3000',
    "'s",
    "'S",
    "'ſ",
    "'ll",
    "'LL",
    "'Re",
    '0',
    '123',
    'a',
    'Hello',
    '\u200d',
    '👍🏽',
  ),
  // Special-token look-alikes must count as ordinary text (TMS-M-005), emoji sequences and runs of
  // whitespace exercise the `\s+(?!\S)` branches, and repeated units exercise long pieces.
  fc.constantFrom('<|endoftext|>', '<|im_start|>', '<|fim_prefix|>', '<|endofprompt|>', '<|', '|>', '👨‍👩‍👧‍👦', '🏳️‍🌈', '1️⃣', '🇺🇸🇯🇵'),
  fc
    .tuple(fc.constantFrom(' ', '\n', '\t', ' \n', 'ab', '12', '的', 'ห', 'à', '…', '😀', 'мир', 'नम'), fc.integer({ min: 2, max: 64 }))
    .map(([u, n]) => u.repeat(n)),
);
const safeText = fc.array(safeChar, { maxLength: 40 }).map((a) => a.join(''));
// Unsafe code points (those whose classes differ between Node and Unicode 16.0, and lone surrogates) among safe text.
const unsafeChar = fc.constantFrom('\u0295', '\u088f', '\u0c5c', '\ua7ce', String.fromCodePoint(0x323b0), String.fromCodePoint(0x16ea0), '\ud800', '\udfff');
const mixedText = fc.array(fc.oneof({ weight: 8, arbitrary: safeChar }, { weight: 1, arbitrary: unsafeChar }), { maxLength: 40 }).map((a) => a.join(''));

for (const name of encodings) {
  describe(`fast count path, ${name}`, () => {
    const ref = get_encoding(name);
    const fast = new FastCounter(name);
    // The mode used on a Node whose Unicode tables are not the derived ones: unsafe code points go to tiktoken's core.
    const stretches = new FastCounter(name, { stretches: true });
    const slowCalls: string[] = [];
    const slow = (s: string): number => {
      slowCalls.push(s);
      return ref.encode_ordinary(s).length;
    };
    const check = (s: string): void => {
      expect(fast.count(s, slow), JSON.stringify(s)).toBe(ref.encode_ordinary(s).length);
    };

    it(`TMS-M-004: fast count equals tiktoken on random text of safe code points, never falling back (${name})`, () => {
      // Asserting no fallback keeps this test from passing vacuously if the fast path declined everything.
      fc.assert(
        fc.property(safeText, (s) => {
          slowCalls.length = 0;
          check(s);
          expect(slowCalls, JSON.stringify(s)).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    });

    it(`TMS-M-070: text with code points whose classes differ between Node and Unicode 16.0 counts as tiktoken without falling back (${name})`, () => {
      fc.assert(
        fc.property(mixedText, (s) => {
          slowCalls.length = 0;
          check(s);
          expect(slowCalls, JSON.stringify(s)).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    });

    it(`TMS-M-071: counting by stretches equals tiktoken, sending only the stretches around unsafe code points to its core (${name})`, () => {
      fc.assert(
        fc.property(mixedText, (s) => {
          slowCalls.length = 0;
          expect(stretches.count(s, slow), JSON.stringify(s)).toBe(ref.encode_ordinary(s).length);
          for (const part of slowCalls) expect(UNSAFE.test(part), JSON.stringify([s, part])).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it(`TMS-M-004: fast count equals tiktoken on arbitrary Unicode (${name})`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => check(a + b)),
        { numRuns: 1000 },
      );
    });

    it(`TMS-M-071: one rare character sends only its stretch to tiktoken's core, not the document (${name})`, () => {
      slowCalls.length = 0;
      const doc = `${'The quick brown fox jumps over the lazy dog. '.repeat(20)}Hello ʕAb world. ${'数字 123 和文字。'.repeat(20)}`;
      expect(stretches.count(doc, slow)).toBe(ref.encode_ordinary(doc).length);
      expect(slowCalls).toEqual([' ʕAb']);
      slowCalls.length = 0;
      check(doc);
      expect(slowCalls).toEqual([]);
    });

    it(`TMS-M-004: long pieces merged with the heap equal tiktoken's merge (${name})`, () => {
      const piece = fc.tuple(fc.stringMatching(/^[a-c0-9x ]{1,6}$/), fc.integer({ min: 50, max: 400 })).map(([unit, n]) => unit.repeat(n));
      fc.assert(
        fc.property(piece, fc.constantFrom('', ' ', 'Z', '\n', '的'), (p, edge) => check(edge + p + edge)),
        { numRuns: 40 },
      );
    });
  });
}

describe('hard boundaries (TMS-M-071)', () => {
  it('TMS-M-071: a letter before a non-letter, or a number before a non-number, and nothing else', () => {
    expect(isHardBoundary('a', ' ')).toBe(true);
    expect(isHardBoundary('的', '，')).toBe(true);
    expect(isHardBoundary('7', 'x')).toBe(true);
    expect(isHardBoundary('a', "'")).toBe(false); // contractions: "don't" is one o200k piece
    expect(isHardBoundary('e', '\u0301')).toBe(false); // marks continue letter runs in o200k
    expect(isHardBoundary('1', '2')).toBe(false);
    expect(isHardBoundary(',', 'a')).toBe(false); // punctuation prefixes the next word
    expect(isHardBoundary(' ', 'a')).toBe(false);
    expect(isHardBoundary('\u0295', ' ')).toBe(false); // unsafe: the engines disagree on its class
  });
});

describe('fast count path on huge repetitive input', () => {
  it('TMS-M-010: o200k_base counts "x" × 1,000,000 without failing (tiktoken test_large_repeated)', () => {
    const n = new FastCounter('o200k_base').count('x'.repeat(1_000_000), () => {
      throw new Error('no fallback expected');
    });
    // tiktoken's own test only requires no exception; @dqbd/tiktoken's WASM aborts on this input.
    // 125000 = 10^6 / 8, the same ratio the WASM core gives for 10^3 and 10^4 x's (125 and 1250).
    expect(n).toBe(125_000);
  });
});
