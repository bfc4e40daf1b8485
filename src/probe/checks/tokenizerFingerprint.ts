import { countText } from '../../measure/countText.js';
import { type EncodingName, isEncodingName } from '../../measure/encodings.js';
import { messagesFor } from '../adapters/types.js';
import type { CaseInput, ExchangeKind } from '../types.js';
import { countsOf, fail, pass, usable } from './support.js';
import type { Check } from './types.js';

/** The tokens of every text of a request's messages (contents and names) under one encoding. */
function textTokens(enc: EncodingName, kind: ExchangeKind, input: CaseInput): number {
  return messagesFor(kind, input).reduce((n, m) => n + countText(enc, m.content) + (m.name !== undefined ? countText(enc, m.name) : 0), 0);
}

/**
 * The encodings counted, each with the encodings that share its ranks for ordinary text: gpt2 is
 * r50k_base's vocabulary, p50k_edit adds only special tokens to p50k_base, o200k_harmony only special
 * tokens to o200k_base (openai/tiktoken tiktoken_ext/openai_public.py). Counting one per family keeps
 * the check from loading seven vocabularies.
 */
const FAMILIES: readonly (readonly [EncodingName, readonly EncodingName[]])[] = [
  ['r50k_base', ['gpt2', 'r50k_base']],
  ['p50k_base', ['p50k_base', 'p50k_edit']],
  ['cl100k_base', ['cl100k_base']],
  ['o200k_base', ['o200k_base', 'o200k_harmony']],
];

/**
 * For each public encoding, how many more tokens the `base-b` request's texts have than the `plain`
 * request's. The two requests have the same messages, roles, names and tools and differ only in the
 * first user message's text, so under any framing profile the billed difference is the difference of
 * the texts' counts: framing cancels out and the result depends on the encoding alone.
 */
export function fingerprintDifferences(input: CaseInput): Partial<Record<EncodingName, number>> {
  const out: Partial<Record<EncodingName, number>> = {};
  for (const [counted, members] of FAMILIES) {
    const d = textTokens(counted, 'base-b', input) - textTokens(counted, 'plain', input);
    for (const e of members) out[e] = d;
  }
  return out;
}

/**
 * The billed input counts are consistent with the declared or assumed public encoding (TMS-C-114). It
 * reports every public encoding the billed difference is consistent with; for an opaque model that
 * report is informative (not_applicable), since nothing was declared that it could contradict.
 */
export const tokenizerFingerprint: Check = {
  name: 'tokenizer-fingerprint',
  title: 'Billed input is consistent with the declared or assumed encoding',
  level: 'MUST',
  requirements: ['TMS-C-114'],
  needs: () => ['plain', 'base-b'],
  evaluate(ctx) {
    if (ctx.input.alt_prefix === undefined) return { status: 'error', reason: 'the case has no alt_prefix: a fingerprint needs two texts', evidence: {} };
    const a = usable(ctx, 'plain');
    if (!a.ok) return a.outcome;
    const b = usable(ctx, 'base-b');
    if (!b.ok) return b.outcome;
    const ca = countsOf(ctx, 'plain', a.reply);
    if (!ca.ok) return ca.outcome;
    const cb = countsOf(ctx, 'base-b', b.reply);
    if (!cb.ok) return cb.outcome;
    if (ca.counts.input === undefined || cb.counts.input === undefined) return fail('plain', 'the usage reports no input count', 'input counts', null);
    const observed = cb.counts.input - ca.counts.input;
    const differences = fingerprintDifferences(ctx.input);
    const consistent = Object.entries(differences).flatMap(([e, d]) => (d === observed ? [e] : []));
    const details = { billed: { plain: ca.counts.input, 'base-b': cb.counts.input }, differences, consistent_with: consistent };
    const tok = ctx.model.tokenizer;
    const seen = consistent.length > 0 ? `consistent with ${consistent.join(', ')}` : 'consistent with no public encoding';
    if (tok === 'opaque')
      return {
        status: 'not_applicable',
        reason: `informative (opaque tokenizer): billed counts are ${seen}`,
        evidence: { observed, exchange: 'base-b', details },
      };
    const expected = isEncodingName(tok.encoding) ? differences[tok.encoding] : undefined;
    if (expected === undefined) return { status: 'error', reason: `unknown encoding ${tok.encoding}`, evidence: { exchange: 'base-b' } };
    const basis = ctx.model.assumption ? 'assumed' : 'declared';
    if (observed === expected) return pass('base-b', expected, observed, { ...details, encoding: tok.encoding, basis });
    return fail(
      'base-b',
      `billed counts are ${seen}, not with the ${basis} ${tok.encoding} (the second text adds ${observed} billed tokens; ${tok.encoding} counts ${expected})`,
      expected,
      observed,
      { ...details, encoding: tok.encoding, basis },
    );
  },
};
