import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Tiktoken } from '@dqbd/tiktoken/lite';
import { InputError } from '../errors/errors.js';
import { sha256Hex } from '../digest/sha256.js';
import type { TokenizerDescriptor } from '../schemas/types.gen.js';
import { FastCounter } from './fastCount.js';

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

interface RankFile {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly bpe_ranks: string;
}

const require = createRequire(import.meta.url);

function loadRankFile(base: Exclude<EncodingName, 'o200k_harmony'>): RankFile {
  const path = require.resolve(`@dqbd/tiktoken/encoders/${base}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as RankFile;
}

/**
 * The vocabulary in tiktoken's `.tiktoken` format ("base64 rank\n" per rank, ascending), rebuilt
 * from @dqbd/tiktoken's compressed ranks (each line: marker, first rank, then base64 tokens).
 * Its SHA-256 is the vocabulary digest of TMS-M-002 and equals tiktoken's `expected_hash`.
 */
export function tiktokenRankFile(bpeRanks: string): string {
  const out: string[] = [];
  for (const line of bpeRanks.split('\n')) {
    if (line === '') continue;
    const parts = line.split(' ');
    let rank = Number(parts[1]);
    for (let i = 2; i < parts.length; i++) out.push(`${parts[i]} ${rank++}\n`);
  }
  return out.join('');
}

/** o200k_harmony's special tokens, per openai/tiktoken@4e71bbe tiktoken_ext/openai_public.py. */
function harmonySpecials(base: Record<string, number>): Record<string, number> {
  const named: Record<number, string> = {
    199998: '<|startoftext|>', 199999: '<|endoftext|>', 200002: '<|return|>', 200003: '<|constrain|>',
    200005: '<|channel|>', 200006: '<|start|>', 200007: '<|end|>', 200008: '<|message|>', 200012: '<|call|>',
  };
  const out: Record<string, number> = { ...base };
  for (let id = 199998; id <= 201087; id++) out[named[id] ?? `<|reserved_${id}|>`] = id;
  return out;
}

function baseOf(name: EncodingName): Exclude<EncodingName, 'o200k_harmony'> {
  return name === 'o200k_harmony' ? 'o200k_base' : name;
}

const cache = new Map<EncodingName, Encoding>();
const fastCache = new Map<string, FastCounter>();

/** The JS fast path for an encoding's ordinary counts, built on first use and shared by encodings with the same ranks. */
function fastCounter(base: string): FastCounter {
  let f = fastCache.get(base);
  if (f === undefined) {
    f = new FastCounter(base);
    fastCache.set(base, f);
  }
  return f;
}
const digestCache = new Map<string, string>();

function build(name: EncodingName): Encoding {
  const file = loadRankFile(baseOf(name));
  const specials = name === 'o200k_harmony' ? harmonySpecials(file.special_tokens) : file.special_tokens;
  const core = new Tiktoken(file.bpe_ranks, specials, file.pat_str);
  const base = baseOf(name);
  let digest = digestCache.get(base);
  if (digest === undefined) {
    digest = sha256Hex(tiktokenRankFile(file.bpe_ranks));
    digestCache.set(base, digest);
  }
  const maxId = Math.max(...Object.values(specials), maxRank(file.bpe_ranks));
  const descriptor: TokenizerDescriptor = {
    id: `tiktoken/${name}@1`,
    name: `tiktoken/${name}`,
    version: '1',
    vocab_sha256: digest,
    special_tokens: { ...specials },
    n_vocab: maxId + 1,
  };
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
    descriptor,
    encode: (text, opts) => Array.from(core.encode(text, allowed(opts), [])),
    count: (text, opts) => {
      if (text === '') return 0;
      const a = allowed(opts);
      // Without allowed specials the count is tiktoken's encode_ordinary length: use the JS fast path when it applies.
      if (a !== 'all' && a.length === 0) {
        const n = fastCounter(base).count(text);
        if (n !== undefined) return n;
      }
      return core.encode(text, a, []).length;
    },
    decode: (ids) => new TextDecoder('utf-8').decode(core.decode(Uint32Array.from(ids))),
  };
}

/** The largest mergeable rank (p50k_base has a hole, so this is not the count minus one). */
function maxRank(bpeRanks: string): number {
  let max = -1;
  for (const line of bpeRanks.split('\n')) {
    if (line === '') continue;
    const parts = line.split(' ');
    max = Math.max(max, Number(parts[1]) + parts.length - 3);
  }
  return max;
}

/** True when `name` is an encoding tokencert knows. */
export function isEncodingName(name: string): name is EncodingName {
  return (encodingNames as readonly string[]).includes(name);
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
