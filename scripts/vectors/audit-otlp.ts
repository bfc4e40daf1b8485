// Generates vectors/audit/otlp-genai.json: OTLP/JSON trace exports of GenAI spans and what each
// span becomes (a measurement record, a span without usage, a non-GenAI span, or an invalid span)
// under the GenAI semantic conventions (TMS-A-015, TMS-A-016).
// Attribute values are quoted from open-telemetry/semantic-conventions at
// 953276ff4d0404cdddb515e7418e6a2cf43c2b0b: docs/gen-ai/non-normative/examples-llm-calls.md (the
// published example spans: names, trace/span ids, provider, models, response ids, usage) and
// docs/registry/attributes/gen-ai.md (the usage attributes' example values). Timestamps are added
// (the examples have none). Cross-checks, refusing to write on any disagreement: every record's
// cells against arithmetic written below from the conventions' text (input includes cache reads
// and writes, output includes reasoning; docs/gen-ai/anthropic.md: the Anthropic input is
// input + cache_read + cache_creation), and the provider spans against the same usage read
// natively through src/measure's conventions (Anthropic Messages, OpenAI Responses).
import { spanItems, type SpanItem } from '../../src/audit/read/otlpGenAi.js';
import { canonicalJson } from '../../src/digest/canonicalJson.js';
import { toCells } from '../../src/measure/usageConventions.js';
import { cellKey } from '../../src/measure/usageTotals.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { writeVectorFile } from '../../src/vectors/writeVectorFile.js';

const fail = (msg: string): never => {
  throw new Error(`scripts/vectors/audit-otlp.ts: ${msg} — refusing to write vectors`);
};
const SEMCONV = 'open-telemetry/semantic-conventions@953276ff4d0404cdddb515e7418e6a2cf43c2b0b';
type Attr = { key: string; value: Record<string, unknown> };
const s = (key: string, v: string): Attr => ({ key, value: { stringValue: v } });
// OTLP/JSON encodes int64 as a decimal string; some exporters write a JSON number. Both appear below.
const i = (key: string, v: number, asString = true): Attr => ({ key, value: { intValue: asString ? String(v) : v } });
const END = '1790812800000000000'; // 2026-10-01T00:00:00Z, added: the examples carry no timestamps

function span(name: string, traceId: string, spanId: string, attributes: Attr[], end = END) {
  return { traceId, spanId, name, kind: 3, startTimeUnixNano: String(BigInt(end) - 1_500_000_000n), endTimeUnixNano: end, attributes, status: {} };
}
function exportOf(spans: unknown[], scope = { name: 'opentelemetry.instrumentation.openai_v2', version: '2.1b0' }) {
  return { resourceSpans: [{ resource: { attributes: [s('service.name', 'shop-assistant')] }, scopeSpans: [{ scope, spans }] }] };
}
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const chat = (spanId: string, id: string, input: number, output: number, extra: Attr[] = [], asString = true) =>
  span('chat gpt-4', TRACE, spanId, [
    s('gen_ai.provider.name', 'openai'),
    s('gen_ai.operation.name', 'chat'),
    s('gen_ai.request.model', 'gpt-4'),
    i('gen_ai.request.max_tokens', 200),
    s('gen_ai.response.id', id),
    s('gen_ai.response.model', 'gpt-4-0613'),
    i('gen_ai.usage.output_tokens', output, asString),
    i('gen_ai.usage.input_tokens', input, asString),
    ...extra,
  ]);

interface Case {
  comment: string;
  flags: string[];
  export: unknown;
  expect: { t: SpanItem['t']; cells?: Record<string, number>; pointer?: string }[];
  native?: { api: 'anthropic-messages' | 'openai-responses'; usage: unknown };
}

const cases: Case[] = [
  {
    comment: 'Simple chat completion, span with content capturing disabled (examples-llm-calls.md)',
    flags: ['Published'],
    export: exportOf([chat('00f067aa0ba902b7', 'chatcmpl-9J3uIL87gldCFtiIbyaOvTeYBRA3l', 52, 47)]),
    expect: [{ t: 'record', cells: { 'input/none/text': 52, 'output/none/text/answer': 47 } }],
  },
  {
    comment: 'Tool calls (functions): chat, execute_tool (a GenAI span without usage), chat (examples-llm-calls.md)',
    flags: ['Published', 'NoUsage'],
    export: exportOf([
      chat('00f067aa0ba902b7', 'chatcmpl-9J3uIL87gldCFtiIbyaOvTeYBRA3l', 47, 17),
      span('execute_tool get_weather', TRACE, '00f067aa0ba902b8', [
        s('gen_ai.operation.name', 'execute_tool'),
        s('gen_ai.tool.name', 'get_weather'),
        s('gen_ai.tool.call.id', 'call_VSPygqKTWdrhaFErNvMV18Yl'),
      ]),
      chat('00f067aa0ba902b9', 'chatcmpl-call_VSPygqKTWdrhaFErNvMV18Yl', 97, 52),
    ]),
    expect: [
      { t: 'record', cells: { 'input/none/text': 47, 'output/none/text/answer': 17 } },
      { t: 'no-usage' },
      { t: 'record', cells: { 'input/none/text': 97, 'output/none/text/answer': 52 } },
    ],
  },
  {
    comment: 'System instructions with chat history; counts as JSON numbers (examples-llm-calls.md)',
    flags: ['Published'],
    export: exportOf([chat('00f067aa0ba902b7', 'chatcmpl-9J3uIL87gldCFtiIbyaOvTeYBRA3l', 28, 10, [], false)]),
    expect: [{ t: 'record', cells: { 'input/none/text': 28, 'output/none/text/answer': 10 } }],
  },
  {
    comment: 'Tool calls (built-in), with an HTTP client span beside it that is no GenAI span',
    flags: ['Published', 'NotGenAi'],
    export: exportOf([
      chat('00f067aa0ba902b7', 'chatcmpl-9J3uIL87gldCFtiIbyaOvTeYBRA3l', 385, 44),
      span('POST', TRACE, '00f067aa0ba902c0', [s('http.request.method', 'POST'), s('server.address', 'api.openai.com')]),
    ]),
    expect: [{ t: 'record', cells: { 'input/none/text': 385, 'output/none/text/answer': 44 } }, { t: 'not-genai' }],
  },
  {
    comment: 'every usage attribute at its registry example value (gen-ai.md): input 100 ⊇ cache_read 50 + cache_creation 25, output 180 ⊇ reasoning 50',
    flags: ['Registry'],
    export: exportOf([
      chat('00f067aa0ba902b7', 'resp_registry_example', 100, 180, [
        i('gen_ai.usage.cache_read.input_tokens', 50),
        i('gen_ai.usage.cache_creation.input_tokens', 25),
        i('gen_ai.usage.reasoning.output_tokens', 50),
      ]),
    ]),
    expect: [
      {
        t: 'record',
        cells: { 'input/none/text': 25, 'input/read/text': 50, 'input/write/text': 25, 'output/none/text/answer': 130, 'output/none/text/reasoning': 50 },
      },
    ],
  },
  {
    comment:
      'Anthropic under semconv (anthropic.md): input_tokens = input 10 + cache_read 512 + cache_creation 1733 of vectors/measure/usage-anthropic-messages.json #2',
    flags: ['Provider'],
    export: exportOf(
      [
        span('chat claude-sonnet-4-5', TRACE, '00f067aa0ba902b7', [
          s('gen_ai.provider.name', 'anthropic'),
          s('gen_ai.operation.name', 'chat'),
          s('gen_ai.request.model', 'claude-sonnet-4-5'),
          s('gen_ai.response.id', 'msg_01semconv'),
          i('gen_ai.usage.input_tokens', 2255),
          i('gen_ai.usage.output_tokens', 5),
          i('gen_ai.usage.cache_read.input_tokens', 512),
          i('gen_ai.usage.cache_creation.input_tokens', 1733),
        ]),
      ],
      { name: 'opentelemetry.instrumentation.anthropic', version: '0.1b0' },
    ),
    expect: [{ t: 'record' }],
    native: { api: 'anthropic-messages', usage: { input_tokens: 10, cache_creation_input_tokens: 1733, cache_read_input_tokens: 512, output_tokens: 5 } },
  },
  {
    comment: "Anthropic, provider-native attribute names (cache_read_input_tokens): input_tokens is Anthropic's own, excluding the cache",
    flags: ['Provider', 'Legacy'],
    export: exportOf(
      [
        span('anthropic.chat', TRACE, '00f067aa0ba902b7', [
          s('gen_ai.system', 'anthropic'),
          s('gen_ai.request.model', 'claude-sonnet-4-5'),
          s('gen_ai.response.id', 'msg_01native'),
          i('gen_ai.usage.input_tokens', 10),
          i('gen_ai.usage.output_tokens', 5),
          i('gen_ai.usage.cache_read_input_tokens', 512),
          i('gen_ai.usage.cache_creation_input_tokens', 1733),
        ]),
      ],
      { name: 'opentelemetry.instrumentation.anthropic', version: '0.40.0' },
    ),
    expect: [{ t: 'record' }],
    native: { api: 'anthropic-messages', usage: { input_tokens: 10, cache_creation_input_tokens: 1733, cache_read_input_tokens: 512, output_tokens: 5 } },
  },
  {
    comment:
      'OpenAI Responses under semconv (openai.md): cache_read is input_tokens_details.cached_tokens, reasoning is output_tokens_details.reasoning_tokens (vectors/measure/usage-openai-responses.json #1)',
    flags: ['Provider'],
    export: exportOf([
      span('chat gpt-5', TRACE, '00f067aa0ba902b7', [
        s('gen_ai.provider.name', 'openai'),
        s('gen_ai.operation.name', 'chat'),
        s('gen_ai.request.model', 'gpt-5'),
        s('gen_ai.response.id', 'resp_semconv'),
        i('gen_ai.usage.input_tokens', 2455),
        i('gen_ai.usage.output_tokens', 120),
        i('gen_ai.usage.cache_read.input_tokens', 2048),
        i('gen_ai.usage.reasoning.output_tokens', 64),
      ]),
    ]),
    expect: [{ t: 'record' }],
    native: {
      api: 'openai-responses',
      usage: {
        input_tokens: 2455,
        input_tokens_details: { cached_tokens: 2048 },
        output_tokens: 120,
        output_tokens_details: { reasoning_tokens: 64 },
        total_tokens: 2575,
      },
    },
  },
  {
    comment:
      'deprecated names: gen_ai.system, gen_ai.usage.prompt_tokens / completion_tokens (registry: replaced by provider.name, input_tokens, output_tokens)',
    flags: ['Legacy'],
    export: exportOf([
      span('chat gpt-4', TRACE, '00f067aa0ba902b7', [
        s('gen_ai.system', 'openai'),
        s('gen_ai.request.model', 'gpt-4'),
        s('gen_ai.response.id', 'chatcmpl-legacy'),
        i('gen_ai.usage.prompt_tokens', 42),
        i('gen_ai.usage.completion_tokens', 42),
      ]),
    ]),
    expect: [{ t: 'record', cells: { 'input/none/text': 42, 'output/none/text/answer': 42 } }],
  },
  {
    comment: 'no gen_ai.response.id: the record id is span:<traceId>/<spanId>',
    flags: ['Envelope'],
    export: exportOf([
      span(
        'chat gpt-4',
        TRACE,
        '00f067aa0ba902b7',
        [s('gen_ai.provider.name', 'openai'), s('gen_ai.request.model', 'gpt-4'), i('gen_ai.usage.input_tokens', 52), i('gen_ai.usage.output_tokens', 47)],
        '1790812800123456000',
      ),
    ]),
    expect: [{ t: 'record', cells: { 'input/none/text': 52, 'output/none/text/answer': 47 } }],
  },
  {
    comment: 'cache reads above the inclusive input count',
    flags: ['Invalid'],
    export: exportOf([chat('00f067aa0ba902b7', 'chatcmpl-bad1', 40, 10, [i('gen_ai.usage.cache_read.input_tokens', 50)])]),
    expect: [{ t: 'bad', pointer: '/resourceSpans/0/scopeSpans/0/spans/0/attributes/7/value' }],
  },
  {
    comment: 'a count that is not an integer',
    flags: ['Invalid'],
    export: exportOf([chat('00f067aa0ba902b7', 'chatcmpl-bad2', 52, 47, [{ key: 'gen_ai.usage.reasoning.output_tokens', value: { intValue: '4.5' } }])]),
    expect: [{ t: 'bad', pointer: '/resourceSpans/0/scopeSpans/0/spans/0/attributes/8/value' }],
  },
  {
    comment: 'usage without a provider',
    flags: ['Invalid'],
    export: exportOf([
      span('chat', TRACE, '00f067aa0ba902b7', [
        s('gen_ai.request.model', 'gpt-4'),
        s('gen_ai.response.id', 'x'),
        i('gen_ai.usage.input_tokens', 1),
        i('gen_ai.usage.output_tokens', 1),
      ]),
    ]),
    expect: [{ t: 'bad', pointer: '/resourceSpans/0/scopeSpans/0/spans/0/attributes' }],
  },
];

export async function generate(): Promise<string[]> {
  const tests = cases.map((c, n) => {
    const items = spanItems(structuredClone(c.export));
    if ('error' in items) return fail(`"${c.comment}": ${items.error}`);
    if (items.length !== c.expect.length) fail(`"${c.comment}": ${items.length} items, expected ${c.expect.length}`);
    items.forEach((it, k) => {
      const e = c.expect[k];
      if (it.t !== e.t) fail(`"${c.comment}" span ${k}: ${it.t}, expected ${e.t}${it.t === 'bad' ? ` (${it.message})` : ''}`);
      if (e.pointer !== undefined && it.pointer !== e.pointer) fail(`"${c.comment}" span ${k}: pointer ${it.pointer}, expected ${e.pointer}`);
      if (it.t !== 'record') return;
      const got = Object.fromEntries(it.record.usage.cells.map((x) => [cellKey(x), x.tokens]));
      let want = e.cells;
      if (c.native) {
        const r = toCells(c.native.api, c.native.usage);
        if (!r.ok) return fail(`"${c.comment}": native usage refused: ${r.message}`);
        want = Object.fromEntries(r.usage.cells.map((x) => [cellKey(x), x.tokens]));
      }
      if (!want || canonicalJson(got) !== canonicalJson(want)) fail(`"${c.comment}" span ${k}: cells ${canonicalJson(got)} ≠ ${canonicalJson(want)}`);
    });
    return { tc_id: n + 1, comment: c.comment, flags: c.flags, result: c.expect.some((e) => e.t === 'bad') ? 'invalid' : 'valid', export: c.export, items };
  });
  return [
    await writeVectorFile('audit/otlp-genai.json', {
      schema: 'vectors-otlp-genai.json',
      spec_version: specVersion,
      kind: 'otlp-genai',
      source: {
        name: 'tokencert reference implementation (src/audit/read/otlpGenAi.ts)',
        version: toolVersion,
        reference: [
          `${SEMCONV}:docs/gen-ai/non-normative/examples-llm-calls.md (example spans: attributes, trace and span ids, usage)`,
          `${SEMCONV}:docs/registry/attributes/gen-ai.md (usage attribute examples; input includes cache, output includes reasoning; deprecated names)`,
          `${SEMCONV}:docs/gen-ai/anthropic.md (gen_ai.usage.input_tokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens)`,
          `${SEMCONV}:docs/gen-ai/openai.md (cache_read = usage.input_tokens_details.cached_tokens, reasoning = usage.output_tokens_details.reasoning_tokens)`,
          'scripts/vectors/audit-otlp.ts: cells cross-checked by arithmetic from the conventions and against src/measure conventions on the same native usage',
        ],
      },
      requirements: ['TMS-A-015', 'TMS-A-016'],
      notes: {
        Published: { description: "Spans of the semantic conventions' published examples." },
        Registry: { description: "Usage attributes at the registry's example values." },
        Provider: { description: "A provider's usage as a span; cells must equal the provider-native normalisation." },
        Legacy: { description: 'Deprecated or pre-registry attribute names instrumentations still emit.' },
        NoUsage: { description: 'A GenAI span without token usage: accounted, never a record.' },
        NotGenAi: { description: 'A span of another kind in the same export: accounted, never a record.' },
        Envelope: { description: 'Record fields from the span itself.' },
        Invalid: { description: 'A span that cannot become a record; the pointer names the attribute at fault.' },
      },
      test_groups: [{ tests }],
    }),
  ];
}
