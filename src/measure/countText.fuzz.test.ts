// Differential fuzz of counting (TMS-M-004, TMS-M-070, TMS-M-071): 200,000 strings per encoding,
// counted through the public path (getEncoding(name).count) and by raw @dqbd/tiktoken (tiktoken's
// Rust core). Seeded like every property test (test/setup/fastCheckSeed.ts), so CI runs are
// reproducible; FC_SEED=random explores new cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { get_encoding } from '@dqbd/tiktoken';
import { getEncoding } from './encodings.js';

const STRINGS = 200_000;
const BATCH = 100;

// Pieces that stress the pre-tokeniser's alternatives: contractions, digit runs, whitespace before
// letters, newlines after punctuation, case changes, marks, and code points whose classes differ
// between Node's Unicode tables and tiktoken's (U+0295, new Unicode 17 letters, lone surrogates).
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'aAzZ019 \n\t\r\'’sStTlLdDmMvVeE.,;:!?/-_()[]{}<>|"#$%&*+=@^`~'), maxLength: 16 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Hello',
      ' world',
      "'s",
      "'LL",
      "'ſ",
      ' 123',
      '4567',
      '\u00a0',
      '\u3000',
      '\u0085',
      '  \n',
      '\r\n',
      '。\n',
      '!\n\n',
      '/\n',
      '的',
      '中文',
      '日本語',
      'カタカナ',
      '한국어',
      'мир',
      'Привет',
      'مرحبا',
      'नमस्ते',
      'সালাম',
      'தமிழ்',
      'ไทย',
      'ქართ',
      'ελληνικά',
      'עברית',
      'Tiếng Việt',
      'e\u0301',
      'A\u030a',
      '👍🏽',
      '👨‍👩‍👧',
      '🇯🇵',
      '1️⃣',
      '𝔘𝔫𝔦',
      '<|endoftext|>',
      '\u0295',
      'ʕAb',
      '\u088f',
      '\ua7ce',
      String.fromCodePoint(0x323b0),
      String.fromCodePoint(0x16ea0),
      '\ud800',
      '\udc00x',
    ),
  },
);
const text = fc.array(unit, { maxLength: 8 }).map((a) => a.join(''));

for (const name of ['o200k_base', 'cl100k_base'] as const) {
  describe(`differential fuzz against @dqbd/tiktoken (${name})`, () => {
    it(`TMS-M-004: ${STRINGS.toLocaleString('en')} random strings count as tiktoken's core counts them (${name})`, () => {
      const ref = get_encoding(name);
      const enc = getEncoding(name);
      fc.assert(
        fc.property(fc.array(text, { minLength: BATCH, maxLength: BATCH }), (batch) => {
          for (const s of batch) expect(enc.count(s), JSON.stringify(s)).toBe(ref.encode_ordinary(s).length);
        }),
        { numRuns: STRINGS / BATCH },
      );
    }, 900_000);
  });
}
