import { countChat } from '../../measure/countChat.js';
import type { Prng } from './prng.js';

/** The native formats the generator writes (and the auditor reads). */
export type NativeKind = 'openai' | 'anthropic' | 'gemini';

/** Models per native kind; all are priced in examples/sheets/list-prices.yaml. */
export const modelsOf: Record<NativeKind, readonly string[]> = {
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro'],
};

const words =
  'the of and to in is that for on with as by at from this be or are an it not was which have can will but all they their has more one its about other may into than time only new some these two any such also use used using data model token price bill audit record count cache input output request response service usage period line total root proof shard worker merge stream exact decimal'.split(
    ' ',
  );

function sentence(r: Prng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(words));
  return `${out.join(' ')}.`;
}

/** What one generated request used, before any planted fault. */
export interface TrueUsage {
  model: string;
  prompt: number;
  cached: number;
  written: number;
  output: number;
  reasoning: number;
  request?: { model: string; messages: { role: string; content: string }[] };
}

/** Draws a realistic usage for `model`; OpenAI requests carry their messages and an exact prompt count (TMS-M-011). */
export function drawUsage(r: Prng, kind: NativeKind, model: string, withContent: boolean): TrueUsage {
  const output = r.int(5, 1200);
  const reasoning = kind === 'gemini' && r.chance(0.5) ? r.int(10, 800) : 0;
  if (kind === 'openai' && withContent) {
    const messages = [
      { role: 'system', content: sentence(r, r.int(5, 30)) },
      { role: 'user', content: sentence(r, r.int(5, 200)) },
    ];
    const prompt = countChat({ model, messages }).total;
    return { model, prompt, cached: 0, written: 0, output, reasoning: 0, request: { model, messages } };
  }
  const prompt = r.int(20, 6000);
  // OpenAI caches in 128-token steps from 1024 (openai/openai-cookbook examples/Prompt_Caching_201.ipynb); others anywhere.
  const cached =
    prompt >= 1152 && r.chance(0.3) ? (kind === 'openai' ? 1024 + 128 * r.int(0, Math.floor((prompt - 1024) / 128) - 1) : r.int(1, prompt - 1)) : 0;
  const written = kind === 'anthropic' && r.chance(0.2) ? r.int(0, prompt - cached) : 0;
  return { model, prompt, cached, written, output, reasoning };
}

/** The provider-native usage line of a request (schemas/native-usage-line.json). */
export function nativeLine(kind: NativeKind, id: string, time: string, u: TrueUsage, extra: Record<string, unknown>): Record<string, unknown> {
  const unix = Math.floor(Date.parse(time) / 1000);
  if (kind === 'openai') {
    return {
      object: 'chat.completion',
      id,
      created: unix,
      model: u.model,
      usage: {
        prompt_tokens: u.prompt,
        completion_tokens: u.output,
        total_tokens: u.prompt + u.output,
        prompt_tokens_details: { cached_tokens: u.cached },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      ...(u.request ? { request: u.request } : {}),
      ...extra,
    };
  }
  if (kind === 'anthropic') {
    // Anthropic's input_tokens excludes cache reads and writes (TMS-M-026).
    return {
      type: 'message',
      id,
      time,
      model: u.model,
      usage: {
        input_tokens: u.prompt - u.cached - u.written,
        cache_creation_input_tokens: u.written,
        cache_read_input_tokens: u.cached,
        output_tokens: u.output,
      },
      ...extra,
    };
  }
  const meta: Record<string, unknown> = { promptTokenCount: u.prompt, candidatesTokenCount: u.output, totalTokenCount: u.prompt + u.output + u.reasoning };
  if (u.cached > 0) meta.cachedContentTokenCount = u.cached;
  if (u.reasoning > 0) meta.thoughtsTokenCount = u.reasoning;
  return { responseId: id, createTime: time, modelVersion: u.model, usageMetadata: meta, ...extra };
}

/** A record id in the style of the provider. */
export function recordId(kind: NativeKind, seed: number, i: number): string {
  const tail = `${seed.toString(36)}${i.toString(36).padStart(7, '0')}`;
  return kind === 'openai' ? `chatcmpl-${tail}` : kind === 'anthropic' ? `msg_${tail}` : `gem-${tail}`;
}
