// chat vectors (prompt tokens of chat requests, TMS-M-011..013) and tools vectors (TMS-M-013).
import { countChat, type ChatMessage, type ChatTool } from '../../../src/measure/countChat.js';
import { isTokencertError } from '../../../src/errors/errors.js';
import { Checks, vectorFile, type Test } from './write.js';

const COOKBOOK_NEW = 'openai/openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb (API-verified)';
const COOKBOOK_OLD = 'openai/openai-cookbook@06d9feb examples/How_to_count_tokens_with_tiktoken.ipynb (API-verified)';
const GPTTOK = 'niieani/gpt-tokenizer@9182f2e src/fixtures/functionCallingTestCases.ts (expected prompt_tokens, gpt-4o)';

export const cookbookMessages: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];
export const weatherTools: ChatTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];
export const weatherMessages: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

interface Case {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  profile?: string;
  comment: string;
  flags: string[];
  cited?: { tokens: number; source: string; tools?: number };
}

function test(checks: Checks, c: Case): Test {
  const t: Test = { comment: c.comment, flags: c.flags, result: 'valid', model: c.model };
  if (c.profile) t.profile = c.profile;
  t.messages = c.messages;
  if (c.tools) t.tools = c.tools;
  if (c.cited) t.source = c.cited.source;
  try {
    const r = countChat({ model: c.model, messages: c.messages, tools: c.tools, profile: c.profile });
    if (c.cited) checks.same(`chat ${c.comment}`, c.cited.tokens, r.total);
    if (c.cited?.tools !== undefined) checks.same(`chat tools ${c.comment}`, c.cited.tools, r.breakdown.tools.total);
    Object.assign(t, {
      expected_profile: r.breakdown.profile,
      expected_encoding: r.breakdown.encoding,
      prompt_tokens: r.total,
      tools_tokens: r.breakdown.tools.total,
    });
  } catch (e) {
    if (!isTokencertError(e)) throw e;
    if (c.cited) checks.same(`chat ${c.comment}`, c.cited.tokens, `error ${e.code}`);
    Object.assign(t, { result: 'invalid', error: e.code });
  }
  return t;
}

const user = (content: string): ChatMessage => ({ role: 'user', content });
const sets: { name: string; messages: ChatMessage[] }[] = [
  { name: 'single user message', messages: [user('hello')] },
  { name: 'system + user', messages: [{ role: 'system', content: 'You are terse.' }, user('Summarise the plot of Hamlet in one line.')] },
  {
    name: 'multi-turn',
    messages: [
      user('hi'),
      { role: 'assistant', content: 'Hello! How can I help?' },
      user('What is 2 + 2?'),
      { role: 'assistant', content: '4' },
      user('And times 3?'),
    ],
  },
  {
    name: 'named participants',
    messages: [
      { role: 'user', name: 'alice', content: 'Hi Bob' },
      { role: 'user', name: 'bob_the_builder', content: 'Hi Alice' },
    ],
  },
  { name: 'multilingual', messages: [user('我非常渴望与人工智能一起工作'), user('こんにちは、世界！'), user('مرحبا بالعالم'), user('नमस्ते दुनिया')] },
  { name: 'empty content', messages: [user('')] },
  {
    name: 'text content parts',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'text', text: ' this, please.' },
        ],
      },
    ],
  },
  { name: 'emoji and special strings as text', messages: [user('🎉 <|endoftext|> <|im_start|> 👨‍👩‍👧‍👦')] },
  {
    name: 'tool call and tool result',
    messages: [
      user('Weather in Paris?'),
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":21}' },
    ],
  },
  { name: 'long system prompt', messages: [{ role: 'system', content: 'Follow the rules. '.repeat(200) }, user('ok')] },
];
const models = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4o-2024-08-06',
  'gpt-4',
  'gpt-4-turbo',
  'gpt-3.5-turbo',
  'gpt-3.5-turbo-0301',
  'o3',
  'o4-mini',
  'gpt-4.1',
  'gpt-5',
];
const refProfiles: [string, string][] = [
  ['claude-sonnet-4-5', 'tms-reference-anthropic'],
  ['gemini-2.5-flash', 'tms-reference-gemini'],
];

const toolSets: { name: string; tools: ChatTool[] }[] = [
  { name: 'no description', tools: [{ type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } }] },
  {
    name: 'description with trailing period',
    tools: [
      {
        type: 'function',
        function: {
          name: 'search',
          description: 'Search the web.',
          parameters: { type: 'object', properties: { q: { type: 'string', description: 'Query.' } } },
        },
      },
    ],
  },
  {
    name: 'numeric enum',
    tools: [
      {
        type: 'function',
        function: {
          name: 'set_level',
          description: 'Set level',
          parameters: { type: 'object', properties: { level: { type: 'integer', description: 'Level', enum: [1, 2, 3] } } },
        },
      },
    ],
  },
  {
    name: 'two tools',
    tools: [
      ...weatherTools,
      {
        type: 'function',
        function: {
          name: 'get_time',
          description: 'Current time in a time zone',
          parameters: { type: 'object', properties: { tz: { type: 'string', description: 'IANA zone, e.g. Europe/Paris' } }, required: ['tz'] },
        },
      },
    ],
  },
  {
    name: 'nested object (not counted by the cookbook rule)',
    tools: [
      {
        type: 'function',
        function: {
          name: 'create_user',
          description: 'Create a user',
          parameters: { type: 'object', properties: { address: { type: 'object', description: 'Postal address', properties: { city: { type: 'string' } } } } },
        },
      },
    ],
  },
  {
    name: 'multilingual description',
    tools: [
      {
        type: 'function',
        function: {
          name: 'translate',
          description: '将文本翻译成目标语言',
          parameters: { type: 'object', properties: { lang: { type: 'string', description: 'ISO 639-1', enum: ['zh', 'ja', 'ko'] } } },
        },
      },
    ],
  },
];

/** Builds vectors/measure/chat.json and vectors/measure/tools.json. */
export function generateChat(checks: Checks): { name: string; file: Record<string, unknown> }[] {
  const cited: Case[] = [
    ...['gpt-3.5-turbo', 'gpt-4-0613', 'gpt-4'].map((m) => ({
      model: m,
      messages: cookbookMessages,
      comment: `cookbook example messages, ${m}`,
      flags: ['cited'],
      cited: { tokens: 129, source: COOKBOOK_NEW },
    })),
    ...['gpt-3.5-turbo-0613', 'gpt-4-0314'].map((m) => ({
      model: m,
      messages: cookbookMessages,
      comment: `cookbook example messages, ${m}`,
      flags: ['cited'],
      cited: { tokens: 129, source: COOKBOOK_OLD },
    })),
    ...['gpt-4o', 'gpt-4o-mini'].map((m) => ({
      model: m,
      messages: cookbookMessages,
      comment: `cookbook example messages, ${m}`,
      flags: ['cited'],
      cited: { tokens: 124, source: COOKBOOK_NEW },
    })),
    {
      model: 'gpt-3.5-turbo-0301',
      messages: cookbookMessages,
      comment: 'cookbook example messages, gpt-3.5-turbo-0301 rule',
      flags: ['cited'],
      cited: { tokens: 127, source: COOKBOOK_OLD },
    },
    { model: 'gpt-4o', messages: [user('hello')], comment: 'hello (gpt-4o)', flags: ['cited'], cited: { tokens: 8, source: GPTTOK } },
    {
      model: 'gpt-4',
      messages: [user('hello')],
      comment: 'hello (gpt-4, same overhead)',
      flags: ['cited'],
      cited: { tokens: 8, source: `${GPTTOK}; OVINC-CN/OpenWebUI#71` },
    },
    { model: 'gpt-4o', messages: [user('hello world')], comment: 'hello world', flags: ['cited'], cited: { tokens: 9, source: GPTTOK } },
    { model: 'gpt-4o', messages: [{ role: 'system', content: 'hello:' }], comment: 'system hello:', flags: ['cited'], cited: { tokens: 9, source: GPTTOK } },
    {
      model: 'gpt-4o',
      messages: [{ role: 'system', content: "# Important: you're the best robot" }, user('hello robot'), { role: 'assistant', content: 'hello world' }],
      comment: 'three messages',
      flags: ['cited'],
      cited: { tokens: 26, source: GPTTOK },
    },
    { model: 'gpt-4o', messages: [cookbookMessages[1]], comment: 'one named message', flags: ['cited'], cited: { tokens: 20, source: GPTTOK } },
  ];
  const generated: Case[] = [];
  for (const s of sets) {
    for (const m of models) generated.push({ model: m, messages: s.messages, comment: `${s.name}, ${m}`, flags: [] });
    for (const [m, p] of refProfiles) generated.push({ model: m, profile: p, messages: s.messages, comment: `${s.name}, ${p}`, flags: ['reference-profile'] });
  }
  const invalid: Case[] = [
    { model: 'claude-sonnet-4-5', messages: [user('hi')], comment: 'non-OpenAI model without a profile', flags: ['rejected'] },
    { model: 'davinci', messages: [user('hi')], comment: 'model whose encoding has no chat profile (r50k_base)', flags: ['rejected'] },
    { model: 'gpt-4o', profile: 'openai-2099', messages: [user('hi')], comment: 'unknown profile', flags: ['rejected'] },
    {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
      comment: 'image part has no text rule',
      flags: ['rejected'],
    },
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'x', weight: 2 }], comment: 'non-string field without a rule', flags: ['rejected'] },
    { model: 'gpt-3.5-turbo-0301', messages: weatherMessages, tools: weatherTools, comment: 'tools under the 0301 profile', flags: ['rejected'] },
  ];
  const toolCited: Case[] = [
    ...['gpt-3.5-turbo', 'gpt-4'].map((m) => ({
      model: m,
      messages: weatherMessages,
      tools: weatherTools,
      comment: `cookbook weather tool, ${m}`,
      flags: ['cited'],
      cited: { tokens: 105, tools: 71, source: `${COOKBOOK_NEW}; tool part 71 = 105 − the notebook's 34 message tokens (cl100k_base)` },
    })),
    ...['gpt-4o', 'gpt-4o-mini'].map((m) => ({
      model: m,
      messages: weatherMessages,
      tools: weatherTools,
      comment: `cookbook weather tool, ${m}`,
      flags: ['cited'],
      cited: { tokens: 101, tools: 68, source: `${COOKBOOK_NEW}; tool part 68 = 101 − the notebook's 33 message tokens (o200k_base)` },
    })),
  ];
  const toolGen: Case[] = [];
  for (const s of toolSets) {
    for (const m of ['gpt-4o', 'gpt-4', 'gpt-3.5-turbo', 'o3'])
      toolGen.push({ model: m, messages: [user('hello')], tools: s.tools, comment: `${s.name}, ${m}`, flags: [] });
    for (const [m, p] of refProfiles)
      toolGen.push({ model: m, profile: p, messages: [user('hello')], tools: s.tools, comment: `${s.name}, ${p}`, flags: ['reference-profile'] });
  }
  const notes = {
    cited: 'prompt_tokens quoted from the named source (API-verified where the source says so); the generator refused to write on disagreement.',
    'reference-profile': "A tokencert reference-provider profile (tms-reference-*), tokencert's own documented framing.",
    rejected: 'The request cannot be counted and must be rejected with the given error code.',
  };
  const reference = [COOKBOOK_NEW, COOKBOOK_OLD, GPTTOK, 'src/measure/chatProfiles.ts (the framing profiles these vectors exercise)'];
  return [
    {
      name: 'measure/chat.json',
      file: vectorFile({
        kind: 'chat',
        requirements: ['TMS-M-011', 'TMS-M-012'],
        reference,
        header: [
          'Prompt tokens of OpenAI Chat Completions requests under named framing profiles.',
          'prompt_tokens = framing + text of every string field + reply priming; tools_tokens is 0 without tools.',
        ],
        notes,
        groups: [
          { tests: cited.map((c) => test(checks, c)) },
          { tests: generated.map((c) => test(checks, c)) },
          { tests: invalid.map((c) => test(checks, c)) },
        ],
      }),
    },
    {
      name: 'measure/tools.json',
      file: vectorFile({
        kind: 'chat',
        requirements: ['TMS-M-013'],
        reference,
        header: ['Prompt tokens of chat requests with function tools (cookbook num_tokens_for_tools framing).'],
        notes,
        groups: [{ tests: toolCited.map((c) => test(checks, c)) }, { tests: toolGen.map((c) => test(checks, c)) }],
      }),
    },
  ];
}
