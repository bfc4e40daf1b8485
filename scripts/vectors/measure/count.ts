// Count vectors: one file per encoding, cited expectations first, then generated categories.
import { readFileSync } from 'node:fs';
import { getEncoding as jsTiktoken } from 'js-tiktoken';
import { encodingNames, getEncoding, type EncodingName } from '../../../src/measure/encodings.js';
import { fromRoot } from '../../../src/paths.js';
import { idsDigest } from '../../../src/vectors/runners/count.js';
import { Checks, vectorFile, writeVectors, type Group, type Test } from './write.js';
import { cookbookEncodings, gpt2Zeros, offsetTexts, portDivergence, roundTrip, testPlans, tiktokenTests, type CitedText } from './citedText.js';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string): boolean => !new RegExp(LONE.source).test(s);
const utf8 = (s: string): number => Buffer.byteLength(s.replace(LONE, '\uFFFD'), 'utf8');

const notes: Record<string, string> = {
  cited: 'The expected ids are quoted from the source named in the test; the generator refused to write if they differed.',
  'port-divergence': 'A case where known ports of tiktoken (JS, Go, Java) have given different ids (knuddelsgmbh/jtokkit#33, tiktoken-go/tokenizer#23).',
  'js-tiktoken-differs': "js-tiktoken 1.0.21 gives different ids for this input (the expectation is tiktoken's, TMS-M-004).",
  'gpt-tokenizer-differs': "gpt-tokenizer 4.0.0 gives different ids for this input (the expectation is tiktoken's, TMS-M-004).",
  multilingual: 'Non-English text (CJK, Arabic, Indic, Thai, Cyrillic and others).',
  emoji: 'Emoji, flags, skin tones and ZWJ sequences.',
  combining: 'Combining marks, decomposed letters, ligatures.',
  whitespace: 'Runs and mixes of spaces, tabs, newlines and Unicode spaces.',
  code: 'Source code and markup.',
  math: 'Numbers, formulas and symbols.',
  repetitive: 'Long repetitive input ("catastrophically repetitive" in tiktoken tests).',
  'special-as-text': 'A special-token string in user text, counted as ordinary text (TMS-M-005).',
  'special-allowed': 'A special-token string with that token explicitly allowed (TMS-M-005).',
  'lone-surrogate': 'Unpaired UTF-16 surrogates, counted as U+FFFD (TMS-M-006).',
  empty: 'Empty text counts 0 (TMS-M-007).',
};

type JsEnc = { encode(t: string, a?: unknown, d?: unknown): number[] };
function jsPort(name: EncodingName): JsEnc | undefined {
  try {
    return jsTiktoken(name as Parameters<typeof jsTiktoken>[0]) as unknown as JsEnc;
  } catch {
    return undefined;
  }
}
async function gptTokenizer(name: EncodingName): Promise<JsEnc | undefined> {
  try {
    const m = (await import(`gpt-tokenizer/encoding/${name}`)) as { encode(t: string, o?: unknown): number[] };
    return { encode: (t, a) => m.encode(t, { allowedSpecial: a === 'all' ? undefined : new Set(a as string[]), disallowedSpecial: new Set() }) };
  } catch {
    return undefined;
  }
}

function corpus(): { lang: string; text: string }[] {
  const tsv = readFileSync(fromRoot('bench', 'corpus', 'multilingual.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const rows = tsv.map((l) => {
    const [lang, text] = l.split('\t');
    return { lang, text: text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
  });
  const code = readFileSync(fromRoot('bench', 'corpus', 'code.txt'), 'utf8')
    .split('\n\n')
    .map((text) => ({ lang: 'code', text }));
  return [...rows, ...code];
}

const flagOf = (lang: string): string => (['emoji', 'combining', 'math', 'code'].includes(lang) ? lang : 'multilingual');

/** Inputs generated for every encoding: corpus variants and edge categories. */
function generatedInputs(enc: EncodingName): { text: string; flags: string[]; comment: string; special?: 'all' | string[]; repeat?: number }[] {
  const out: { text: string; flags: string[]; comment: string; special?: 'all' | string[]; repeat?: number }[] = [];
  for (const { lang, text } of corpus()) {
    const f = [flagOf(lang)];
    out.push(
      { text, flags: f, comment: `${lang}` },
      { text: ` ${text}`, flags: f, comment: `${lang}, leading space` },
      { text: `${text}\n`, flags: f, comment: `${lang}, trailing newline` },
      { text: `${text} ${text}`, flags: f, comment: `${lang}, doubled` },
    );
  }
  const ws = [
    ' ',
    '  ',
    '   ',
    '\t',
    '\t\t',
    '\n',
    '\n\n',
    '\r\n',
    ' \n ',
    '\u00a0',
    '\u2003',
    '\u3000',
    '\u0085',
    '\u2028',
    '\u200b',
    ' \t \n\t ',
    'a  b',
    'a\n\n\nb',
    'x \u00a0 y',
    '\u00850\u0085',
  ];
  ws.forEach((t, i) => out.push({ text: t, flags: ['whitespace'], comment: `whitespace run ${i + 1}` }));
  for (let n = 1; n <= 8; n++) out.push({ text: ' '.repeat(n * 7) + 'x', flags: ['whitespace'], comment: `${n * 7} spaces then x` });
  const specials = Object.keys(getEncoding(enc).descriptor.special_tokens ?? {}).slice(0, 12);
  for (const s of specials) {
    out.push({ text: `a${s}b`, flags: ['special-as-text'], comment: `${s} as text` });
    out.push({ text: `a${s}b`, flags: ['special-allowed'], comment: `${s} allowed`, special: [s] });
  }
  out.push({ text: '<|im_start|>user<|im_sep|>hi<|im_end|>', flags: ['special-as-text'], comment: 'ChatML markers are not tiktoken specials here' });
  out.push({ text: '<|endoftext|><|endoftext|>', flags: ['special-allowed'], comment: 'all specials allowed', special: 'all' });
  const lone = ['\ud83d', '\ude00', 'a\ud800b', '\udfff\ud800', 'x\ud83d\ud83d\ude00', '\ud83d '];
  lone.forEach((t, i) => out.push({ text: t, flags: ['lone-surrogate'], comment: `lone surrogate ${i + 1}` }));
  out.push({ text: '', flags: ['empty'], comment: 'empty text' });
  for (const [c, n] of [
    ['a', 2000],
    ['ab', 1000],
    ['0', 1500],
    [' ', 2000],
    ['\n', 500],
    ['€', 700],
    ['你好', 600],
    ['🙂', 300],
    ['ha ', 700],
  ] as const) {
    out.push({ text: c, repeat: n, flags: ['repetitive'], comment: `${JSON.stringify(c)} × ${n}` });
  }
  return out;
}

/** Builds and writes count-<encoding>.json for every encoding; returns written paths. */
export async function generateCount(checks: Checks): Promise<{ files: Record<string, unknown>[]; names: string[] }> {
  const plans = testPlans();
  const files: Record<string, unknown>[] = [];
  const names: string[] = [];
  for (const name of encodingNames) {
    const enc = getEncoding(name);
    const js = jsPort(name);
    const gt = await gptTokenizer(name);
    const mk = (
      text: string,
      special: 'all' | string[] | undefined,
      flags: string[],
      comment: string,
      extra: Record<string, unknown> = {},
      repeat?: number,
    ): Test => {
      const input = repeat ? text.repeat(repeat) : text;
      const opts = special ? { allowedSpecial: special } : undefined;
      const ids = enc.encode(input, opts);
      const f = [...flags];
      const cmp = (port: JsEnc | undefined, flag: string): void => {
        if (!port || repeat) return;
        try {
          const p = port === js ? port.encode(input, special ?? [], []) : port.encode(input, special ?? []);
          if (JSON.stringify(p) !== JSON.stringify(ids)) f.push(flag);
        } catch {
          f.push(flag);
        }
      };
      cmp(js, 'js-tiktoken-differs');
      cmp(gt, 'gpt-tokenizer-differs');
      const t: Test = { comment, flags: [...new Set(f)], result: 'valid', ...extra, text };
      if (repeat) t.text_repeat = repeat;
      if (special) t.allowed_special = special;
      if (repeat && ids.length > 200) t.ids_sha256 = idsDigest(ids);
      else t.ids = ids;
      t.count = ids.length;
      t.utf8_bytes = utf8(input);
      t.round_trip = wellFormed(input) && !special;
      return t;
    };
    const cited = (c: CitedText): Test => {
      const t = mk(c.text, c.special, ['cited', ...(c.flags ?? [])], c.comment, { source: c.source });
      const expected = c.ids ?? enc.encode(c.idsEqualToText ?? '');
      checks.same(`${name} ${c.comment}`, expected, t.ids);
      return t;
    };
    const groups: Group[] = [];
    groups.push({ tests: [...tiktokenTests, ...cookbookEncodings, ...portDivergence].filter((c) => c.enc === name).map(cited) });
    if (name === 'gpt2')
      groups.push({
        tests: Object.entries(gpt2Zeros).map(([text, ids]) =>
          cited({
            enc: name,
            text,
            ids,
            source: 'openai/tiktoken@4e71bbe tests/test_encoding.py (test_simple_repeated)',
            comment: `gpt2 ${text.length} zeros`,
          }),
        ),
      });
    groups.push({ tests: plans.filter((c) => c.enc === name).map(cited) });
    if (name === 'r50k_base' || name === 'cl100k_base') {
      const rt = roundTrip.map((text) =>
        mk(text, undefined, [], `tiktoken round-trip string ${JSON.stringify(text)}`, {
          source: 'openai/tiktoken@4e71bbe tests/test_encoding.py (test_encode_decode roundtrip)',
        }),
      );
      const rep = ['^', '0', 'a', "'s", ' ', '\n'].flatMap((c) => [
        mk(
          c,
          undefined,
          ['repetitive'],
          `${JSON.stringify(c)} × 10000`,
          { source: 'openai/tiktoken@4e71bbe tests/test_encoding.py (test_catastrophically_repetitive)' },
          10000,
        ),
      ]);
      groups.push({ tests: [...rt, ...rep] });
    }
    if (name === 'cl100k_base')
      groups.push({
        tests: offsetTexts.map((text) =>
          mk(text, text.includes('<|') ? 'all' : undefined, [], `tiktoken offsets text ${JSON.stringify(text)}`, {
            source: 'openai/tiktoken@4e71bbe tests/test_offsets.py',
          }),
        ),
      });
    groups.push({ tests: generatedInputs(name).map((g) => mk(g.text, g.special, g.flags, g.comment, {}, g.repeat)) });
    const file = vectorFile({
      kind: 'count',
      requirements: ['TMS-M-001', 'TMS-M-002', 'TMS-M-004', 'TMS-M-005', 'TMS-M-006', 'TMS-M-007', 'TMS-M-009', 'TMS-M-010'],
      reference: [
        'openai/tiktoken@4e71bbe tests/test_encoding.py, tests/test_simple_public.py, tests/test_offsets.py',
        'openai/tiktoken@4e71bbe tiktoken_ext/openai_public.py (expected_hash = vocab_sha256)',
        'openai/openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb',
        'niieani/gpt-tokenizer@9182f2e data/TestPlans.txt',
        'knuddelsgmbh/jtokkit#33',
        'niieani/gpt-tokenizer@9182f2e src/encodingParams/o200k_base.ts (EndOfPrompt 200006, where tiktoken has 200018)',
      ],
      header: [
        `Token ids of texts under ${name}, computed with tiktoken's Rust core (@dqbd/tiktoken WASM).`,
        'Tests flagged "cited" reproduce an expectation quoted from the named source. Other tests record the reference implementation\'s ids so that other implementations can check exact tokenization.',
        'text_repeat: the input is text repeated that many times. Lone surrogates are JSON \\u escapes; they count as U+FFFD.',
        'allowed_special absent means no special token is allowed: special-token strings are ordinary text.',
      ],
      notes,
      groups: groups.map((g) => ({ encoding: name, tokenizer: { id: enc.descriptor.id, vocab_sha256: enc.descriptor.vocab_sha256 }, ...g })),
    });
    files.push(file);
    names.push(`measure/count-${name}.json`);
  }
  return { files, names };
}

export { writeVectors };
