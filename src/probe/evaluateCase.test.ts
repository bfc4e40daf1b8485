// Checks as pure functions of recorded exchanges: discovery of optional endpoints (TMS-C-101),
// result classes (TMS-C-102), malformed streams surfacing (TMS-C-109), exact counts (TMS-M-004).
import { describe, expect, it } from 'vitest';
import { evaluateCase, neededExchanges } from './evaluateCase.js';
import type { CaseInput, ExchangeKind, ExchangeRecord, ModelProfile, RecordedResponse } from './types.js';

const gpt4o: ModelProfile = { id: 'gpt-4o', api: 'openai-chat', tokenizer: { encoding: 'o200k_base' }, capabilities: {} };
const input: CaseInput = { messages: [{ role: 'user', content: 'hello' }] };
const usage = { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 };
const json = (body: unknown, status = 200): RecordedResponse => ({
  ok: true,
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
  attempts: 1,
});
const x = (kind: ExchangeKind, response: RecordedResponse): ExchangeRecord => ({
  kind,
  request: { method: 'POST', url: 'http://h/x', body: {} },
  response,
  durationMs: 1,
});
const plain = x('plain', json({ choices: [{ message: { content: 'Hi!' } }], usage }));
const status = (model: ModelProfile, checks: string[], xs: ExchangeRecord[]) =>
  Object.fromEntries(evaluateCase(checks, model, input, xs).map((r) => [r.check.name, r.outcome.status]));

describe('evaluateCase', () => {
  it('computes the exact prompt count: [{user: hello}] is 8 tokens on o200k (TMS-M-004)', () => {
    expect(status(gpt4o, ['prompt-count-exact', 'totals-are-sums', 'output-covers-text'], [plain])).toEqual({
      'prompt-count-exact': 'pass',
      'totals-are-sums': 'pass',
      'output-covers-text': 'pass',
    });
    const off = x('plain', json({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } }));
    expect(status(gpt4o, ['prompt-count-exact'], [off])).toEqual({ 'prompt-count-exact': 'fail' });
  });

  it('an undeclared count endpoint answering 404 is not_applicable; a declared one fails (TMS-C-101)', () => {
    const notFound = x('count', json({ error: 'no' }, 404));
    expect(status(gpt4o, ['count-endpoint-matches-usage'], [plain, notFound])).toEqual({ 'count-endpoint-matches-usage': 'not_applicable' });
    const declared = { ...gpt4o, capabilities: { count_endpoint: true } };
    expect(status(declared, ['count-endpoint-matches-usage'], [plain, notFound])).toEqual({ 'count-endpoint-matches-usage': 'fail' });
    const off = { ...gpt4o, capabilities: { count_endpoint: false } };
    expect(neededExchanges(['count-endpoint-matches-usage'], off, input)).toEqual([]);
    expect(status(off, ['count-endpoint-matches-usage'], [plain])).toEqual({ 'count-endpoint-matches-usage': 'not_applicable' });
  });

  it('a missing exchange is a skip, an HTTP error an error (TMS-C-102)', () => {
    expect(status(gpt4o, ['usage-shape'], [])).toEqual({ 'usage-shape': 'skip' });
    expect(status(gpt4o, ['usage-shape', 'transport-errors-surface'], [x('plain', json({ error: 'x' }, 500))])).toEqual({
      'usage-shape': 'error',
      'transport-errors-surface': 'error',
    });
  });

  it('a stream cut before [DONE] fails the stream checks and transport-errors-surface (TMS-C-109)', () => {
    const cut: RecordedResponse = {
      ok: true,
      status: 200,
      contentType: 'text/event-stream',
      body: 'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\ndata: {"choices":[{"del',
      attempts: 1,
    };
    const s = status(
      gpt4o,
      ['stream-usage-equals-nonstream', 'stream-include-usage-final-chunk', 'transport-errors-surface'],
      [plain, x('stream', cut), x('stream-bare', cut)],
    );
    expect(s).toEqual({ 'stream-usage-equals-nonstream': 'fail', 'stream-include-usage-final-chunk': 'fail', 'transport-errors-surface': 'fail' });
  });

  it('accepts a well-formed include_usage stream and rejects an unrequested usage chunk (TMS-M-032)', () => {
    const chunk = (choices: unknown[], u: unknown) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices, usage: u })}\n\n`;
    const good = chunk([{ delta: { content: 'Hi!' } }], null) + chunk([], usage) + 'data: [DONE]\n\n';
    const bare = `${chunk([{ delta: { content: 'Hi!' } }], null)}data: [DONE]\n\n`;
    const sse = (b: string): RecordedResponse => ({ ok: true, status: 200, contentType: 'text/event-stream', body: b, attempts: 1 });
    const checks = ['stream-include-usage-final-chunk', 'stream-usage-equals-nonstream'];
    expect(status(gpt4o, checks, [plain, x('stream', sse(good)), x('stream-bare', sse(bare))])).toEqual({
      'stream-include-usage-final-chunk': 'pass',
      'stream-usage-equals-nonstream': 'pass',
    });
    expect(status(gpt4o, checks, [plain, x('stream', sse(good)), x('stream-bare', sse(good))])['stream-include-usage-final-chunk']).toBe('fail');
  });
});

describe('every exchange, every violation (TMS-C-125)', () => {
  const sse = (b: string): RecordedResponse => ({ ok: true, status: 200, contentType: 'text/event-stream', body: b, attempts: 1 });
  const chunk = (choices: unknown[], u: unknown) =>
    `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices, ...(u === undefined ? {} : { usage: u }) })}\n\n`;
  const outcome = (model: ModelProfile, check: string, xs: ExchangeRecord[], inp: CaseInput = input) => evaluateCase([check], model, inp, xs)[0].outcome;
  const opaque: ModelProfile = { ...gpt4o, tokenizer: 'opaque' };

  it('a cache-hit repeat whose total_tokens 1415 ≠ 119 + 16 fails totals-are-sums, labelled repeat, although plain passes (TMS-M-021)', () => {
    const first = x('plain', json({ choices: [], usage: { prompt_tokens: 1399, completion_tokens: 16, total_tokens: 1415 } }));
    const hit = x(
      'repeat',
      json({ choices: [], usage: { prompt_tokens: 119, completion_tokens: 16, total_tokens: 1415, prompt_tokens_details: { cached_tokens: 1280 } } }),
    );
    const o = outcome(opaque, 'totals-are-sums', [first, hit]);
    expect(o.status).toBe('fail');
    expect(o.evidence.exchanges).toEqual(['plain', 'repeat']);
    expect(o.evidence.violations).toEqual([
      {
        exchange: 'repeat',
        message: 'total 1415 ≠ sum of parts 135',
        expected: 135,
        observed: 1415,
        details: { usage: { prompt_tokens: 119, completion_tokens: 16, total_tokens: 1415, prompt_tokens_details: { cached_tokens: 1280 } } },
      },
    ]);
    // The same hit also breaks cached-within-input and deterministic-counts on the repeat alone.
    expect(outcome(opaque, 'cached-within-input', [first, hit]).evidence.violations?.map((v) => v.exchange)).toEqual(['repeat']);
    expect(outcome(opaque, 'deterministic-counts', [first, hit]).evidence.violations?.map((v) => v.exchange)).toEqual(['repeat']);
  });

  it('usage on the finish chunk and usage sent without include_usage are both reported in one result (TMS-M-032)', () => {
    const onFinish = `${chunk([{ delta: { content: 'Hi!' } }], null)}${chunk([{ delta: {}, finish_reason: 'stop' }], usage)}data: [DONE]\n\n`;
    const unrequested = `${chunk([{ delta: { content: 'Hi!' } }], undefined)}${chunk([], usage)}data: [DONE]\n\n`;
    const o = outcome(gpt4o, 'stream-include-usage-final-chunk', [plain, x('stream', sse(onFinish)), x('stream-bare', sse(unrequested))]);
    expect(o.status).toBe('fail');
    expect(o.evidence.violations?.map((v) => [v.exchange, v.message])).toEqual([
      ['stream', 'the usage chunk has non-empty choices (usage on a content or finish chunk)'],
      ['stream-bare', '1 chunk(s) carry usage although include_usage was not requested'],
    ]);
    expect(o.status === 'fail' && o.reason).toMatch(/^2 violations: stream: .*; stream-bare: /);
  });

  it('a stream that reads the cache its plain twin wrote passes: totals equal, cache cells judged by the caching rules (TMS-M-052)', () => {
    const p = x(
      'plain',
      json({
        choices: [{ message: { content: 'Hi!' } }],
        usage: { prompt_tokens: 1300, completion_tokens: 2, total_tokens: 1302, prompt_tokens_details: { cached_tokens: 0 } },
      }),
    );
    const hitUsage = { prompt_tokens: 1300, completion_tokens: 2, total_tokens: 1302, prompt_tokens_details: { cached_tokens: 1280 } };
    const s = x('stream', sse(`${chunk([{ delta: { content: 'Hi!' } }], null)}${chunk([], hitUsage)}data: [DONE]\n\n`));
    expect(outcome(gpt4o, 'stream-usage-equals-nonstream', [p, s]).status).toBe('pass');
    expect(outcome(gpt4o, 'cached-within-input', [p, s]).status).toBe('pass');
    const wrong = x(
      'stream',
      sse(`${chunk([{ delta: { content: 'Hi!' } }], null)}${chunk([], { ...hitUsage, prompt_tokens: 20, total_tokens: 22 })}data: [DONE]\n\n`),
    );
    expect(outcome(gpt4o, 'stream-usage-equals-nonstream', [p, wrong]).evidence.violations?.[0].message).toBe(
      'streamed usage differs from non-streamed (plain) in input',
    );
  });

  it('a malformed stream fails the stream checks and transport-errors-surface, not the checks that judge its twin too (TMS-C-109)', () => {
    const cut = x('stream', sse('data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\ndata: {"choices":[{"del'));
    const checks = ['totals-are-sums', 'cached-within-input', 'stream-usage-equals-nonstream', 'transport-errors-surface'];
    const s = Object.fromEntries(evaluateCase(checks, gpt4o, input, [plain, cut]).map((r) => [r.check.name, r.outcome.status]));
    expect(s).toEqual({
      'totals-are-sums': 'pass',
      'cached-within-input': 'pass',
      'stream-usage-equals-nonstream': 'fail',
      'transport-errors-surface': 'fail',
    });
  });

  describe('cache writes (TMS-M-050, TMS-M-051)', () => {
    const claude: ModelProfile = { id: 'claude-sonnet-4-5', api: 'anthropic', tokenizer: 'opaque', capabilities: { caching: true } };
    const cached = (ttl: '5m' | '1h'): CaseInput => ({ ...input, cache: { ttl } });
    const msg = (u: Record<string, unknown>) =>
      json({ type: 'message', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 99, output_tokens: 5, ...u } });
    const split = (m5: number, h1: number) => ({ ephemeral_5m_input_tokens: m5, ephemeral_1h_input_tokens: h1 });
    const hit = x('cache-hit', msg({ cache_creation_input_tokens: 0, cache_read_input_tokens: 1280, cache_creation: split(0, 0) }));

    it('a write in the cell of the requested lifetime, then reads of it, pass', () => {
      const write = x('cache-write', msg({ cache_creation_input_tokens: 1280, cache_read_input_tokens: 0, cache_creation: split(0, 1280) }));
      expect(outcome(claude, 'cache-writes-reported', [write, hit], cached('1h')).status).toBe('pass');
      expect(outcome(claude, 'caching-reported', [write, hit], cached('1h')).status).toBe('pass');
      expect(neededExchanges(['cache-writes-reported', 'usage-shape'], claude, cached('1h'))).toEqual(['cache-write', 'cache-hit', 'cache-hit-stream']);
    });

    it('a 1-hour write filed under 5 minutes fails', () => {
      const write = x('cache-write', msg({ cache_creation_input_tokens: 1280, cache_read_input_tokens: 0, cache_creation: split(1280, 0) }));
      const o = outcome(claude, 'cache-writes-reported', [write, hit], cached('1h'));
      expect(o.evidence.violations?.map((v) => v.exchange)).toEqual(['cache-write']);
    });

    it('dropped writes: every hit that reads what no exchange reported writing is a violation', () => {
      const write = x('cache-write', msg({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cache_creation: split(0, 0) }));
      const streamHit = x(
        'cache-hit-stream',
        sse(
          `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 99, cache_creation_input_tokens: 0, cache_read_input_tokens: 1280, output_tokens: 1 } } })}\n\nevent: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', usage: { output_tokens: 5 } })}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n`,
        ),
      );
      const o = outcome(claude, 'cache-writes-reported', [write, hit, streamHit], cached('5m'));
      expect(o.status).toBe('fail');
      expect(o.evidence.violations?.map((v) => v.exchange)).toEqual(['cache-hit', 'cache-hit-stream']);
      expect(outcome(claude, 'deterministic-counts', [write, hit, streamHit], cached('5m')).evidence.violations?.map((v) => v.exchange)).toEqual(['cache-hit']);
    });

    it('does not apply to APIs that cache automatically, nor to cases that mark nothing', () => {
      expect(outcome(gpt4o, 'cache-writes-reported', [plain], cached('5m')).status).toBe('not_applicable');
      expect(outcome(claude, 'cache-writes-reported', [plain]).status).toBe('not_applicable');
    });
  });
});
