// Wire shapes, determinism, exact output limits, caching and auth of the honest reference provider
// (TMS-M-008, TMS-M-024, TMS-M-026, TMS-M-027, TMS-M-030, TMS-M-031, TMS-M-032, TMS-M-033, TMS-M-034, TMS-M-035, TMS-M-036).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChat } from '../measure/countChat.js';
import { countText } from '../measure/countText.js';
import { toCells } from '../measure/usageConventions.js';
import { startReferenceProvider, type RunningReferenceProvider } from './startReferenceProvider.js';
import { parseSseEvents, postJson } from '../testing/testClient.js';

let p: RunningReferenceProvider;
beforeAll(async () => {
  p = await startReferenceProvider({ apiKey: 'k-test' });
  countText('o200k_base', 'warm');
  countText('cl100k_base', 'warm');
}, 30_000);
afterAll(() => p.close());

const oa = { authorization: 'Bearer k-test' };
const an = { 'x-api-key': 'k-test', 'anthropic-version': '2023-06-01' };
const ge = { 'x-goog-api-key': 'k-test' };
const messages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Tell me about rivers.' },
];
const long = 'The river runs past the old mill and under the stone bridge. '.repeat(120);

describe('OpenAI Chat Completions', () => {
  it('bills countChat input and the exact token count of the text, and a valid usage object (TMS-M-024, TMS-M-034)', async () => {
    const r = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-4o', messages }, oa);
    expect(r.status).toBe(200);
    expect(r.json.object).toBe('chat.completion');
    expect(r.json.usage.prompt_tokens).toBe(countChat({ model: 'gpt-4o', messages }).total);
    expect(r.json.usage.completion_tokens).toBe(countText('o200k_base', r.json.choices[0].message.content));
    expect(toCells('openai-chat', r.json.usage).ok).toBe(true);
  });

  it('stops at max_tokens exactly with finish_reason length (TMS-M-033)', async () => {
    for (const limit of [1, 2, 5, 9]) {
      const r = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-4', messages, max_tokens: limit }, oa);
      expect(r.json.usage.completion_tokens).toBe(limit);
      expect(countText('cl100k_base', r.json.choices[0].message.content)).toBe(limit);
      expect(r.json.choices[0].finish_reason).toBe('length');
    }
  });

  it('counts o3 reasoning inside max_completion_tokens', async () => {
    const r = await postJson(p.url, '/v1/chat/completions', { model: 'o3', messages, max_completion_tokens: 10 }, oa);
    expect(r.json.usage.completion_tokens).toBe(10);
    expect(r.json.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('refuses max_tokens for o3 with HTTP 400 as OpenAI does for reasoning models (TMS-C-115)', async () => {
    const r = await postJson(p.url, '/v1/chat/completions', { model: 'o3', messages, max_tokens: 10 }, oa);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      error: {
        message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
    });
  });

  it('answers identical requests identically, streamed or not (TMS-M-008, TMS-M-030)', async () => {
    const body = { model: 'gpt-4o', messages, max_tokens: 30 };
    const a = await postJson(p.url, '/v1/chat/completions', body, oa);
    const b = await postJson(p.url, '/v1/chat/completions', body, oa);
    expect(b.json.choices).toEqual(a.json.choices);
    expect(b.json.usage).toEqual(a.json.usage);
    const s = await postJson(p.url, '/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } }, oa);
    const events = parseSseEvents(s.text);
    expect(events.at(-1)!.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => e.data as any);
    // TMS-M-032: usage null on every chunk but one extra final chunk with empty choices.
    expect(chunks.slice(0, -1).every((c) => c.usage === null && c.choices.length === 1)).toBe(true);
    expect(chunks.at(-1).choices).toEqual([]);
    expect(chunks.at(-1).usage).toEqual(a.json.usage);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe(a.json.choices[0].message.content);
  });

  it('sends no usage field at all without include_usage, and rejects stream_options without stream (TMS-M-032)', async () => {
    const s = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-4o', messages, stream: true }, oa);
    const chunks = parseSseEvents(s.text)
      .slice(0, -1)
      .map((e) => e.data as Record<string, unknown>);
    expect(chunks.every((c) => !('usage' in c) && (c.choices as unknown[]).length === 1)).toBe(true);
    const bad = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-4o', messages, stream_options: { include_usage: true } }, oa);
    expect(bad.status).toBe(400);
    expect(bad.json.error.param).toBe('stream_options');
  });

  it('counts Responses input tokens as billed for the same messages (TMS-M-035)', async () => {
    const r = await postJson(p.url, '/v1/responses/input_tokens', { model: 'gpt-4o', input: messages }, oa);
    expect(r.json).toEqual({ object: 'response.input_tokens', input_tokens: countChat({ model: 'gpt-4o', messages }).total });
  });

  it('reports a repeated long prefix as cached in 128-token steps from 1024 (TMS-M-036)', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: `${long} First question?` }], max_tokens: 4 };
    const first = await postJson(p.url, '/v1/chat/completions', body, oa);
    expect(first.json.usage.prompt_tokens_details.cached_tokens).toBe(0);
    const second = await postJson(p.url, '/v1/chat/completions', { ...body, messages: [{ role: 'user', content: `${long} Second question?` }] }, oa);
    const cached = second.json.usage.prompt_tokens_details.cached_tokens;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.json.usage.prompt_tokens);
  });

  it("lists its models and answers errors in OpenAI's shape", async () => {
    const models = (await (await fetch(`${p.url}/v1/models`, { headers: oa })).json()) as { data: { id: string }[] };
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(['gpt-4o', 'gpt-4', 'o3']);
    const unknown = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-9', messages }, oa);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'model_not_found']);
    const noKey = await postJson(p.url, '/v1/chat/completions', { model: 'gpt-4o', messages });
    expect([noKey.status, noKey.json.error.type]).toEqual([401, 'invalid_request_error']);
    expect(noKey.text).not.toContain('k-test');
    const broken = await postJson(p.url, '/v1/chat/completions', '{"model":', oa);
    expect(broken.status).toBe(400);
  });
});

describe('Anthropic Messages', () => {
  const body = { model: 'claude-sonnet-4-5', max_tokens: 40, system: 'Be brief.', messages: [{ role: 'user', content: 'Tell me about rivers.' }] };

  it('streams message_start (output 1), blocks, a cumulative message_delta and message_stop equal to the JSON usage (TMS-M-026, TMS-M-031)', async () => {
    const j = await postJson(p.url, '/v1/messages', body, an);
    expect(j.json.type).toBe('message');
    expect(toCells('anthropic-messages', j.json.usage).ok).toBe(true);
    const s = await postJson(p.url, '/v1/messages', { ...body, stream: true }, an);
    const ev = parseSseEvents(s.text);
    expect(ev.map((e) => e.event).filter((e) => e !== 'content_block_delta')).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = ev[0].data as any;
    expect(start.message.usage.output_tokens).toBe(1);
    expect(start.message.usage.input_tokens).toBe(j.json.usage.input_tokens);
    const delta = ev.find((e) => e.event === 'message_delta')!.data as any;
    expect(delta.usage.output_tokens).toBe(j.json.usage.output_tokens);
    expect(delta.usage.input_tokens).toBe(j.json.usage.input_tokens);
  });

  it('count_tokens equals billed input and max_tokens stops with max_tokens (TMS-M-033, TMS-M-035)', async () => {
    const c = await postJson(p.url, '/v1/messages/count_tokens', { model: body.model, system: body.system, messages: body.messages }, an);
    const j = await postJson(p.url, '/v1/messages', { ...body, max_tokens: 3 }, an);
    expect(c.json.input_tokens).toBe(j.json.usage.input_tokens);
    expect([j.json.usage.output_tokens, j.json.stop_reason]).toEqual([3, 'max_tokens']);
  });

  it('reports thinking tokens when thinking is enabled, inside max_tokens', async () => {
    const j = await postJson(p.url, '/v1/messages', { ...body, max_tokens: 1100, thinking: { type: 'enabled', budget_tokens: 1024 } }, an);
    const thinking = j.json.content.find((b: { type: string }) => b.type === 'thinking');
    expect(j.json.usage.output_tokens_details.thinking_tokens).toBe(countText('o200k_base', thinking.thinking));
    const text = j.json.content.find((b: { type: string }) => b.type === 'text').text;
    expect(j.json.usage.output_tokens).toBe(countText('o200k_base', thinking.thinking) + countText('o200k_base', text));
  });

  it('writes the cache at a cache_control breakpoint, then reads it (TMS-M-036)', async () => {
    const b = { ...body, max_tokens: 2, system: [{ type: 'text', text: long, cache_control: { type: 'ephemeral' } }] };
    const first = await postJson(p.url, '/v1/messages', b, an);
    expect(first.json.usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(1024);
    expect(first.json.usage.cache_creation.ephemeral_5m_input_tokens).toBe(first.json.usage.cache_creation_input_tokens);
    const second = await postJson(p.url, '/v1/messages', b, an);
    expect(second.json.usage.cache_read_input_tokens).toBe(first.json.usage.cache_creation_input_tokens);
    expect(second.json.usage.cache_creation_input_tokens).toBe(0);
    const total = (u: any): number => u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
    expect(total(second.json.usage)).toBe(total(first.json.usage));
  });

  it("answers errors in Anthropic's shape", async () => {
    const bad = await postJson(p.url, '/v1/messages', { ...body, max_tokens: undefined }, an);
    expect([bad.status, bad.json.type, bad.json.error.type]).toEqual([400, 'error', 'invalid_request_error']);
    const unknown = await postJson(p.url, '/v1/messages', { ...body, model: 'claude-0' }, an);
    expect([unknown.status, unknown.json.error.type]).toEqual([404, 'not_found_error']);
    const wrong = await postJson(p.url, '/v1/messages', body, { 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' });
    expect([wrong.status, wrong.json.error.type]).toEqual([401, 'authentication_error']);
    const noVersion = await postJson(p.url, '/v1/messages', body, { 'x-api-key': 'k-test' });
    expect([noVersion.status, noVersion.json.error.message]).toEqual([400, 'anthropic-version: header is required']);
  });
});

describe('Gemini', () => {
  const body = {
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [{ role: 'user', parts: [{ text: 'Tell me about rivers.' }] }],
    generationConfig: { maxOutputTokens: 30 },
  };
  const path = '/v1beta/models/gemini-2.5-flash';

  it('streams cumulative usageMetadata whose last value equals the JSON usage (TMS-M-027, TMS-M-031)', async () => {
    const j = await postJson(p.url, `${path}:generateContent`, body, ge);
    expect(toCells('gemini', j.json.usageMetadata).ok).toBe(true);
    const s = await postJson(p.url, `${path}:streamGenerateContent?alt=sse`, body, ge);
    const metas = parseSseEvents(s.text).map((e) => (e.data as any).usageMetadata);
    const cands = metas.map((m) => m.candidatesTokenCount);
    expect(cands).toEqual([...cands].sort((a, b) => a - b));
    expect(metas.every((m) => m.promptTokenCount === j.json.usageMetadata.promptTokenCount)).toBe(true);
    expect(metas.at(-1)).toEqual(j.json.usageMetadata);
  });

  it('countTokens (with ?key=) equals promptTokenCount; MAX_TOKENS at the limit (TMS-M-033, TMS-M-035)', async () => {
    const c = await postJson(p.url, `${path}:countTokens?key=k-test`, { generateContentRequest: { model: 'models/gemini-2.5-flash', ...body } });
    const j = await postJson(p.url, `${path}:generateContent`, { ...body, generationConfig: { maxOutputTokens: 4 } }, ge);
    expect(c.json.totalTokens).toBe(j.json.usageMetadata.promptTokenCount);
    expect(j.json.usageMetadata.candidatesTokenCount).toBe(4);
    expect(j.json.candidates[0].finishReason).toBe('MAX_TOKENS');
  });

  it('reports a repeated long prompt as cachedContentTokenCount within promptTokenCount (TMS-M-036)', async () => {
    const b = { contents: [{ role: 'user', parts: [{ text: long }] }], generationConfig: { maxOutputTokens: 2 } };
    const first = (await postJson(p.url, `${path}:generateContent`, b, ge)).json.usageMetadata;
    const second = (await postJson(p.url, `${path}:generateContent`, b, ge)).json.usageMetadata;
    expect(first.cachedContentTokenCount).toBeUndefined();
    expect(second.cachedContentTokenCount).toBeGreaterThanOrEqual(1024);
    expect(second.promptTokenCount).toBe(first.promptTokenCount);
  });

  it("answers errors in Gemini's shape", async () => {
    const unknown = await postJson(p.url, '/v1beta/models/gemini-0:generateContent', body, ge);
    expect([unknown.status, unknown.json.error.status]).toEqual([404, 'NOT_FOUND']);
    const noKey = await postJson(p.url, `${path}:generateContent`, body);
    expect([noKey.status, noKey.json.error.status]).toEqual([401, 'UNAUTHENTICATED']);
    const bad = await postJson(p.url, `${path}:generateContent`, { contents: 'x' }, ge);
    expect([bad.status, bad.json.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
  });
});

describe('startReferenceProvider arguments', () => {
  it('refuses non-loopback hosts and unknown faults', async () => {
    await expect(startReferenceProvider({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startReferenceProvider({ faults: ['nope'] })).rejects.toThrow(/unknown fault "nope"/);
  });
});
