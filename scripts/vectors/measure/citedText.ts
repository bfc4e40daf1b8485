// Text-count expectations quoted from cited sources (tiktoken's tests, the cookbook, port bug reports). These are
// the "cited expectations" the generator cross-checks; nothing here is computed by tokencert.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface CitedText {
  enc: string;
  text: string;
  ids?: number[];
  /** The ids must equal those of this other text (tiktoken T13: lone surrogate ≡ U+FFFD). */
  idsEqualToText?: string;
  special?: 'all' | string[];
  source: string;
  comment: string;
  flags?: string[];
}

const T = 'openai/tiktoken@4e71bbe tests/test_encoding.py';
const S = 'openai/tiktoken@4e71bbe tests/test_simple_public.py';

/** tiktoken's public test vectors (openai/tiktoken@4e71bbe tests/). */
export const tiktokenTests: CitedText[] = [
  { enc: 'gpt2', text: 'hello world', ids: [31373, 995], source: S, comment: 'T1 gpt2 hello world' },
  {
    enc: 'gpt2',
    text: 'hello <|endoftext|>',
    special: 'all',
    ids: [31373, 220, 50256],
    source: S,
    comment: 'T2 gpt2 allowed special',
    flags: ['special-allowed'],
  },
  { enc: 'cl100k_base', text: 'hello world', ids: [15339, 1917], source: S, comment: 'T3 cl100k hello world' },
  {
    enc: 'cl100k_base',
    text: 'hello <|endoftext|>',
    special: 'all',
    ids: [15339, 220, 100257],
    source: S,
    comment: 'T4 cl100k allowed special',
    flags: ['special-allowed'],
  },
  { enc: 'r50k_base', text: 'hello world', ids: [31373, 995], source: T, comment: 'T5 r50k hello world' },
  { enc: 'p50k_base', text: 'hello world', ids: [31373, 995], source: T, comment: 'T6 p50k hello world' },
  { enc: 'cl100k_base', text: 'rer', ids: [38149], source: T, comment: 'T7 rer' },
  { enc: 'cl100k_base', text: "'rer", ids: [2351, 81], source: T, comment: "T8 'rer" },
  { enc: 'cl100k_base', text: 'today\n ', ids: [31213, 198, 220], source: T, comment: 'T9 trailing newline and space', flags: ['whitespace'] },
  { enc: 'cl100k_base', text: 'today\n \n', ids: [31213, 27907], source: T, comment: 'T10 newline space newline', flags: ['whitespace'] },
  { enc: 'cl100k_base', text: 'today\n  \n', ids: [31213, 14211], source: T, comment: 'T10b newline two spaces newline', flags: ['whitespace'] },
  {
    enc: 'cl100k_base',
    text: ' \u00850',
    ids: [220, 126, 227, 15],
    source: `${T} (test_basic_encode)`,
    comment: 'T11/J1 U+0085 NEL is whitespace for tiktoken; JS ports give [2188,227,15]',
    flags: ['whitespace', 'port-divergence'],
  },
  { enc: 'cl100k_base', text: '👍', ids: [9468, 239, 235], source: T, comment: 'T12 emoji', flags: ['emoji'] },
  { enc: 'cl100k_base', text: '\ud83d', idsEqualToText: '\ufffd', source: T, comment: 'T13 lone surrogate counts as U+FFFD', flags: ['lone-surrogate'] },
  { enc: 'r50k_base', text: '', ids: [], source: T, comment: 'T14 empty text', flags: ['empty'] },
];

/** gpt2 "repeated zeros" table (test_simple_repeated). */
export const gpt2Zeros: Record<string, number[]> = {
  '0': [15],
  '00': [405],
  '000': [830],
  '0000': [2388],
  '00000': [20483],
  '000000': [10535],
  '0000000': [24598],
  '00000000': [8269],
  '000000000': [10535, 830],
  '0000000000': [8269, 405],
  '00000000000': [8269, 830],
  '000000000000': [8269, 2388],
  '0000000000000': [8269, 20483],
  '00000000000000': [8269, 10535],
  '000000000000000': [8269, 24598],
  '0000000000000000': [25645],
  '00000000000000000': [8269, 10535, 830],
};

/** Round-trip strings of tiktoken tests (r50k_base and cl100k_base). */
export const roundTrip = ['hello', 'hello ', 'hello  ', ' hello', ' hello ', ' hello  ', 'hello world', '请考试我的软件！12345'];

/** Offsets test texts (test_offsets.py, cl100k_base); their ids are computed, the texts are cited. */
export const offsetTexts = ['hello world', 'hello world<|endoftext|> green cow', '我非常渴望与人工智能一起工作', 'நடிகர் சூர்யா', ' Ġ除'];

const CB = 'openai/openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb (compare_encodings output)';
/** Cookbook compare_encodings outputs. */
export const cookbookEncodings: CitedText[] = [
  ['tiktoken is great!', { cl100k_base: [83, 1609, 5963, 374, 2294, 0], o200k_base: [83, 8251, 2488, 382, 2212, 0] }],
  [
    'antidisestablishmentarianism',
    {
      r50k_base: [415, 29207, 44390, 3699, 1042],
      p50k_base: [415, 29207, 44390, 3699, 1042],
      cl100k_base: [519, 85342, 34500, 479, 8997, 2191],
      o200k_base: [493, 129901, 376, 160388, 21203, 2367],
    },
  ],
  [
    '2 + 2 = 4',
    {
      r50k_base: [17, 1343, 362, 796, 604],
      p50k_base: [17, 1343, 362, 796, 604],
      cl100k_base: [17, 489, 220, 17, 284, 220, 19],
      o200k_base: [17, 659, 220, 17, 314, 220, 19],
    },
  ],
  [
    'お誕生日おめでとう',
    {
      r50k_base: [2515, 232, 45739, 243, 37955, 33768, 98, 2515, 232, 1792, 223, 30640, 30201, 29557],
      cl100k_base: [33334, 45918, 243, 21990, 9080, 33334, 62004, 16556, 78699],
      o200k_base: [8930, 9697, 243, 128225, 8930, 17693, 4344, 48669],
    },
  ],
].flatMap(([text, byEnc]) =>
  Object.entries(byEnc as Record<string, number[]>).map(([enc, ids]) => ({
    enc,
    text: text as string,
    ids,
    source: CB,
    comment: `cookbook compare_encodings ${JSON.stringify(text)}`,
  })),
);

/** Port-divergence cases where tiktoken's answer is cited (bug reports against ports). */
export const portDivergence: CitedText[] = [
  {
    enc: 'cl100k_base',
    text: '\u3000\u3000a',
    ids: [23249, 23249, 64],
    source: 'knuddelsgmbh/jtokkit#33',
    comment: 'J2 ideographic spaces before a letter',
    flags: ['whitespace', 'port-divergence'],
  },
  {
    enc: 'cl100k_base',
    text: '\u3000\u3000',
    ids: [44529],
    source: 'knuddelsgmbh/jtokkit#33',
    comment: 'J3 two ideographic spaces',
    flags: ['whitespace', 'port-divergence'],
  },
  {
    enc: 'o200k_base',
    text: '<|endofprompt|>',
    special: 'all',
    ids: [200018],
    source: 'openai/tiktoken@4e71bbe tiktoken_ext/openai_public.py (niieani/gpt-tokenizer@9182f2e src/encodingParams/o200k_base.ts gives 200006)',
    comment: 'J5 o200k <|endofprompt|> is 200018',
    flags: ['special-allowed', 'port-divergence'],
  },
];

/** gpt-tokenizer's TestPlans.txt, shipped in node_modules/gpt-tokenizer/data (niieani/gpt-tokenizer@9182f2e). */
export function testPlans(): CitedText[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('gpt-tokenizer/package.json').replace(/package\.json$/, 'data/TestPlans.txt');
  const text = readFileSync(path, 'utf8');
  const out: CitedText[] = [];
  const re = /EncodingName: (\S+)\nSample: ([\s\S]*?)\nEncoded: (\[[^\]]*\])/g;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({
      enc: m[1],
      text: m[2],
      ids: JSON.parse(m[3]) as number[],
      source: 'niieani/gpt-tokenizer@9182f2e data/TestPlans.txt (gpt-tokenizer@4.0.0)',
      comment: `gpt-tokenizer TestPlans #${++i}`,
    });
  }
  return out;
}
