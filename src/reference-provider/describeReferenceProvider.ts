import { faults } from './faults.js';
import { referenceModels } from './models.js';

/** One endpoint of the reference provider. */
export interface ReferenceEndpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly api: string;
  readonly what: string;
}

/** Every endpoint served, for docs and `serve-reference --json`. */
export const referenceEndpoints: readonly ReferenceEndpoint[] = [
  { method: 'POST', path: '/v1/chat/completions', api: 'OpenAI', what: 'Chat Completions, JSON or SSE (stream_options.include_usage)' },
  { method: 'GET', path: '/v1/models', api: 'OpenAI', what: 'the OpenAI-style models' },
  { method: 'POST', path: '/v1/responses/input_tokens', api: 'OpenAI', what: 'Responses input-token count' },
  { method: 'POST', path: '/v1/messages', api: 'Anthropic', what: 'Messages, JSON or SSE' },
  { method: 'POST', path: '/v1/messages/count_tokens', api: 'Anthropic', what: 'input-token count' },
  { method: 'POST', path: '/v1beta/models/{model}:generateContent', api: 'Gemini', what: 'generateContent, JSON' },
  { method: 'POST', path: '/v1beta/models/{model}:streamGenerateContent?alt=sse', api: 'Gemini', what: 'streaming, cumulative usageMetadata per chunk' },
  { method: 'POST', path: '/v1beta/models/{model}:countTokens', api: 'Gemini', what: 'input-token count' },
];

/** A plain description of the reference provider (models, endpoints, faults) for the README and `--json` output. */
export function describeReferenceProvider(): {
  models: { id: string; api: string; encoding: string; profile: string; tokenizer: string; reasoning: string }[];
  endpoints: readonly ReferenceEndpoint[];
  faults: { name: string; catches: readonly string[] }[];
} {
  return {
    models: referenceModels.map((m) => ({
      id: m.id,
      api: m.api,
      encoding: m.encoding,
      profile: m.profile ?? 'openai-cookbook-2024',
      tokenizer: m.tokenizer,
      reasoning: m.reasoning,
    })),
    endpoints: referenceEndpoints,
    faults: faults.map((f) => ({ name: f.name, catches: f.catches })),
  };
}
