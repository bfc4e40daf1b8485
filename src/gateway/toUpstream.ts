import type { UsageApi } from '../measure/usageConventions.js';
import { GatewayError } from './GatewayError.js';

/** The upstream APIs the reference gateway translates to. */
export type UpstreamApi = Extract<UsageApi, 'openai-chat' | 'anthropic-messages' | 'gemini'>;

/** The three upstream API names, for argument checks. */
export const upstreamApis: readonly UpstreamApi[] = ['openai-chat', 'anthropic-messages', 'gemini'];

/** An HTTP request to send upstream: path (with query) below the upstream base URL, JSON body, headers. */
export interface UpstreamRequest {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** A client message reduced to what every upstream can carry: role, text blocks, cache marks. */
interface TextBlock {
  readonly text: string;
  readonly cacheControl?: unknown;
}

const obj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function blocksOf(m: Record<string, unknown>, where: string): TextBlock[] {
  const c = m.content;
  if (c === null || c === undefined) return [];
  if (typeof c === 'string') return [{ text: c, ...(m.cache_control !== undefined ? { cacheControl: m.cache_control } : {}) }];
  if (!Array.isArray(c)) throw new GatewayError(400, `${where}.content must be a string or an array of parts`);
  return c.map((p, j) => {
    if (!obj(p) || p.type !== 'text' || typeof p.text !== 'string')
      throw new GatewayError(400, `${where}.content[${j}]: only text parts are translated by the reference gateway`);
    return { text: p.text, ...(p.cache_control !== undefined ? { cacheControl: p.cache_control } : {}) };
  });
}

function clientMessages(body: Record<string, unknown>): { role: string; blocks: TextBlock[] }[] {
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw new GatewayError(400, 'messages must be a non-empty array');
  return body.messages.map((m, i) => {
    if (!obj(m) || typeof m.role !== 'string') throw new GatewayError(400, `messages[${i}] must be an object with a role`);
    return { role: m.role, blocks: blocksOf(m, `messages[${i}]`) };
  });
}

function clientTools(body: Record<string, unknown>): { name: string; description?: string; parameters?: unknown }[] {
  if (body.tools === undefined) return [];
  if (!Array.isArray(body.tools)) throw new GatewayError(400, 'tools must be an array');
  return body.tools.map((t, i) => {
    const fn = obj(t) ? t.function : undefined;
    if (!obj(fn) || typeof fn.name !== 'string') throw new GatewayError(400, `tools[${i}].function.name is required`);
    return {
      name: fn.name,
      ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
      ...(fn.parameters !== undefined ? { parameters: fn.parameters } : {}),
    };
  });
}

/** The output limit the client asked for, under either OpenAI name. */
function clientLimit(body: Record<string, unknown>): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

const SYSTEM_ROLES = new Set(['system', 'developer']);

/**
 * Translates an OpenAI Chat Completions body into the upstream API's request, the way common
 * gateways do: system/developer messages become Anthropic `system` or Gemini `systemInstruction`;
 * text parts keep their `cache_control` marks for Anthropic (the LiteLLM convention); tools become
 * the upstream's tool declarations; a stream always asks the upstream for usage.
 */
export function toUpstream(api: UpstreamApi, body: Record<string, unknown>, stream: boolean): UpstreamRequest {
  if (typeof body.model !== 'string' || body.model === '') throw new GatewayError(400, 'model is required');
  const model = body.model;
  const messages = clientMessages(body);
  const tools = clientTools(body);
  const limit = clientLimit(body);
  if (api === 'openai-chat') {
    const { stream_options: _o, ...rest } = body;
    return { path: '/v1/chat/completions', body: { ...rest, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) }, headers: {} };
  }
  const system = messages.filter((m) => SYSTEM_ROLES.has(m.role)).flatMap((m) => m.blocks);
  const turns = messages.filter((m) => !SYSTEM_ROLES.has(m.role));
  if (api === 'anthropic-messages') {
    const block = (b: TextBlock) => ({ type: 'text', text: b.text, ...(b.cacheControl !== undefined ? { cache_control: b.cacheControl } : {}) });
    const out: Record<string, unknown> = {
      model,
      max_tokens: limit ?? 1024,
      messages: turns.map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: m.blocks.map(block) })),
    };
    if (system.length > 0) out.system = system.map(block);
    if (tools.length > 0)
      out.tools = tools.map((t) => ({
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        input_schema: t.parameters ?? { type: 'object', properties: {} },
      }));
    if (obj(body.thinking)) out.thinking = body.thinking;
    if (stream) out.stream = true;
    return { path: '/v1/messages', body: out, headers: { 'anthropic-version': '2023-06-01' } };
  }
  const out: Record<string, unknown> = {
    contents: turns.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: m.blocks.map((b) => ({ text: b.text })) })),
  };
  if (system.length > 0) out.systemInstruction = { parts: system.map((b) => ({ text: b.text })) };
  if (tools.length > 0) out.tools = [{ functionDeclarations: tools }];
  const gc: Record<string, unknown> = {};
  if (limit !== undefined) gc.maxOutputTokens = limit;
  // Anthropic-style `thinking.budget_tokens` maps to Gemini's thinking budget (a common gateway extension).
  if (obj(body.thinking) && typeof body.thinking.budget_tokens === 'number') gc.thinkingConfig = { thinkingBudget: body.thinking.budget_tokens };
  if (Object.keys(gc).length > 0) out.generationConfig = gc;
  const path = `/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  return { path, body: out, headers: {} };
}
