import { describe, expect, it } from 'vitest';
import { countChat } from './countChat.js';

// openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb (printed outputs, API-verified).
const cookbook = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];
const weather = {
  tools: [
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
  ],
  messages: [
    { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
    { role: 'user', content: "What's the weather like in San Francisco?" },
  ],
};

describe('countChat (TMS-M-011, TMS-M-012, TMS-M-013)', () => {
  it('TMS-M-011: cookbook API-verified 129 (cl100k) and 124 (o200k)', () => {
    for (const m of ['gpt-4', 'gpt-4-0613', 'gpt-3.5-turbo']) expect(countChat({ model: m, messages: cookbook }).total, m).toBe(129);
    for (const m of ['gpt-4o', 'gpt-4o-mini']) expect(countChat({ model: m, messages: cookbook }).total, m).toBe(124);
    expect(countChat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).total).toBe(8);
  });

  it('TMS-M-012: gpt-3.5-turbo-0301 gives 127', () => {
    const r = countChat({ model: 'gpt-3.5-turbo-0301', messages: cookbook });
    expect(r.total).toBe(127);
    expect(r.breakdown.profile).toBe('openai-gpt-3.5-turbo-0301');
  });

  it('TMS-M-013: weather tool 105 (gpt-4, gpt-3.5-turbo) and 101 (gpt-4o, gpt-4o-mini)', () => {
    for (const m of ['gpt-4', 'gpt-3.5-turbo']) expect(countChat({ model: m, ...weather }).total, m).toBe(105);
    for (const m of ['gpt-4o', 'gpt-4o-mini']) expect(countChat({ model: m, ...weather }).total, m).toBe(101);
    expect(countChat({ model: 'gpt-4o', ...weather }).breakdown.tools.total).toBe(68);
  });

  it('TMS-M-011: reference profiles are fixed to o200k_base and need no known model', () => {
    const a = countChat({ model: 'claude-sonnet-4-5', profile: 'tms-reference-anthropic', messages: [{ role: 'user', content: 'hello' }] });
    expect(a.total).toBe(4 + 1 + 1 + 3);
    const g = countChat({ model: 'gemini-2.5-flash', profile: 'tms-reference-gemini', messages: [{ role: 'user', content: 'hello' }] });
    expect(g.total).toBe(2 + 1 + 1 + 2);
    expect(() => countChat({ model: 'x', profile: 'nope', messages: [] })).toThrow(/unknown chat framing profile/);
  });

  it('TMS-M-003: an explicit encoding counts model ids tiktoken does not know, and must agree with the profile', () => {
    // The same cookbook messages under o200k_base give the cookbook's 124 whatever the model id.
    expect(countChat({ model: 'acme-chat-7', encoding: 'o200k_base', messages: cookbook }).total).toBe(124);
    expect(countChat({ model: 'acme-chat-7', encoding: 'cl100k_base', messages: cookbook }).total).toBe(129);
    // An explicit encoding wins over the model's own (gpt-4 resolves to cl100k_base).
    expect(countChat({ model: 'gpt-4', encoding: 'o200k_base', messages: cookbook }).breakdown.encoding).toBe('o200k_base');
    expect(() => countChat({ model: 'acme-chat-7', messages: cookbook })).toThrow(/acme-chat-7/);
    expect(() => countChat({ model: 'x', encoding: 'nope', messages: [] })).toThrow(/unknown encoding "nope"/);
    expect(() => countChat({ model: 'x', encoding: 'cl100k_base', profile: 'tms-reference-anthropic', messages: [] })).toThrow(/contradicts profile/);
    expect(() => countChat({ model: 'x', encoding: 'r50k_base', messages: [] })).toThrow(/no chat framing profile/);
  });
});
