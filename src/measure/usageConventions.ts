import type { Usage } from '../schemas/types.gen.js';
import { anthropicMessages } from './conventions/anthropicMessages.js';
import { gemini } from './conventions/gemini.js';
import { openaiChat } from './conventions/openaiChat.js';
import { openaiResponses } from './conventions/openaiResponses.js';
import type { ToCellsResult, UsageApi, UsageConvention } from './conventions/types.js';

export type { ToCellsResult, UsageApi, UsageConvention } from './conventions/types.js';

/** The four conventions by API name (TMS-M-024..027). */
export const usageConventions: Readonly<Record<UsageApi, UsageConvention>> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  'anthropic-messages': anthropicMessages,
  gemini,
};

/** Every supported usage API name. */
export const usageApis: readonly UsageApi[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'];

/** Normalises a provider-native usage object to canonical cells, or says why it is invalid (TMS-M-029). */
export function toCells(api: UsageApi, native: unknown): ToCellsResult {
  return usageConventions[api].toCells(native);
}

/** Renders canonical cells as the provider-native usage object of `api` (TMS-M-028). */
export function fromCells(api: UsageApi, usage: Usage): Record<string, unknown> {
  return usageConventions[api].fromCells(usage);
}
