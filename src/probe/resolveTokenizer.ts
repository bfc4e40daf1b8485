import { UsageError } from '../errors/errors.js';
import { chatProfiles, defaultChatProfile } from '../measure/chatProfiles.js';
import { safeEncodingForModel } from '../measure/encodingForModel.js';
import { encodingNames } from '../measure/encodings.js';
import type { ApiStyle, ModelProfile } from './types.js';

/** A tokenizer as a target declares it: `auto` (the default), `opaque`, or a public encoding and framing profile. */
export type TokenizerSpec = 'auto' | 'opaque' | { readonly encoding: string; readonly profile?: string };

/** The tokenizer a model is probed with, and, when `auto` chose it, what was assumed and why (TMS-C-113). */
export interface ResolvedTokenizer {
  readonly tokenizer: ModelProfile['tokenizer'];
  readonly assumption?: string;
}

/**
 * Resolves a declared tokenizer for a model (TMS-C-113). `auto` uses tiktoken's model map
 * (src/measure/encodingForModel.ts): a model of the OpenAI Chat API whose id the map knows, on an
 * encoding the cookbook framing was verified on (cl100k_base, o200k_base), is assumed to count with that
 * encoding and the model's default framing profile; anything else is opaque. The sentence saying
 * which was chosen, and why, goes into the report.
 */
export function resolveTokenizer(modelId: string, api: ApiStyle, spec: TokenizerSpec): ResolvedTokenizer {
  if (spec !== 'auto') return { tokenizer: spec };
  const override = 'declare the tokenizer (--tokenizer, or tokenizer: in the target) to change this';
  if (api !== 'openai-chat')
    return {
      tokenizer: 'opaque',
      assumption: `${modelId}: tokenizer opaque (auto: the public chat framing profiles describe the OpenAI Chat API, and this model speaks ${api}); ${override}`,
    };
  const encoding = safeEncodingForModel(modelId);
  if (encoding === undefined)
    return { tokenizer: 'opaque', assumption: `${modelId}: tokenizer opaque (auto: tiktoken's model map does not know this model id); ${override}` };
  if (encoding !== 'cl100k_base' && encoding !== 'o200k_base')
    return {
      tokenizer: 'opaque',
      assumption: `${modelId}: tokenizer opaque (auto: tiktoken maps it to ${encoding}, for which no chat framing profile is verified); ${override}`,
    };
  const profile = defaultChatProfile(modelId).id;
  return {
    tokenizer: { encoding, profile },
    assumption: `${modelId}: tokenizer assumed ${encoding} with framing ${profile} (auto: tiktoken's model map sends "${modelId}" to ${encoding}, and ${profile} is the framing OpenAI documents for its chat models); the exact checks and tokenizer-fingerprint test this assumption; ${override}`,
  };
}

/** Parses `--tokenizer auto|opaque|ENCODING[:PROFILE]`; an unknown encoding or profile is a usage error listing the known ones. */
export function parseTokenizerFlag(v: string): TokenizerSpec {
  if (v === 'auto' || v === 'opaque') return v;
  const [encoding, profile, extra] = v.split(':');
  if (extra !== undefined || !encodingNames.some((e) => e === encoding)) {
    throw new UsageError(`probe: --tokenizer must be auto, opaque or ENCODING[:PROFILE] with ENCODING one of ${encodingNames.join(', ')}; got "${v}"`);
  }
  if (profile !== undefined && !Object.hasOwn(chatProfiles, profile))
    throw new UsageError(`probe: unknown framing profile "${profile}" in --tokenizer; known: ${Object.keys(chatProfiles).join(', ')}`);
  return profile !== undefined ? { encoding, profile } : { encoding };
}
