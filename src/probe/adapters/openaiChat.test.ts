// The OpenAI Chat adapter's output-limit parameter (TMS-C-115) and how a 404 is read (TMS-C-119).
import { describe, expect, it } from 'vitest';
import type { ModelProfile, RecordedResponse } from '../types.js';
import { isReasoningModelId, limitParamFor, openaiChatAdapter } from './openaiChat.js';
import { namesUnknownModel, precheck } from './types.js';

const m = (id: string, limitParam?: ModelProfile['limitParam']): ModelProfile => ({
  id,
  api: 'openai-chat',
  tokenizer: 'opaque',
  capabilities: {},
  ...(limitParam ? { limitParam } : {}),
});
const json = (status: number, body: unknown): RecordedResponse => ({
  ok: true,
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
  attempts: 1,
});

describe('OpenAI Chat output limit (TMS-C-115)', () => {
  it('sends max_completion_tokens to o-series and gpt-5 models, max_tokens to others, unless declared', () => {
    for (const id of ['o1', 'o3', 'o3-mini', 'o4-mini-2025-04-16', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'openai/o3'])
      expect(isReasoningModelId(id), id).toBe(true);
    for (const id of ['gpt-4o', 'gpt-4.1', 'gpt-4', 'omni-moderation', 'o200k', 'llama-3-o3', 'gpt-50x']) expect(isReasoningModelId(id), id).toBe(false);
    const body = (model: ModelProfile) =>
      openaiChatAdapter.build('plain', model, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 7 })!.body as Record<string, unknown>;
    expect(body(m('o3'))).toMatchObject({ max_completion_tokens: 7 });
    expect(body(m('o3'))).not.toHaveProperty('max_tokens');
    expect(body(m('gpt-4o'))).toMatchObject({ max_tokens: 7 });
    expect(body(m('my-reasoner', 'max_completion_tokens'))).toMatchObject({ max_completion_tokens: 7 });
    expect(limitParamFor(m('o3', 'max_tokens'))).toBe('max_tokens');
  });

  it('retries once with the other parameter only when a 400 names the one sent as unsupported', () => {
    const refused = json(400, {
      error: {
        message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
    });
    expect(openaiChatAdapter.retryModel!(m('o3', 'max_tokens'), refused)).toMatchObject({ limitParam: 'max_completion_tokens' });
    const vllm = json(400, { object: 'error', message: 'max_completion_tokens: Extra inputs are not permitted', type: 'BadRequestError' });
    expect(openaiChatAdapter.retryModel!(m('o3'), vllm)).toMatchObject({ limitParam: 'max_tokens' });
    const tooLarge = json(400, {
      error: { message: 'max_tokens is too large: 100000. This model supports at most 16384 completion tokens.', param: 'max_tokens' },
    });
    expect(openaiChatAdapter.retryModel!(m('gpt-4o'), tooLarge)).toBeUndefined();
    expect(openaiChatAdapter.retryModel!(m('gpt-4o'), json(500, { error: { message: "Unsupported parameter: 'max_tokens'" } }))).toBeUndefined();
  });
});

describe('a 404 naming the model (TMS-C-119)', () => {
  it('is an unknown model for OpenAI, Anthropic, Gemini and vLLM bodies, and a missing endpoint otherwise', () => {
    const unknown = [
      {
        error: {
          message: 'The model `gpt-9` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          param: null,
          code: 'model_not_found',
        },
      },
      { type: 'error', error: { type: 'not_found_error', message: 'model: claude-9' } },
      { error: { code: 404, message: 'models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.', status: 'NOT_FOUND' } },
      { object: 'error', message: 'The model `llama-9` does not exist.', type: 'NotFoundError', param: null, code: 404 },
    ];
    for (const b of unknown) expect(namesUnknownModel(JSON.stringify(b)), JSON.stringify(b)).toBe(true);
    const missing = [
      { detail: 'Not Found' },
      { error: { message: 'Invalid URL (POST /v1/responses/input_tokens)', type: 'invalid_request_error' } },
      'Not Found',
    ];
    for (const b of missing) expect(namesUnknownModel(typeof b === 'string' ? b : JSON.stringify(b)), JSON.stringify(b)).toBe(false);
    expect(namesUnknownModel('{"error":"no such thing: my-model"}', 'my-model')).toBe(false);
    expect(namesUnknownModel('{"error":"model my-model unavailable"}', 'my-model')).toBe(true);
    expect(precheck(json(404, unknown[0]))).toMatchObject({ ok: false, kind: 'http', message: expect.stringMatching(/does not know the model/) });
    expect(precheck(json(404, missing[0]))).toMatchObject({ ok: false, kind: 'not-found' });
  });
});
