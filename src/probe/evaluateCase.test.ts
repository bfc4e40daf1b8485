// Checks as pure functions of recorded exchanges: discovery of optional endpoints (TMS-C-101),
// result classes (TMS-C-102), malformed streams surfacing (TMS-C-109), exact counts (TMS-M-004).
import { describe, expect, it } from 'vitest';
import { evaluateCase, neededExchanges } from './evaluateCase.js';
import type { CaseInput, ExchangeKind, ExchangeRecord, ModelProfile, RecordedResponse } from './types.js';

const gpt4o: ModelProfile = { id: 'gpt-4o', api: 'openai-chat', tokenizer: { encoding: 'o200k_base' }, capabilities: {} };
const input: CaseInput = { messages: [{ role: 'user', content: 'hello' }] };
const usage = { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 };
const json = (body: unknown, status = 200): RecordedResponse => ({ ok: true, status, contentType: 'application/json', body: JSON.stringify(body), attempts: 1 });
const x = (kind: ExchangeKind, response: RecordedResponse): ExchangeRecord => ({ kind, request: { method: 'POST', url: 'http://h/x', body: {} }, response, durationMs: 1 });
const plain = x('plain', json({ choices: [{ message: { content: 'Hi!' } }], usage }));
const status = (model: ModelProfile, checks: string[], xs: ExchangeRecord[]) => Object.fromEntries(evaluateCase(checks, model, input, xs).map((r) => [r.check.name, r.outcome.status]));

describe('evaluateCase', () => {
  it('computes the exact prompt count: [{user: hello}] is 8 tokens on o200k (TMS-M-004)', () => {
    expect(status(gpt4o, ['prompt-count-exact', 'totals-are-sums', 'output-covers-text'], [plain])).toEqual({ 'prompt-count-exact': 'pass', 'totals-are-sums': 'pass', 'output-covers-text': 'pass' });
    const off = x('plain', json({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } }));
    expect(status(gpt4o, ['prompt-count-exact'], [off])).toEqual({ 'prompt-count-exact': 'fail' });
  });

  it('an undeclared count endpoint answering 404 is not_applicable; a declared one fails (TMS-C-101)', () => {
    const notFound = x('count', json({ error: 'no' }, 404));
    expect(status(gpt4o, ['count-endpoint-matches-usage'], [plain, notFound])).toEqual({ 'count-endpoint-matches-usage': 'not_applicable' });
    const declared = { ...gpt4o, capabilities: { count_endpoint: true } };
    expect(status(declared, ['count-endpoint-matches-usage'], [plain, notFound])).toEqual({ 'count-endpoint-matches-usage': 'fail' });
    const off = { ...gpt4o, capabilities: { count_endpoint: false } };
    expect(neededExchanges(['count-endpoint-matches-usage'], off)).toEqual([]);
    expect(status(off, ['count-endpoint-matches-usage'], [plain])).toEqual({ 'count-endpoint-matches-usage': 'not_applicable' });
  });

  it('a missing exchange is a skip, an HTTP error an error (TMS-C-102)', () => {
    expect(status(gpt4o, ['usage-shape'], [])).toEqual({ 'usage-shape': 'skip' });
    expect(status(gpt4o, ['usage-shape', 'transport-errors-surface'], [x('plain', json({ error: 'x' }, 500))])).toEqual({ 'usage-shape': 'error', 'transport-errors-surface': 'error' });
  });

  it('a stream cut before [DONE] fails the stream checks and transport-errors-surface (TMS-C-109)', () => {
    const cut: RecordedResponse = { ok: true, status: 200, contentType: 'text/event-stream', body: 'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\ndata: {"choices":[{"del', attempts: 1 };
    const s = status(gpt4o, ['stream-usage-equals-nonstream', 'stream-include-usage-final-chunk', 'transport-errors-surface'], [plain, x('stream', cut), x('stream-bare', cut)]);
    expect(s).toEqual({ 'stream-usage-equals-nonstream': 'fail', 'stream-include-usage-final-chunk': 'fail', 'transport-errors-surface': 'fail' });
  });

  it('accepts a well-formed include_usage stream and rejects an unrequested usage chunk (TMS-M-032)', () => {
    const chunk = (choices: unknown[], u: unknown) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices, usage: u })}\n\n`;
    const good = chunk([{ delta: { content: 'Hi!' } }], null) + chunk([], usage) + 'data: [DONE]\n\n';
    const bare = `${chunk([{ delta: { content: 'Hi!' } }], null)}data: [DONE]\n\n`;
    const sse = (b: string): RecordedResponse => ({ ok: true, status: 200, contentType: 'text/event-stream', body: b, attempts: 1 });
    const checks = ['stream-include-usage-final-chunk', 'stream-usage-equals-nonstream'];
    expect(status(gpt4o, checks, [plain, x('stream', sse(good)), x('stream-bare', sse(bare))])).toEqual({ 'stream-include-usage-final-chunk': 'pass', 'stream-usage-equals-nonstream': 'pass' });
    expect(status(gpt4o, checks, [plain, x('stream', sse(good)), x('stream-bare', sse(good))])['stream-include-usage-final-chunk']).toBe('fail');
  });
});
