// Each fault mode changes exactly what its description says, against an honest server on the same
// requests (TMS-M-008, TMS-M-021, TMS-M-022, TMS-M-030, TMS-M-031, TMS-M-032, TMS-M-033, TMS-M-035).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countText } from '../measure/countText.js';
import { fromRoot } from '../paths.js';
import { faults, type FaultName } from './faults.js';
import { startReferenceProvider, type RunningReferenceProvider } from './startReferenceProvider.js';
import { parseSseEvents, postJson } from '../testing/testClient.js';

// The probe's check names, as src/probe/checks/types.ts fixes them (the reference provider may not import the probe).
const CHECK_NAMES = new Set([
  'usage-shape',
  'prompt-count-exact',
  'count-endpoint-matches-usage',
  'deterministic-counts',
  'marginal-consistency',
  'stream-usage-equals-nonstream',
  'stream-include-usage-final-chunk',
  'stream-cumulative-usage',
  'max-tokens-honoured',
  'output-covers-text',
  'totals-are-sums',
  'cached-within-input',
  'caching-reported',
  'reasoning-within-output',
  'transport-errors-surface',
  'tokenizer-fingerprint',
  'cache-writes-reported',
]);

const servers = new Map<string, RunningReferenceProvider>();
const url = (name: FaultName | 'honest'): string => servers.get(name)!.url;
beforeAll(async () => {
  countText('o200k_base', 'warm the tokenizers before timing anything');
  countText('cl100k_base', 'warm');
  servers.set('honest', await startReferenceProvider());
  for (const f of faults) servers.set(f.name, await startReferenceProvider({ faults: [f.name] }));
}, 30_000);
afterAll(async () => {
  for (const s of servers.values()) await s.close();
});

const messages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Tell me about rivers.' },
];
const chat = { model: 'gpt-4o', messages, max_tokens: 30 };
const streamed = { ...chat, stream: true, stream_options: { include_usage: true } };
const anthropic = { model: 'claude-sonnet-4-5', max_tokens: 30, system: 'Be brief.', messages: [{ role: 'user', content: 'Tell me about rivers.' }] };
const gemini = { contents: [{ role: 'user', parts: [{ text: 'Tell me about rivers.' }] }], generationConfig: { maxOutputTokens: 30 } };
const AV = { 'anthropic-version': '2023-06-01' };
const G = '/v1beta/models/gemini-2.5-flash';
const usageChunk = (text: string): any =>
  parseSseEvents(text)
    .map((e) => e.data as any)
    .find((d) => d?.usage && Array.isArray(d.choices) && d.choices.length === 0)?.usage;
const countOf = async (name: FaultName | 'honest'): Promise<number> =>
  (await postJson(url(name), '/v1/responses/input_tokens', { model: 'gpt-4o', input: messages })).json.input_tokens;

describe('the fault table', () => {
  it("names every fault once, with a description and catches drawn from the probe's check names", () => {
    expect(new Set(faults.map((f) => f.name)).size).toBe(faults.length);
    for (const f of faults) {
      expect(f.description.length, f.name).toBeGreaterThan(40);
      for (const c of f.catches) expect(CHECK_NAMES.has(c), `${f.name} catches ${c}`).toBe(true);
    }
  });
  it('is documented in docs/reference-provider.md, each fault with what catches it', () => {
    const doc = readFileSync(fromRoot('docs', 'reference-provider.md'), 'utf8');
    for (const f of faults) expect(doc, f.name).toContain(`\`${f.name}\``);
  });
});

describe('usage faults', () => {
  it('inflated-input bills 10% more input but leaves the count endpoint honest', async () => {
    const h = (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage;
    const f = (await postJson(url('inflated-input'), '/v1/chat/completions', chat)).json.usage;
    expect(f.prompt_tokens).toBe(h.prompt_tokens + Math.max(1, Math.ceil(h.prompt_tokens / 10)));
    expect(f.completion_tokens).toBe(h.completion_tokens);
    expect(await countOf('inflated-input')).toBe(h.prompt_tokens);
  });

  it('extra-token-per-message adds one per message to usage and count endpoint alike', async () => {
    const h = (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage;
    const f = (await postJson(url('extra-token-per-message'), '/v1/chat/completions', chat)).json.usage;
    expect(f.prompt_tokens).toBe(h.prompt_tokens + messages.length);
    expect(await countOf('extra-token-per-message')).toBe(f.prompt_tokens);
  });

  it('stream-usage-differs reports the streamed chunk count as output, leaving JSON usage honest', async () => {
    const h = (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage;
    const j = (await postJson(url('stream-usage-differs'), '/v1/chat/completions', chat)).json.usage;
    expect(j).toEqual(h);
    const s = await postJson(url('stream-usage-differs'), '/v1/chat/completions', streamed);
    const contentChunks = parseSseEvents(s.text).filter(
      (e) => typeof (e.data as any)?.choices?.[0]?.delta?.content === 'string' && (e.data as any).choices[0].delta.content !== '',
    );
    expect(usageChunk(s.text).completion_tokens).toBe(contentChunks.length);
    expect(usageChunk(s.text).completion_tokens).not.toBe(h.completion_tokens);
  });

  it('stream-usage-missing drops usage from every stream but not from JSON', async () => {
    const s = await postJson(url('stream-usage-missing'), '/v1/chat/completions', streamed);
    expect(parseSseEvents(s.text).some((e) => typeof e.data === 'object' && 'usage' in (e.data as object))).toBe(false);
    const a = parseSseEvents((await postJson(url('stream-usage-missing'), '/v1/messages', { ...anthropic, stream: true }, AV)).text);
    expect((a.find((e) => e.event === 'message_delta')!.data as any).usage).toBeUndefined();
    const g = parseSseEvents((await postJson(url('stream-usage-missing'), `${G}:streamGenerateContent?alt=sse`, gemini)).text);
    expect(g.every((e) => (e.data as any).usageMetadata === undefined)).toBe(true);
    expect((await postJson(url('stream-usage-missing'), '/v1/chat/completions', chat)).json.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('stream-usage-incremental sends increments on Anthropic and Gemini streams, OpenAI unchanged', async () => {
    const h = (await postJson(url('honest'), '/v1/messages', anthropic, AV)).json.usage;
    const a = parseSseEvents((await postJson(url('stream-usage-incremental'), '/v1/messages', { ...anthropic, stream: true }, AV)).text);
    expect((a.find((e) => e.event === 'message_delta')!.data as any).usage.output_tokens).toBe(h.output_tokens - 1);
    const g = parseSseEvents((await postJson(url('stream-usage-incremental'), `${G}:streamGenerateContent?alt=sse`, gemini)).text).map(
      (e) => (e.data as any).usageMetadata,
    );
    expect(g.length).toBeGreaterThan(1);
    expect(g[0].promptTokenCount).toBeGreaterThan(0);
    expect(g.slice(1).every((m) => m.promptTokenCount === 0)).toBe(true);
    const o = await postJson(url('stream-usage-incremental'), '/v1/chat/completions', streamed);
    expect(usageChunk(o.text)).toEqual((await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage);
  });

  it('cached-exceeds-input leaves cached tokens out of prompt_tokens on a cache hit', async () => {
    const long = { ...chat, max_tokens: 2, messages: [{ role: 'user', content: 'The river runs under the bridge. '.repeat(200) }] };
    await postJson(url('cached-exceeds-input'), '/v1/chat/completions', long);
    const u = (await postJson(url('cached-exceeds-input'), '/v1/chat/completions', long)).json.usage;
    expect(u.prompt_tokens_details.cached_tokens).toBeGreaterThan(u.prompt_tokens);
  });

  it('reasoning-double-counted adds reasoning to the total again; total-not-sum adds one', async () => {
    const o3 = { model: 'o3', messages, max_completion_tokens: 200 };
    const r = (await postJson(url('reasoning-double-counted'), '/v1/chat/completions', o3)).json.usage;
    expect(r.total_tokens).toBe(r.prompt_tokens + r.completion_tokens + r.completion_tokens_details.reasoning_tokens);
    const t = (await postJson(url('total-not-sum'), '/v1/chat/completions', chat)).json.usage;
    expect(t.total_tokens).toBe(t.prompt_tokens + t.completion_tokens + 1);
    const g = (await postJson(url('total-not-sum'), `${G}:generateContent`, gemini)).json.usageMetadata;
    expect(g.totalTokenCount).toBe(g.promptTokenCount + g.candidatesTokenCount + 1);
  });

  it('wrong-encoding counts gpt-4o prompts with cl100k_base, billed and counted alike; output unchanged (TMS-M-004)', async () => {
    const text = 'Grüße aus Köln, 東京の天気は晴れです.';
    const one = { model: 'gpt-4o', messages: [{ role: 'user', content: text }], max_tokens: 30 };
    const h = (await postJson(url('honest'), '/v1/chat/completions', one)).json.usage;
    const f = (await postJson(url('wrong-encoding'), '/v1/chat/completions', one)).json.usage;
    // Cookbook framing: 3 per message, the role, 3 priming (1 token for "user" in both), and the text under each encoding.
    expect(h.prompt_tokens).toBe(7 + countText('o200k_base', text));
    expect(f.prompt_tokens).toBe(7 + countText('cl100k_base', text));
    expect(f.prompt_tokens).not.toBe(h.prompt_tokens);
    expect(f.completion_tokens).toBe(h.completion_tokens);
    expect((await postJson(url('wrong-encoding'), '/v1/responses/input_tokens', { model: 'gpt-4o', input: one.messages })).json.input_tokens).toBe(
      f.prompt_tokens,
    );
    const a = (await postJson(url('wrong-encoding'), '/v1/messages', anthropic, AV)).json.usage;
    expect(a.input_tokens).toBe((await postJson(url('honest'), '/v1/messages', anthropic, AV)).json.usage.input_tokens);
  });

  it('no-framing bills the text of the messages alone, billed and counted alike (TMS-M-011)', async () => {
    const f = (await postJson(url('no-framing'), '/v1/chat/completions', chat)).json.usage;
    const h = (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage;
    expect(f.prompt_tokens).toBe(countText('o200k_base', 'Be brief.') + countText('o200k_base', 'Tell me about rivers.'));
    expect(f.prompt_tokens).toBeLessThan(h.prompt_tokens);
    expect(await countOf('no-framing')).toBe(f.prompt_tokens);
  });

  it("reasoning-limit-ignored puts o3's reasoning beyond max_completion_tokens; gpt-4o is unchanged (TMS-M-045)", async () => {
    const o3 = { model: 'o3', messages, max_completion_tokens: 5 };
    const h = (await postJson(url('honest'), '/v1/chat/completions', o3)).json.usage;
    expect(h.completion_tokens).toBe(5);
    const f = (await postJson(url('reasoning-limit-ignored'), '/v1/chat/completions', o3)).json;
    expect(f.usage.completion_tokens).toBe(f.usage.completion_tokens_details.reasoning_tokens + 5);
    expect(f.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(5);
    expect((await postJson(url('reasoning-limit-ignored'), '/v1/chat/completions', chat)).json.usage).toEqual(
      (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage,
    );
  });

  it('max-tokens-ignored runs past the limit', async () => {
    const r = (await postJson(url('max-tokens-ignored'), '/v1/chat/completions', { ...chat, max_tokens: 5 })).json;
    expect(r.usage.completion_tokens).toBeGreaterThan(5);
    expect(r.choices[0].finish_reason).toBe('stop');
  });

  it('nondeterministic-counts bills every repetition of a request one more, first calls agreeing, whatever else the server serves (TMS-C-128)', async () => {
    const body = { ...chat, messages: [{ role: 'user', content: 'A request seen twice.' }] };
    const a = (await postJson(url('nondeterministic-counts'), '/v1/chat/completions', body)).json.usage;
    // Unrelated requests in between, as concurrent cases send them, change nothing.
    await Promise.all(
      [1, 2, 3].map((i) =>
        postJson(url('nondeterministic-counts'), '/v1/chat/completions', { ...chat, messages: [{ role: 'user', content: `Another request ${i}.` }] }),
      ),
    );
    const b = (await postJson(url('nondeterministic-counts'), '/v1/chat/completions', body)).json.usage;
    const c = (await postJson(url('nondeterministic-counts'), '/v1/chat/completions', body)).json.usage;
    expect(b.prompt_tokens).toBe(a.prompt_tokens + 1);
    expect(c.prompt_tokens).toBe(b.prompt_tokens);
    const s = await postJson(url('nondeterministic-counts'), '/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } });
    expect(usageChunk(s.text).prompt_tokens).toBe(a.prompt_tokens);
  });

  it('count-endpoint-disagrees counts the text alone', async () => {
    const billed = (await postJson(url('count-endpoint-disagrees'), '/v1/chat/completions', chat)).json.usage.prompt_tokens;
    const counted = await countOf('count-endpoint-disagrees');
    expect(counted).toBeLessThan(billed);
    const c = await postJson(url('count-endpoint-disagrees'), '/v1/messages/count_tokens', anthropic, AV);
    const m = await postJson(url('count-endpoint-disagrees'), '/v1/messages', anthropic, AV);
    expect(c.json.input_tokens).toBeLessThan(m.json.usage.input_tokens);
  });
});

describe('combined faults', () => {
  it('apply together: inflated input and an off-by-one total', async () => {
    const both = await startReferenceProvider({ faults: ['inflated-input', 'total-not-sum'] });
    try {
      const h = (await postJson(url('honest'), '/v1/chat/completions', chat)).json.usage;
      const u = (await postJson(both.url, '/v1/chat/completions', chat)).json.usage;
      expect(u.prompt_tokens).toBe(h.prompt_tokens + Math.max(1, Math.ceil(h.prompt_tokens / 10)));
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens + 1);
    } finally {
      await both.close();
    }
  });
});

describe('transport faults', () => {
  it('latency delays each response by 300 ms', async () => {
    const t0 = performance.now();
    await postJson(url('latency'), '/v1/chat/completions', chat);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("rate-limit-429 refuses every 4th request with Retry-After in the API's shape", async () => {
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 8; i++) {
      const r = await postJson(url('rate-limit-429'), '/v1/messages', anthropic, AV);
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 200, 200, 200, 429]);
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(refused!.json.error.type).toBe('rate_limit_error');
  });

  it('intermittent-5xx fails every 5th request (Anthropic 529 overloaded, OpenAI 503)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(url('intermittent-5xx'), '/v1/messages', anthropic, AV)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 529]);
    for (let i = 0; i < 4; i++) await postJson(url('intermittent-5xx'), '/v1/chat/completions', chat);
    const r = await postJson(url('intermittent-5xx'), '/v1/chat/completions', chat);
    expect([r.status, r.json.error.type]).toEqual([503, 'server_error']);
  });

  it('malformed-sse truncates an event and ends the stream without usage or [DONE]; JSON unchanged', async () => {
    const s = await postJson(url('malformed-sse'), '/v1/chat/completions', streamed);
    const events = parseSseEvents(s.text);
    expect(events.some((e) => typeof e.data === 'string' && e.data !== '[DONE]')).toBe(true);
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    expect(usageChunk(s.text)).toBeUndefined();
    expect((await postJson(url('malformed-sse'), '/v1/chat/completions', chat)).status).toBe(200);
  });

  it('oversized-body pads the body to 64 MiB', async () => {
    const r = await fetch(`${url('oversized-body')}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chat) });
    const reader = r.body!.getReader();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size >= 64 * 1024 * 1024) {
        await reader.cancel();
        break;
      }
    }
    expect(size).toBeGreaterThanOrEqual(64 * 1024 * 1024);
  });
});

describe('every-exchange and caching faults (TMS-C-125, TMS-M-050, TMS-M-051)', () => {
  const long = { ...chat, max_tokens: 2, messages: [{ role: 'user', content: 'The tide turns twice a day along this coast. '.repeat(150) }] };

  it('cached-outside-prompt: a cache hit reports the prompt without its cached tokens, and a total that adds up', async () => {
    const first = (await postJson(url('cached-outside-prompt'), '/v1/chat/completions', long)).json.usage;
    const hit = (await postJson(url('cached-outside-prompt'), '/v1/chat/completions', long)).json.usage;
    const honest = (await postJson(url('honest'), '/v1/chat/completions', long)).json.usage;
    expect(first.prompt_tokens).toBe(honest.prompt_tokens);
    expect(hit.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(hit.prompt_tokens).toBe(honest.prompt_tokens - hit.prompt_tokens_details.cached_tokens);
    expect(hit.total_tokens).toBe(hit.prompt_tokens + hit.completion_tokens);
  });

  it('totals-wrong-on-repeat: the first sending is right, every repetition 100 too high', async () => {
    const body = { ...chat, messages: [{ role: 'user', content: 'Totals on repeat.' }] };
    const a = (await postJson(url('totals-wrong-on-repeat'), '/v1/chat/completions', body)).json.usage;
    const b = (await postJson(url('totals-wrong-on-repeat'), '/v1/chat/completions', body)).json.usage;
    expect(a.total_tokens).toBe(a.prompt_tokens + a.completion_tokens);
    expect(b.total_tokens).toBe(b.prompt_tokens + b.completion_tokens + 100);
    const g1 = (await postJson(url('totals-wrong-on-repeat'), `${G}:generateContent`, gemini)).json.usageMetadata;
    const g2 = (await postJson(url('totals-wrong-on-repeat'), `${G}:generateContent`, gemini)).json.usageMetadata;
    expect(g2.totalTokenCount).toBe(g1.totalTokenCount + 100);
  });

  it('cache-writes-dropped: the write reports nothing written, the next identical request reads it', async () => {
    const marked = {
      ...anthropic,
      max_tokens: 2,
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'The tide turns twice a day along this coast. '.repeat(150), cache_control: { type: 'ephemeral', ttl: '1h' } }],
        },
      ],
    };
    const honest = (await postJson(url('honest'), '/v1/messages', marked, AV)).json.usage;
    expect(honest.cache_creation_input_tokens).toBeGreaterThan(1000);
    expect(honest.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: honest.cache_creation_input_tokens });
    const write = (await postJson(url('cache-writes-dropped'), '/v1/messages', marked, AV)).json.usage;
    const hit = (await postJson(url('cache-writes-dropped'), '/v1/messages', marked, AV)).json.usage;
    expect(write).toMatchObject({
      input_tokens: honest.input_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
    expect(hit.cache_read_input_tokens).toBe(honest.cache_creation_input_tokens);
  });

  it('the honest provider splits writes by breakpoint: up to the last 1-hour breakpoint for 1 hour, the rest for 5 minutes (TMS-M-050)', async () => {
    const text = (w: string) => `${w} `.repeat(1400);
    const mixed = {
      ...anthropic,
      max_tokens: 2,
      system: [{ type: 'text', text: text('harbour'), cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: text('lighthouse'), cache_control: { type: 'ephemeral' } }] }],
    };
    const first = (await postJson(url('honest'), '/v1/messages', mixed, AV)).json.usage;
    const { ephemeral_1h_input_tokens: h1, ephemeral_5m_input_tokens: m5 } = first.cache_creation;
    expect(h1).toBeGreaterThan(1000);
    expect(m5).toBeGreaterThan(1000);
    expect(h1 + m5).toBe(first.cache_creation_input_tokens);
    const again = (await postJson(url('honest'), '/v1/messages', mixed, AV)).json.usage;
    expect([again.cache_read_input_tokens, again.cache_creation_input_tokens]).toEqual([first.cache_creation_input_tokens, 0]);
    // Without a breakpoint Anthropic neither writes nor reads.
    const plain = (
      await postJson(url('honest'), '/v1/messages', { ...mixed, system: text('harbour'), messages: [{ role: 'user', content: text('lighthouse') }] }, AV)
    ).json.usage;
    expect([plain.cache_read_input_tokens, plain.cache_creation_input_tokens]).toEqual([0, 0]);
  });

  it('usage-on-finish-chunk puts the usage on the finish chunk; usage-unrequested sends it without include_usage', async () => {
    const onFinish = parseSseEvents((await postJson(url('usage-on-finish-chunk'), '/v1/chat/completions', streamed)).text)
      .map((e) => e.data as any)
      .filter((d) => d?.usage);
    expect(onFinish).toHaveLength(1);
    expect(onFinish[0].choices[0].finish_reason).toMatch(/^(stop|length)$/);
    const bare = { ...chat, stream: true };
    expect(usageChunk((await postJson(url('honest'), '/v1/chat/completions', bare)).text)).toBeUndefined();
    expect(usageChunk((await postJson(url('usage-unrequested'), '/v1/chat/completions', bare)).text)).toMatchObject({ prompt_tokens: expect.any(Number) });
  });
});
