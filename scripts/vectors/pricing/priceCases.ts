// Pricing vector inputs (sheets, usages) and their cited or hand-worked expectations.
// Price sheets and usages. Prices are list prices quoted from genai-prices, LiteLLM and provider
// pricing pages (each entry cites its source); synthetic sheets exercise a rule and say so.

/** Expectations quoted from a source or worked by hand; the generator checks the reference against them. */
export type Cited = { total?: string; input?: string; output?: string; lines?: Record<string, string>; error?: string };
/** One sheet with its pricing tests. */
export type GroupSpec = { comment: string; sheet: Record<string, unknown>; tests: { test: Record<string, unknown>; cited?: Cited }[] };
type Cell = Record<string, unknown>;

const cell = (direction: string, cache: string, tokens: number, extra: Cell = {}): Cell => ({ direction, cache, modality: 'text', ...extra, tokens });
const usage = (...cells: Cell[]) => ({ cells });
const sheet = (id: string, entries: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  tms_version: '0.1.0',
  id,
  currency: 'USD',
  unit: 1000000,
  ...extra,
  entries,
});
const T0 = '2025-09-01T12:00:00Z';
const valid = (comment: string, q: Record<string, unknown>, cited?: Cited, flags: string[] = []) => ({
  test: { comment, flags, result: 'valid', at: T0, ...q },
  cited,
});
const invalid = (comment: string, q: Record<string, unknown>, error: string, flags: string[] = []) => ({
  test: { comment, flags, result: 'invalid', at: T0, ...q },
  cited: { error },
});

const gp = 'genai-prices prices/providers';
const listSheet = sheet('reference-list-prices', [
  {
    id: 'openai/gpt-4o',
    model: 'gpt-4o',
    source: `${gp}/openai.yml (prices_checked 2025-07-04); litellm gpt-4o`,
    prices: { 'input/none/text': '2.50', 'input/read/text': '1.25', 'output/none/text': '10.00' },
  },
  {
    id: 'openai/gpt-4o-batch',
    model: 'gpt-4o',
    service_tier: 'batch',
    source: 'litellm gpt-4o input/output_cost_per_token_batches (mirror synced 2026-07-24)',
    prices: { 'input/none/text': '1.25', 'output/none/text': '5' },
  },
  {
    id: 'openai/gpt-4o-priority',
    model: 'gpt-4o',
    service_tier: 'priority',
    source: 'litellm gpt-4o *_priority (mirror synced 2026-07-24)',
    prices: { 'input/none/text': '4.25', 'input/read/text': '2.125', 'output/none/text': '17' },
  },
  {
    id: 'openai/gpt-5',
    model: 'gpt-5',
    aliases: ['gpt-5-2025-08-07'],
    source: `${gp}/openai.yml (prices_checked 2025-11-13)`,
    prices: { 'input/none/text': '1.25', 'input/read/text': '0.125', 'output/none/text': '10' },
  },
  {
    id: 'openai/gpt-5-flex',
    model: 'gpt-5',
    aliases: ['gpt-5-2025-08-07'],
    service_tier: 'flex',
    source: 'litellm gpt-5 *_flex',
    prices: { 'input/none/text': '0.625', 'input/read/text': '0.0625', 'output/none/text': '5' },
  },
  {
    id: 'openai/o3-launch',
    model: 'o3',
    effective: { until: '2025-06-10' },
    source: `${gp}/openai.yml o3 (unconstrained price)`,
    prices: { 'input/none/text': '10', 'input/read/text': '0.5', 'output/none/text': '40' },
  },
  {
    id: 'openai/o3',
    model: 'o3',
    effective: { from: '2025-06-10' },
    source: `${gp}/openai.yml o3 (start_date 2025-06-10)`,
    prices: { 'input/none/text': '2', 'input/read/text': '0.5', 'output/none/text': '8' },
  },
  {
    id: 'anthropic/claude-sonnet-4-5',
    model: 'claude-sonnet-4-5',
    aliases: ['claude-sonnet-4-5-20250929'],
    source: `${gp}/anthropic.yml (prices_checked 2026-07-29); Anthropic pricing docs 2025-11-08`,
    prices: { 'input/none/text': '3', 'input/write/text': '3.75', 'input/write@1h/text': '6', 'input/read/text': '0.30', 'output/none/text': '15' },
    fees: { web_search: '0.01' },
    tiers: {
      mode: 'cliff',
      basis: ['input'],
      boundary: 'exclusive',
      levels: [
        {
          from: 200000,
          prices: { 'input/none/text': '6', 'input/write/text': '7.50', 'input/write@1h/text': '12', 'input/read/text': '0.60', 'output/none/text': '22.50' },
        },
      ],
    },
  },
  {
    id: 'anthropic/claude-haiku-4-5',
    model: 'claude-haiku-4-5',
    aliases: ['claude-haiku-4-5-20251001'],
    source: 'Anthropic pricing docs (copy last_updated 2025-11-08)',
    prices: { 'input/none/text': '1', 'input/write/text': '1.25', 'input/write@1h/text': '2', 'input/read/text': '0.10', 'output/none/text': '5' },
  },
  {
    id: 'google/gemini-2.5-flash',
    model: 'gemini-2.5-flash',
    source: `${gp}/google.yml (cache_read 0.03, cache_audio_read 0.1); Gemini pricing page copy`,
    prices: { 'input/none/*': '0.30', 'input/none/audio': '1.00', 'input/read/*': '0.03', 'input/read/audio': '0.10', 'output/none/text': '2.50' },
  },
  {
    id: 'deepseek/deepseek-chat-standard',
    model: 'deepseek-chat',
    windows: [{ from: '00:30', until: '16:30' }],
    source: `${gp}/deepseek.yml (prices_checked 2025-07-12), constraint 00:30:00Z–16:30:00Z`,
    prices: { 'input/none/text': '0.27', 'input/write/text': '0.27', 'input/read/text': '0.07', 'output/none/text': '1.1' },
  },
  {
    id: 'deepseek/deepseek-chat-off-peak',
    model: 'deepseek-chat',
    windows: [{ from: '16:30', until: '00:30' }],
    source: `${gp}/deepseek.yml (prices_checked 2025-07-12), default (off-peak) price`,
    prices: { 'input/none/text': '0.135', 'input/write/text': '0.135', 'input/read/text': '0.035', 'output/none/text': '0.550' },
  },
]);

const anthropicV2 = {
  cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 418 },
  cache_creation_input_tokens: 418,
  cache_read_input_tokens: 1111,
  input_tokens: 3,
  output_tokens: 33,
  service_tier: 'standard',
};
const anthropicV3 = { cache_creation_input_tokens: 1956, cache_read_input_tokens: 9511, input_tokens: 3, output_tokens: 44 };
const anthropicV8 = {
  input_tokens: 105,
  output_tokens: 6039,
  cache_read_input_tokens: 7123,
  cache_creation_input_tokens: 7345,
  server_tool_use: { web_search_requests: 1 },
};
const geminiV4 = {
  cachedContentTokenCount: 204,
  candidatesTokenCount: 89,
  promptTokenCount: 373,
  thoughtsTokenCount: 167,
  totalTokenCount: 629,
  cacheTokensDetails: [
    { modality: 'TEXT', tokenCount: 63 },
    { modality: 'IMAGE', tokenCount: 141 },
  ],
  promptTokensDetails: [
    { modality: 'TEXT', tokenCount: 115 },
    { modality: 'IMAGE', tokenCount: 258 },
  ],
};
const v10 = usage(cell('input', 'none', 4000), cell('input', 'read', 6000), cell('output', 'none', 2000));
const o3u = usage(cell('input', 'none', 1000), cell('output', 'none', 700));

const costGroups: GroupSpec[] = [
  {
    comment: 'Golden examples V1–V11 with list prices, each citing its usage and price source; native usages go through their API convention',
    sheet: listSheet,
    tests: [
      valid(
        'V1 gpt-4o chat: prompt 2006 (cached 1920), completion 300 → 0.005615 (usage from BerriAI/litellm#6215)',
        {
          model: 'gpt-4o',
          native: {
            api: 'openai-chat',
            usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } },
          },
        },
        { total: '0.005615' },
        ['cache-subset'],
      ),
      valid(
        'V2 Sonnet 4.5 raw Anthropic usage: disjoint counters → input 0.0019098, output 0.000495 (genai-prices tests/dataset/usages.json)',
        { model: 'claude-sonnet-4-5-20250929', native: { api: 'anthropic-messages', usage: anthropicV2 } },
        { input: '0.0019098', output: '0.000495', total: '0.0024048' },
        ['cache-disjoint'],
      ),
      valid(
        'V3 Haiku 4.5: input 0.0033991, output 0.00022 (same dataset)',
        { model: 'claude-haiku-4-5-20251001', native: { api: 'anthropic-messages', usage: anthropicV3 } },
        { input: '0.0033991', output: '0.00022' },
        ['cache-disjoint'],
      ),
      valid(
        'V4 Gemini 2.5 Flash: thoughts billed as output; cached subset of prompt → input 0.00005682, output 0.00064 (same dataset)',
        { model: 'gemini-2.5-flash', native: { api: 'gemini', usage: geminiV4 } },
        { input: '0.00005682', output: '0.00064' },
        ['cache-subset', 'reasoning'],
      ),
      valid(
        'V5 gpt-5 responses: reasoning inside output, not added again → 0.00005625 + 0.01719 (same dataset)',
        {
          model: 'gpt-5-2025-08-07',
          native: {
            api: 'openai-responses',
            usage: {
              input_tokens: 45,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens: 1719,
              output_tokens_details: { reasoning_tokens: 1408 },
              total_tokens: 1764,
            },
          },
        },
        { input: '0.00005625', output: '0.01719' },
        ['reasoning'],
      ),
      valid(
        'V6 Sonnet 4.5 long context: 250,000 in / 500 out → all tokens at the >200K rate: 1.51125 (Anthropic docs usage example)',
        {
          model: 'claude-sonnet-4-5',
          native: {
            api: 'anthropic-messages',
            usage: { input_tokens: 250000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 500 },
          },
        },
        { total: '1.51125' },
        ['cliff'],
      ),
      valid(
        'V8 Sonnet 4.5 with one web search: 0.13058065 (Anthropic web-search usage example)',
        { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: anthropicV8 }, events: { web_search: 1 } },
        {
          total: '0.13058065',
          lines: {
            'input/none/text': '0.000315',
            'input/write/text': '0.02754375',
            'input/read/text': '0.0021369',
            'output/none/text/answer': '0.090585',
            'fee:web_search': '0.01',
          },
        },
        ['cache-disjoint', 'fee'],
      ),
      valid(
        'V10 deepseek-chat at 17:00Z (off-peak): 0.00185 (genai-prices deepseek.yml)',
        { model: 'deepseek-chat', at: '2025-07-12T17:00:00Z', usage: v10 },
        { total: '0.00185' },
        ['time-of-day'],
      ),
      valid('V10 deepseek-chat at 12:00Z (standard): 0.0037', { model: 'deepseek-chat', at: '2025-07-12T12:00:00Z', usage: v10 }, { total: '0.0037' }, [
        'time-of-day',
      ]),
      valid(
        'V11 o3 1000 in / 700 out before 2025-06-10: 0.038 (simonw/llm-prices#8)',
        { model: 'o3', at: '2025-06-01T12:00:00Z', usage: o3u },
        { total: '0.038' },
        ['effective-date'],
      ),
      valid('V11 o3 from 2025-06-10: 0.0076', { model: 'o3', at: '2025-06-13T12:00:00Z', usage: o3u }, { total: '0.0076' }, ['effective-date']),
      valid(
        'Sonnet 4.5 1-hour cache write priced at write@1h (2× input), 5-minute at 1.25×',
        {
          model: 'claude-sonnet-4-5',
          native: {
            api: 'anthropic-messages',
            usage: {
              input_tokens: 10,
              cache_creation_input_tokens: 3000,
              cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
              cache_read_input_tokens: 0,
              output_tokens: 10,
            },
          },
        },
        { lines: { 'input/write@5m/text': '0.00375', 'input/write@1h/text': '0.012' } },
        ['cache-ttl'],
      ),
      valid(
        'genai-prices calcPrice.test: 1000 in / 500 out at 1.5 / 2.0 → 0.0025 (here gpt-4o prices: 0.0025 + 0.005)',
        { model: 'gpt-4o', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 500)) },
        { total: '0.0075' },
      ),
    ],
  },
  {
    comment: 'V9 Gemini 2.5 Pro, cache price depends on the page version: 0.125 (later)',
    sheet: sheet('gemini-pro-later', [
      {
        id: 'google/gemini-2.5-pro',
        model: 'gemini-2.5-pro',
        source: `${gp}/google.yml (prices_checked 2025-10-31)`,
        prices: { 'input/none/*': '1.25', 'input/read/*': '0.125', 'output/none/text': '10' },
        tiers: {
          mode: 'cliff',
          basis: ['input'],
          boundary: 'exclusive',
          levels: [{ from: 200000, prices: { 'input/none/*': '2.5', 'input/read/*': '0.25', 'output/none/text': '15' } }],
        },
      },
    ]),
    tests: [
      valid(
        'V9 prompt 1000 (cached 300), output 500 → 0.0059125 (gemini-cost README usage)',
        {
          model: 'gemini-2.5-pro',
          native: { api: 'gemini', usage: { promptTokenCount: 1000, cachedContentTokenCount: 300, candidatesTokenCount: 500, totalTokenCount: 1500 } },
        },
        { total: '0.0059125' },
        ['cache-subset'],
      ),
      valid(
        'prompt of exactly 200,000 stays at base ("prompts <= 200k tokens")',
        { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 200000, candidatesTokenCount: 1000, totalTokenCount: 201000 } } },
        { total: '0.26' },
        ['cliff', 'boundary'],
      ),
      valid(
        'prompt of 200,001 moves every token, output too, to the >200k rates',
        { model: 'gemini-2.5-pro', native: { api: 'gemini', usage: { promptTokenCount: 200001, candidatesTokenCount: 1000, totalTokenCount: 201001 } } },
        { total: '0.5150025' },
        ['cliff', 'boundary'],
      ),
    ],
  },
  {
    comment: "V9 Gemini 2.5 Pro with the earlier page's cache price 0.31",
    sheet: sheet('gemini-pro-earlier', [
      {
        id: 'google/gemini-2.5-pro',
        model: 'gemini-2.5-pro',
        source: 'Gemini pricing page copy (https://ai.google.dev/gemini-api/docs/pricing, undated, earlier caching prices)',
        prices: { 'input/none/*': '1.25', 'input/read/*': '0.31', 'output/none/text': '10' },
        tiers: {
          mode: 'cliff',
          basis: ['input'],
          boundary: 'exclusive',
          levels: [{ from: 200000, prices: { 'input/none/*': '2.50', 'input/read/*': '0.625', 'output/none/text': '15' } }],
        },
      },
    ]),
    tests: [
      valid(
        'V9 prompt 1000 (cached 300), output 500 → 0.005968',
        {
          model: 'gemini-2.5-pro',
          native: { api: 'gemini', usage: { promptTokenCount: 1000, cachedContentTokenCount: 300, candidatesTokenCount: 500, totalTokenCount: 1500 } },
        },
        { total: '0.005968' },
        ['cache-subset'],
      ),
    ],
  },
];

const inOnly = (n: number) => usage(cell('input', 'none', n));
const tierGroups: GroupSpec[] = [
  {
    comment: 'genai-prices tieredPricing.test.ts and Anthropic long-context rules (cliff, exclusive, basis = all input)',
    sheet: sheet('tier-rules', [
      {
        id: 'tiered-input',
        model: 'tiered-input',
        notes: 'genai-prices tieredPricing.test.ts: input_mtok {base 3, tiers [{start 200000, price 6}]}',
        prices: { 'input/none/text': '3' },
        tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6' } }] },
      },
      {
        id: 'tiered-output',
        model: 'tiered-output',
        notes:
          'genai-prices: output_mtok {base 1, tiers [{start 100000, price 2}]}, tier chosen by input; input priced 0 explicitly (genai-prices leaves it unpriced)',
        prices: { 'input/none/text': '0', 'output/none/text': '1' },
        tiers: {
          mode: 'cliff',
          basis: ['input'],
          boundary: 'exclusive',
          levels: [{ from: 100000, prices: { 'input/none/text': '0', 'output/none/text': '2' } }],
        },
      },
      {
        id: 'xai-style',
        model: 'xai-style',
        notes: 'synthetic: inclusive boundary as xAI documents ("reaches the listed token threshold")',
        prices: { 'input/none/text': '3' },
        tiers: { mode: 'cliff', basis: ['input'], boundary: 'inclusive', levels: [{ from: 200000, prices: { 'input/none/text': '6' } }] },
      },
      {
        id: 'anthropic/claude-sonnet-4-5',
        model: 'claude-sonnet-4-5',
        source: `${gp}/anthropic.yml`,
        prices: { 'input/none/text': '3', 'input/write/text': '3.75', 'input/read/text': '0.30', 'output/none/text': '15' },
        tiers: {
          mode: 'cliff',
          basis: ['input'],
          boundary: 'exclusive',
          levels: [{ from: 200000, prices: { 'input/none/text': '6', 'input/write/text': '7.50', 'input/read/text': '0.60', 'output/none/text': '22.50' } }],
        },
      },
      {
        id: 'uncached-basis',
        model: 'uncached-basis',
        notes: 'synthetic: basis input/none only (cache reads do not count toward the threshold)',
        prices: { 'input/none/text': '1', 'input/read/text': '0.1' },
        tiers: {
          mode: 'cliff',
          basis: ['input/none'],
          boundary: 'exclusive',
          levels: [{ from: 1000, prices: { 'input/none/text': '2', 'input/read/text': '0.2' } }],
        },
      },
    ]),
    tests: [
      valid('V7 100,000 tokens → 0.3 (base)', { model: 'tiered-input', usage: inOnly(100000) }, { total: '0.3' }, ['cliff']),
      valid(
        'V7 exactly 200,000 → 0.6: "Threshold is > 200000, so exactly 200K uses base rate"',
        { model: 'tiered-input', usage: inOnly(200000) },
        { total: '0.6' },
        ['cliff', 'boundary'],
      ),
      valid('V7 200,001 → 1.200006: all tokens at the tier rate', { model: 'tiered-input', usage: inOnly(200001) }, { total: '1.200006' }, [
        'cliff',
        'boundary',
      ]),
      valid('V7 1,000,000 → 6', { model: 'tiered-input', usage: inOnly(1000000) }, { total: '6' }, ['cliff']),
      valid(
        'output tier chosen by input tokens: input 150,000, output 10,000 → output 0.02',
        { model: 'tiered-output', usage: usage(cell('input', 'none', 150000), cell('output', 'none', 10000)) },
        { output: '0.02', total: '0.02' },
        ['cliff'],
      ),
      valid(
        'output alone never selects a tier: output 10,000 → 0.01',
        { model: 'tiered-output', usage: usage(cell('output', 'none', 10000)) },
        { total: '0.01' },
        ['cliff'],
      ),
      valid('inclusive boundary: exactly 200,000 enters the tier → 1.2', { model: 'xai-style', usage: inOnly(200000) }, { total: '1.2' }, [
        'cliff',
        'boundary',
      ]),
      valid('inclusive boundary: 199,999 stays at base → 0.599997', { model: 'xai-style', usage: inOnly(199999) }, { total: '0.599997' }, [
        'cliff',
        'boundary',
      ]),
      valid(
        'Anthropic: cache reads count toward 200K ("including cache reads/writes"): 100,000 + 150,000 read → tier',
        { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 100000), cell('input', 'read', 150000), cell('output', 'none', 1000)) },
        { total: '0.7125' },
        ['cliff', 'basis'],
      ),
      valid(
        'Anthropic: output does not affect the tier: 150,000 in, 100,000 out → base',
        { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 150000), cell('output', 'none', 100000)) },
        { total: '1.95' },
        ['cliff', 'basis'],
      ),
      valid(
        'Helicone #5766: cache writes on a >200K request are billed at the tier rate',
        { model: 'claude-sonnet-4-5', usage: usage(cell('input', 'none', 1000), cell('input', 'write', 250000), cell('output', 'none', 100)) },
        { lines: { 'input/write/text': '1.875' } },
        ['cliff', 'basis'],
      ),
      valid(
        'basis input/none: 500 uncached + 5,000 cache reads stays at base',
        { model: 'uncached-basis', usage: usage(cell('input', 'none', 500), cell('input', 'read', 5000)) },
        { total: '0.001' },
        ['basis'],
      ),
      valid(
        'basis input/none: 1,001 uncached crosses the threshold',
        { model: 'uncached-basis', usage: usage(cell('input', 'none', 1001), cell('input', 'read', 5000)) },
        { total: '0.003002' },
        ['basis'],
      ),
    ],
  },
  {
    comment: 'V12 Dashscope-style tiers per token (unit 1): graduated vs all-or-nothing (LiteLLM tiered_pricing.py)',
    sheet: sheet(
      'dashscope-style',
      [
        {
          id: 'graduated',
          model: 'graduated',
          notes: 'LiteLLM calculate_tiered_cost docstring: [0,100000] at 0.0001, [100000,500000] at 0.00005',
          prices: { 'input/none/text': '0.0001' },
          tiers: { mode: 'graduated', basis: 'cell', boundary: 'exclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] },
        },
        {
          id: 'graduated-inclusive',
          model: 'graduated-inclusive',
          notes: 'synthetic: token number 100,000 itself is the first of the upper band',
          prices: { 'input/none/text': '0.0001' },
          tiers: { mode: 'graduated', basis: 'cell', boundary: 'inclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] },
        },
        {
          id: 'cliff',
          model: 'cliff',
          notes: 'LiteLLM select_tier_for_input: range_start < input_tokens <= range_end, all tokens at one tier',
          prices: { 'input/none/text': '0.0001' },
          tiers: { mode: 'cliff', basis: ['input'], boundary: 'exclusive', levels: [{ from: 100000, prices: { 'input/none/text': '0.00005' } }] },
        },
      ],
      { unit: 1 },
    ),
    tests: [
      valid('V12 graduated: 150,000 tokens → 100,000 × 0.0001 + 50,000 × 0.00005 = 12.5', { model: 'graduated', usage: inOnly(150000) }, { total: '12.5' }, [
        'graduated',
      ]),
      valid('graduated: 100,000 tokens all in the first band → 10', { model: 'graduated', usage: inOnly(100000) }, { total: '10' }, ['graduated', 'boundary']),
      valid(
        'graduated inclusive: 150,000 → 99,999 × 0.0001 + 50,001 × 0.00005',
        { model: 'graduated-inclusive', usage: inOnly(150000) },
        { total: '12.49995' },
        ['graduated', 'boundary'],
      ),
      valid('V12 all-or-nothing: 150,000 × 0.00005 = 7.5', { model: 'cliff', usage: inOnly(150000) }, { total: '7.5' }, ['cliff']),
      valid('all-or-nothing: exactly 100,000 stays in the lower tier (0 < Token <= 100K) → 10', { model: 'cliff', usage: inOnly(100000) }, { total: '10' }, [
        'cliff',
        'boundary',
      ]),
    ],
  },
];

const resolutionGroups: GroupSpec[] = [
  {
    comment: 'Resolution with the reference list sheet: dates, windows, service tiers, unknown models, missing prices, bad usage',
    sheet: listSheet,
    tests: [
      valid('o3 at 2025-06-09T23:59:59.999Z → launch price', { model: 'o3', at: '2025-06-09T23:59:59.999Z', usage: o3u }, { total: '0.038' }, [
        'effective-date',
        'boundary',
      ]),
      valid('o3 at 2025-06-10T00:00:00Z → new price (from is inclusive)', { model: 'o3', at: '2025-06-10T00:00:00Z', usage: o3u }, { total: '0.0076' }, [
        'effective-date',
        'boundary',
      ]),
      valid(
        'o3 at 2025-06-10T01:00:00+02:00 is 2025-06-09T23:00Z → launch price (offsets honoured)',
        { model: 'o3', at: '2025-06-10T01:00:00+02:00', usage: o3u },
        { total: '0.038' },
        ['effective-date', 'boundary'],
      ),
      valid(
        'deepseek 00:29:59.999Z → off-peak (genai-prices calcPrice.test half-open windows)',
        { model: 'deepseek-chat', at: '2025-07-12T00:29:59.999Z', usage: v10 },
        { total: '0.00185' },
        ['time-of-day', 'boundary'],
      ),
      valid('deepseek 00:30:00.000Z → standard', { model: 'deepseek-chat', at: '2025-07-12T00:30:00.000Z', usage: v10 }, { total: '0.0037' }, [
        'time-of-day',
        'boundary',
      ]),
      valid('deepseek 16:29:59.999Z → standard', { model: 'deepseek-chat', at: '2025-07-12T16:29:59.999Z', usage: v10 }, { total: '0.0037' }, [
        'time-of-day',
        'boundary',
      ]),
      valid('deepseek 16:30:00.000Z → off-peak', { model: 'deepseek-chat', at: '2025-07-12T16:30:00.000Z', usage: v10 }, { total: '0.00185' }, [
        'time-of-day',
        'boundary',
      ]),
      valid(
        'gpt-4o batch tier: 50% (litellm *_batches)',
        { model: 'gpt-4o', service_tier: 'batch', usage: usage(cell('input', 'none', 1000000), cell('output', 'none', 1000000)) },
        { total: '6.25' },
        ['service-tier'],
      ),
      valid(
        'gpt-4o priority tier (litellm *_priority)',
        { model: 'gpt-4o', service_tier: 'priority', usage: usage(cell('input', 'none', 1000), cell('input', 'read', 1000), cell('output', 'none', 1000)) },
        { total: '0.023375' },
        ['service-tier'],
      ),
      valid(
        'gpt-5 flex tier (litellm *_flex)',
        { model: 'gpt-5', service_tier: 'flex', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 1000)) },
        { total: '0.005625' },
        ['service-tier'],
      ),
      invalid(
        'gpt-4o flex: no flex entry, never falls back to standard',
        { model: 'gpt-4o', service_tier: 'flex', usage: usage(cell('input', 'none', 1000)) },
        'no-price',
        ['service-tier'],
      ),
      invalid(
        'gpt-4o batch with cache reads: the batch entry has no cache-read price → no-price, not free, not the input rate',
        { model: 'gpt-4o', service_tier: 'batch', usage: usage(cell('input', 'none', 10), cell('input', 'read', 1000)) },
        'no-price',
        ['no-price'],
      ),
      invalid(
        'gpt-4o audio input: no audio price → no-price',
        { model: 'gpt-4o', usage: usage(cell('input', 'none', 100, { modality: 'audio' })) },
        'no-price',
        ['no-price'],
      ),
      valid(
        'gemini-2.5-flash audio input priced by its own key, image by *',
        { model: 'gemini-2.5-flash', usage: usage(cell('input', 'none', 1000, { modality: 'audio' }), cell('input', 'none', 1000, { modality: 'image' })) },
        { total: '0.0013' },
        ['modality'],
      ),
      valid(
        'reasoning output without a reasoning price is priced as output',
        { model: 'o3', usage: usage(cell('output', 'none', 100, { phase: 'reasoning' }), cell('output', 'none', 50, { phase: 'answer' })) },
        { total: '0.0012' },
        ['reasoning'],
      ),
      valid(
        'a zero-token cell without a price costs nothing',
        { model: 'gpt-4o', usage: usage(cell('input', 'none', 10), cell('input', 'none', 0, { modality: 'audio' })) },
        { total: '0.000025' },
        ['zero'],
      ),
      invalid('unknown model, named with nearest known names', { model: 'claude-sonet-4-5', usage: usage(cell('input', 'none', 1)) }, 'unknown-model', [
        'unknown-model',
      ]),
      invalid(
        'a dated name not listed as an alias is unknown (no prefix matching)',
        { model: 'gpt-4o-2024-08-06', usage: usage(cell('input', 'none', 1)) },
        'unknown-model',
        ['unknown-model'],
      ),
      invalid(
        'web search reported for a model with no web-search fee',
        { model: 'gpt-4o', usage: usage(cell('input', 'none', 1)), events: { web_search: 1 } },
        'no-price',
        ['fee'],
      ),
      invalid('negative tokens', { model: 'gpt-4o', usage: usage(cell('input', 'none', -1)) }, 'input-invalid', ['bad-usage']),
      invalid('fractional tokens', { model: 'gpt-4o', usage: usage(cell('input', 'none', 1.5)) }, 'input-invalid', ['bad-usage']),
      invalid('tokens beyond 2^53-1', { model: 'gpt-4o', usage: usage(cell('input', 'none', 9007199254740992)) }, 'input-invalid', ['bad-usage']),
      invalid('tokens as a string', { model: 'gpt-4o', usage: usage(cell('input', 'none', '100' as unknown as number)) }, 'input-invalid', ['bad-usage']),
      invalid('a direction outside the schema', { model: 'gpt-4o', usage: usage(cell('sideways', 'none', 10)) }, 'input-invalid', ['bad-usage']),
      invalid('an output cell with a cache state (output is never cached)', { model: 'gpt-4o', usage: usage(cell('output', 'read', 10)) }, 'input-invalid', [
        'bad-usage',
      ]),
      invalid(
        'the same cell twice would be billed twice',
        { model: 'gpt-4o', usage: usage(cell('input', 'none', 10), cell('input', 'none', 10)) },
        'input-invalid',
        ['bad-usage'],
      ),
      invalid('request time without offset', { model: 'gpt-4o', at: '2025-06-10 12:00:00', usage: usage(cell('input', 'none', 10)) }, 'input-invalid', [
        'bad-time',
      ]),
      invalid('request time on an impossible date', { model: 'gpt-4o', at: '2025-02-30T12:00:00Z', usage: usage(cell('input', 'none', 10)) }, 'input-invalid', [
        'bad-time',
      ]),
      invalid(
        'Anthropic usage with negative input tokens is rejected by its convention',
        { model: 'claude-sonnet-4-5', native: { api: 'anthropic-messages', usage: { input_tokens: -3, output_tokens: 1 } } },
        'input-invalid',
        ['bad-usage'],
      ),
    ],
  },
  {
    comment: 'Fees: per request and per event (TMS-P-012); synthetic sheet',
    sheet: sheet('fees', [
      {
        id: 'with-fee',
        model: 'with-fee',
        notes: 'synthetic: genai-prices requests_kcount 1 (USD per 1000 requests) = 0.001 per request',
        prices: { 'input/none/text': '1', 'output/none/text': '2' },
        fees: { request: '0.001', web_search: '0.01' },
      },
    ]),
    tests: [
      valid(
        'request fee once per request',
        { model: 'with-fee', usage: usage(cell('input', 'none', 1000), cell('output', 'none', 1000)) },
        { total: '0.004' },
        ['fee'],
      ),
      valid('request fee on an empty usage', { model: 'with-fee', usage: usage() }, { total: '0.001' }, ['fee']),
      valid('three web searches', { model: 'with-fee', usage: usage(), events: { web_search: 3 } }, { total: '0.031' }, ['fee']),
    ],
  },
  {
    comment:
      'Peak/off-peak schedule in Beijing time, weekdays only (DeepSeek Chinese page, xyzs996/llm-api-pricing#44); prices: V4 Flash, off-peak at half (https://api-docs.deepseek.com/quick_start/pricing)',
    sheet: sheet('deepseek-beijing', [
      {
        id: 'peak',
        model: 'deepseek-v4-flash',
        time_zone: 'Asia/Shanghai',
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', until: '12:00' },
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '14:00', until: '18:00' },
        ],
        prices: { 'input/none/text': '0.14', 'input/read/text': '0.0028', 'output/none/text': '0.28' },
      },
      {
        id: 'off-peak',
        model: 'deepseek-v4-flash',
        time_zone: 'Asia/Shanghai',
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '00:00', until: '09:00' },
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '12:00', until: '14:00' },
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', until: '24:00' },
          { days: ['sat', 'sun'], from: '00:00', until: '24:00' },
        ],
        prices: { 'input/none/text': '0.07', 'input/read/text': '0.0014', 'output/none/text': '0.14' },
      },
    ]),
    tests: [
      valid(
        'Friday 09:30 Beijing (01:30Z) is peak',
        { model: 'deepseek-v4-flash', at: '2026-08-21T01:30:00Z', usage: usage(cell('input', 'none', 1000000)) },
        { total: '0.14' },
        ['time-of-day', 'time-zone'],
      ),
      valid(
        'Saturday 09:30 Beijing (Saturday 01:30Z) is off-peak (weekend)',
        { model: 'deepseek-v4-flash', at: '2026-08-22T01:30:00Z', usage: usage(cell('input', 'none', 1000000)) },
        { total: '0.07' },
        ['time-of-day', 'time-zone'],
      ),
      valid(
        'Monday 00:30 Beijing is Sunday 16:30Z: the weekday is local (off-peak)',
        { model: 'deepseek-v4-flash', at: '2026-08-23T16:30:00Z', usage: usage(cell('input', 'none', 1000000)) },
        { total: '0.07' },
        ['time-of-day', 'time-zone'],
      ),
      valid(
        'Monday 09:00 Beijing is Monday 01:00Z: peak starts (inclusive)',
        { model: 'deepseek-v4-flash', at: '2026-08-24T01:00:00Z', usage: usage(cell('input', 'none', 1000000)) },
        { total: '0.14' },
        ['time-of-day', 'time-zone', 'boundary'],
      ),
      valid(
        'Monday 18:00 Beijing (10:00Z): peak ended (until is exclusive)',
        { model: 'deepseek-v4-flash', at: '2026-08-24T10:00:00Z', usage: usage(cell('input', 'none', 1000000)) },
        { total: '0.07' },
        ['time-of-day', 'time-zone', 'boundary'],
      ),
    ],
  },
  {
    comment: 'Windows in two time zones overlap only on some days: pricing there is ambiguous-price (TMS-P-009); synthetic',
    sheet: sheet('two-zones', [
      { id: 'new-york-evening', model: 'm', time_zone: 'America/New_York', windows: [{ from: '18:00', until: '19:00' }], prices: { 'input/none/text': '1' } },
      { id: 'utc-night', model: 'm', time_zone: 'UTC', windows: [{ from: '22:00', until: '23:00' }], prices: { 'input/none/text': '2' } },
    ]),
    tests: [
      valid(
        '2026-01-15T22:30Z is 17:30 in New York (EST): only utc-night matches',
        { model: 'm', at: '2026-01-15T22:30:00Z', usage: inOnly(1000000) },
        { total: '2' },
        ['time-zone'],
      ),
      valid(
        '2026-01-15T23:30Z is 18:30 in New York (EST): only new-york-evening matches',
        { model: 'm', at: '2026-01-15T23:30:00Z', usage: inOnly(1000000) },
        { total: '1' },
        ['time-zone'],
      ),
      invalid(
        '2026-07-15T22:30Z is 18:30 in New York (EDT) and 22:30 UTC: both match → ambiguous-price',
        { model: 'm', at: '2026-07-15T22:30:00Z', usage: inOnly(1000000) },
        'ambiguous-price',
        ['ambiguity', 'time-zone'],
      ),
      invalid('2026-01-15T12:00Z matches no window → no-price', { model: 'm', at: '2026-01-15T12:00:00Z', usage: inOnly(1000000) }, 'no-price', ['no-price']),
    ],
  },
];

const priceNotes: Record<string, { description: string; bug_type?: string }> = {
  'cache-subset': {
    description: 'The API reports cached tokens as a subset of the prompt count; they must not be priced twice (TMS-P-016).',
    bug_type: 'double-count',
  },
  'cache-disjoint': {
    description: 'Anthropic reports input, cache reads and cache writes as disjoint counters; each is priced once (TMS-P-016).',
    bug_type: 'double-count',
  },
  'cache-ttl': { description: 'Cache writes priced by lifetime (5m, 1h).' },
  reasoning: { description: 'Reasoning tokens are output; priced as output unless a reasoning price is given (TMS-P-006).', bug_type: 'double-count' },
  modality: { description: 'Modality-specific and * prices (TMS-P-006).' },
  cliff: { description: 'All-or-nothing tier selected by the basis count (TMS-P-007).', bug_type: 'tier' },
  graduated: { description: 'Marginal tiers: each band at its own price (TMS-P-007).', bug_type: 'tier' },
  basis: { description: 'Which cells count toward the tier threshold (TMS-P-007).', bug_type: 'tier' },
  boundary: { description: 'A count or instant exactly at a threshold or window edge.', bug_type: 'off-by-one' },
  'time-of-day': { description: 'Time-of-day windows (TMS-P-005).' },
  'time-zone': { description: 'Windows evaluated in an IANA time zone, with local weekday and daylight saving (TMS-P-005).' },
  'effective-date': { description: 'Date-effective prices [from, until) (TMS-P-005).' },
  'service-tier': { description: 'Service tier resolution without fallback (TMS-P-008).' },
  'no-price': { description: 'A cell or instant without a price must give no-price, never zero (TMS-P-006).', bug_type: 'silent-free' },
  'unknown-model': { description: 'Unknown model names must be rejected, naming nearest known ones (TMS-P-010).' },
  fee: { description: 'Per-request and per-event fees (TMS-P-012).' },
  zero: { description: 'Zero-token cells cost nothing and need no price.' },
  'bad-usage': { description: 'Invalid token counts or repeated cells must be rejected (TMS-P-017).' },
  'bad-time': { description: 'A request time that is not RFC 3339 with offset must be rejected (TMS-P-005).' },
  ambiguity: { description: 'Two entries match the same instant: ambiguous-price naming both (TMS-P-009).', bug_type: 'ambiguity' },
};

const costRefs = [
  'src/measure/usageConventions.ts (which counters contain which; TMS-M-024..027)',
  'pydantic/genai-prices tests/dataset/usages.json (V2–V5 expected input_price/output_price)',
  'pydantic/genai-prices packages/js/src/__tests__/tieredPricing.test.ts and calcPrice.test.ts',
  'pydantic/genai-prices prices/providers/{openai,anthropic,google,deepseek}.yml (HEAD 47df840a, 2026-08-21)',
  'BerriAI/litellm model_prices_and_context_window.json (mirror Wei-Shaw/model-price-repo, 2026-07-24) and tiered_pricing.py',
  'Anthropic pricing docs copy (patrickcarmichael/claude-docs 73-model-pricing.md, 75-feature-specific-pricing.md, 2025-11-08)',
];

/** The pricing vector files: their groups, header, references, requirements and notes. */
export const priceGroups = [
  {
    file: 'pricing/cost.json',
    groups: costGroups,
    header: 'Cost of real usages with list prices (V1–V11, sources per test), priced through the canonical cells of each API convention.',
    reference: costRefs,
    requirements: ['TMS-P-006', 'TMS-P-011', 'TMS-P-012', 'TMS-P-016', 'TMS-P-005', 'TMS-P-007'],
    notes: priceNotes,
  },
  {
    file: 'pricing/tiers.json',
    groups: tierGroups,
    header:
      'Tiers: cliff versus graduated, basis and boundary (pydantic/genai-prices#241, #587; V7 genai-prices tieredPricing.test.ts; V12 LiteLLM tiered_pricing.py).',
    reference: costRefs,
    requirements: ['TMS-P-007', 'TMS-P-011'],
    notes: priceNotes,
  },
  {
    file: 'pricing/resolution.json',
    groups: resolutionGroups,
    header: 'Price resolution: effective dates, windows in time zones, service tiers, unknown models, missing prices, fees and bad usage.',
    reference: [...costRefs, 'xyzs996/llm-api-pricing discussion #44 (DeepSeek weekday schedule in Beijing time)'],
    requirements: ['TMS-P-005', 'TMS-P-006', 'TMS-P-008', 'TMS-P-009', 'TMS-P-010', 'TMS-P-012', 'TMS-P-017'],
    notes: priceNotes,
  },
];
