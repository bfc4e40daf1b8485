// The reference gateway translates OpenAI Chat to three upstreams and reports the upstream's bill in
// the OpenAI convention; each fault bends exactly what its cited bug bent. Expectations are derived
// here by hand from the documented conventions (OpenAI prompt_tokens includes cached and written
// tokens and completion_tokens includes reasoning; Anthropic input_tokens excludes cache reads and
// writes; Gemini thoughts sit beside candidates), applied to the usage the upstream actually sent,
// recorded by a loopback proxy between gateway and upstream.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider, type RunningReferenceProvider } from '../reference-provider/startReferenceProvider.js';
import { startReferenceGateway } from './startReferenceGateway.js';
import type { UpstreamApi } from './toUpstream.js';

interface Recorder {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

/** A loopback proxy that forwards to `target` and keeps every upstream response body. */
async function recorder(target: string): Promise<Recorder> {
  const bodies: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const r = await fetch(target + (req.url ?? '/'), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const text = await r.text();
    bodies.push(text);
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Native = Record<string, any>;

/** The upstream usage object of a recorded body (JSON or SSE), merged the way each API streams it. */
function recordedUsage(api: UpstreamApi, body: string): Native {
  if (!body.startsWith('data:') && !body.startsWith('event:')) {
    const j = JSON.parse(body);
    return api === 'gemini' ? j.usageMetadata : j.usage;
  }
  const datas = body
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d));
  if (api === 'openai-chat') return datas.filter((d) => d.usage).at(-1).usage;
  if (api === 'gemini') return datas.filter((d) => d.usageMetadata).at(-1).usageMetadata;
  const u = { ...datas.find((d) => d.type === 'message_start').message.usage };
  for (const d of datas.filter((x) => x.type === 'message_delta')) Object.assign(u, d.usage);
  return u;
}

/** What an honest gateway reports in the OpenAI convention for an upstream usage (written from the docs, not from the code). */
function expectedOpenai(api: UpstreamApi, u: Native): { prompt: number; completion: number; cached: number; written: number; reasoning: number } {
  if (api === 'openai-chat')
    return {
      prompt: u.prompt_tokens,
      completion: u.completion_tokens,
      cached: u.prompt_tokens_details?.cached_tokens ?? 0,
      written: u.prompt_tokens_details?.cache_write_tokens ?? 0,
      reasoning: u.completion_tokens_details?.reasoning_tokens ?? 0,
    };
  if (api === 'anthropic-messages') {
    const read = u.cache_read_input_tokens ?? 0;
    const written = u.cache_creation_input_tokens ?? 0;
    return {
      prompt: u.input_tokens + read + written,
      completion: u.output_tokens,
      cached: read,
      written,
      reasoning: u.output_tokens_details?.thinking_tokens ?? 0,
    };
  }
  const thoughts = u.thoughtsTokenCount ?? 0;
  return {
    prompt: u.promptTokenCount,
    completion: (u.candidatesTokenCount ?? 0) + thoughts,
    cached: u.cachedContentTokenCount ?? 0,
    written: 0,
    reasoning: thoughts,
  };
}

const MODELS: Record<UpstreamApi, string> = { 'openai-chat': 'gpt-4o', 'anthropic-messages': 'claude-sonnet-4-5', gemini: 'gemini-2.5-flash' };
// A system prompt long enough (> 1024 tokens) to be cached; cache_control marks it for Anthropic.
const LONG = Array.from({ length: 400 }, (_, i) => `Clause ${i}: the supplier bills tokens exactly as measured.`).join(' ');

function chatBody(api: UpstreamApi, extra: Record<string, unknown> = {}): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model: MODELS[api],
    max_tokens: 40,
    messages: [
      { role: 'system', content: [{ type: 'text', text: LONG, ...(api === 'anthropic-messages' ? { cache_control: { type: 'ephemeral' } } : {}) }] as any },
      { role: 'user', content: 'Summarise the clauses in one sentence.' },
    ],
    ...extra,
  } as OpenAI.ChatCompletionCreateParamsNonStreaming;
}

interface Rig {
  client: OpenAI;
  rec: Recorder;
  upstreamRequests(): number;
  close(): Promise<void>;
}

async function rig(api: UpstreamApi, faults: string[] = []): Promise<Rig> {
  const provider: RunningReferenceProvider = await startReferenceProvider();
  const rec = await recorder(provider.url);
  const gw = await startReferenceGateway({ upstream: rec.url, upstreamApi: api, faults });
  const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  return {
    client,
    rec,
    upstreamRequests: gw.upstreamRequests,
    close: async () => {
      await gw.close();
      await rec.close();
      await provider.close();
    },
  };
}

async function streamed(client: OpenAI, body: OpenAI.ChatCompletionCreateParamsNonStreaming, includeUsage: boolean): Promise<{ chunks: any[]; text: string }> {
  const s = await client.chat.completions.create({ ...body, stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) });
  const chunks: any[] = [];
  for await (const c of s) chunks.push(c);
  return { chunks, text: chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('') };
}

describe.each(['openai-chat', 'anthropic-messages', 'gemini'] as UpstreamApi[])('reference gateway over %s (honest)', (api) => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig(api);
  });
  afterAll(async () => r.close());

  it('TMS-G-001, TMS-G-002, TMS-G-004: reports the upstream bill in the OpenAI convention, uncached and then cached, JSON and streamed', async () => {
    for (let i = 0; i < 2; i++) {
      const c = await r.client.chat.completions.create(chatBody(api));
      const want = expectedOpenai(api, recordedUsage(api, r.rec.bodies.at(-1)!));
      expect(c.usage?.prompt_tokens).toBe(want.prompt);
      expect(c.usage?.completion_tokens).toBe(want.completion);
      expect(c.usage?.total_tokens).toBe(want.prompt + want.completion);
      expect(c.usage?.prompt_tokens_details?.cached_tokens ?? 0).toBe(want.cached);
      expect((c.usage?.prompt_tokens_details as any)?.cache_write_tokens ?? 0).toBe(want.written);
      // The first request writes the cache (Anthropic says so; OpenAI and Gemini cache silently), the repeat reads it.
      if (i === 0 && api === 'anthropic-messages') expect(want.written).toBeGreaterThan(0);
      if (i === 1) expect(want.cached).toBeGreaterThan(0);
    }
    const s = await streamed(r.client, chatBody(api), true);
    const last = s.chunks.at(-1);
    expect(last.choices).toEqual([]);
    const want = expectedOpenai(api, recordedUsage(api, r.rec.bodies.at(-1)!));
    expect(last.usage.prompt_tokens).toBe(want.prompt);
    expect(last.usage.completion_tokens).toBe(want.completion);
    expect(s.chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(r.upstreamRequests()).toBe(3);
  });

  it('TMS-G-003: sends no usage chunk when the client did not ask for one', async () => {
    const s = await streamed(r.client, chatBody(api), false);
    expect(s.chunks.some((c) => c.usage)).toBe(false);
    expect(s.text.length).toBeGreaterThan(0);
  });
});

describe('reference gateway faults', () => {
  it('cache-write-dropped: Anthropic cache writes vanish from prompt_tokens and cache_write_tokens', async () => {
    const r = await rig('anthropic-messages', ['cache-write-dropped']);
    try {
      const c = await r.client.chat.completions.create(chatBody('anthropic-messages'));
      const want = expectedOpenai('anthropic-messages', recordedUsage('anthropic-messages', r.rec.bodies.at(-1)!));
      expect(want.written).toBeGreaterThan(0);
      expect(c.usage?.prompt_tokens).toBe(want.prompt - want.written);
      expect((c.usage?.prompt_tokens_details as any)?.cache_write_tokens).toBeUndefined();
      expect(c.usage?.total_tokens).toBe(c.usage!.prompt_tokens + c.usage!.completion_tokens);
    } finally {
      await r.close();
    }
  });

  it('cache-write-double-counted: writes counted as fresh input too', async () => {
    const r = await rig('anthropic-messages', ['cache-write-double-counted']);
    try {
      const c = await r.client.chat.completions.create(chatBody('anthropic-messages'));
      const want = expectedOpenai('anthropic-messages', recordedUsage('anthropic-messages', r.rec.bodies.at(-1)!));
      expect(c.usage?.prompt_tokens).toBe(want.prompt + want.written);
      expect((c.usage?.prompt_tokens_details as any)?.cache_write_tokens).toBe(want.written);
    } finally {
      await r.close();
    }
  });

  it('cache-read-beside-prompt: a cache hit leaves reads out of prompt_tokens but in total_tokens', async () => {
    const r = await rig('anthropic-messages', ['cache-read-beside-prompt']);
    try {
      await r.client.chat.completions.create(chatBody('anthropic-messages'));
      const c = await r.client.chat.completions.create(chatBody('anthropic-messages'));
      const want = expectedOpenai('anthropic-messages', recordedUsage('anthropic-messages', r.rec.bodies.at(-1)!));
      expect(want.cached).toBeGreaterThan(0);
      expect(c.usage?.prompt_tokens).toBe(want.prompt - want.cached);
      expect(c.usage?.prompt_tokens_details?.cached_tokens).toBe(want.cached);
      expect(c.usage?.total_tokens).toBe(want.prompt + want.completion);
    } finally {
      await r.close();
    }
  });

  it('totals-include-cache: total_tokens adds cache tokens twice', async () => {
    const r = await rig('anthropic-messages', ['totals-include-cache']);
    try {
      const c = await r.client.chat.completions.create(chatBody('anthropic-messages'));
      const want = expectedOpenai('anthropic-messages', recordedUsage('anthropic-messages', r.rec.bodies.at(-1)!));
      expect(c.usage?.prompt_tokens).toBe(want.prompt);
      expect(c.usage?.total_tokens).toBe(want.prompt + want.completion + want.cached + want.written);
    } finally {
      await r.close();
    }
  });

  it('reasoning-dropped: o3 reasoning tokens disappear from completion_tokens', async () => {
    const r = await rig('openai-chat', ['reasoning-dropped']);
    try {
      const c = await r.client.chat.completions.create({
        model: 'o3',
        max_completion_tokens: 400,
        messages: [{ role: 'user', content: 'Why is the sky blue?' }],
      });
      const want = expectedOpenai('openai-chat', recordedUsage('openai-chat', r.rec.bodies.at(-1)!));
      expect(want.reasoning).toBeGreaterThan(0);
      expect(c.usage?.completion_tokens).toBe(want.completion - want.reasoning);
      expect(c.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    } finally {
      await r.close();
    }
  });

  it.each([
    ['stream-usage-dropped', true, (chunks: any[]) => expect(chunks.some((c) => c.usage)).toBe(false)],
    [
      'usage-on-finish-chunk',
      true,
      (chunks: any[]) => {
        const withUsage = chunks.filter((c) => c.usage);
        expect(withUsage).toHaveLength(1);
        expect(withUsage[0].choices[0].finish_reason).not.toBeNull();
      },
    ],
    ['usage-unrequested', false, (chunks: any[]) => expect(chunks.at(-1).usage.prompt_tokens).toBeGreaterThan(0)],
  ])('%s bends the stream as documented', async (fault, includeUsage, check) => {
    const r = await rig('gemini', [fault as string]);
    try {
      const s = await streamed(r.client, chatBody('gemini'), includeUsage as boolean);
      (check as (c: any[]) => void)(s.chunks);
    } finally {
      await r.close();
    }
  });

  it('duplicate-upstream-request: one client request, two upstream requests', async () => {
    const r = await rig('openai-chat', ['duplicate-upstream-request']);
    try {
      await r.client.chat.completions.create(chatBody('openai-chat'));
      expect(r.upstreamRequests()).toBe(2);
      expect(r.rec.bodies).toHaveLength(2);
    } finally {
      await r.close();
    }
  });

  it('answers an unknown upstream model with the upstream status and message, and a bad body with 400', async () => {
    const r = await rig('anthropic-messages');
    try {
      await expect(r.client.chat.completions.create({ ...chatBody('anthropic-messages'), model: 'claude-nope' })).rejects.toMatchObject({ status: 404 });
      await expect(r.client.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [] } as any)).rejects.toMatchObject({ status: 400 });
    } finally {
      await r.close();
    }
  });
});
