import type { ApiStyle } from '../types.js';
import { anthropicAdapter } from './anthropic.js';
import { geminiAdapter } from './gemini.js';
import { openaiChatAdapter } from './openaiChat.js';
import type { Adapter } from './types.js';

const adapters: Readonly<Record<ApiStyle, Adapter>> = { 'openai-chat': openaiChatAdapter, anthropic: anthropicAdapter, gemini: geminiAdapter };

/** The wire-format adapter of an API style. */
export function adapterFor(api: ApiStyle): Adapter {
  return adapters[api];
}
