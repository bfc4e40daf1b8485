// The official SDKs parse the reference provider's wire formats, streaming and not, and read the
// usage it reports (TMS-M-024, TMS-M-026, TMS-M-027, TMS-M-030, TMS-M-031, TMS-M-032).
// Retries are off in every SDK so a wire error fails the test instead of being retried away.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChat } from '../src/measure/countChat.js';
import { countText } from '../src/measure/countText.js';
import { startReferenceProvider, type RunningReferenceProvider } from '../src/reference-provider/startReferenceProvider.js';

const KEY = 'sk-test-reference-key';
let server: RunningReferenceProvider;

beforeAll(async () => {
  server = await startReferenceProvider({ port: 0, apiKey: KEY });
  // Load both tokenizers before the first test so no single test pays for it.
  countText('o200k_base', 'warm');
  countText('cl100k_base', 'warm');
}, 30_000);
afterAll(async () => {
  await server.close();
});

const messages = [
  { role: 'system' as const, content: 'You answer in a few words.' },
  { role: 'user' as const, content: 'Name a river.' },
];

describe('openai SDK (TMS-M-024, TMS-M-032)', () => {
  const client = (): OpenAI => new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });

  it('parses a completion whose usage equals countChat and the text count', async () => {
    const r = await client().chat.completions.create({ model: 'gpt-4o', messages, max_tokens: 12 });
    const u = r.usage!;
    expect(u.prompt_tokens).toBe(countChat({ model: 'gpt-4o', messages }).total);
    expect(u.completion_tokens).toBe(countText('o200k_base', r.choices[0].message.content ?? ''));
    expect(u.completion_tokens).toBeLessThanOrEqual(12);
    expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
  });

  it('streams with include_usage: one final usage chunk with empty choices, equal to the non-streamed usage (TMS-M-030)', async () => {
    const plain = await client().chat.completions.create({ model: 'gpt-4', messages, max_tokens: 40 });
    const stream = await client().chat.completions.create({ model: 'gpt-4', messages, max_tokens: 40, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const withUsage: unknown[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) withUsage.push(chunk);
      else expect(chunk.usage).toBeNull();
    }
    expect(withUsage).toHaveLength(1);
    const last = withUsage[0] as OpenAI.Chat.Completions.ChatCompletionChunk;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(plain.usage);
    expect(text).toBe(plain.choices[0].message.content);
  });

  it('reports o3 reasoning tokens inside completion_tokens', async () => {
    const r = await client().chat.completions.create({ model: 'o3', messages, max_completion_tokens: 200 });
    const reasoning = r.usage!.completion_tokens_details!.reasoning_tokens!;
    expect(reasoning).toBeGreaterThan(0);
    expect(r.usage!.completion_tokens).toBe(reasoning + countText('o200k_base', r.choices[0].message.content ?? ''));
  });

  it("is refused with the SDK's AuthenticationError for a wrong key", async () => {
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: `${server.url}/v1`, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'gpt-4o', messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});

describe('@anthropic-ai/sdk (TMS-M-026, TMS-M-031)', () => {
  const client = (): Anthropic => new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
  const params = {
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    system: 'You answer in a few words.',
    messages: [{ role: 'user' as const, content: 'Name a river.' }],
  };

  it('parses a message and its usage; count_tokens equals billed input (TMS-M-035)', async () => {
    const m = await client().messages.create(params);
    expect(m.usage.output_tokens).toBeGreaterThan(0);
    const count = await client().messages.countTokens({ model: params.model, system: params.system, messages: params.messages });
    expect(count.input_tokens).toBe(m.usage.input_tokens + (m.usage.cache_read_input_tokens ?? 0) + (m.usage.cache_creation_input_tokens ?? 0));
  });

  it('streams: finalMessage() usage equals the non-streamed usage (TMS-M-030)', async () => {
    const plain = await client().messages.create(params);
    const final = await client().messages.stream(params).finalMessage();
    expect(final.usage.output_tokens).toBe(plain.usage.output_tokens);
    expect(final.usage.input_tokens).toBe(plain.usage.input_tokens);
    expect(final.content).toEqual(plain.content);
  });

  it('reports thinking tokens within output_tokens when thinking is enabled (TMS-M-023)', async () => {
    const p = { ...params, max_tokens: 2048, thinking: { type: 'enabled' as const, budget_tokens: 1024 } };
    const final = await client().messages.stream(p).finalMessage();
    const thinking = final.content.find((b) => b.type === 'thinking');
    expect(thinking).toBeDefined();
    const details = (final.usage as unknown as { output_tokens_details: { thinking_tokens: number } }).output_tokens_details;
    expect(details.thinking_tokens).toBe(countText('o200k_base', (thinking as { thinking: string }).thinking));
    expect(details.thinking_tokens).toBeLessThan(final.usage.output_tokens);
  });
});

describe('@google/genai (TMS-M-027, TMS-M-031)', () => {
  // No retryOptions: @google/genai does not retry unless they are given.
  const client = (): GoogleGenAI => new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: server.url } });
  const contents = 'Name a river.';

  it('parses generateContent usageMetadata; countTokens equals promptTokenCount (TMS-M-035)', async () => {
    const r = await client().models.generateContent({ model: 'gemini-2.5-flash', contents, config: { maxOutputTokens: 20 } });
    const u = r.usageMetadata!;
    expect(u.candidatesTokenCount).toBe(countText('o200k_base', r.text ?? ''));
    expect(u.totalTokenCount).toBe(u.promptTokenCount! + u.candidatesTokenCount!);
    const c = await client().models.countTokens({ model: 'gemini-2.5-flash', contents });
    expect(c.totalTokens).toBe(u.promptTokenCount);
  });

  it('streams cumulative usageMetadata whose last value equals the non-streamed one (TMS-M-030)', async () => {
    const config = { maxOutputTokens: 30, thinkingConfig: { thinkingBudget: 16 } };
    const plain = await client().models.generateContent({ model: 'gemini-2.5-flash', contents, config });
    const seen: number[] = [];
    let last;
    for await (const chunk of await client().models.generateContentStream({ model: 'gemini-2.5-flash', contents, config })) {
      seen.push(chunk.usageMetadata!.candidatesTokenCount!);
      last = chunk.usageMetadata;
    }
    expect(seen.length).toBeGreaterThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(last).toEqual(plain.usageMetadata);
    expect(plain.usageMetadata!.thoughtsTokenCount).toBeGreaterThan(0);
  });
});
