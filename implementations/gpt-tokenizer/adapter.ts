// gpt-tokenizer (pure JavaScript BPE) through its public API: the per-encoding module
// gpt-tokenizer/encoding/NAME and its encode(text, { allowedSpecial, disallowedSpecial }).
// Special-token strings count as text unless the case allows them (TMS-M-005), so
// disallowedSpecial is always an empty set (the default, "all", throws). chat-count goes through
// the per-model module gpt-tokenizer/model/MODEL and its countChatCompletionTokens({ messages,
// functions }), each Chat Completions function tool passed as the `functions` entry it wraps;
// models without the function, content parts and tool-call messages are skipped.
import { installedVersion, serve, Skip } from '../common/serve.js';

type Encode = (text: string, o: { allowedSpecial?: Set<string> | 'all'; disallowedSpecial?: Set<string> | 'all' }) => number[];
const NAMES = ['gpt2', 'r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'];
const encoders = new Map<string, Encode>();
async function encoder(name: string): Promise<Encode> {
  let e = encoders.get(name);
  if (!e) {
    if (!NAMES.includes(name)) throw new Skip(`gpt-tokenizer has no encoding ${name}`);
    e = ((await import(`gpt-tokenizer/encoding/${name}`)) as { encode: Encode }).encode;
    encoders.set(name, e);
  }
  return e;
}

type CountChat = (request: { messages: unknown[]; functions?: unknown[] }) => number;
async function chatCounter(model: string): Promise<CountChat> {
  let m: { countChatCompletionTokens?: CountChat };
  try {
    m = (await import(`gpt-tokenizer/model/${model}`)) as typeof m;
  } catch {
    throw new Skip(`gpt-tokenizer has no model module for ${model}`);
  }
  if (!m.countChatCompletionTokens) throw new Skip(`gpt-tokenizer has no countChatCompletionTokens for ${model}`);
  return m.countChatCompletionTokens;
}

serve(
  {
    name: 'gpt-tokenizer',
    version: await installedVersion('gpt-tokenizer'),
    homepage: 'https://github.com/niieani/gpt-tokenizer',
    adapter: 'implementations/gpt-tokenizer',
  },
  {
    'text-count': async (i: { encoding: string; text: string; allowed_special?: 'all' | string[] }) => {
      const allowed = i.allowed_special === undefined ? new Set<string>() : i.allowed_special === 'all' ? 'all' : new Set(i.allowed_special);
      return { count: (await encoder(i.encoding))(i.text, { allowedSpecial: allowed, disallowedSpecial: new Set() }).length };
    },
    'chat-count': async (i: { model: string; messages: Record<string, unknown>[]; tools?: { type?: string; function?: unknown }[] }) => {
      // The library's ChatMessage has string content and no tool_calls; its request takes the
      // legacy `functions` list, which is what each Chat Completions tool of type function holds.
      for (const m of i.messages) {
        if (typeof m.content !== 'string') throw new Skip('gpt-tokenizer ChatMessage content is a string: content parts are not expressible');
        if (m.tool_calls !== undefined || m.role === 'tool') throw new Skip('gpt-tokenizer ChatMessage has no tool_calls or tool role');
      }
      if (i.tools?.some((t) => t.type !== 'function')) throw new Skip('gpt-tokenizer prices only function tools');
      const functions = i.tools?.map((t) => t.function);
      return { prompt_tokens: (await chatCounter(i.model))({ messages: i.messages, ...(functions ? { functions } : {}) }) };
    },
  },
);
