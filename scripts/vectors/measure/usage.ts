// usage vectors: native usage objects of the four conventions ↔ canonical cells (TMS-M-020..029).
import type { Usage, UsageCell } from '../../../src/schemas/types.gen.js';
import { fromCells, toCells, usageApis, type UsageApi } from '../../../src/measure/usageConventions.js';
import { cellKey, totalInput, totalOutput } from '../../../src/measure/usageTotals.js';
import { Checks, vectorFile, type Test } from './write.js';

interface Cited {
  native: unknown;
  comment: string;
  source: string;
  cells?: Record<string, number>;
  invalid?: string[];
}

const cited: Record<UsageApi, Cited[]> = {
  'openai-chat': [
    {
      native: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      comment: 'API reference example response',
      source: 'OpenAI Chat Completions API reference, create response example (https://platform.openai.com/docs/api-reference/chat/create)',
      cells: { 'input/none/text': 19, 'output/none/text/answer': 10 },
    },
    {
      native: { prompt_tokens: 4263, completion_tokens: 529, total_tokens: 4792, prompt_tokens_details: { cached_tokens: 4096 } },
      comment: 'gpt-4o-mini capture: cached 4096 inside prompt 4263',
      source:
        'LGray401/LLM4FaaS@6a3d389 experiments_repeat/repeat_functions_4o-mini/openai_gpt-4o-mini_remote_control_7_1737410941531562000.md (recorded gpt-4o-mini-2024-07-18 response)',
      cells: { 'input/none/text': 167, 'input/read/text': 4096, 'output/none/text/answer': 529 },
    },
    {
      native: { prompt_tokens: 308, completion_tokens: 68, total_tokens: 376 },
      comment: 'Azure final stream chunk usage',
      source: 'st3w4r/openai-partial-stream#22',
      cells: { 'input/none/text': 308, 'output/none/text/answer': 68 },
    },
    {
      native: { completion_tokens: 102, prompt_tokens: 758, total_tokens: 1725 },
      comment: 'Gemini OpenAI-compat usage: thinking in total but not in completion breaks the OpenAI convention',
      source: 'https://discuss.ai.google.dev/t/question-with-usage-in-openai-compatibility/98760',
      invalid: ['total-not-sum'],
    },
    {
      native: { prompt_tokens: 50, completion_tokens: 102, total_tokens: 152, completion_tokens_details: { reasoning_tokens: 109 } },
      comment: 'reasoning 109 > completion 102',
      source: 'langfuse/langfuse#14987',
      invalid: ['reasoning-exceeds-output'],
    },
  ],
  'openai-responses': [
    {
      native: {
        input_tokens: 2455,
        input_tokens_details: { cached_tokens: 2048 },
        output_tokens: 120,
        output_tokens_details: { reasoning_tokens: 64 },
        total_tokens: 2575,
      },
      comment: 'cached inside input, reasoning inside output',
      source: 'openai/openai-node@7b7d6ca src/resources/responses/responses.ts ResponseUsage',
      cells: { 'input/none/text': 407, 'input/read/text': 2048, 'output/none/text/answer': 56, 'output/none/text/reasoning': 64 },
    },
    {
      native: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      comment: 'details are required in ResponseUsage',
      source: 'openai/openai-node@7b7d6ca ResponseUsage',
      invalid: ['missing-field'],
    },
  ],
  'anthropic-messages': [
    {
      native: { input_tokens: 3, cache_creation_input_tokens: 12304, cache_read_input_tokens: 0, output_tokens: 550 },
      comment: 'cache creation is beside input, not inside it',
      source: 'BerriAI/litellm#9812',
      cells: { 'input/none/text': 3, 'input/write/text': 12304, 'output/none/text/answer': 550 },
    },
    {
      native: { input_tokens: 10, cache_creation_input_tokens: 1733, cache_read_input_tokens: 512, output_tokens: 5 },
      comment: 'total input 2255, total 2260',
      source: 'Arize-ai/openinference#3734',
      cells: { 'input/none/text': 10, 'input/read/text': 512, 'input/write/text': 1733, 'output/none/text/answer': 5 },
    },
    {
      native: { input_tokens: 25, output_tokens: 15 },
      comment: 'docs streaming example (message_start input 25, final output 15)',
      source: 'Anthropic streaming docs, basic streaming example (https://docs.anthropic.com/en/docs/build-with-claude/streaming)',
      cells: { 'input/none/text': 25, 'output/none/text/answer': 15 },
    },
  ],
  gemini: [
    {
      native: { promptTokenCount: 220, candidatesTokenCount: 5, thoughtsTokenCount: 185, totalTokenCount: 410 },
      comment: 'total = prompt + candidates + thoughts',
      source: 'Joouis/agent-maestro#190',
      cells: { 'input/none/text': 220, 'output/none/text/answer': 5, 'output/none/text/reasoning': 185 },
    },
    {
      native: { promptTokenCount: 41, candidatesTokenCount: 5, thoughtsTokenCount: 343, totalTokenCount: 389 },
      comment: 'gemini-2.5-flash thoughts outside candidates',
      source: 'langchain-ai/langchainjs#11423',
      cells: { 'input/none/text': 41, 'output/none/text/answer': 5, 'output/none/text/reasoning': 343 },
    },
    {
      native: { promptTokenCount: 11, candidatesTokenCount: 73, totalTokenCount: 84 },
      comment: 'docs generate_content example',
      source: 'https://ai.google.dev/gemini-api/docs/tokens',
      cells: { 'input/none/text': 11, 'output/none/text/answer': 73 },
    },
    {
      native: { promptTokenCount: 10, candidatesTokenCount: 200, totalTokenCount: 5210 },
      comment: 'thoughtsTokenCount ignored: 10 + 200 ≠ 5210',
      source: 'NousResearch/hermes-agent#103205; simstudioai/sim#3039',
      invalid: ['total-not-sum'],
    },
    {
      native: { promptTokenCount: 10, candidatesTokenCount: 200, thoughtsTokenCount: 5000, totalTokenCount: 5210 },
      comment: 'the same usage with thoughts is consistent',
      source: 'NousResearch/hermes-agent#103205',
      cells: { 'input/none/text': 10, 'output/none/text/answer': 200, 'output/none/text/reasoning': 5000 },
    },
  ],
};

/** Deterministic PRNG (mulberry32) so the generated cases never change between runs. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IN = (cache: UsageCell['cache'], modality: UsageCell['modality'] = 'text', extra: Partial<UsageCell> = {}): Omit<UsageCell, 'tokens'> => ({
  direction: 'input',
  cache,
  modality,
  ...extra,
});
const OUT = (phase: 'answer' | 'reasoning', modality: UsageCell['modality'] = 'text'): Omit<UsageCell, 'tokens'> => ({
  direction: 'output',
  cache: 'none',
  modality,
  phase,
});
const optional: Record<UsageApi, Omit<UsageCell, 'tokens'>[]> = {
  'openai-chat': [IN('read'), IN('write'), IN('none', 'audio'), IN('none', 'image'), OUT('reasoning'), OUT('answer', 'audio')],
  'openai-responses': [IN('read'), IN('write'), OUT('reasoning')],
  'anthropic-messages': [IN('read'), IN('write', 'text', { cache_ttl: '5m' }), IN('write', 'text', { cache_ttl: '1h' }), OUT('reasoning')],
  gemini: [
    IN('none', 'image'),
    IN('none', 'audio'),
    IN('none', 'video'),
    IN('read'),
    IN('read', 'image'),
    IN('none', 'text', { phase: 'tool' }),
    OUT('answer', 'image'),
    OUT('reasoning'),
  ],
};

function randomUsage(api: UsageApi, rnd: () => number): Usage {
  const n = (): number => (rnd() < 0.1 ? 0 : Math.floor(rnd() ** 3 * 200000));
  const cells: UsageCell[] = [
    { ...IN('none'), tokens: n() },
    { ...OUT('answer'), tokens: n() },
  ];
  for (const c of optional[api]) if (rnd() < 0.5) cells.push({ ...c, tokens: 1 + n() });
  return { cells };
}

const keyed = (u: Usage): Record<string, number> => Object.fromEntries(u.cells.map((c) => [cellKey(c), c.tokens]));

/** Mutations that make a valid native object invalid, with the flag each must raise. */
const mutations: { name: string; flag: string; apply(o: Record<string, unknown>, first: string, total: string): void }[] = [
  { name: 'negative count', flag: 'negative', apply: (o, f) => (o[f] = -1) },
  { name: 'fractional count', flag: 'fractional', apply: (o, f) => (o[f] = Number(o[f]) + 0.5) },
  { name: 'count as a string', flag: 'wrong-type', apply: (o, f) => (o[f] = String(o[f])) },
  { name: 'count above 2^53-1', flag: 'too-large', apply: (o, f) => (o[f] = 2 ** 53 + 2) },
  { name: 'missing required count', flag: 'missing-field', apply: (o, f) => delete o[f] },
  { name: 'total off by one', flag: 'total-not-sum', apply: (o, _f, t) => (o[t] = Number(o[t]) + 1) },
  { name: 'null count', flag: 'missing-field', apply: (o, f) => (o[f] = null) },
];
const ttlMismatch = {
  name: 'TTL split does not sum to cache_creation_input_tokens',
  flag: 'ttl-split-mismatch',
  apply: (o: Record<string, unknown>): void => {
    o.cache_creation = { ephemeral_5m_input_tokens: Number(o.cache_creation_input_tokens ?? 0) + 1, ephemeral_1h_input_tokens: 0 };
  },
};
const keys: Record<UsageApi, [string, string]> = {
  'openai-chat': ['prompt_tokens', 'total_tokens'],
  'openai-responses': ['input_tokens', 'total_tokens'],
  'anthropic-messages': ['input_tokens', 'output_tokens'],
  gemini: ['promptTokenCount', 'totalTokenCount'],
};

/** Builds vectors/measure/usage-<api>.json for the four conventions. */
export function generateUsage(checks: Checks): { name: string; file: Record<string, unknown> }[] {
  return usageApis.map((api, ai) => {
    const valid = (native: unknown, comment: string, flags: string[], source?: string, expectCells?: Record<string, number>): Test => {
      const r = toCells(api, native);
      if (!r.ok) {
        checks.same(`usage ${api} ${comment}`, 'valid', r.flags);
        return { comment, flags, result: 'valid', native };
      }
      if (expectCells) checks.same(`usage ${api} ${comment}`, expectCells, keyed(r.usage));
      const t: Test = {
        comment,
        flags,
        result: 'valid',
        native,
        cells: keyed(r.usage),
        total_input: totalInput(r.usage),
        total_output: totalOutput(r.usage),
        native_back: fromCells(api, r.usage),
      };
      if (source) t.source = source;
      return t;
    };
    const invalid = (native: unknown, comment: string, flags: string[], want: string[], source?: string): Test => {
      const r = toCells(api, native);
      checks.same(`usage ${api} ${comment}`, want, r.ok ? 'accepted' : want.filter((f) => r.flags.includes(f)));
      const t: Test = { comment, flags, result: 'invalid', native, invalid_flags: want };
      if (source) t.source = source;
      return t;
    };
    const citedTests = cited[api].map((c) =>
      c.invalid ? invalid(c.native, c.comment, ['cited'], c.invalid, c.source) : valid(c.native, c.comment, ['cited'], c.source, c.cells),
    );
    const rnd = prng(20260821 + ai);
    const gen: Test[] = [];
    const bad: Test[] = [];
    for (let i = 0; i < 60; i++) {
      const native = fromCells(api, randomUsage(api, rnd));
      gen.push(valid(native, `generated ${api} usage #${i + 1}`, ['generated']));
      // Anthropic has no total: its sum check is the TTL split of cache_creation_input_tokens.
      const m0 = mutations[i % mutations.length];
      const m = api === 'anthropic-messages' && m0.flag === 'total-not-sum' ? ttlMismatch : m0;
      const copy = structuredClone(native);
      m.apply(copy, keys[api][0], keys[api][1]);
      bad.push(invalid(copy, `${m.name} (${keys[api][0]})`, ['mutated'], [m.flag]));
    }
    for (const x of [null, 42, 'usage', [1, 2]]) bad.push(invalid(x, `not an object: ${JSON.stringify(x)}`, ['mutated'], ['not-an-object']));
    const file = vectorFile({
      kind: 'usage',
      requirements: [
        'TMS-M-020',
        'TMS-M-021',
        'TMS-M-022',
        'TMS-M-023',
        { 'openai-chat': 'TMS-M-024', 'openai-responses': 'TMS-M-025', 'anthropic-messages': 'TMS-M-026', gemini: 'TMS-M-027' }[api],
        'TMS-M-028',
        'TMS-M-029',
      ],
      reference: [...new Set(cited[api].map((c) => c.source)), 'src/measure/usageConventions.ts (the four conventions, TMS-M-024..027)'],
      header: [
        `${api} usage objects and their canonical cells (keys direction/cache[@ttl]/modality[/phase]).`,
        'native_back is fromCells(cells); invalid tests must be rejected with at least the listed flags.',
      ],
      notes: {
        cited: 'Usage quoted from the named source; the generator refused to write on disagreement.',
        generated: 'Native object made by fromCells from random valid cells (fixed seed).',
        mutated: 'A valid native object with one defect; must be rejected with the listed flag.',
      },
      groups: [
        { api, tests: citedTests },
        { api, tests: gen },
        { api, tests: bad },
      ],
    });
    return { name: `measure/usage-${api}.json`, file };
  });
}
