import { rankFile, type RankBase } from './rankFile.js';
import { RankTable } from './rankTable.js';
import { mergeCount } from './mergeCount.js';

/**
 * A pure-JS counting fast path that must give exactly tiktoken's counts (TMS-M-004): the same
 * pre-tokenisation regex (translated to JS, with Unicode White_Space for `\s` as in Rust's regex
 * crate — the J1 divergence of JS ports — and `(?i:…)` expanded with simple case folding, so `'ſ`
 * matches `'s`), byte-pair merging as tiktoken's `_byte_pair_merge` (lowest rank, leftmost first),
 * and a bounded cache of piece → count. It only handles text whose every code point lies in blocks
 * whose character properties are the same in Node's Unicode tables and in the Unicode 15.0 tables
 * of tiktoken's regex crate; any other text returns undefined and is counted by the WASM core.
 * Exactness is checked by a differential property test against @dqbd/tiktoken and by every vector.
 */

// Unicode White_Space (what `\s` means in Rust's regex crate). JS `\s` lacks U+0085 and adds U+FEFF.
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// Blocks unchanged between Unicode 15.0 and Node's tables (see the differential test of every code point in them).
const SAFE = /^[\u0000-\u05ff\u0600-\u06ff\u0900-\u09ff\u0b80-\u0bff\u0e00-\u0e7f\u1100-\u11ff\u2000-\u2bff\u3000-\u9fff\uac00-\ud7a3\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uffef\u{1f000}-\u{1faff}\u{e0000}-\u{e007f}]*$/u;

/** Translates a tiktoken pattern to a JS regex with the same matches. */
export function translatePattern(pat: string): RegExp {
  const fold: Record<string, string> = { s: '[sS\\u017f]', t: '[tT]', r: '[rR]', e: '[eE]', v: '[vV]', m: '[mM]', l: '[lL]', d: '[dD]' };
  let out = pat.replace(/\(\?i:([^)]*)\)/g, (_, body: string) => `(?:${body.replace(/[a-z]/g, (c) => fold[c] ?? `[${c}${c.toUpperCase()}]`)})`);
  // Inside a class `\s` expands to the set; outside it becomes a class, and `\S` its negation.
  out = out.replace(/\[(\^?)((?:\\.|[^\]\\])*)\]|\\s|\\S/g, (m: string, neg?: string, body?: string) => {
    if (m === '\\s') return `[${WS}]`;
    if (m === '\\S') return `[^${WS}]`;
    return `[${neg}${(body ?? '').replace(/\\s/g, WS)}]`;
  });
  return new RegExp(out, 'gu');
}

/** Counting state for one encoding: regex, rank table and a bounded piece cache. */
export class FastCounter {
  private readonly re: RegExp;
  readonly table: RankTable;
  private cache = new Map<string, number>();
  private static readonly CACHE_MAX = 100_000;
  /** UTF-8 bytes of the current piece (grown on demand). */
  private buf = new Uint8Array(1024);

  constructor(base: RankBase) {
    const file = rankFile(base);
    this.re = translatePattern(file.pat_str);
    this.table = new RankTable(file.bpe_ranks);
  }

  /** Token count of `text`, or undefined when the text is outside the fast path's safe blocks. */
  count(text: string): number | undefined {
    if (!SAFE.test(text)) return undefined;
    const re = this.re;
    re.lastIndex = 0;
    let n = 0;
    let expected = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const piece = m[0];
      // A gap or an empty match is not tiktoken's split: leave such text to the WASM core.
      if (m.index !== expected || piece === '') return undefined;
      expected = m.index + piece.length;
      let c = this.cache.get(piece);
      if (c === undefined) {
        c = this.pieceCount(piece);
        if (this.cache.size >= FastCounter.CACHE_MAX) this.cache = new Map();
        this.cache.set(piece, c);
      }
      n += c;
    }
    return expected === text.length ? n : undefined;
  }

  /** Number of tokens of one piece: its UTF-8 bytes merged as tiktoken does. */
  private pieceCount(piece: string): number {
    if (this.buf.length < piece.length * 3) this.buf = new Uint8Array(piece.length * 3);
    const len = utf8Into(piece, this.buf);
    return mergeCount(this.buf, len, this.table);
  }
}

/** Writes the UTF-8 bytes of a well-formed string into buf; returns their number. */
export function utf8Into(s: string, buf: Uint8Array): number {
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[at++] = c;
    else if (c < 0x800) {
      buf[at++] = 0xc0 | (c >> 6);
      buf[at++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      buf[at++] = 0xf0 | (c >> 18);
      buf[at++] = 0x80 | ((c >> 12) & 63);
      buf[at++] = 0x80 | ((c >> 6) & 63);
      buf[at++] = 0x80 | (c & 63);
    } else {
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 63);
      buf[at++] = 0x80 | (c & 63);
    }
  }
  return at;
}
