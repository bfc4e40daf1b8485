// count-model vectors: model name → encoding by tiktoken's rules (TMS-M-003).
import { modelPrefixToEncoding, modelToEncoding, safeEncodingForModel } from '../../../src/measure/encodingForModel.js';
import { Checks, vectorFile, type Test } from './write.js';

const misc: [string, string][] = [
  ['gpt2', 'gpt2'],
  ['text-davinci-003', 'p50k_base'],
  ['text-davinci-edit-001', 'p50k_edit'],
  ['gpt-3.5-turbo-0301', 'cl100k_base'],
  ['gpt-4', 'cl100k_base'],
  ['gpt-4o', 'o200k_base'],
  ['gpt-oss-120b', 'o200k_harmony'],
];
const edge: [string, string | null][] = [
  ['gpt-4o-mini', 'o200k_base'],
  ['gpt-4-turbo', 'cl100k_base'],
  ['gpt-4.1-nano', 'o200k_base'],
  ['gpt-5-mini', 'o200k_base'],
  ['chatgpt-4o-latest', 'o200k_base'],
  ['gpt-3.5-turbo-instruct', 'cl100k_base'],
  ['ft:gpt-4o-mini:org::id', 'o200k_base'],
  ['davinci-002', 'cl100k_base'],
  ['davinci', 'r50k_base'],
  ['gpt-4.5', null],
  ['gpt-4.5-preview', 'o200k_base'],
];

/** Builds vectors/measure/model-encoding.json. */
export function generateModels(checks: Checks): { name: string; file: Record<string, unknown> }[] {
  const t = (model: string, expected: string | null, flags: string[], comment: string, source?: string): Test => {
    const got = safeEncodingForModel(model) ?? null;
    if (source) checks.same(`model ${model}`, expected, got);
    const test: Test = { comment, flags, result: got === null ? 'invalid' : 'valid', model };
    if (source) test.source = source;
    if (got !== null) test.encoding = got;
    else test.error = 'unknown-model';
    return test;
  };
  const cited = [
    ...misc.map(([m, e]) => t(m, e, ['cited'], `tiktoken test_misc ${m}`, 'openai/tiktoken@4e71bbe tests/test_misc.py')),
    ...edge.map(([m, e]) =>
      t(
        m,
        e,
        ['cited'],
        `reference edge case ${m}`,
        'edge cases worked by hand from openai/tiktoken@4e71bbe tiktoken/model.py (MODEL_PREFIX_TO_ENCODING order)',
      ),
    ),
  ];
  const exact = Object.keys(modelToEncoding).map((m) => t(m, null, ['exact'], `exact table entry ${m}`));
  const prefix = modelPrefixToEncoding.flatMap(([p]) => [
    t(`${p}x-2030-01-01`, null, ['prefix'], `prefix ${p} with a suffix`),
    t(`${p}FAKE`, null, ['prefix'], `prefix ${p} matches non-existent models too`),
  ]);
  const unknown = ['claude-sonnet-4-5', 'gemini-2.5-flash', 'GPT-4', ' gpt-4', 'gpt4', '', 'llama-3-70b', 'o2', 'ft:gpt-5', 'text-davinci'].map((m) =>
    t(m, null, ['unknown'], `unknown model ${JSON.stringify(m)} is an error, not a default`),
  );
  const file = vectorFile({
    kind: 'count-model',
    requirements: ['TMS-M-003'],
    reference: ['openai/tiktoken@4e71bbe tiktoken/model.py', 'openai/tiktoken@4e71bbe tests/test_misc.py'],
    header: ['Model name → encoding: exact name first, then the first matching prefix in table order, else an error naming the model (never a default).'],
    notes: {
      cited: 'Expectation quoted from the named source; the generator refused to write on disagreement.',
      exact: 'An exact key of MODEL_TO_ENCODING.',
      prefix: 'Resolved through MODEL_PREFIX_TO_ENCODING.',
      unknown: 'Not resolvable: must be rejected (tiktoken raises KeyError).',
    },
    groups: [{ tests: cited }, { tests: exact }, { tests: prefix }, { tests: unknown }],
  });
  return [{ name: 'measure/model-encoding.json', file }];
}
