import type { Usage } from '../schemas/types.gen.js';
import { anthropicMessages } from './conventions/anthropicMessages.js';
import { gemini } from './conventions/gemini.js';
import { openaiChat } from './conventions/openaiChat.js';
import { openaiResponses } from './conventions/openaiResponses.js';
import type { ToCellsResult, UsageApi, UsageConvention } from './conventions/types.js';
import type { ConventionVariant } from './conventions/variants.js';

export type { OtherModelUsage, ToCellsResult, UsageApi, UsageConvention } from './conventions/types.js';
import { conventionVariants } from './conventions/variants.js';
import { isRecord } from '../io/isRecord.js';
export { conventionIds, conventionVariants, resolveConvention } from './conventions/variants.js';
export type { ConventionVariant, DeclaredConvention } from './conventions/variants.js';

/** The four conventions by API name (TMS-M-024..027). */
export const usageConventions: Readonly<Record<UsageApi, UsageConvention>> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  'anthropic-messages': anthropicMessages,
  gemini,
};

/** Every supported usage API name. */
export const usageApis: readonly UsageApi[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'];

/** Whether a value (a flag, a vector field) names a supported usage API. */
export function isUsageApi(x: unknown): x is UsageApi {
  return usageApis.some((api) => api === x);
}

/**
 * Normalises a provider-native usage object to canonical cells, or says why it is invalid (TMS-M-029).
 * Under a declared usage variant of the same API (TMS-M-056) the object is first rewritten into the
 * convention's form; a rejection then says which variant it was read under.
 */
export function toCells(api: UsageApi, native: unknown, variant?: ConventionVariant): ToCellsResult {
  if (variant === undefined || variant.api !== api || variant.toConvention === undefined || !isRecord(native)) {
    return usageConventions[api].toCells(native);
  }
  const r = usageConventions[api].toCells(variant.toConvention(native));
  return r.ok ? r : { ...r, message: `read as ${variant.id}: ${r.message}` };
}

/**
 * The usage variants under which an object its own convention rejects would be valid (TMS-M-055):
 * evidence for a report that names the known deviation, never a reason to accept the object.
 */
export function matchingVariants(api: UsageApi, native: unknown): string[] {
  if (toCells(api, native).ok) return [];
  return conventionVariants.filter((v) => v.api === api && v.toConvention !== undefined && toCells(api, native, v).ok).map((v) => v.id);
}

/** Renders canonical cells as the provider-native usage object of `api` (TMS-M-028). */
export function fromCells(api: UsageApi, usage: Usage): Record<string, unknown> {
  return usageConventions[api].fromCells(usage);
}
