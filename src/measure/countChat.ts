import { InputError } from '../errors/errors.js';
import { getEncoding, type Encoding, type EncodingName } from './encodings.js';
import { encodingForModel } from './encodingForModel.js';
import { defaultChatProfile, getChatProfile, type ChatProfile } from './chatProfiles.js';
import { countTools, type ChatTool, type ToolCount } from './countTools.js';

export type { ChatTool } from './countTools.js';

/** A content part of a chat message (text parts are counted; other parts need their own rule). */
export interface ChatContentPart {
  type: string;
  text?: string;
  [k: string]: unknown;
}

/** An OpenAI Chat Completions message. */
export interface ChatMessage {
  role: string;
  content?: string | ChatContentPart[] | null;
  name?: string;
  tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: string } }[];
  [k: string]: unknown;
}

/** A chat request to count. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  /** Framing profile id; defaults from the model (TMS-M-011/012). */
  profile?: string;
  /**
   * Encoding name; defaults from the profile, else from the model (TMS-M-003). Lets callers count
   * for model ids tiktoken does not know (e.g. a provider's own id with a declared encoding).
   */
  encoding?: string;
}

/** Where each token of a chat count comes from. */
export interface ChatBreakdown {
  profile: string;
  encoding: EncodingName;
  messages: { index: number; role: string; framing: number; text: number; name: number; total: number }[];
  tools: { total: number; tools: ToolCount[]; funcEnd: number };
  replyPriming: number;
}

/** Counts the string fields of one message by the cookbook rule: every string value is text. */
function messageText(enc: Encoding, m: ChatMessage, i: number): number {
  let n = 0;
  for (const [key, value] of Object.entries(m)) {
    if (typeof value === 'string') n += enc.count(value);
    else if (key === 'content' && Array.isArray(value)) {
      value.forEach((part, j) => {
        if (part?.type === 'text' && typeof part.text === 'string') n += enc.count(part.text);
        else
          throw new InputError('input-invalid', `content part of type "${String(part?.type)}" cannot be counted as text; count images with imageTokens()`, {
            pointer: `/messages/${i}/content/${j}`,
          });
      });
    } else if (key === 'tool_calls' && Array.isArray(value)) {
      // Not API-verified: the cookbook does not count tool calls; tokencert counts name and arguments text.
      for (const call of value) n += enc.count(call?.function?.name ?? '') + enc.count(call?.function?.arguments ?? '');
    } else if (value !== null && value !== undefined && key !== 'content') {
      throw new InputError('input-invalid', `message field "${key}" is not a string and has no counting rule`, { pointer: `/messages/${i}/${key}` });
    }
  }
  return n;
}

/**
 * Resolves the profile and the encoding of a request: an explicit encoding wins over the model's
 * (TMS-M-003), but must agree with a profile that fixes its own.
 */
export function resolveChat(req: Pick<ChatRequest, 'model' | 'profile' | 'encoding'>): { profile: ChatProfile; enc: Encoding } {
  const profile = req.profile !== undefined ? getChatProfile(req.profile) : defaultChatProfile(req.model);
  const explicit = req.encoding !== undefined ? getEncoding(req.encoding).name : undefined;
  if (explicit !== undefined && profile.encoding !== undefined && explicit !== profile.encoding) {
    throw new InputError('input-invalid', `encoding ${explicit} contradicts profile ${profile.id}, which counts with ${profile.encoding}`, {
      pointer: '/encoding',
    });
  }
  const encName = profile.encoding ?? explicit ?? encodingForModel(req.model);
  // The cookbook profiles were API-verified only on cl100k_base and o200k_base.
  if (profile.encoding === undefined && encName !== 'cl100k_base' && encName !== 'o200k_base') {
    throw new InputError('unknown-model', `no chat framing profile for model "${req.model}" (encoding ${encName}); pass a profile`);
  }
  return { profile, enc: getEncoding(encName) };
}

/** Counts the prompt tokens of a chat request under a framing profile (TMS-M-011, M-012, M-013). */
export function countChat(req: ChatRequest): { total: number; breakdown: ChatBreakdown } {
  const { profile, enc } = resolveChat(req);
  if (!Array.isArray(req.messages)) throw new InputError('input-invalid', 'messages must be an array', { pointer: '/messages' });
  const messages = req.messages.map((m, index) => {
    if (m === null || typeof m !== 'object') throw new InputError('input-invalid', 'message must be an object', { pointer: `/messages/${index}` });
    const name = typeof m.name === 'string' ? profile.tokensPerName : 0;
    const text = messageText(enc, m, index);
    return { index, role: String(m.role), framing: profile.tokensPerMessage, text, name, total: profile.tokensPerMessage + text + name };
  });
  const tools = req.tools ?? [];
  if (tools.length > 0 && profile.tools === undefined) {
    throw new InputError('input-invalid', `profile ${profile.id} cannot count tools`, { pointer: '/tools' });
  }
  const toolCount = profile.tools ? countTools(enc, profile.tools, tools) : { total: 0, tools: [], funcEnd: 0 };
  const total = messages.reduce((s, m) => s + m.total, 0) + toolCount.total + profile.replyPriming;
  return { total, breakdown: { profile: profile.id, encoding: enc.name, messages, tools: toolCount, replyPriming: profile.replyPriming } };
}
