import { getEncoding } from '../../measure/encodings.js';
import { sha256Hex } from '../../digest/sha256.js';
import type { VectorRunner } from '../types.js';
import { isRecord, isStringArray } from '../../io/isRecord.js';

/** The input of a count vector (`text`, optionally repeated). */
export function countVectorInput(test: { readonly [k: string]: unknown }): string {
  const text = String(test.text);
  return typeof test.text_repeat === 'number' ? text.repeat(test.text_repeat) : text;
}

/** Digest of a long id list: SHA-256 of the ids joined by commas. */
export function idsDigest(ids: readonly number[]): string {
  return sha256Hex(ids.join(','));
}

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Runs text-count vectors: exact ids, count, UTF-8 bytes and round trip (TMS-M-004..010). */
export const countRunner: VectorRunner = {
  kind: 'count',
  run(test, group) {
    const enc = getEncoding(String(group.encoding));
    const tok = group.tokenizer;
    if (!isRecord(tok) || tok.vocab_sha256 !== enc.descriptor.vocab_sha256 || tok.id !== enc.descriptor.id) {
      return {
        status: 'fail',
        message: 'tokenizer descriptor differs',
        expected: tok,
        observed: { id: enc.descriptor.id, vocab_sha256: enc.descriptor.vocab_sha256 },
      };
    }
    const text = countVectorInput(test);
    const special = test.allowed_special;
    const allowedSpecial: 'all' | string[] | undefined = special === 'all' ? 'all' : isStringArray(special) ? special : undefined;
    if (special !== undefined && allowedSpecial === undefined) return { status: 'fail', message: 'allowed_special must be "all" or a list of strings' };
    const opts = allowedSpecial !== undefined ? { allowedSpecial } : undefined;
    const ids = enc.encode(text, opts);
    if (Array.isArray(test.ids) && JSON.stringify(ids) !== JSON.stringify(test.ids))
      return { status: 'fail', message: 'ids differ', expected: test.ids, observed: ids };
    if (typeof test.ids_sha256 === 'string' && idsDigest(ids) !== test.ids_sha256)
      return { status: 'fail', message: 'ids digest differs', expected: test.ids_sha256, observed: idsDigest(ids) };
    if (enc.count(text, opts) !== test.count) return { status: 'fail', message: 'count differs', expected: test.count, observed: enc.count(text, opts) };
    if (test.utf8_bytes !== undefined && Buffer.byteLength(text.replace(LONE, '\uFFFD'), 'utf8') !== test.utf8_bytes) {
      return { status: 'fail', message: 'utf8_bytes differs', expected: test.utf8_bytes };
    }
    if (test.round_trip === true && enc.decode(ids) !== text) return { status: 'fail', message: 'decode(encode(x)) ≠ x' };
    return { status: 'pass' };
  },
};
