import { countText } from '../../measure/countText.js';
import { fromCells } from '../../measure/usageConventions.js';
import type { Usage } from '../../schemas/types.gen.js';
import { ApiError, asArray, asObject, asString, badRequest, optionalPositiveInt } from '../apiError.js';
import type { FaultHooks } from '../faultHooks.js';
import { findReferenceModel } from '../models.js';
import type { ReplyPlan } from '../planReply.js';
import type { PromptMessage, PromptTool, ReplyRequest } from '../replyRequest.js';
import type { SseEvent, WireReply } from '../wire.js';

/** The budget used for Gemini's dynamic thinking (`thinkingBudget: -1`). */
const DYNAMIC_THINKING_BUDGET = 8192;

/**
 * Validates a Gemini `generateContent` body (model from the path) into a neutral reply request.
 * Thinking happens only when `generationConfig.thinkingConfig.thinkingBudget` is positive or −1
 * (dynamic), so replies without it carry no thoughts.
 */
export function parseGemini(modelName: string, raw: unknown, stream: boolean): ReplyRequest {
  const model = findReferenceModel('gemini', modelName);
  if (!model) throw new ApiError('not-found', 404, `models/${modelName} is not found for API version v1beta, or is not supported for generateContent.`);
  const body = asObject(raw, 'body');
  const messages: PromptMessage[] = asArray(body.contents, 'contents').map((c, i) => {
    const content = asObject(c, `contents[${i}]`);
    const role = content.role ?? 'user';
    if (role !== 'user' && role !== 'model') throw badRequest(`contents[${i}].role: must be "user" or "model"`);
    return { role, content: partsText(content.parts, `contents[${i}].parts`) };
  });
  if (messages.length === 0) throw badRequest('contents is not specified');
  let system: string | undefined;
  if (body.systemInstruction !== undefined) {
    const si = body.systemInstruction;
    system = typeof si === 'string' ? si : partsText(asObject(si, 'systemInstruction').parts, 'systemInstruction.parts');
  }
  const tools: PromptTool[] = [];
  if (body.tools !== undefined) {
    asArray(body.tools, 'tools').forEach((t, i) => {
      const tool = asObject(t, `tools[${i}]`);
      const decls = asArray(tool.functionDeclarations, `tools[${i}].functionDeclarations`);
      decls.forEach((d, j) => {
        const decl = asObject(d, `tools[${i}].functionDeclarations[${j}]`);
        const fn: PromptTool['function'] = { name: asString(decl.name, `tools[${i}].functionDeclarations[${j}].name`) };
        if (decl.description !== undefined) fn.description = asString(decl.description, `tools[${i}].functionDeclarations[${j}].description`);
        if (decl.parameters !== undefined) fn.parameters = decl.parameters;
        tools.push({ type: 'function', function: fn });
      });
    });
  }
  const gc = body.generationConfig === undefined ? {} : asObject(body.generationConfig, 'generationConfig');
  const limit = optionalPositiveInt(gc, 'maxOutputTokens', 'generationConfig.maxOutputTokens');
  if (gc.candidateCount !== undefined && gc.candidateCount !== 1) throw badRequest('generationConfig.candidateCount must be 1 on the reference provider');
  let thinkingBudget: number | undefined;
  if (gc.thinkingConfig !== undefined) {
    const b = asObject(gc.thinkingConfig, 'generationConfig.thinkingConfig').thinkingBudget;
    if (b !== undefined && (typeof b !== 'number' || !Number.isInteger(b) || b < -1))
      throw badRequest('generationConfig.thinkingConfig.thinkingBudget must be an integer ≥ -1');
    if (b === -1) thinkingBudget = DYNAMIC_THINKING_BUDGET;
    else if (typeof b === 'number' && b > 0) thinkingBudget = b;
  }
  return {
    api: 'gemini',
    model,
    prompt: { messages, ...(system ? { system } : {}), ...(tools.length > 0 ? { tools } : {}) },
    limit,
    thinkingBudget,
    cacheWrite: undefined,
    stream,
    includeUsage: true,
    canonical: body,
  };
}

/** Validates a `countTokens` body: `{contents}` or `{generateContentRequest}`. */
export function parseGeminiCount(modelName: string, raw: unknown): ReplyRequest {
  const body = asObject(raw, 'body');
  if (body.generateContentRequest !== undefined) {
    const inner = asObject(body.generateContentRequest, 'generateContentRequest');
    return parseGemini(modelName, inner, false);
  }
  return parseGemini(modelName, { contents: body.contents }, false);
}

function partsText(parts: unknown, where: string): string {
  return asArray(parts, where)
    .map((p, j) => {
      const part = asObject(p, `${where}[${j}]`);
      if (typeof part.text === 'string') return part.thought === true ? '' : part.text;
      if (part.functionCall !== undefined) return JSON.stringify(part.functionCall);
      if (part.functionResponse !== undefined) return JSON.stringify(part.functionResponse);
      throw badRequest(`${where}[${j}]: only text, functionCall and functionResponse parts are supported by the reference provider`);
    })
    .join('');
}

/** The native `usageMetadata` of canonical cells, through the fault hooks (TMS-M-027). */
export function geminiUsage(usage: Usage, hooks: FaultHooks): Record<string, unknown> {
  const native = fromCells('gemini', usage);
  hooks.native?.('gemini', native);
  return native;
}

/** Renders a Gemini reply: one `GenerateContentResponse`, or SSE chunks each with cumulative `usageMetadata` (TMS-M-031). */
export function renderGemini(req: ReplyRequest, plan: ReplyPlan, hooks: FaultHooks): WireReply {
  const tail = { modelVersion: req.model.id, responseId: plan.id };
  const finishReason = plan.finish === 'length' ? 'MAX_TOKENS' : 'STOP';
  const candidate = (text: string, last: boolean): Record<string, unknown> => ({
    content: text === '' ? { role: 'model' } : { parts: [{ text }], role: 'model' },
    ...(last ? { finishReason } : {}),
    index: 0,
  });
  if (!req.stream) {
    return { kind: 'json', status: 200, body: { candidates: [candidate(plan.text.text, true)], usageMetadata: geminiUsage(plan.usage, hooks), ...tail } };
  }
  const chunks = plan.chunks.length > 0 ? plan.chunks : [''];
  const final = plan.streamUsage;
  const events: SseEvent[] = [];
  let sent = '';
  let before = 0;
  chunks.forEach((text, i) => {
    const last = i === chunks.length - 1;
    sent += text;
    const upTo = last ? undefined : countText(req.model.encoding, sent);
    const data: Record<string, unknown> = { candidates: [candidate(text, last)], ...tail };
    if (hooks.streamMode === 'cumulative') data.usageMetadata = geminiUsage(upTo === undefined ? final : withAnswer(final, upTo), hooks);
    if (hooks.streamMode === 'incremental') {
      // The fault stream-usage-incremental: each chunk reports only what it added (vllm#9357).
      const now = upTo ?? answerOf(final);
      const step =
        i === 0
          ? withAnswer(final, now)
          : { cells: [{ direction: 'output' as const, cache: 'none' as const, modality: 'text' as const, phase: 'answer' as const, tokens: now - before }] };
      data.usageMetadata = geminiUsage(step, hooks);
      before = now;
    }
    events.push({ data });
  });
  return { kind: 'sse', events };
}

function answerOf(u: Usage): number {
  return u.cells.filter((c) => c.direction === 'output' && c.phase === 'answer').reduce((n, c) => n + c.tokens, 0);
}

function withAnswer(u: Usage, tokens: number): Usage {
  return { cells: u.cells.map((c) => (c.direction === 'output' && c.phase === 'answer' ? { ...c, tokens: Math.min(tokens, c.tokens) } : c)) };
}
