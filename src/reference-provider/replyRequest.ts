import type { ReferenceApi, ReferenceModel } from './models.js';

/** A chat message in the OpenAI Chat Completions shape, the input of the reference counter. */
export interface PromptMessage {
  role: string;
  content: string;
  name?: string;
}

/** A function tool in the OpenAI Chat Completions shape (TMS-M-013 framing). */
export interface PromptTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: unknown };
}

/** What is counted as the prompt: messages, tools and (Anthropic, Gemini) a separate system prompt. */
export interface Prompt {
  /** Messages as the OpenAI-style counter takes them; for OpenAI requests, exactly as sent. */
  readonly messages: readonly unknown[];
  readonly tools?: readonly unknown[];
  /** The system prompt of Anthropic- and Gemini-style requests (empty or absent = none). */
  readonly system?: string;
}

/** One `cache_control` breakpoint: everything up to the end of prompt part `part` is cached for `ttl`. */
export interface CacheBreakpoint {
  readonly ttl: '5m' | '1h';
  readonly part: number;
}

/** An API-neutral generation request, built by each API's parser and served by planReply. */
export interface ReplyRequest {
  readonly api: ReferenceApi;
  readonly model: ReferenceModel;
  readonly prompt: Prompt;
  /** max_tokens / max_completion_tokens / max_output_tokens; undefined = the model's own maximum. */
  readonly limit: number | undefined;
  /** Thinking budget when the request enables thinking (Anthropic `thinking`, Gemini `thinkingConfig`). */
  readonly thinkingBudget: number | undefined;
  /** Lifetime of an Anthropic `cache_control` breakpoint in the request, if any (enables cache writes). */
  readonly cacheWrite: '5m' | '1h' | undefined;
  /**
   * Anthropic `cache_control` breakpoints: the lifetime of each and the part of the prompt it closes
   * (an index into the parts promptTokenIds renders: tools, system, then each message).
   */
  readonly cacheBreakpoints?: readonly CacheBreakpoint[];
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** The request without its transport-only fields (stream flags): the reply is a function of its digest. */
  readonly canonical: unknown;
}
