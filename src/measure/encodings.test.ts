import { describe, expect, it } from 'vitest';
import { encodingNames, getEncoding } from './encodings.js';
import { countText } from './countText.js';

// Upstream expected_hash values of openai/tiktoken@4e71bbe tiktoken_ext/openai_public.py.
const upstreamHash: Record<string, string> = {
  r50k_base: '306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930',
  p50k_base: '94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069',
  cl100k_base: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7',
  o200k_base: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d',
};

describe('encodings (TMS-M-001, TMS-M-002)', () => {
  it('TMS-M-002: vocab digests equal tiktoken expected_hash', () => {
    for (const [name, hash] of Object.entries(upstreamHash)) expect(getEncoding(name).descriptor.vocab_sha256).toBe(hash);
    expect(getEncoding('p50k_edit').descriptor.vocab_sha256).toBe(upstreamHash.p50k_base);
    expect(getEncoding('o200k_harmony').descriptor.vocab_sha256).toBe(upstreamHash.o200k_base);
  });

  it('TMS-M-001: descriptors carry n_vocab and special tokens of tiktoken openai_public.py', () => {
    const nVocab: Record<string, number> = {
      gpt2: 50257,
      r50k_base: 50257,
      p50k_base: 50281,
      p50k_edit: 50284,
      cl100k_base: 100277,
      o200k_base: 200019,
      o200k_harmony: 201088,
    };
    for (const n of encodingNames) expect(getEncoding(n).descriptor.n_vocab, n).toBe(nVocab[n]);
    expect(getEncoding('o200k_base').descriptor.special_tokens).toEqual({ '<|endoftext|>': 199999, '<|endofprompt|>': 200018 });
    expect(getEncoding('o200k_harmony').descriptor.special_tokens?.['<|call|>']).toBe(200012);
  });

  it('unknown encodings are an InputError listing the known ones', () => {
    expect(() => getEncoding('cl200k')).toThrow(/unknown encoding "cl200k"; known: gpt2/);
  });

  it('TMS-M-004: tiktoken test vectors (tests/test_encoding.py) including the U+0085 port divergence', () => {
    expect(getEncoding('gpt2').encode('hello world')).toEqual([31373, 995]);
    expect(getEncoding('cl100k_base').encode('today\n \n')).toEqual([31213, 27907]);
    expect(getEncoding('cl100k_base').encode(' \u00850')).toEqual([220, 126, 227, 15]);
    expect(getEncoding('cl100k_base').encode('👍')).toEqual([9468, 239, 235]);
  });

  it('TMS-M-005: special-token strings are text unless allowed', () => {
    const enc = getEncoding('cl100k_base');
    expect(enc.encode('hello <|endoftext|>', { allowedSpecial: 'all' })).toEqual([15339, 220, 100257]);
    expect(enc.encode('hello <|endoftext|>')).not.toContain(100257);
    expect(enc.encode('<|fim_prefix|><|endoftext|>', { allowedSpecial: ['<|fim_prefix|>'] })[0]).toBe(100258);
    expect(getEncoding('o200k_base').encode('<|endofprompt|>', { allowedSpecial: 'all' })).toEqual([200018]);
    expect(() => enc.encode('x', { allowedSpecial: ['<|im_start|>'] })).toThrow(/not a special token/);
  });

  it('TMS-M-006 and TMS-M-007: lone surrogates count as U+FFFD; empty text counts 0', () => {
    for (const n of encodingNames) {
      expect(countText(n, '')).toBe(0);
      expect(getEncoding(n).encode('a\ud83db')).toEqual(getEncoding(n).encode('a\ufffdb'));
    }
  });
});
