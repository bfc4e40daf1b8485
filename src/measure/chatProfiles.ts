import { InputError } from '../errors/errors.js';
import type { EncodingName } from './encodings.js';

/** Constants of the cookbook's tool-definition framing (TMS-M-013). */
export interface ToolFraming {
  /** Per tool, by encoding of the model (gpt-4o family 7, gpt-4 / gpt-3.5-turbo 10). */
  readonly funcInit: Readonly<Partial<Record<EncodingName, number>>>;
  readonly propInit: number;
  readonly propKey: number;
  readonly enumInit: number;
  readonly enumItem: number;
  readonly funcEnd: number;
}

/** A named chat framing profile (TMS-M-011): framing tokens are data, not code. */
export interface ChatProfile {
  readonly id: string;
  readonly description: string;
  /** Where the constants come from. */
  readonly source: string;
  /** Framing tokens added per message. */
  readonly tokensPerMessage: number;
  /** Tokens added when a message has a `name` (negative when the name replaces the role). */
  readonly tokensPerName: number;
  /** Tokens that prime the reply (`<|start|>assistant<|message|>`). */
  readonly replyPriming: number;
  /** Fixed encoding, or undefined to resolve it from the model (TMS-M-003). */
  readonly encoding?: EncodingName;
  /** Tool framing, or undefined when the profile cannot count tools. */
  readonly tools?: ToolFraming;
}

/** The cookbook's `num_tokens_for_tools` constants (openai/openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb). */
export const cookbookToolFraming: ToolFraming = {
  funcInit: { o200k_base: 7, cl100k_base: 10 },
  propInit: 3,
  propKey: 3,
  enumInit: -3,
  enumItem: 3,
  funcEnd: 12,
};

const referenceToolFraming: ToolFraming = { ...cookbookToolFraming, funcInit: { o200k_base: 7 } };

/** Every framing profile tokencert knows, by id. */
export const chatProfiles: Readonly<Record<string, ChatProfile>> = {
  'openai-cookbook-2024': {
    id: 'openai-cookbook-2024',
    description: 'OpenAI chat models on cl100k_base/o200k_base: 3 per message, +1 per name, 3 reply priming (TMS-M-011).',
    source: 'openai/openai-cookbook@c81359c examples/How_to_count_tokens_with_tiktoken.ipynb (API-verified 129/124; tools 105/101)',
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 3,
    tools: cookbookToolFraming,
  },
  'openai-gpt-3.5-turbo-0301': {
    id: 'openai-gpt-3.5-turbo-0301',
    description: 'gpt-3.5-turbo-0301: 4 per message, −1 per name (the name replaces the role), 3 reply priming (TMS-M-012).',
    source: 'openai/openai-cookbook@06d9feb examples/How_to_count_tokens_with_tiktoken.ipynb (API-verified 127)',
    tokensPerMessage: 4,
    tokensPerName: -1,
    replyPriming: 3,
  },
  'tms-reference-anthropic': {
    id: 'tms-reference-anthropic',
    description:
      'tokencert\'s reference provider, Anthropic-style endpoint: o200k_base, 4 per message (the system prompt counts as a message with role "system"), +0 per name, 3 reply priming, cookbook tool framing with func_init 7.',
    source: 'tokencert spec part M (own definition; does not claim to match Anthropic counts)',
    tokensPerMessage: 4,
    tokensPerName: 0,
    replyPriming: 3,
    encoding: 'o200k_base',
    tools: referenceToolFraming,
  },
  'tms-reference-gemini': {
    id: 'tms-reference-gemini',
    description:
      'tokencert\'s reference provider, Gemini-style endpoint: o200k_base, 2 per content (role "user"/"model" counted as text; systemInstruction counts as a message with role "system"), +0 per name, 2 reply priming, cookbook tool framing with func_init 7.',
    source: 'tokencert spec part M (own definition; does not claim to match Gemini counts)',
    tokensPerMessage: 2,
    tokensPerName: 0,
    replyPriming: 2,
    encoding: 'o200k_base',
    tools: referenceToolFraming,
  },
};

/** Returns a profile by id; unknown ids are an InputError listing the known ones. */
export function getChatProfile(id: string): ChatProfile {
  const p = Object.hasOwn(chatProfiles, id) ? chatProfiles[id] : undefined;
  if (!p) throw new InputError('input-invalid', `unknown chat framing profile "${id}"; known: ${Object.keys(chatProfiles).join(', ')}`);
  return p;
}

/** The default profile of a model: the 0301 variant for gpt-3.5-turbo-0301, else the cookbook rule (TMS-M-011, TMS-M-012). */
export function defaultChatProfile(model: string): ChatProfile {
  return getChatProfile(model === 'gpt-3.5-turbo-0301' ? 'openai-gpt-3.5-turbo-0301' : 'openai-cookbook-2024');
}
