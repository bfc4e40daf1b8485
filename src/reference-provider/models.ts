import type { EncodingName } from '../measure/encodings.js';

/** The three wire formats the reference provider speaks. */
export type ReferenceApi = 'openai-chat' | 'anthropic-messages' | 'gemini';

/** One model the reference provider serves, with the tokenizer and framing it counts with. */
export interface ReferenceModel {
  /** The model id as clients send it. */
  readonly id: string;
  /** The API that serves it. */
  readonly api: ReferenceApi;
  /** The encoding every count for this model uses (TMS-M-003). */
  readonly encoding: EncodingName;
  /** The chat framing profile of its prompt counts (TMS-M-011); `undefined` = the model's default OpenAI profile. */
  readonly profile: string | undefined;
  /** Whether a real provider's tokenizer for this model is public; opaque models are declared so in the default target. */
  readonly tokenizer: 'public' | 'opaque';
  /** How the model reasons: never, always (hidden reasoning tokens), or when the request enables thinking. */
  readonly reasoning: 'none' | 'always' | 'on-request';
  /** Largest output the model will produce when the request sets no limit. */
  readonly maxOutputTokens: number;
  /** Whether the model has prompt caching; real gpt-4 never had it, and its list price has no cached rate. */
  readonly caching: boolean;
  /**
   * OpenAI reasoning models (o-series, gpt-5 family) refuse `max_tokens` with HTTP 400 and take only
   * `max_completion_tokens`, which bounds visible and reasoning tokens together (TMS-M-045).
   */
  readonly completionLimitOnly?: boolean;
}

/**
 * Models served (docs/reference-provider.md): OpenAI-style gpt-4o and o3 (o200k_base) and gpt-4 (cl100k_base),
 * counted with the cookbook profile exactly as the probe counts them; the Anthropic- and
 * Gemini-style models count with o200k_base and tokencert's own documented framing profiles
 * (`tms-reference-anthropic`, `tms-reference-gemini`, spec part M prose), since the real
 * tokenizers are not public.
 */
export const referenceModels: readonly ReferenceModel[] = [
  {
    id: 'gpt-4o',
    api: 'openai-chat',
    encoding: 'o200k_base',
    profile: undefined,
    tokenizer: 'public',
    reasoning: 'none',
    maxOutputTokens: 16384,
    caching: true,
  },
  {
    id: 'gpt-4',
    api: 'openai-chat',
    encoding: 'cl100k_base',
    profile: undefined,
    tokenizer: 'public',
    reasoning: 'none',
    maxOutputTokens: 8192,
    caching: false,
  },
  {
    id: 'o3',
    api: 'openai-chat',
    encoding: 'o200k_base',
    profile: undefined,
    tokenizer: 'public',
    reasoning: 'always',
    maxOutputTokens: 100000,
    caching: true,
    completionLimitOnly: true,
  },
  {
    id: 'claude-sonnet-4-5',
    api: 'anthropic-messages',
    encoding: 'o200k_base',
    profile: 'tms-reference-anthropic',
    tokenizer: 'opaque',
    reasoning: 'on-request',
    maxOutputTokens: 64000,
    caching: true,
  },
  {
    id: 'gemini-2.5-flash',
    api: 'gemini',
    encoding: 'o200k_base',
    profile: 'tms-reference-gemini',
    tokenizer: 'opaque',
    reasoning: 'on-request',
    maxOutputTokens: 65536,
    caching: true,
  },
];

/** The model with this id served by this API, or undefined (the caller answers 404 in the API's error shape). */
export function findReferenceModel(api: ReferenceApi, id: string): ReferenceModel | undefined {
  return referenceModels.find((m) => m.api === api && m.id === id);
}
