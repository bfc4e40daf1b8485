import { countChat } from '../measure/countChat.js';
import { countText } from '../measure/countText.js';
import { getEncoding } from '../measure/encodings.js';
import type { ReferenceModel } from './models.js';
import type { Prompt } from './replyRequest.js';
import { isRecord } from '../io/isRecord.js';

/**
 * Counts a prompt with the reference counter: the model's encoding and framing profile (TMS-M-011,
 * TMS-M-013). For OpenAI-style models this is exactly `countChat` on the request's messages and
 * tools, so a probe using the same measure functions computes the same number.
 */
export function countPrompt(model: ReferenceModel, prompt: Prompt): number {
  const messages = prompt.system ? [{ role: 'system', content: prompt.system }, ...prompt.messages] : [...prompt.messages];
  const req = {
    model: model.id,
    messages,
    ...(prompt.tools && prompt.tools.length > 0 ? { tools: [...prompt.tools] } : {}),
    ...(model.profile ? { profile: model.profile } : { encoding: model.encoding }),
  };
  return countChat(req as Parameters<typeof countChat>[0]).total;
}

/** The tokens of the prompt's text alone, without any framing: what a naive count endpoint returns. */
export function countPromptText(model: ReferenceModel, prompt: Prompt): number {
  return textOf(prompt).reduce((n, t) => n + countText(model.encoding, t), 0);
}

/** The parts of the linear rendering of a prompt: tools, system, then each message. */
function promptParts(prompt: Prompt): string[] {
  const parts: string[] = [];
  if (prompt.tools && prompt.tools.length > 0) parts.push(JSON.stringify(prompt.tools));
  if (prompt.system) parts.push(`system\n${prompt.system}`);
  for (const m of prompt.messages) {
    const msg = isRecord(m) ? m : {};
    parts.push(`${String(msg.role)}\n${contentText(msg.content)}`);
  }
  return parts;
}

/** The token ids of a linear rendering of the prompt (tools, system, then messages): the sequence whose prefixes are cached. */
export function promptTokenIds(model: ReferenceModel, prompt: Prompt): number[] {
  return getEncoding(model.encoding).encode(promptParts(prompt).join('\n'));
}

/** The number of tokens of the linear rendering up to the end of part `part` (an Anthropic cache breakpoint's position). */
export function promptTokensThrough(model: ReferenceModel, prompt: Prompt, part: number): number {
  const parts = promptParts(prompt);
  return getEncoding(model.encoding).encode(parts.slice(0, Math.max(0, Math.min(part, parts.length - 1)) + 1).join('\n')).length;
}

function textOf(prompt: Prompt): string[] {
  const out: string[] = [];
  if (prompt.system) out.push(prompt.system);
  for (const m of prompt.messages) out.push(contentText(isRecord(m) ? m.content : undefined));
  return out;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
  return '';
}
