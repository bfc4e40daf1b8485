import { InputError } from '../errors/errors.js';
import type { Encoding } from './encodings.js';
import type { ToolFraming } from './chatProfiles.js';

/** An OpenAI Chat Completions function tool definition. */
export interface ChatTool {
  type?: 'function' | string;
  function: {
    name: string;
    description?: string;
    parameters?: { type?: string; properties?: Record<string, ToolProperty>; required?: string[]; [k: string]: unknown };
    [k: string]: unknown;
  };
}

/** One JSON-Schema property of a tool's parameters, as far as the cookbook rule reads it. */
export interface ToolProperty {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  [k: string]: unknown;
}

/** Per-tool breakdown of the tool framing. */
export interface ToolCount {
  readonly name: string;
  readonly tokens: number;
}

function stripOnePeriod(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/**
 * Counts tool definitions by the cookbook's `num_tokens_for_tools` (TMS-M-013). Where the
 * cookbook would crash (missing description), the description is taken as empty; nested
 * objects and `required` are not counted, exactly as in the cookbook.
 */
export function countTools(enc: Encoding, framing: ToolFraming, tools: readonly ChatTool[]): { total: number; tools: ToolCount[]; funcEnd: number } {
  if (tools.length === 0) return { total: 0, tools: [], funcEnd: 0 };
  const funcInit = framing.funcInit[enc.name];
  if (funcInit === undefined) {
    throw new InputError('input-invalid', `tool framing has no func_init for encoding ${enc.name}`);
  }
  const out: ToolCount[] = [];
  let total = 0;
  tools.forEach((tool, i) => {
    const f = tool?.function;
    if (!f || typeof f.name !== 'string') throw new InputError('input-invalid', 'tool has no function.name', { pointer: `/tools/${i}/function/name` });
    let n = funcInit + enc.count(`${f.name}:${stripOnePeriod(f.description ?? '')}`);
    const props = f.parameters?.properties ?? {};
    const keys = Object.keys(props);
    if (keys.length > 0) {
      n += framing.propInit;
      for (const key of keys) {
        const p = props[key] ?? {};
        n += framing.propKey;
        if (Array.isArray(p.enum)) {
          n += framing.enumInit;
          for (const item of p.enum) n += framing.enumItem + enc.count(String(item));
        }
        const type = Array.isArray(p.type) ? p.type.join(',') : (p.type ?? '');
        n += enc.count(`${key}:${type}:${stripOnePeriod(typeof p.description === 'string' ? p.description : '')}`);
      }
    }
    out.push({ name: f.name, tokens: n });
    total += n;
  });
  return { total: total + framing.funcEnd, tools: out, funcEnd: framing.funcEnd };
}
