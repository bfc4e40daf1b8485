import { createRequire } from 'node:module';
import type { Tiktoken } from '@dqbd/tiktoken/lite';
import { InputError } from '../errors/errors.js';
import { sha256Hex } from '../digest/sha256.js';
import type { TokenizerDescriptor } from '../schemas/types.gen.js';
import { FastCounter } from './fastCount.js';
import { rankFile, type RankBase } from './rankFile.js';

/** Names of the encodings tokencert counts with (tiktoken's public encodings). */
export type EncodingName = 'gpt2' | 'r50k_base' | 'p50k_base' | 'p50k_edit' | 'cl100k_base' | 'o200k_base' | 'o200k_harmony';

/** Every encoding name, in a stable order (oldest first). */
export const encodingNames: readonly EncodingName[] = ['gpt2', 'r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'];

/** Options of encode/count: which special-token strings become special ids (TMS-M-005). */
export interface EncodeOptions {
  readonly allowedSpecial?: 'all' | readonly string[];
}

/** A loaded encoding: exact tiktoken ids, counts and decoding, plus its descriptor (TMS-M-001). */
export interface Encoding {
  readonly name: EncodingName;
  readonly descriptor: TokenizerDescriptor;
  encode(text: string, opts?: EncodeOptions): number[];
  count(text: string, opts?: EncodeOptions): number;
  decode(ids: readonly number[]): string;
}

const require = createRequire(import.meta.url);

/** tiktoken's Rust core compiled to WASM, loaded only when an encoding first needs it (ids, decoding, fallback counts). */
function wasmTiktoken(): typeof Tiktoken {
  return (require('@dqbd/tiktoken/lite') as { Tiktoken: typeof Tiktoken }).Tiktoken;
}

/**
 * The vocabulary in tiktoken's `.tiktoken` format ("base64 rank\n" per rank, ascending), rebuilt
 * as ASCII bytes from @dqbd/tiktoken's compressed ranks (each line: marker, first rank, then base64
 * tokens) without building 200,000 strings. Its SHA-256 is the vocabulary digest of TMS-M-002 and
 * equals tiktoken's `expected_hash`.
 */
export function tiktokenRankFile(bpeRanks: string): Uint8Array {
  const out = new Uint8Array(bpeRanks.length * 2 + 64);
  let at = 0;
  for (const line of bpeRanks.split('\n')) {
    if (line === '') continue;
    const s1 = line.indexOf(' ');
    let s2 = line.indexOf(' ', s1 + 1);
    if (s2 < 0) s2 = line.length;
    let rank = Number(line.slice(s1 + 1, s2));
    for (let t = s2 + 1; t <= line.length; ) {
      let e = line.indexOf(' ', t);
      if (e < 0) e = line.length;
      for (let i = t; i < e; i++) out[at++] = line.charCodeAt(i);
      out[at++] = 0x20;
      const digits = String(rank++);
      for (let i = 0; i < digits.length; i++) out[at++] = digits.charCodeAt(i);
      out[at++] = 0x0a;
      t = e + 1;
    }
  }
  return out.subarray(0, at);
}

/** o200k_harmony's special tokens, per openai/tiktoken@4e71bbe tiktoken_ext/openai_public.py. */
function harmonySpecials(base: Record<string, number>): Record<string, number> {
  const named: Record<number, string> = {
    199998: '<|startoftext|>',
    199999: '<|endoftext|>',
    200002: '<|return|>',
    200003: '<|constrain|>',
    200005: '<|channel|>',
    200006: '<|start|>',
    200007: '<|end|>',
    200008: '<|message|>',
    200012: '<|call|>',
  };
  const out: Record<string, number> = { ...base };
  for (let id = 199998; id <= 201087; id++) out[named[id] ?? `<|reserved_${id}|>`] = id;
  return out;
}

function baseOf(name: EncodingName): RankBase {
  return name === 'o200k_harmony' ? 'o200k_base' : name;
}

const cache = new Map<EncodingName, Encoding>();
const fastCache = new Map<RankBase, FastCounter>();
const digestCache = new Map<RankBase, string>();

/** The JS fast path for an encoding's ordinary counts, built on first use and shared by encodings with the same ranks. */
function fastCounter(base: RankBase): FastCounter {
  let f = fastCache.get(base);
  if (f === undefined) {
    f = new FastCounter(base);
    fastCache.set(base, f);
  }
  return f;
}

/** The vocabulary digest (TMS-M-002), computed when an output first needs it and kept for the process. */
function vocabDigest(base: RankBase): string {
  let d = digestCache.get(base);
  if (d === undefined) {
    d = sha256Hex(tiktokenRankFile(rankFile(base).bpe_ranks));
    digestCache.set(base, d);
  }
  return d;
}

function build(name: EncodingName): Encoding {
  const base = baseOf(name);
  const file = rankFile(base);
  const specials = name === 'o200k_harmony' ? harmonySpecials(file.special_tokens) : file.special_tokens;
  // Start-up matters for one-shot counts: the WASM core, the digest and n_vocab are built on first use.
  let core: Tiktoken | undefined;
  const wasm = (): Tiktoken => (core ??= new (wasmTiktoken())(file.bpe_ranks, specials, file.pat_str));
  let descriptor: TokenizerDescriptor | undefined;
  const describe = (): TokenizerDescriptor =>
    (descriptor ??= {
      id: `tiktoken/${name}@1`,
      name: `tiktoken/${name}`,
      version: '1',
      vocab_sha256: vocabDigest(base),
      special_tokens: { ...specials },
      n_vocab: Math.max(...Object.values(specials), fastCounter(base).table.maxRank) + 1,
    });
  const specialSet = new Set(Object.keys(specials));
  const allowed = (opts?: EncodeOptions): 'all' | string[] => {
    const a = opts?.allowedSpecial;
    if (a === undefined) return [];
    if (a === 'all') return 'all';
    for (const s of a) {
      if (!specialSet.has(s)) throw new InputError('input-invalid', `${s} is not a special token of ${name}`);
    }
    return [...a];
  };
  // TMS-M-005: disallowed_special is always empty, so special-token strings that are not
  // allowed are encoded as ordinary text (tiktoken's encode_ordinary), never rejected.
  return {
    name,
    get descriptor() {
      return describe();
    },
    encode: (text, opts) => Array.from(wasm().encode(text, allowed(opts), [])),
    count: (text, opts) => {
      if (text === '') return 0;
      const a = allowed(opts);
      // Without allowed specials the count is tiktoken's encode_ordinary length: use the JS fast path when it applies.
      if (a !== 'all' && a.length === 0) return fastCounter(base).count(text, (s) => wasm().encode_ordinary(s).length);
      return wasm().encode(text, a, []).length;
    },
    decode: (ids) => new TextDecoder('utf-8').decode(wasm().decode(Uint32Array.from(ids))),
  };
}

/** True when `name` is an encoding tokencert knows. */
export function isEncodingName(name: string): name is EncodingName {
  return encodingNames.some((n) => n === name);
}

/** Loads (once) and returns an encoding; unknown names are an InputError listing the known ones. */
export function getEncoding(name: string): Encoding {
  if (!isEncodingName(name)) {
    throw new InputError('unknown-encoding', `unknown encoding "${name}"; known: ${encodingNames.join(', ')}`);
  }
  let enc = cache.get(name);
  if (enc === undefined) {
    enc = build(name);
    cache.set(name, enc);
  }
  return enc;
}
