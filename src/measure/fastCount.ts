import { rankFile, type RankBase } from './rankFile.js';
import { RankTable } from './rankTable.js';
import { mergeCount } from './mergeCount.js';
import { unicodeDiff } from './unicodeDiff.gen.js';

/**
 * A pure-JS counting fast path that must give exactly tiktoken's counts (TMS-M-004): the same
 * pre-tokenisation regex (translated to JS, with Unicode White_Space for `\s` as in Rust's regex
 * crate — the J1 divergence of JS ports — and `(?i:…)` expanded with simple case folding, so `'ſ`
 * matches `'s`), byte-pair merging as tiktoken's `_byte_pair_merge` (lowest rank, leftmost first),
 * and a bounded cache of piece → count.
 *
 * The JS regex engine uses Node's Unicode tables; tiktoken's uses Unicode 16.0. The regex never sees
 * a code point whose classes differ (unicodeDiff.gen.ts, derived and checked by
 * unicodeProof.test.ts, TMS-M-070): it splits a copy of the text in which each such code point is
 * replaced by a substitute of the same UTF-16 length whose classes, in both tables, are the
 * original's Unicode 16.0 classes, so the pieces (and their indices) are tiktoken's; the bytes merged
 * are the original's. Lone surrogates are read as U+FFFD, as tiktoken reads them (TMS-M-006). On a
 * Node whose Unicode version is not the one the table was derived with, every non-ASCII code point is
 * unsafe instead: each is counted by tiktoken's core together with the text around it out to the
 * nearest piece boundary that holds whatever the tables say (TMS-M-071, see `isHardBoundary`); the
 * rest of the document stays on the fast path.
 * Exactness is checked by differential tests against @dqbd/tiktoken and by every vector.
 */

// Unicode White_Space (what `\s` means in Rust's regex crate). JS `\s` lacks U+0085 and adds U+FEFF.
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const hexRange = ([a, b]: readonly [number, number, number?]): string => (a === b ? `\\u{${a.toString(16)}}` : `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`);

/** True when this Node's Unicode tables are the ones unicodeDiff.gen.ts was derived with. */
export const tablesMatch: boolean = process.versions.unicode === unicodeDiff.node;

/** Code points the JS regex must not classify: those of unicodeDiff.gen.ts (surrogates included), or all but ASCII on other tables. */
export const UNSAFE: RegExp = tablesMatch ? new RegExp(`[${unicodeDiff.unsafe.map(hexRange).join('')}]`, 'u') : /[^\u0000-\u007f]/u;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SUBSTITUTE = new RegExp(
  `[${unicodeDiff.unsafe
    .filter(([a]) => a !== 0xd800)
    .map(hexRange)
    .join('')}]`,
  'gu',
);
const substituteOf = (ch: string): string => {
  const c = ch.codePointAt(0)!;
  for (const [a, b, s] of unicodeDiff.unsafe) if (c >= a && c <= b) return String.fromCodePoint(s);
  return ch;
};

const LETTER = /^\p{L}$/u;
const LETTER_MARK_OR_APOSTROPHE = /^[\p{L}\p{M}']$/u;
const NUMBER = /^\p{N}$/u;

/**
 * True when every piece of every tiktoken pattern (gpt2 to o200k) ends between the code points x and
 * y, whatever surrounds them, so the text before and after can be counted apart (TMS-M-071): x is a
 * letter and y neither a letter, a mark nor an apostrophe (letter runs take only letters, marks and
 * contraction suffixes), or x is a number and y is not (digit runs take only digits). No pattern
 * alternative that took x reads past y, and matching from y never looks back. Both code points must
 * be safe, so that both engines agree on these classes.
 */
export function isHardBoundary(x: string, y: string): boolean {
  if (UNSAFE.test(x) || UNSAFE.test(y)) return false;
  if (LETTER.test(x)) return !LETTER_MARK_OR_APOSTROPHE.test(y);
  if (NUMBER.test(x)) return !NUMBER.test(y);
  return false;
}

/** The code points just before and just at string index i (0 < i < text.length). */
function around(text: string, i: number): [string, string] {
  const low = text.charCodeAt(i - 1);
  const x = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1];
  return [x, String.fromCodePoint(text.codePointAt(i)!)];
}

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
  private readonly unsafe = new RegExp(UNSAFE.source, 'gu');
  readonly table: RankTable;
  private cache = new Map<string, number>();
  private static readonly CACHE_MAX = 100_000;
  /** UTF-8 bytes of the current piece (grown on demand). */
  private buf = new Uint8Array(1024);

  /** Whether unsafe code points are substituted (tables match) or left to `slow` with their stretches. */
  private readonly substitute: boolean;

  constructor(base: RankBase, opts: { stretches?: boolean } = {}) {
    this.substitute = tablesMatch && opts.stretches !== true;
    const file = rankFile(base);
    this.re = translatePattern(file.pat_str);
    this.table = new RankTable(file.bpe_ranks);
  }

  /**
   * Token count of `text` (tiktoken's encode_ordinary length). `slow` is tiktoken's core, used only
   * when this Node's Unicode tables are not the derived ones, or if the regex's pieces ever failed
   * to tile the text.
   */
  count(text: string, slow: (s: string) => number): number {
    if (!this.substitute) return this.countByStretches(text, slow);
    LONE_SURROGATE.lastIndex = 0;
    const wellFormed = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
    SUBSTITUTE.lastIndex = 0;
    const split = SUBSTITUTE.test(wellFormed) ? wellFormed.replace(SUBSTITUTE, substituteOf) : wellFormed;
    return this.countPieces(split, wellFormed) ?? slow(text);
  }

  /**
   * Token count with unsafe code points left to `slow`: safe stretches on the fast path; each unsafe
   * code point, with the text around it out to the nearest hard boundaries, counted by `slow`.
   */
  countByStretches(text: string, slow: (s: string) => number): number {
    let n = 0;
    let done = 0;
    const unsafe = this.unsafe;
    unsafe.lastIndex = 0;
    for (let m = unsafe.exec(text); m !== null; m = unsafe.exec(text)) {
      let start = m.index;
      while (start > done && !isHardBoundary(...around(text, start))) start--;
      let end = m.index + m[0].length;
      while (end < text.length && !isHardBoundary(...around(text, end))) end++;
      n += this.countSafe(text, done, start, slow) + slow(text.slice(start, end));
      done = end;
      unsafe.lastIndex = end;
    }
    return n + this.countSafe(text, done, text.length, slow);
  }

  /** Count of text[from..to), a stretch without unsafe code points that starts and ends at hard boundaries (or the ends). */
  private countSafe(text: string, from: number, to: number, slow: (s: string) => number): number {
    if (from === to) return 0;
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    return this.countPieces(part, part) ?? slow(part);
  }

  /** Sum of the counts of the pieces of `text` (split by the regex on `split`, a same-length copy), or undefined if they do not tile it (not expected). */
  private countPieces(split: string, text: string): number | undefined {
    const re = this.re;
    re.lastIndex = 0;
    let n = 0;
    let expected = 0;
    for (let m = re.exec(split); m !== null; m = re.exec(split)) {
      const len = m[0].length;
      // A gap or an empty match is not tiktoken's split: leave such text to the WASM core.
      if (m.index !== expected || len === 0) return undefined;
      const piece = split === text ? m[0] : text.slice(expected, expected + len);
      expected += len;
      let c = this.cache.get(piece);
      if (c === undefined) {
        c = this.pieceCount(piece);
        // A long piece is rarely seen twice and would pin megabytes in the cache.
        if (piece.length <= 1024) {
          if (this.cache.size >= FastCounter.CACHE_MAX) this.cache = new Map();
          this.cache.set(piece, c);
        }
      }
      n += c;
    }
    return expected === text.length ? n : undefined;
  }

  /** Number of tokens of one piece: its UTF-8 bytes merged as tiktoken does. */
  private pieceCount(piece: string): number {
    // A long run of one character (20 MB of "a") is counted by its period, in time independent of its length.
    if (piece.length > RUN_MIN / 4) {
      const bytes = Buffer.from(piece, 'utf8').toString('latin1');
      const run = bytes.length > RUN_MIN ? periodicRun(bytes) : undefined;
      if (run) {
        const n = runCount(run.head, run.unit, run.repeats, (b) => this.bytesCount(b));
        if (n !== undefined) return n;
      }
    }
    if (this.buf.length < piece.length * 3) this.buf = new Uint8Array(piece.length * 3);
    const len = utf8Into(piece, this.buf);
    return mergeCount(this.buf, len, this.table);
  }

  /** Number of tokens of a byte string given as latin1 (one char per byte), merged as tiktoken does. */
  private bytesCount(bytes: string): number {
    const b = Buffer.from(bytes, 'latin1');
    if (this.buf.length < b.length) this.buf = new Uint8Array(b.length);
    this.buf.set(b);
    return mergeCount(this.buf, b.length, this.table);
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

/** Pieces longer than this (bytes) are checked for being one character repeated. */
const RUN_MIN = 1 << 16;
/** Repeats before the window in which the period is found, and the window's width (units). */
const RUN_K0 = 1024;
const RUN_W = 512;

/** A piece that is a short head followed by one unit (a character's bytes) repeated, or undefined. */
export function periodicRun(bytes: string): { head: string; unit: string; repeats: number } | undefined {
  for (let u = 1; u <= 4; u++) {
    const unit = bytes.slice(bytes.length - u);
    let h = bytes.length - u;
    while (h - u >= 0 && bytes.startsWith(unit, h - u)) h -= u;
    if (h <= 16 && (bytes.length - h) / u > RUN_K0 + 2 * RUN_W) return { head: bytes.slice(0, h), unit, repeats: (bytes.length - h) / u };
  }
  return undefined;
}

/**
 * Exact count of `head + unit × repeats` for a long run (one character repeated: 20 MB of "a"),
 * in time independent of its length. Byte-pair merging of a run is periodic: within a rank every
 * merge in the repeated middle joins two copies of the same token, left to right, so the middle
 * becomes copies of one final token of L units while the ends affect only a bounded stretch beside
 * them. Hence count(j + L) = count(j) + q for every j past that stretch. The period is found on a
 * window of 512 consecutive lengths after 1024 units, each counted exactly by `countOf`, and must
 * hold on the whole window; otherwise undefined (and the caller merges the piece itself).
 * fastCount.property.test.ts checks the result against the full merge.
 */
export function runCount(head: string, unit: string, repeats: number, countOf: (bytes: string) => number): number | undefined {
  const memo = new Map<number, number>();
  const f = (j: number): number => {
    let v = memo.get(j);
    if (v === undefined) memo.set(j, (v = countOf(head + unit.repeat(j))));
    return v;
  };
  for (let period = 1; period <= RUN_W; period++) {
    const q = f(RUN_K0 + period) - f(RUN_K0);
    let holds = true;
    for (let j = RUN_K0 + 1; j < RUN_K0 + RUN_W && holds; j++) holds = f(j + period) - f(j) === q;
    if (!holds) continue;
    const base = RUN_K0 + ((repeats - RUN_K0) % period);
    return f(base) + ((repeats - base) / period) * q;
  }
  return undefined;
}
