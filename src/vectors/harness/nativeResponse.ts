import type { UsageApi } from '../../measure/usageConventions.js';

/** A fixed creation time, so every response body (and so every case digest) is the same on every run. */
const CREATED = 1767225600; // 2026-01-01T00:00:00Z

/**
 * A complete, minimal, non-streaming response body of `api` carrying `usage` unchanged: a one-word
 * text answer. Adapters feed it to a library through a local fake transport, so the library parses a
 * real wire shape (TMS-H-004). Field sets follow each API's reference response object.
 */
export function nativeResponse(api: UsageApi, model: string, usage: unknown): Record<string, unknown> {
  switch (api) {
    case 'openai-chat':
      return {
        id: 'chatcmpl-tokencert',
        object: 'chat.completion',
        created: CREATED,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage,
      };
    case 'openai-responses':
      return {
        id: 'resp_tokencert',
        object: 'response',
        created_at: CREATED,
        status: 'completed',
        model,
        error: null,
        incomplete_details: null,
        output: [
          { type: 'message', id: 'msg_tokencert', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] },
        ],
        usage,
      };
    case 'anthropic-messages':
      return {
        id: 'msg_tokencert',
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: 'ok' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage,
      };
    case 'gemini':
      return {
        candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: usage,
        modelVersion: model,
        responseId: 'tokencert',
      };
  }
}
